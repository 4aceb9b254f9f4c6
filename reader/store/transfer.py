"""Export the whole library to one JSON file and import such a file back.

The file holds, per article: metadata, the reader's state (tags, position, flags, times, language
corrections), blocks, every translation (the title's too, with their sentence pairs, scores and origins)
and the stored highlights; beside the articles, the translation memory and the glossary
(``memory_transfer``). It is written to a temporary file and
renamed, so a failed export never leaves half a file under the chosen name.

Import merges by source (canonical URL or path), else by identical content: an article already in the
library gets the file's tags added, its translations and highlights, and the file's text only when the
file's copy is newer. Importing the same file twice changes nothing the second time. Each article is
imported in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from reader.core.document import TITLE_BLOCK_ID
from reader.core.errors import StoreError
from reader.core.export import span_to_dict
from reader.store import memory_transfer, records
from reader.store.codec import canonical_source, content_hash
from reader.store.import_check import BadEntry, ValidEntry, validate_entry
from reader.store.models import ImportResult, StoredArticle

T = TypeVar("T")


class Library(Protocol):
    """What export and import need of ``reader.store.library.Library`` (kept apart: no import cycle)."""

    def stored_ids(self) -> list[int]: ...

    def get(self, article_id: int) -> StoredArticle: ...

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T: ...

    def reading(self) -> AbstractContextManager[sqlite3.Connection]: ...


FORMAT = "reader-library"
VERSION = 1
# An export of 10,000 saved articles with translations is about 300 MiB; parsing holds several times the
# file in memory, so a file beyond this is refused rather than read.
MAX_IMPORT_BYTES = 512 * 1024 * 1024


def article_entry(stored: StoredArticle) -> dict[str, Any]:
    """One article of the export file."""
    article = stored.article
    return {
        "source": article.source,
        "title": article.title,
        "byline": article.byline,
        "site": article.site,
        "published": article.published,
        "lang": article.lang,
        "dropped": list(article.dropped),
        "target_lang": stored.target_lang,
        "added_at": stored.added,
        "updated_at": stored.updated,
        "opened_at": stored.opened,
        "archived": stored.archived,
        "favourite": stored.favourite,
        "tags": list(stored.tags),
        "position": (
            {"block_id": stored.position_block_id, "offset": stored.position_offset}
            if stored.position_block_id
            else None
        ),
        "language_overrides": stored.language_overrides,
        "blocks": [
            {
                "id": b.id,
                "kind": b.kind.value,
                "level": b.level,
                "text": b.text,
                "lang": b.lang,
                "confidence": b.confidence,
                "runs": [[r.start, r.end, r.lang, r.confidence] for r in b.runs],
            }
            for b in article.blocks
        ],
        "translations": [
            {
                "block_id": t.block_id,
                "target": t.target,
                "status": t.status.value,
                "text": t.text,
                "source_lang": t.source_lang,
                "detail": t.detail,
                "sentences": [
                    [p.source[0], p.source[1], p.target[0], p.target[1], p.score, p.origin.value]
                    for p in t.sentences
                ],
            }
            for t in stored.translations
        ],
        "annotations": [
            {
                "block_id": a.block_id,
                "original": [span_to_dict(s) for s in a.original],
                "translation": [span_to_dict(s) for s in a.translation],
            }
            for a in stored.annotations.values()
        ],
    }


def export_all(library: Library, path: Path) -> int:
    """Write every article not in the trash to ``path``; returns how many."""
    ids = library.stored_ids()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as out:
            header = {
                "format": FORMAT,
                "version": VERSION,
                "exported_at": dt.datetime.now(dt.UTC).isoformat(),
            }
            out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "articles": [\n')
            for index, article_id in enumerate(ids):
                if index:
                    out.write(",\n")
                out.write(json.dumps(article_entry(library.get(article_id)), ensure_ascii=False))
            with library.reading() as conn:
                memory = memory_transfer.memory_items(conn)
                glossary = memory_transfer.glossary_items(conn)
            out.write('\n], "translation_memory": ')
            out.write(json.dumps(memory, ensure_ascii=False))
            out.write(', "glossary": ')
            out.write(json.dumps(glossary, ensure_ascii=False))
            out.write("}\n")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"Could not write {path}: {error.strerror or error}.") from error
    return len(ids)


def import_file(library: Library, path: Path) -> ImportResult:
    """Merge the articles of an export file into the library.

    Every entry is validated first (see ``import_check``); an invalid one is skipped with its reason and
    nothing of it is stored. The file itself is refused when it is bigger than MAX_IMPORT_BYTES, nested
    deeper than Python's parser allows, or not an export at all.
    """
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise StoreError(
                f"{path.name} is too big to import ({size / 2**20:.0f} MiB; the limit is "
                f"{MAX_IMPORT_BYTES // 2**20} MiB)."
            )
        with path.open(encoding="utf-8") as handle:
            data = json.loads(handle.read(MAX_IMPORT_BYTES + 1))
    except OSError as error:
        raise StoreError(f"Could not read {path}: {error.strerror or error}.") from error
    except RecursionError as error:
        raise StoreError(f"{path.name} is not a Reader library export (it is nested too deeply).") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise StoreError(f"{path.name} is not a Reader library export (it is not valid JSON).") from error
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("articles"), list)
    ):
        raise StoreError(f"{path.name} is not a Reader library export.")
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise StoreError(f"{path.name} is not a Reader library export (its version is not a number).")
    if version > VERSION:
        raise StoreError(f"{path.name} was written by a newer version of Reader: update Reader to import it.")
    added = updated = 0
    reasons: Counter[str] = Counter()
    now = time.time()
    for entry in data["articles"]:
        try:
            valid = validate_entry(entry, now=now)
        except BadEntry as bad:
            reasons[str(bad)] += 1
            continue
        if _import_one(library, valid):
            added += 1
        else:
            updated += 1
    entries, terms = library.write(lambda conn: memory_transfer.import_items(conn, data, now, reasons))
    return ImportResult(
        added, updated, sum(reasons.values()), tuple(sorted(reasons.items())), memory=entries, glossary=terms
    )


def _import_one(library: Library, entry: ValidEntry) -> bool:
    """Import one validated article in one transaction; True when it was new."""
    article = entry.article
    source = canonical_source(article.source)
    digest = content_hash(article)

    def write(conn: sqlite3.Connection) -> bool:
        existing = records.find_existing(conn, source, digest)
        if existing is not None:
            row = conn.execute("SELECT updated_at FROM articles WHERE id = ?", (existing,)).fetchone()
            if entry.updated_at > float(row[0]):
                records.write_article(conn, existing, article, source, digest, entry.target_lang)
            article_id = existing
        else:
            article_id = records.write_article(conn, None, article, source, digest, entry.target_lang)
            conn.execute(
                "UPDATE articles SET added_at = ?, updated_at = ?, opened_at = ?, archived = ?, "
                "favourite = ?, "
                "position_block = ?, position_offset = ?, position_seq = "
                "(SELECT seq FROM blocks WHERE article_id = ? AND block_id = ?) WHERE id = ?",
                (
                    entry.added_at,
                    entry.updated_at,
                    entry.opened_at,
                    int(entry.archived),
                    int(entry.favourite),
                    entry.position_block,
                    entry.position_offset,
                    article_id,
                    entry.position_block,
                    article_id,
                ),
            )
        present = {
            row[0] for row in conn.execute("SELECT block_id FROM blocks WHERE article_id = ?", (article_id,))
        }
        stored_title = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        if stored_title == article.title:  # the file's title translations are of this title
            present.add(TITLE_BLOCK_ID)
        records.write_translations(conn, article_id, [t for t in entry.translations if t.block_id in present])
        records.write_annotations(conn, article_id, [a for a in entry.annotations if a.block_id in present])
        for block_id, lang in entry.language_overrides.items():
            if block_id in present:
                conn.execute(
                    "INSERT OR IGNORE INTO language_overrides (article_id, block_id, lang) VALUES (?, ?, ?)",
                    (article_id, block_id, lang),
                )
        for name in records.clean_tags(entry.tags):
            records.attach_tag(conn, article_id, name)
        records.refresh_fts(conn, article_id)
        return existing is None

    return library.write(write)
