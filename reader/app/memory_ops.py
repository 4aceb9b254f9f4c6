"""Operations of the Translation Memory and Glossary dialogs, one factory per user action.

The dialogs never touch the store: each action here returns an operation (reads on the I/O pool, writes on
the writer pool) over ``Services.memory`` / ``Services.glossary`` (the library's SQLite tables, the same
objects the translation engine consults), which the caller finishes with ``.success(...)`` and
``.run_in_background()``. The services are looked up inside the worker, so the library is never opened on
the GUI thread. Without a library (it could not be opened) the engine keeps the reader's corrections for
this session only, and the dialogs say why they cannot list them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.app.operations import LibraryChange, Operations, QueryOp, WriteOp
from reader.app.runner import TaskHandle
from reader.app.services import Services
from reader.core.errors import StoreError
from reader.core.translate.memory import GlossaryTerm, MemoryEntry, normalize_source

if TYPE_CHECKING:  # the store's memory (and its TMX reader) load in the worker that first needs them
    from reader.store.memory import SqliteGlossary, SqliteTranslationMemory

MEMORY_LIST_LIMIT = 500  # rows the dialog lists at once; the search box finds the rest
_QUIET = LibraryChange.MEMORY  # nothing the library list shows
NO_LIBRARY = "The translation memory and the glossary are kept in the library, which could not be opened."


def library_memory(services: Services) -> SqliteTranslationMemory:
    from reader.store.memory import SqliteTranslationMemory

    memory = services.memory
    if not isinstance(memory, SqliteTranslationMemory):
        raise StoreError(NO_LIBRARY)
    return memory


def library_glossary(services: Services) -> SqliteGlossary:
    from reader.store.memory import SqliteGlossary

    glossary = services.glossary
    if not isinstance(glossary, SqliteGlossary):
        raise StoreError(NO_LIBRARY)
    return glossary


def list_memory(
    ops: Operations, services: Services, query: str = ""
) -> QueryOp[tuple[list[MemoryEntry], int]]:
    """Entries matching ``query`` (full-text; all when empty), newest first, and how many there are."""

    def work(_handle: TaskHandle) -> tuple[list[MemoryEntry], int]:
        memory = library_memory(services)
        return memory.list(query.strip(), limit=MEMORY_LIST_LIMIT), memory.count()

    return QueryOp(ops, work)


def count_memory_matches(ops: Operations, services: Services, query: str) -> QueryOp[int]:
    """How many memory entries the library's search text matches (at most ``MEMORY_LIST_LIMIT``), for
    the library panel's "N of your translated sentences match" line; 0 without a library."""

    def work(_handle: TaskHandle) -> int:
        try:
            return library_memory(services).count(query, limit=MEMORY_LIST_LIMIT)
        except StoreError:
            return 0

    return QueryOp(ops, work)


def update_memory(ops: Operations, services: Services, entry_id: int, target: str) -> WriteOp[MemoryEntry]:
    return WriteOp(ops, lambda _h: library_memory(services).update(entry_id, target), _QUIET)


def delete_memory(ops: Operations, services: Services, entry_ids: Sequence[int]) -> WriteOp[int]:
    """Remove entries, in one operation; the result is how many were still there. ``restore_memory``
    undoes it."""

    def work(_handle: TaskHandle) -> int:
        memory = library_memory(services)
        return sum(1 for entry_id in entry_ids if memory.delete(entry_id))

    return WriteOp(ops, work, _QUIET)


def restore_memory(ops: Operations, services: Services, entries: Sequence[MemoryEntry]) -> WriteOp[int]:
    """Undo a delete: the entries are stored again (under new ids); the result is how many."""

    def work(_handle: TaskHandle) -> int:
        memory = library_memory(services)
        return len([memory.add(entry) for entry in entries])

    return WriteOp(ops, work, _QUIET)


def import_tmx(ops: Operations, services: Services, path: Path) -> WriteOp[int]:
    """Add a TMX file's translation units to the memory; the result is how many were added."""
    return WriteOp(ops, lambda _h: library_memory(services).import_tmx(path), _QUIET)


def export_tmx(ops: Operations, services: Services, path: Path) -> QueryOp[int]:
    """Write every entry to ``path`` as TMX 1.4; the result is how many were written."""
    return QueryOp(ops, lambda _h: library_memory(services).export_tmx(path))


Pair = tuple[str, str]


def list_glossary(
    ops: Operations, services: Services, reader_language: str
) -> QueryOp[tuple[list[GlossaryTerm], list[Pair]]]:
    """Every term, and the pairs a new term can belong to: the installed models' source languages into
    the reader's language (through a pivot too) and the installed pairs themselves."""

    def work(_handle: TaskHandle) -> tuple[list[GlossaryTerm], list[Pair]]:
        terms = library_glossary(services).all()
        installed = services.packages.installed()
        pairs = {(p.from_code, reader_language) for p in installed if p.from_code != reader_language}
        pairs |= {(p.from_code, p.to_code) for p in installed}
        return terms, sorted(pairs)

    return QueryOp(ops, work)


def add_glossary_term(ops: Operations, services: Services, term: GlossaryTerm) -> WriteOp[GlossaryTerm]:
    """Store a term (a term of the same pair and source is replaced); the result carries its id."""
    return WriteOp(ops, lambda _h: library_glossary(services).add(term), _QUIET)


def update_glossary_term(ops: Operations, services: Services, term: GlossaryTerm) -> WriteOp[GlossaryTerm]:
    return WriteOp(ops, lambda _h: library_glossary(services).update(term), _QUIET)


def delete_glossary_terms(ops: Operations, services: Services, term_ids: Sequence[int]) -> WriteOp[int]:
    """Remove terms, in one operation; the result is how many were still there."""

    def work(_handle: TaskHandle) -> int:
        glossary = library_glossary(services)
        return sum(1 for term_id in term_ids if glossary.delete(term_id))

    return WriteOp(ops, work, _QUIET)


# A translated block, for ``blocks_the_memory_answers``: its id, languages, and (source sentence, the
# sentence's translation now) for each of its sentences.
ShownBlock = tuple[str, str, str, list[tuple[str, str]]]


def blocks_the_memory_answers(
    ops: Operations, services: Services, shown: Sequence[ShownBlock]
) -> QueryOp[list[str]]:
    """The ids of the shown blocks with a sentence the memory now translates otherwise than the page shows
    (after a TMX import): those are translated again, and only those, from the memory and the cache."""

    def work(_handle: TaskHandle) -> list[str]:
        memory = services.memory
        by_pair: dict[tuple[str, str], list[str]] = {}
        for _block_id, source_lang, target_lang, sentences in shown:
            by_pair.setdefault((source_lang, target_lang), []).extend(source for source, _now in sentences)
        answers = {pair: memory.lookup_many(*pair, sources) for pair, sources in by_pair.items()}
        affected = []
        for block_id, source_lang, target_lang, sentences in shown:
            mine = answers[(source_lang, target_lang)]
            if any(mine.get(normalize_source(source), now) != now for source, now in sentences):
                affected.append(block_id)
        return affected

    return QueryOp(ops, work)


__all__ = [
    "ShownBlock",
    "blocks_the_memory_answers",
    "count_memory_matches",
    "MEMORY_LIST_LIMIT",
    "add_glossary_term",
    "delete_glossary_terms",
    "delete_memory",
    "export_tmx",
    "import_tmx",
    "list_glossary",
    "list_memory",
    "restore_memory",
    "update_glossary_term",
    "update_memory",
]
