"""The translation memory and glossary in a library backup (``transfer``): written out, checked, merged back.

In the export file they are two lists beside ``articles``: ``translation_memory`` (source and target
language, source, target, created_at, updated_at) and ``glossary`` (source and target language, source,
target or null for "keep as is"). On import each item is checked like an article entry (types, sizes,
language codes, times; text cleaned as ingest cleans it) and skipped with a reason when it fails. Merging
keeps the newer of two memory entries for the same sentence (by ``updated_at``) and the library's own
glossary term when both have one, so restoring an old backup never undoes a later correction.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Mapping
from typing import Any

from reader.core.textclean import clean_text
from reader.core.translate.memory import normalize_source
from reader.store.import_check import LATEST_TIME, BadEntry

MAX_ITEMS = 1_000_000
MAX_SENTENCE_CHARS = 10_000  # as reader.store.memory
MAX_TERM_CHARS = 200
_LANG = re.compile(r"^[a-z]{2,3}$")


def memory_items(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every translation memory entry, oldest first, as the export file holds them."""
    return [
        {
            "source_lang": row["source_lang"],
            "target_lang": row["target_lang"],
            "source": row["source"],
            "target": row["target"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
        }
        for row in conn.execute(
            "SELECT source_lang, target_lang, source, target, created_at, updated_at "
            "FROM translation_memory ORDER BY id"
        )
    ]


def glossary_items(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every glossary term, as the export file holds them."""
    return [
        {
            "source_lang": row["source_lang"],
            "target_lang": row["target_lang"],
            "source": row["source"],
            "target": row["target"],
        }
        for row in conn.execute("SELECT source_lang, target_lang, source, target FROM glossary ORDER BY id")
    ]


def _lang(value: object, name: str) -> str:
    if not isinstance(value, str) or not _LANG.match(value):
        raise BadEntry(f"{name} is not a language code")
    return value


def _text(value: object, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise BadEntry(f"{name} is not text")
    if len(value) > limit:
        raise BadEntry(f"{name} is too long")
    text = clean_text(value)
    if not text:
        raise BadEntry(f"{name} is empty")
    return text


def _time(value: object, name: str, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BadEntry(f"{name} is not a time")
    if not 0 <= value <= LATEST_TIME:
        raise BadEntry(f"{name} is not a time between 1970 and 9999")
    return float(value)


def _items(value: object, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadEntry(f"{name} is not a list")
    if len(value) > MAX_ITEMS:
        raise BadEntry(f"{name} has too many items")
    return value


def check_memory_entry(item: object, now: float) -> tuple[str, str, str, str, float, float]:
    """A memory item of an export file, checked and cleaned. Raises BadEntry with the reason."""
    if not isinstance(item, Mapping):
        raise BadEntry("a translation memory entry is not an object")
    created = _time(item.get("created_at"), "a memory entry's created_at", now)
    return (
        _lang(item.get("source_lang"), "a memory entry's source language"),
        _lang(item.get("target_lang"), "a memory entry's target language"),
        _text(item.get("source"), "a memory entry's source", MAX_SENTENCE_CHARS),
        _text(item.get("target"), "a memory entry's target", MAX_SENTENCE_CHARS),
        created,
        _time(item.get("updated_at"), "a memory entry's updated_at", created),
    )


def check_glossary_term(item: object) -> tuple[str, str, str, str | None]:
    """A glossary item of an export file, checked and cleaned. Raises BadEntry with the reason."""
    if not isinstance(item, Mapping):
        raise BadEntry("a glossary term is not an object")
    target = item.get("target")
    return (
        _lang(item.get("source_lang"), "a glossary term's source language"),
        _lang(item.get("target_lang"), "a glossary term's target language"),
        _text(item.get("source"), "a glossary term", MAX_TERM_CHARS),
        None if target is None else _text(target, "a glossary term's translation", MAX_TERM_CHARS),
    )


def import_items(
    conn: sqlite3.Connection, data: Mapping[str, Any], now: float, reasons: Counter[str]
) -> tuple[int, int]:
    """Merge the file's memory and glossary (in the caller's transaction); (entries, terms) stored.

    Items that fail the checks are counted in ``reasons`` and left out; a list that is not a list is one
    reason, the articles still import.
    """
    entries = terms = 0
    try:
        memory = _items(data.get("translation_memory"), "translation_memory")
    except BadEntry as bad:
        reasons[str(bad)] += 1
        memory = []
    for item in memory:
        try:
            source_lang, target_lang, source, target, created, updated = check_memory_entry(item, now)
        except BadEntry as bad:
            reasons[str(bad)] += 1
            continue
        entries += conn.execute(
            "INSERT INTO translation_memory "
            "(source_lang, target_lang, source, source_key, target, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_lang, target_lang, source_key) DO UPDATE SET "
            "source = excluded.source, target = excluded.target, updated_at = excluded.updated_at "
            "WHERE excluded.updated_at > translation_memory.updated_at",
            (source_lang, target_lang, source, normalize_source(source), target, created, updated),
        ).rowcount
    try:
        glossary = _items(data.get("glossary"), "glossary")
    except BadEntry as bad:
        reasons[str(bad)] += 1
        glossary = []
    for item in glossary:
        try:
            term = check_glossary_term(item)
        except BadEntry as bad:
            reasons[str(bad)] += 1
            continue
        terms += conn.execute(
            "INSERT INTO glossary (source_lang, target_lang, source, target, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_lang, target_lang, source) DO NOTHING",
            (*term, now),
        ).rowcount
    return entries, terms
