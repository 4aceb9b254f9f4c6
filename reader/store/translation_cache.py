"""The translation engine's cache kept in the library, so reopening an article never retranslates.

``SqliteTranslationCache`` implements ``reader.core.translate.cache.TranslationCache`` over the
``translation_cache`` table, keyed exactly like the in-memory cache (package, version, target, normalized
source sentence) with the model's score per sentence (migration 0004 replaced the older table, which was
keyed by whole paragraphs and had no scores). The model worker calls it directly: reads use
that thread's read-only connection, and ``put_many`` is queued to the library's one writer thread like
every other write.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping

from reader.core.translate.cache import CachedSentence, TranslationKey
from reader.store.library import Library

_CHUNK = 200  # keys per SELECT, well under SQLite's variable limit


class SqliteTranslationCache:
    """A TranslationCache stored in the library database."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def get_many(self, keys: Iterable[TranslationKey]) -> dict[TranslationKey, CachedSentence]:
        wanted = list(dict.fromkeys(keys))
        found: dict[TranslationKey, CachedSentence] = {}
        with self.library.reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                clause = " OR ".join(
                    ["(package = ? AND version = ? AND target = ? AND source_text = ?)"] * len(chunk)
                )
                params = [
                    value for key in chunk for value in (key.package, key.version, key.target, key.text)
                ]
                rows = conn.execute(
                    "SELECT package, version, target, source_text, translation, score FROM translation_cache "
                    f"WHERE {clause}",
                    params,
                )
                for row in rows:
                    key = TranslationKey(row["package"], row["version"], row["target"], row["source_text"])
                    found[key] = CachedSentence(row["translation"], float(row["score"]))
        return found

    def put_many(self, items: Mapping[TranslationKey, CachedSentence]) -> None:
        if not items:
            return
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "INSERT INTO translation_cache "
                "(package, version, target, source_text, translation, score, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (package, version, target, source_text) "
                "DO UPDATE SET translation = excluded.translation, score = excluded.score, "
                "created_at = excluded.created_at",
                [
                    (k.package, k.version, k.target, k.text, value.text, value.score, now)
                    for k, value in items.items()
                ],
            )

        self.library.write(write)

    def __len__(self) -> int:
        with self.library.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0])
