"""Row-level reads and writes for one article, called inside the Library's transactions.

Every function takes the connection of a transaction already open; none commits. SQL is parameterised.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    Translation,
    TranslationStatus,
)
from reader.core.errors import StoreError
from reader.store.codec import (
    runs_from_json,
    runs_to_json,
    sentences_from_json,
    sentences_to_json,
    spans_from_json,
    spans_to_json,
)
from reader.store.models import StoredArticle


def require(conn: sqlite3.Connection, article_id: int) -> None:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise StoreError(f"There is no article {article_id} in the library.")


def find_existing(conn: sqlite3.Connection, source: str, digest: str) -> int | None:
    """The article a save should update: same canonical source, else identical content."""
    if source:
        row = conn.execute("SELECT id FROM articles WHERE source = ?", (source,)).fetchone()
        if row:
            return int(row["id"])
    row = conn.execute(
        "SELECT id FROM articles WHERE content_hash = ? ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
        (digest,),
    ).fetchone()
    return int(row["id"]) if row else None


def languages(article: Article) -> str:
    """',de,en,': the original's languages, the most frequent first."""
    counts = Counter(block.lang for block in article.blocks if block.lang)
    for block in article.blocks:
        for run in block.runs:
            counts.setdefault(run.lang, 0)
    ordered = [lang for lang, _n in counts.most_common()]
    return "," + "".join(f"{lang}," for lang in ordered)


def write_article(
    conn: sqlite3.Connection,
    article_id: int | None,
    article: Article,
    source: str,
    digest: str,
    target_lang: str | None,
) -> int:
    """Insert or update the article row and replace its blocks; returns the id.

    On update the reader's tags, position, flags and language corrections stay; translations, highlights
    and corrections of blocks whose text changed (or vanished) are dropped.
    """
    now = time.time()
    values = (
        article.title,
        article.byline,
        article.site,
        article.published,
        article.lang,
        languages(article),
        len(article.blocks),
        digest,
        json.dumps(list(article.dropped), ensure_ascii=False),
    )
    if article_id is None:
        cursor = conn.execute(
            "INSERT INTO articles (title, byline, site, published, lang, langs, block_count, content_hash, "
            "dropped, source, target_lang, added_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, source, target_lang, now, now),
        )
        new_id = cursor.lastrowid
        assert new_id is not None
        write_blocks(conn, new_id, article.blocks)
        return new_id
    old = {
        row["block_id"]: row["text"]
        for row in conn.execute("SELECT block_id, text FROM blocks WHERE article_id = ?", (article_id,))
    }
    new = {block.id: block.text for block in article.blocks}
    changed = [block_id for block_id, text in old.items() if new.get(block_id) != text]
    old_title = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
    if old_title is not None and old_title["title"] != article.title:
        changed.append(TITLE_BLOCK_ID)  # the title pseudo-block's translation is of the old title
    conn.execute(
        "UPDATE articles SET title = ?, byline = ?, site = ?, published = ?, lang = ?, langs = ?, "
        "block_count = ?, content_hash = ?, dropped = ?, "
        "source = CASE WHEN source = '' THEN ? ELSE source END, "
        "target_lang = coalesce(?, target_lang), updated_at = ?, deleted_at = NULL WHERE id = ?",
        (*values, source, target_lang, now, article_id),
    )
    conn.execute("DELETE FROM blocks WHERE article_id = ?", (article_id,))
    write_blocks(conn, article_id, article.blocks)
    if changed:
        forget_block_outputs(conn, article_id, changed)
        conn.executemany(
            "DELETE FROM language_overrides WHERE article_id = ? AND block_id = ?",
            [(article_id, block_id) for block_id in changed],
        )
    conn.execute(
        "UPDATE articles SET position_seq = (SELECT seq FROM blocks WHERE article_id = articles.id "
        "AND block_id = articles.position_block) WHERE id = ?",
        (article_id,),
    )
    return article_id


def write_blocks(conn: sqlite3.Connection, article_id: int, blocks: Sequence[Block]) -> None:
    conn.executemany(
        "INSERT INTO blocks (article_id, seq, block_id, kind, level, text, lang, confidence, runs) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, seq, b.id, b.kind.value, b.level, b.text, b.lang, b.confidence, runs_to_json(b.runs))
            for seq, b in enumerate(blocks)
        ],
    )


def forget_block_outputs(conn: sqlite3.Connection, article_id: int, block_ids: Sequence[str]) -> None:
    """Drop the translations and highlights derived from these blocks' old text or language."""
    pairs = [(article_id, block_id) for block_id in block_ids]
    conn.executemany("DELETE FROM article_translations WHERE article_id = ? AND block_id = ?", pairs)
    conn.executemany("DELETE FROM annotations WHERE article_id = ? AND block_id = ?", pairs)


def write_translations(
    conn: sqlite3.Connection,
    article_id: int,
    translations: Iterable[Translation],
    *,
    clear_annotations: bool = False,
) -> None:
    """Insert or replace translations (the title pseudo-block's too) with their sentence pairs."""
    rows = [
        (
            article_id,
            t.block_id,
            t.target,
            t.status.value,
            t.text,
            t.source_lang,
            t.detail,
            sentences_to_json(t.sentences) if t.status is TranslationStatus.TRANSLATED else None,
        )
        for t in translations
    ]
    conn.executemany(
        "INSERT INTO article_translations "
        "(article_id, block_id, target, status, text, source_lang, detail, sentences) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, target, block_id) DO UPDATE SET "
        "status = excluded.status, text = excluded.text, source_lang = excluded.source_lang, "
        "detail = excluded.detail, sentences = excluded.sentences",
        rows,
    )
    if clear_annotations:
        conn.executemany(
            "UPDATE annotations SET translation = '[]' WHERE article_id = ? AND block_id = ?",
            [(article_id, row[1]) for row in rows],
        )


def write_annotations(
    conn: sqlite3.Connection, article_id: int, annotations: Iterable[BlockAnnotations]
) -> None:
    conn.executemany(
        "INSERT INTO annotations (article_id, block_id, original, translation) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (article_id, block_id) DO UPDATE SET original = excluded.original, "
        "translation = excluded.translation",
        [
            (article_id, a.block_id, spans_to_json(a.original), spans_to_json(a.translation))
            for a in annotations
        ],
    )


def refresh_fts(conn: sqlite3.Connection, article_id: int) -> None:
    """Rewrite the article's full-text row from its title, blocks and translations.

    The title's translations are indexed with the title (weighted as a title), the rest as translation.
    """
    title = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()["title"]
    titles = [
        row["text"]
        for row in conn.execute(
            "SELECT text FROM article_translations WHERE article_id = ? AND block_id = ? "
            "AND text IS NOT NULL ORDER BY target",
            (article_id, TITLE_BLOCK_ID),
        )
    ]
    title = "\n".join([title, *titles])
    body = "\n".join(
        row["text"]
        for row in conn.execute("SELECT text FROM blocks WHERE article_id = ? ORDER BY seq", (article_id,))
    )
    translated = "\n".join(
        row["text"]
        for row in conn.execute(
            "SELECT text FROM article_translations WHERE article_id = ? AND block_id <> ? "
            "AND text IS NOT NULL ORDER BY target, block_id",
            (article_id, TITLE_BLOCK_ID),
        )
    )
    conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_id,))
    conn.execute(
        "INSERT INTO article_fts (rowid, title, body, translation) VALUES (?, ?, ?, ?)",
        (article_id, title, body, translated),
    )


def clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        name = " ".join(tag.split())
        if name:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


def attach_tag(conn: sqlite3.Connection, article_id: int, name: str) -> None:
    conn.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,))
    conn.execute(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
        (article_id, name),
    )


def drop_unused_tags(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags)")


def load(conn: sqlite3.Connection, article_id: int) -> StoredArticle:
    row = conn.execute(
        "SELECT title, source, byline, site, published, lang, target_lang, position_block, position_offset, "
        "archived, favourite, added_at, updated_at, opened_at, deleted_at, dropped "
        "FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"There is no article {article_id} in the library.")
    overrides = {
        o["block_id"]: o["lang"]
        for o in conn.execute(
            "SELECT block_id, lang FROM language_overrides WHERE article_id = ?", (article_id,)
        )
    }
    blocks = []
    for b in conn.execute(
        "SELECT block_id, kind, level, text, lang, confidence, runs FROM blocks "
        "WHERE article_id = ? ORDER BY seq",
        (article_id,),
    ):
        block = Block(
            b["block_id"],
            BlockKind(b["kind"]),
            b["text"],
            b["level"],
            b["lang"],
            b["confidence"],
            runs_from_json(b["runs"]),
        )
        if block.id in overrides:
            block = replace(block, lang=overrides[block.id], confidence=1.0, runs=())
        blocks.append(block)
    article = Article(
        row["title"],
        tuple(blocks),
        row["source"],
        row["byline"],
        row["site"],
        row["published"],
        row["lang"],
        dropped=_dropped_lines(row["dropped"]),
    )
    lengths = {block.id: len(block.text) for block in blocks}
    lengths[TITLE_BLOCK_ID] = len(article.title)
    translations = tuple(
        Translation(
            t["block_id"],
            t["target"],
            TranslationStatus(t["status"]),
            t["text"],
            t["source_lang"],
            t["detail"],
            sentences_from_json(t["sentences"], lengths.get(t["block_id"], 0), len(t["text"] or ""))
            if t["status"] == TranslationStatus.TRANSLATED.value
            else (),
        )
        # The title pseudo-block has no row in blocks: its NULL seq sorts it first, as it is shown.
        for t in conn.execute(
            "SELECT t.block_id, t.target, t.status, t.text, t.source_lang, t.detail, t.sentences "
            "FROM article_translations t "
            "LEFT JOIN blocks b ON b.article_id = t.article_id AND b.block_id = t.block_id "
            "WHERE t.article_id = ? ORDER BY t.target, b.seq",
            (article_id,),
        )
    )
    annotations = {
        a["block_id"]: BlockAnnotations(
            a["block_id"], spans_from_json(a["original"]), spans_from_json(a["translation"])
        )
        for a in conn.execute(
            "SELECT block_id, original, translation FROM annotations WHERE article_id = ?", (article_id,)
        )
    }
    tags = tuple(
        tag["name"]
        for tag in conn.execute(
            "SELECT g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id WHERE t.article_id = ? "
            "ORDER BY g.name COLLATE NOCASE",
            (article_id,),
        )
    )
    return StoredArticle(
        id=article_id,
        article=article,
        translations=translations,
        annotations=annotations,
        tags=tags,
        target_lang=row["target_lang"],
        position_block_id=row["position_block"],
        position_offset=row["position_offset"],
        archived=bool(row["archived"]),
        favourite=bool(row["favourite"]),
        added=row["added_at"],
        updated=row["updated_at"],
        opened=row["opened_at"],
        deleted=row["deleted_at"] is not None,
        language_overrides=overrides,
    )


def _dropped_lines(stored: str | None) -> tuple[str, ...]:
    """The stored page-furniture lines; anything but a JSON list of strings reads as none."""
    try:
        lines = json.loads(stored or "[]")
    except ValueError:
        return ()
    return tuple(line for line in lines if isinstance(line, str)) if isinstance(lines, list) else ()
