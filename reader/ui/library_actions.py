"""The window's library actions: the panel's queries, tags, archive, delete with undo, and export.

A mixin of MainWindow (kept apart to keep the window module small). Every SQLite call runs in a worker:
queries on the I/O pool, writes on the one-thread writer pool; results come back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from reader.app.article_session import ArticleController, user_message
from reader.app.runner import IO_POOL, WRITER_POOL, TaskRunner
from reader.app.services import Services
from reader.ui.library_panel import LibraryPanel, LibraryQuery, LibraryRow
from reader.ui.status_bar import StatusBar

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object


class LibraryActionsMixin(_Base):
    runner: TaskRunner
    services: Services
    controller: ArticleController
    library_panel: LibraryPanel
    status: StatusBar
    _deleted_id: int | None
    settings: Any

    def start_directory(self) -> str:
        """File dialogs start in the folder last used, else the user's documents folder."""
        last = self.settings.last_directory
        if last and Path(last).is_dir():
            return str(last)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _run_library_query(self, query: LibraryQuery) -> None:
        def work(_handle: Any) -> tuple[list[LibraryRow], list[str]]:
            from reader.ui.library_rows import query_rows

            return query_rows(self.services.library, query)

        def done(result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.status.show_text(user_message(error), error=True)
                return
            rows, tags = result
            self.library_panel.set_tags(tags)
            self.library_panel.show_results(query, rows)

        self.runner.run(IO_POOL, work, done, pass_handle=True)

    def _library_write(
        self, fn: Callable[[], object], message: str, after: Callable[[], None] | None = None
    ) -> None:
        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.status.show_text(user_message(error), error=True)
                return
            self.status.show_text(message)
            self.library_panel.refresh()
            if after is not None:
                after()

        self.runner.run(WRITER_POOL, fn, done)

    def _current_id(self) -> int | None:
        if self.controller.article_id is not None:
            return self.controller.article_id
        return self.library_panel.selected_id()

    def edit_tags(self) -> None:
        article_id = self.controller.article_id
        if article_id is None:
            self.status.show_text("Save the article to the library first (Ctrl+S), then tag it.")
            return
        current = ", ".join(self.controller.tags)
        value, ok = QInputDialog.getText(
            self, "Tags", "Tags, separated by commas:", QLineEdit.EchoMode.Normal, current
        )
        if not ok:
            return
        tags = sorted({t.strip() for t in value.split(",") if t.strip()})
        self.controller.tags = tags
        self._library_write(lambda: self.services.library.set_tags(article_id, tags), "Tags saved.")

    def toggle_archive(self) -> None:
        """Archive the open article, or bring it back when it is archived already."""
        article_id = self.controller.article_id
        if article_id is None:
            self.status.show_text("Save the article to the library first (Ctrl+S), then archive it.")
            return
        archive = not self.controller.archived
        self.controller.archived = archive
        self._library_write(
            lambda: self.services.library.set_archived(article_id, archive),
            "Archived." if archive else "Moved back from the archive.",
        )

    def delete_current(self) -> None:
        article_id = self._current_id()
        if article_id is not None:
            self.delete_article(article_id)

    def delete_article(self, article_id: int) -> None:
        def after() -> None:
            self._deleted_id = article_id
            self.status.offer_undo(True)
            if self.controller.article_id == article_id:
                self.controller.article_id = None

        self._library_write(
            lambda: self.services.library.delete(article_id), "Deleted. Undo with Ctrl+Z.", after
        )

    def undo_delete(self) -> None:
        article_id = self._deleted_id
        if article_id is None:
            return
        self._deleted_id = None
        self.status.offer_undo(False)
        self._library_write(lambda: self.services.library.undelete(article_id), "Restored.")

    def export_current(self, fmt: str) -> None:
        article = self.controller.article
        if article is None:
            return
        suffix = {"html": "html", "md": "md"}[fmt]
        default = "".join(c if c.isalnum() or c in " -_" else "_" for c in article.title)[:80] or "article"
        start = str(Path(self.start_directory()) / f"{default}.{suffix}")
        path, _f = QFileDialog.getSaveFileName(self, "Export Article", start, f"*.{suffix}")
        if not path:
            return
        self.settings.last_directory = str(Path(path).parent)
        translations = list(self.controller.translations.values())
        annotations = dict(self.controller.annotations)

        def write() -> None:
            from reader.core import export

            render = export.to_html if fmt == "html" else export.to_markdown
            Path(path).write_text(render(article, translations, annotations), encoding="utf-8")

        def done(_r: Any, error: BaseException | None) -> None:
            if error is None:
                self.status.show_text(f"Exported to {path}.")
            elif isinstance(error, OSError):
                self.status.show_text(f"Could not write {path}: {error.strerror or error}.", error=True)
            else:
                self.status.show_text(user_message(error), error=True)

        self.runner.run(IO_POOL, write, done)
