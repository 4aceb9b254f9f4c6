"""The library panel's queries and rows, and the query that turns one into the other.

``query_rows`` runs in an I/O worker, never on the GUI thread. The panel (``reader.ui``) only sees
``LibraryQuery`` and ``LibraryRow``, never the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.app import strings
from reader.store.library import Library, LibraryFilter
from reader.store.models import ArticleSummary


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """What the panel asks for: free text (may be empty) and a filter (all, unread, archived, tag:x)."""

    text: str
    filter: str
    generation: int


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """One list row, built from the store's summaries or search hits.

    ``title`` is in the reader's language when the title was translated; ``original_title`` is then the
    title as written (shown under it), else empty.
    """

    article_id: int
    title: str
    detail: str  # site · languages · date · progress
    snippet: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    original_title: str = ""


def library_filter(name: str) -> LibraryFilter:
    if name == "unread":
        return LibraryFilter(unread=True)
    if name == "archived":
        return LibraryFilter(archived=True)
    if name.startswith("tag:"):
        return LibraryFilter(tag=name[4:], archived=None)
    return LibraryFilter(archived=None)  # "All articles" means all; the archived ones are marked


def _detail(summary: ArticleSummary) -> str:
    """The row's second line: site · languages · date · progress."""
    parts: list[str] = []
    if summary.site:
        parts.append(summary.site)
    if summary.languages:
        parts.append("/".join(code.upper() for code in summary.languages))
    if summary.published:
        parts.append(str(summary.published)[:10])
    if summary.progress:
        parts.append(f"{round(summary.progress * 100)} % read")
    return " · ".join(parts)


def library_row(summary: ArticleSummary, snippet: str = "") -> LibraryRow:
    """The row of one summary: the title in the reader's language first, the original under it."""
    title = summary.title or strings.UNTITLED
    translated = (summary.title_translation or "").strip()
    original = ""
    if translated and translated != title:
        title, original = translated, title
    return LibraryRow(
        summary.id, title, _detail(summary), snippet, tuple(summary.tags), bool(summary.archived), original
    )


def query_rows(library: Library, query: LibraryQuery, limit: int = 200) -> tuple[list[LibraryRow], list[str]]:
    flt = library_filter(query.filter)
    if query.text:
        rows = [
            library_row(hit.summary, hit.snippet)
            for hit in library.search(query.text, filter=flt, limit=limit)
        ]
    else:
        rows = [library_row(s) for s in library.list_articles(filter=flt, sort="added", limit=limit)]
    return rows, list(library.all_tags())
