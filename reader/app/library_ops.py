"""Library operations, one factory per user action (as Anki's ``qt/aqt/operations/tag.py``).

Each returns an operation ready to run: the caller adds ``.success(...)`` for what the window shows and
calls ``.run_in_background()``. Writes broadcast ``library_changed`` when they succeed, so the library
list refreshes without anyone asking; errors take the default route. The window never calls the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.app.library_rows import LibraryQuery, LibraryRow
from reader.app.operations import Operations, QueryOp, WriteOp
from reader.app.runner import TaskHandle
from reader.app.services import Services
from reader.core.document import Article, BlockAnnotations, Translation

Rows = tuple[list[LibraryRow], list[str]]


def query_library(ops: Operations, services: Services, query: LibraryQuery) -> QueryOp[Rows]:
    """The rows and the tag list the library panel shows for ``query``."""

    def work(_handle: TaskHandle) -> Rows:
        from reader.app.library_rows import query_rows

        return query_rows(services.library, query)

    return QueryOp(ops, work)


def set_tags(ops: Operations, services: Services, article_id: int, tags: Sequence[str]) -> WriteOp[None]:
    chosen = list(tags)
    return WriteOp(ops, lambda _h: services.library.set_tags(article_id, chosen))


def set_archived(ops: Operations, services: Services, article_id: int, archived: bool) -> WriteOp[None]:
    return WriteOp(ops, lambda _h: services.library.set_archived(article_id, archived))


def delete_article(ops: Operations, services: Services, article_id: int) -> WriteOp[None]:
    """Move to the trash (``restore_article`` undoes it)."""
    return WriteOp(ops, lambda _h: services.library.delete(article_id))


def restore_article(ops: Operations, services: Services, article_id: int) -> WriteOp[None]:
    return WriteOp(ops, lambda _h: services.library.undelete(article_id))


def export_article(
    ops: Operations,
    path: Path,
    fmt: str,
    article: Article,
    translations: Sequence[Translation],
    annotations: dict[str, BlockAnnotations],
) -> QueryOp[Path]:
    """Write the open article as bilingual HTML or Markdown to ``path`` (a file, not the library)."""
    chosen = list(translations)

    def write(_handle: TaskHandle) -> Path:
        from reader.core import export

        render = export.to_html if fmt == "html" else export.to_markdown
        path.write_text(render(article, chosen, annotations), encoding="utf-8")
        return path

    return QueryOp(ops, write)


__all__ = [
    "delete_article",
    "export_article",
    "query_library",
    "restore_article",
    "set_archived",
    "set_tags",
]
