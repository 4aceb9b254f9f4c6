"""Library files as an older Reader wrote them: only the migrations up to a version, rows put in by SQL.

Built from the migration files themselves (not by dropping today's tables), so a test of "an old library
is migrated" stays true when later migrations are added.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.store import db


def old_library(path: Path, version: int) -> sqlite3.Connection:
    """A new library file at schema ``version`` (migrations 1..version applied); an open connection."""
    conn = sqlite3.connect(path)
    scripts = "\n".join(
        file.read_text(encoding="utf-8") for number, file in db.migrations() if number <= version
    )
    conn.executescript(f"BEGIN;\n{scripts}\nPRAGMA user_version = {version};\nCOMMIT;")
    return conn


def insert_article(
    conn: sqlite3.Connection,
    title: str,
    paragraphs: tuple[str, ...],
    *,
    source: str = "https://news.example.org/old",
    lang: str = "de",
    translations: tuple[str, ...] = (),
    target: str = "en",
) -> int:
    """An article row with its blocks (``b0``…), translations and full-text row, as schema 1 keeps them."""
    cursor = conn.execute(
        "INSERT INTO articles (source, content_hash, title, lang, langs, target_lang, block_count, added_at, "
        "updated_at) VALUES (?, 'old', ?, ?, ?, ?, ?, 1700000000, 1700000000)",
        (source, title, lang, f",{lang},", target if translations else None, len(paragraphs)),
    )
    article_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO blocks (article_id, seq, block_id, kind, text, lang, confidence) "
        "VALUES (?, ?, ?, 'paragraph', ?, ?, 0.9)",
        [(article_id, seq, f"b{seq}", text, lang) for seq, text in enumerate(paragraphs)],
    )
    conn.executemany(
        "INSERT INTO article_translations (article_id, block_id, target, status, text, source_lang) "
        "VALUES (?, ?, ?, 'translated', ?, ?)",
        [(article_id, f"b{seq}", target, text, lang) for seq, text in enumerate(translations)],
    )
    conn.execute(
        "INSERT INTO article_fts (rowid, title, body, translation) VALUES (?, ?, ?, ?)",
        (article_id, title, "\n".join(paragraphs), "\n".join(translations)),
    )
    conn.commit()
    return article_id
