"""Turn a library panel query into rows: runs in an I/O worker, never on the GUI thread."""

from __future__ import annotations

from typing import Any

from reader.ui.library_panel import LibraryQuery, LibraryRow


def library_filter(name: str) -> Any:
    from reader.store.library import LibraryFilter

    if name == "unread":
        return LibraryFilter(unread=True)
    if name == "archived":
        return LibraryFilter(archived=True)
    if name.startswith("tag:"):
        return LibraryFilter(tag=name[4:])
    return LibraryFilter()


def _detail(summary: Any) -> str:
    parts: list[str] = []
    if getattr(summary, "site", None):
        parts.append(summary.site)
    langs = getattr(summary, "languages", None) or ()
    if langs:
        parts.append("/".join(code.upper() for code in langs))
    published = getattr(summary, "published", None)
    if published:
        parts.append(str(published)[:10])
    progress = getattr(summary, "progress", None)
    if progress:
        parts.append(f"{round(float(progress) * 100)} % read")
    return " · ".join(parts)


def query_rows(library: Any, query: LibraryQuery, limit: int = 200) -> tuple[list[LibraryRow], list[str]]:
    flt = library_filter(query.filter)
    if query.text:
        hits = library.search(query.text, filter=flt, limit=limit)
        rows = [
            LibraryRow(
                hit.summary.id if hasattr(hit, "summary") else hit.id,
                (hit.summary.title if hasattr(hit, "summary") else hit.title) or "Untitled article",
                _detail(getattr(hit, "summary", hit)),
                getattr(hit, "snippet", "") or "",
            )
            for hit in hits
        ]
    else:
        rows = [
            LibraryRow(s.id, s.title or "Untitled article", _detail(s))
            for s in library.list_articles(filter=flt, sort="added", limit=limit)
        ]
    return rows, list(library.all_tags())
