"""The reader's translation memory and glossary, kept in the library (SQLite).

``SqliteTranslationMemory`` and ``SqliteGlossary`` implement the engine's ``TranslationMemory`` and
``Glossary`` protocols (``reader.core.translate.memory``) over the library: writes go through the library's
one writer thread, reads through the calling thread's read-only connection, like every other library call.
The engine looks sentences up on the model thread while the window may be editing an entry: WAL lets both
run, and a correction committed by the writer is seen by the very next lookup.

Searching the memory (``list(query=...)``) uses its FTS5 index with the article search's rules: the
user's words are quoted by ``search_query.fts_query`` (prefix ``word*``, ``"a phrase"``, no other syntax),
and the ``unicode61 remove_diacritics 2`` tokenizer makes "Zurich" find "Zürich". The library search
(``reader library search``, the library panel) shows matching memory entries through this same call.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import InputError, StoreError
from reader.core.textclean import clean_text
from reader.core.translate.memory import GlossaryTerm, MemoryEntry, normalize_source
from reader.store.search_query import fts_query

if TYPE_CHECKING:  # the library module imports nothing of this one: no cycle at run time
    from reader.core.translate.memory import Glossary, TranslationMemory
    from reader.store.library import Library

__all__ = ["SqliteGlossary", "SqliteTranslationMemory"]

# SQLite allows 32,766 parameters per statement since 3.32; a few hundred keep each lookup's plan small.
LOOKUP_CHUNK = 500
MAX_SENTENCE_CHARS = 10_000  # a memory entry is one sentence; a whole article pasted in is refused
MAX_TERM_CHARS = 200
_LANG = re.compile(r"^[a-z]{2,3}$")


def _lang(code: str, what: str) -> str:
    code = code.strip().lower()
    if not _LANG.match(code):
        raise InputError(f"'{code[:20]}' is not a language code ({what}); use codes like de or en.")
    return code


def _sentence(text: str, what: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    cleaned = clean_text(text)
    if not cleaned:
        raise InputError(f"The {what} is empty.")
    if len(cleaned) > limit:
        raise InputError(f"The {what} is too long ({len(cleaned):,} characters; the limit is {limit:,}).")
    return cleaned


def _entry(row: sqlite3.Row) -> MemoryEntry:
    return MemoryEntry(
        row["source_lang"],
        row["target_lang"],
        row["source"],
        row["target"],
        row["id"],
        row["created_at"],
        row["updated_at"],
    )


_ENTRY_COLUMNS = "m.id, m.source_lang, m.target_lang, m.source, m.target, m.created_at, m.updated_at"


class SqliteTranslationMemory:
    """The reader's corrections, per language pair, keyed by the normalized source sentence."""

    def __init__(self, library: Library) -> None:
        self._library = library

    # -- the engine's protocol --------------------------------------------------------------------------
    def lookup_many(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        """The reader's translations among ``sentences``, by normalized source sentence."""
        keys = list(dict.fromkeys(normalize_source(s) for s in sentences))
        found: dict[str, str] = {}
        if not keys:
            return found
        with self._library.reading() as conn:
            for start in range(0, len(keys), LOOKUP_CHUNK):
                chunk = keys[start : start + LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    "SELECT source_key, target FROM translation_memory "
                    f"WHERE source_lang = ? AND target_lang = ? AND source_key IN ({marks})",
                    [source_lang, target_lang, *chunk],
                ):
                    found[row["source_key"]] = row["target"]
        return found

    def add(self, entry: MemoryEntry) -> MemoryEntry:
        """Store an entry, replacing the one with the same pair and normalized source; returns it stored.

        Raises:
            InputError: an empty or overlong sentence, or a malformed language code.
        """
        return self.add_many([entry])[0]

    # -- the window and the command line ----------------------------------------------------------------
    def add_many(self, entries: Iterable[MemoryEntry]) -> list[MemoryEntry]:
        """Store several entries in one transaction (all or none); returns them stored."""
        now = time.time()
        cleaned = [
            (
                _lang(e.source_lang, "source language"),
                _lang(e.target_lang, "target language"),
                _sentence(e.source, "source sentence"),
                # The key is the engine's own (normalize_source of the sentence as it is in the block), so
                # a lookup finds it even when cleaning for display removed an invisible character.
                normalize_source(e.source),
                _sentence(e.target, "translation"),
            )
            for e in entries
        ]

        def write(conn: sqlite3.Connection) -> list[MemoryEntry]:
            stored = []
            for source_lang, target_lang, source, key, target in cleaned:
                row = conn.execute(
                    "INSERT INTO translation_memory "
                    "(source_lang, target_lang, source, source_key, target, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (source_lang, target_lang, source_key) DO UPDATE SET "
                    "source = excluded.source, target = excluded.target, updated_at = excluded.updated_at "
                    "RETURNING id, created_at, updated_at",
                    (source_lang, target_lang, source, key, target, now, now),
                ).fetchone()
                stored.append(
                    MemoryEntry(
                        source_lang,
                        target_lang,
                        source,
                        target,
                        row["id"],
                        row["created_at"],
                        row["updated_at"],
                    )
                )
            return stored

        return self._library.write(write)

    def get(self, entry_id: int) -> MemoryEntry | None:
        with self._library.reading() as conn:
            row = conn.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM translation_memory m WHERE m.id = ?", (entry_id,)
            ).fetchone()
        return _entry(row) if row else None

    def list(
        self,
        query: str = "",
        source_lang: str | None = None,
        target_lang: str | None = None,
        limit: int = 500,
    ) -> list[MemoryEntry]:
        """Entries, newest change first; with ``query`` only those whose source or target match it
        (full-text, as the article search: words, ``prefix*``, ``"a phrase"``, diacritics ignored),
        newest entry first.

        Matches are not ranked by relevance: every entry is one sentence, so relevance says little, and
        taking the newest lets FTS5 stop after ``limit`` matches (ranking 50,000 entries for a common
        word cost hundreds of milliseconds; see benchmarks/memory.py).
        """
        where: list[str] = []
        params: list[object] = []
        if source_lang:
            where.append("m.source_lang = ?")
            params.append(source_lang.strip().lower())
        if target_lang:
            where.append("m.target_lang = ?")
            params.append(target_lang.strip().lower())
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        with self._library.reading() as conn:
            if not query.strip():
                sql = f"SELECT {_ENTRY_COLUMNS} FROM translation_memory m{clause} "
                rows = conn.execute(sql + "ORDER BY m.updated_at DESC, m.id DESC LIMIT ?", [*params, limit])
                return [_entry(row) for row in rows]
            expression = fts_query(query)
            if not expression:
                return []
            # The MATCH alone first, then the join and filters (as the article search does); without
            # filters the first ``limit`` matches are all that is needed.
            early = "" if where else " LIMIT ?"
            rows = conn.execute(
                "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM translation_memory_fts "
                f"WHERE translation_memory_fts MATCH ? ORDER BY rowid DESC{early}) "
                f"SELECT {_ENTRY_COLUMNS} FROM hits JOIN translation_memory m ON m.id = hits.id"
                f"{clause} ORDER BY m.id DESC LIMIT ?",
                [expression, *([] if where else [limit]), *params, limit],
            )
            return [_entry(row) for row in rows]

    def update(self, entry_id: int, target: str) -> MemoryEntry:
        """Change an entry's translation; StoreError when there is no such entry."""
        text = _sentence(target, "translation")

        def write(conn: sqlite3.Connection) -> MemoryEntry:
            row = conn.execute(
                "UPDATE translation_memory SET target = ?, updated_at = ? WHERE id = ? "
                "RETURNING id, source_lang, target_lang, source, target, created_at, updated_at",
                (text, time.time(), entry_id),
            ).fetchone()
            if row is None:
                raise StoreError(f"There is no translation memory entry {entry_id}.")
            return _entry(row)

        return self._library.write(write)

    def delete(self, entry_id: int) -> bool:
        """Remove an entry; False when there was none."""

        def write(conn: sqlite3.Connection) -> bool:
            return conn.execute("DELETE FROM translation_memory WHERE id = ?", (entry_id,)).rowcount > 0

        return self._library.write(write)

    def count(self, query: str = "", limit: int | None = None) -> int:
        """How many entries there are; with ``query``, how many match it (as ``list`` matches), counted
        no further than ``limit``."""
        with self._library.reading() as conn:
            if not query.strip():
                return int(conn.execute("SELECT count(*) FROM translation_memory").fetchone()[0])
            expression = fts_query(query)
            if not expression:
                return 0
            cap = "" if limit is None else " LIMIT ?"
            sql = (
                "SELECT count(*) FROM (SELECT rowid FROM translation_memory_fts "
                f"WHERE translation_memory_fts MATCH ?{cap})"
            )
            return int(conn.execute(sql, [expression, *([] if limit is None else [limit])]).fetchone()[0])

    def import_tmx(self, path: Path) -> int:
        """Add every pair of a TMX file (another tool's too) to the memory; returns how many entries were
        stored (a sentence the file translates twice counts once: its last translation is kept).

        Pairs Reader cannot use (an empty side, a language code it does not know) are left out; the rest
        go in one transaction.

        Raises:
            InputError: the file cannot be read or is not a usable TMX file.
        """
        entries: dict[tuple[str, str, str], MemoryEntry] = {}  # one per sentence: a later unit wins
        from reader.core import tmx  # only when a file is exchanged

        for pair in tmx.read_tmx(path):
            try:
                _lang(pair.source_lang, "source")
                _lang(pair.target_lang, "target")
                _sentence(pair.source, "source")
                _sentence(pair.target, "target")
            except InputError:
                continue
            entry = MemoryEntry(pair.source_lang, pair.target_lang, pair.source, pair.target)
            entries[(entry.source_lang, entry.target_lang, entry.key)] = entry
        return len(self.add_many(entries.values()))

    def export_tmx(self, path: Path, source_lang: str | None = None, target_lang: str | None = None) -> int:
        """Write the memory (or one pair's part of it) to a TMX 1.4 file; returns how many entries."""
        with self._library.reading() as conn:
            where = []
            params: list[object] = []
            if source_lang:
                where.append("m.source_lang = ?")
                params.append(source_lang.strip().lower())
            if target_lang:
                where.append("m.target_lang = ?")
                params.append(target_lang.strip().lower())
            clause = f" WHERE {' AND '.join(where)}" if where else ""
            entries = [
                _entry(row)
                for row in conn.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM translation_memory m{clause} ORDER BY m.id", params
                )
            ]
        from reader.core import tmx

        pairs = [
            tmx.TmxPair(e.source_lang, e.source, e.target_lang, e.target, e.created_at, e.updated_at)
            for e in entries
        ]
        tmx.write_tmx(pairs, path)
        return len(pairs)


def _term(row: sqlite3.Row) -> GlossaryTerm:
    return GlossaryTerm(row["source_lang"], row["target_lang"], row["source"], row["target"], row["id"])


class SqliteGlossary:
    """The reader's terms per language pair: a translation, or None for "keep as is"."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def terms(self, source_lang: str, target_lang: str) -> list[GlossaryTerm]:
        """Every term of the pair, longest source first (so "Deutsche Bahn" wins over "Bahn")."""
        with self._library.reading() as conn:
            rows = conn.execute(
                "SELECT id, source_lang, target_lang, source, target FROM glossary "
                "WHERE source_lang = ? AND target_lang = ? ORDER BY length(source) DESC, source",
                (source_lang, target_lang),
            ).fetchall()
        return [_term(row) for row in rows]

    def all(self) -> list[GlossaryTerm]:
        with self._library.reading() as conn:
            rows = conn.execute(
                "SELECT id, source_lang, target_lang, source, target FROM glossary "
                "ORDER BY source_lang, target_lang, source COLLATE NOCASE"
            ).fetchall()
        return [_term(row) for row in rows]

    def add(self, term: GlossaryTerm) -> GlossaryTerm:
        """Store a term (replacing the pair's term with the same source); returns it with its id."""
        return self.add_many([term])[0]

    def add_many(self, terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
        cleaned = [
            (
                _lang(t.source_lang, "source language"),
                _lang(t.target_lang, "target language"),
                _sentence(t.source, "glossary term", MAX_TERM_CHARS),
                None if t.target is None else _sentence(t.target, "term's translation", MAX_TERM_CHARS),
            )
            for t in terms
        ]
        now = time.time()

        def write(conn: sqlite3.Connection) -> list[GlossaryTerm]:
            stored = []
            for source_lang, target_lang, source, target in cleaned:
                row = conn.execute(
                    "INSERT INTO glossary (source_lang, target_lang, source, target, created_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_lang, target_lang, source) "
                    "DO UPDATE SET target = excluded.target RETURNING id",
                    (source_lang, target_lang, source, target, now),
                ).fetchone()
                stored.append(GlossaryTerm(source_lang, target_lang, source, target, row["id"]))
            return stored

        return self._library.write(write)

    def update(self, term: GlossaryTerm) -> GlossaryTerm:
        """Change a stored term (``term.id``): its pair, source or translation."""
        if term.id is None:
            raise ValueError("update() needs a stored term (with an id)")
        source_lang = _lang(term.source_lang, "source language")
        target_lang = _lang(term.target_lang, "target language")
        source = _sentence(term.source, "glossary term", MAX_TERM_CHARS)
        target = None if term.target is None else _sentence(term.target, "term's translation", MAX_TERM_CHARS)

        def write(conn: sqlite3.Connection) -> GlossaryTerm:
            try:
                changed = conn.execute(
                    "UPDATE glossary SET source_lang = ?, target_lang = ?, source = ?, target = ? "
                    "WHERE id = ?",
                    (source_lang, target_lang, source, target, term.id),
                ).rowcount
            except sqlite3.IntegrityError as error:
                raise InputError(f"The glossary already has a term '{source}' for this pair.") from error
            if not changed:
                raise StoreError(f"There is no glossary term {term.id}.")
            return GlossaryTerm(source_lang, target_lang, source, target, term.id)

        return self._library.write(write)

    def delete(self, term_id: int) -> bool:
        """Remove a term; False when there was none."""

        def write(conn: sqlite3.Connection) -> bool:
            return conn.execute("DELETE FROM glossary WHERE id = ?", (term_id,)).rowcount > 0

        return self._library.write(write)


if TYPE_CHECKING:

    def _implements_the_engines_protocols(library: Library) -> tuple[TranslationMemory, Glossary]:
        """mypy checks here that the engine can take these (never called)."""
        return SqliteTranslationMemory(library), SqliteGlossary(library)
