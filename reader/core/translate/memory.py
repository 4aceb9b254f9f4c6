"""The reader's own translations: a translation memory (their corrections) and a glossary (their terms).

Both are consulted by the translation engine before and after the model, per language pair:
- ``TranslationMemory``: a source sentence the reader corrected (or whose alternative they chose) is
  translated with their text wherever it appears again, before the model is asked, marked as theirs
  (``SentenceOrigin.MEMORY``). Keyed by the normalized source sentence (``normalize_source``).
- ``Glossary``: a term and its translation, or "keep as is" (``target`` None) for names and brand terms;
  the engine makes the model's output honour them (``SentenceOrigin.GLOSSARY``).

The library implements both in SQLite (``reader.store.memory``); the in-memory versions here serve the
command line without a library, and tests of the engine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from reader.core.translate.cache import normalize_source

__all__ = [
    "Glossary",
    "GlossaryTerm",
    "MemoryEntry",
    "MemoryGlossary",
    "MemoryTranslationMemory",
    "TranslationMemory",
    "normalize_source",
]


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """One translation-memory entry.

    Attributes:
        source_lang, target_lang: the pair (ISO codes as Reader uses them, e.g. ``de``, ``en``, ``pb``).
        source: the source sentence as the reader saw it.
        target: the reader's translation.
        id: the library's row id (None before it is stored).
        created_at, updated_at: Unix seconds.
    """

    source_lang: str
    target_lang: str
    source: str
    target: str
    id: int | None = None
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def key(self) -> str:
        return normalize_source(self.source)


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A glossary entry for one language pair: ``source`` is written ``target`` (None: kept as is)."""

    source_lang: str
    target_lang: str
    source: str
    target: str | None = None
    id: int | None = None

    @property
    def rendering(self) -> str:
        """What the term must appear as in a translation."""
        return self.source if self.target is None else self.target


class TranslationMemory(Protocol):
    def lookup_many(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        """The reader's translations among ``sentences`` (normalized with ``normalize_source``), by
        normalized source sentence; sentences without an entry are absent."""
        ...

    def add(self, entry: MemoryEntry) -> MemoryEntry:
        """Store (or replace: same pair and normalized source) an entry; returns it with its id."""
        ...


class Glossary(Protocol):
    def terms(self, source_lang: str, target_lang: str) -> list[GlossaryTerm]:
        """Every term of the pair, longest source first (so "Deutsche Bahn" wins over "Bahn")."""
        ...


class MemoryTranslationMemory:
    """A translation memory for one process (the command line without a library; tests)."""

    def __init__(self, entries: Iterable[MemoryEntry] = ()) -> None:
        self._items: dict[tuple[str, str, str], MemoryEntry] = {}
        self._lock = threading.Lock()
        for entry in entries:
            self.add(entry)

    def lookup_many(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        with self._lock:
            found = {}
            for sentence in sentences:
                key = normalize_source(sentence)
                entry = self._items.get((source_lang, target_lang, key))
                if entry is not None:
                    found[key] = entry.target
            return found

    def add(self, entry: MemoryEntry) -> MemoryEntry:
        with self._lock:
            key = (entry.source_lang, entry.target_lang, entry.key)
            self._items[key] = entry
            return entry

    def entries(self) -> list[MemoryEntry]:
        with self._lock:
            return list(self._items.values())


class MemoryGlossary:
    """A glossary for one process (the command line without a library; tests)."""

    def __init__(self, terms: Iterable[GlossaryTerm] = ()) -> None:
        self._terms: list[GlossaryTerm] = list(terms)
        self._lock = threading.Lock()

    def add(self, term: GlossaryTerm) -> GlossaryTerm:
        with self._lock:
            same = (term.source_lang, term.target_lang, term.source)
            self._terms = [t for t in self._terms if (t.source_lang, t.target_lang, t.source) != same]
            self._terms.append(term)
            return term

    def terms(self, source_lang: str, target_lang: str) -> list[GlossaryTerm]:
        with self._lock:
            found = [t for t in self._terms if (t.source_lang, t.target_lang) == (source_lang, target_lang)]
        return sorted(found, key=lambda t: -len(t.source))
