"""Export the whole library to one JSON file and import such a file back.

The file holds, per article: metadata, the reader's state (tags, position, flags, times, language
corrections), blocks, every translation and the stored highlights. It is written to a temporary file and
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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from reader.core.document import Article, Block, BlockAnnotations, BlockKind, LanguageRun, Translation
from reader.core.document import TranslationStatus as Status
from reader.core.errors import StoreError
from reader.core.export import span_from_dict, span_to_dict
from reader.store import records
from reader.store.codec import canonical_source, content_hash
from reader.store.models import ImportResult, StoredArticle

T = TypeVar("T")


class Library(Protocol):
    """What export and import need of ``reader.store.library.Library`` (kept apart: no import cycle)."""

    def stored_ids(self) -> list[int]: ...

    def get(self, article_id: int) -> StoredArticle: ...

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T: ...


FORMAT = "reader-library"
VERSION = 1


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
            out.write("\n]}\n")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"Could not write {path}: {error.strerror or error}.") from error
    return len(ids)


def _parse(entry: Mapping[str, Any]) -> tuple[Article, list[Translation], list[BlockAnnotations]]:
    blocks = tuple(
        Block(
            str(b["id"]),
            BlockKind(b.get("kind", "paragraph")),
            str(b["text"]),
            int(b.get("level", 0)),
            b.get("lang"),
            float(b.get("confidence", 0.0)),
            tuple(LanguageRun(int(s), int(e), str(lang), float(c)) for s, e, lang, c in b.get("runs", ())),
        )
        for b in entry["blocks"]
    )
    article = Article(
        title=str(entry.get("title") or ""),
        blocks=blocks,
        source=str(entry.get("source") or ""),
        byline=entry.get("byline"),
        site=entry.get("site"),
        published=entry.get("published"),
        lang=entry.get("lang"),
    )
    translations = [
        Translation(
            str(t["block_id"]),
            str(t["target"]),
            Status(t["status"]),
            t.get("text"),
            t.get("source_lang"),
            t.get("detail"),
        )
        for t in entry.get("translations", ())
    ]
    annotations = [
        BlockAnnotations(
            str(a["block_id"]),
            tuple(span_from_dict(s) for s in a.get("original", ())),
            tuple(span_from_dict(s) for s in a.get("translation", ())),
        )
        for a in entry.get("annotations", ())
    ]
    return article, translations, annotations


def import_file(library: Library, path: Path) -> ImportResult:
    """Merge the articles of an export file into the library."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise StoreError(f"Could not read {path}: {error.strerror or error}.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise StoreError(f"{path.name} is not a Reader library export (it is not valid JSON).") from error
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("articles"), list)
    ):
        raise StoreError(f"{path.name} is not a Reader library export.")
    if int(data.get("version", 0)) > VERSION:
        raise StoreError(f"{path.name} was written by a newer version of Reader: update Reader to import it.")
    added = updated = skipped = 0
    for entry in data["articles"]:
        try:
            parsed = _parse(entry)
        except (KeyError, TypeError, ValueError):
            skipped += 1
            continue
        if _import_one(library, entry, *parsed):
            added += 1
        else:
            updated += 1
    return ImportResult(added, updated, skipped)


def _import_one(
    library: Library,
    entry: Mapping[str, Any],
    article: Article,
    translations: list[Translation],
    annotations: list[BlockAnnotations],
) -> bool:
    """Import one article in one transaction; True when it was new."""
    source = canonical_source(article.source)
    digest = content_hash(article)

    def write(conn: sqlite3.Connection) -> bool:
        existing = records.find_existing(conn, source, digest)
        if existing is not None:
            row = conn.execute("SELECT updated_at FROM articles WHERE id = ?", (existing,)).fetchone()
            if float(entry.get("updated_at") or 0) > float(row[0]):
                records.write_article(conn, existing, article, source, digest, entry.get("target_lang"))
            article_id = existing
        else:
            article_id = records.write_article(conn, None, article, source, digest, entry.get("target_lang"))
            position = entry.get("position") or {}
            now = time.time()
            conn.execute(
                "UPDATE articles SET added_at = ?, updated_at = ?, opened_at = ?, archived = ?, "
                "favourite = ?, "
                "position_block = ?, position_offset = ?, position_seq = "
                "(SELECT seq FROM blocks WHERE article_id = ? AND block_id = ?) WHERE id = ?",
                (
                    float(entry.get("added_at") or now),
                    float(entry.get("updated_at") or now),
                    entry.get("opened_at"),
                    int(bool(entry.get("archived"))),
                    int(bool(entry.get("favourite"))),
                    position.get("block_id"),
                    int(position.get("offset") or 0),
                    article_id,
                    position.get("block_id"),
                    article_id,
                ),
            )
        present = {
            row[0] for row in conn.execute("SELECT block_id FROM blocks WHERE article_id = ?", (article_id,))
        }
        records.write_translations(conn, article_id, [t for t in translations if t.block_id in present])
        records.write_annotations(conn, article_id, [a for a in annotations if a.block_id in present])
        for block_id, lang in dict(entry.get("language_overrides") or {}).items():
            if block_id in present:
                conn.execute(
                    "INSERT OR IGNORE INTO language_overrides (article_id, block_id, lang) VALUES (?, ?, ?)",
                    (article_id, block_id, str(lang)),
                )
        for name in records.clean_tags(str(tag) for tag in entry.get("tags", ())):
            records.attach_tag(conn, article_id, name)
        records.refresh_fts(conn, article_id)
        return existing is None

    return library.write(write)
