"""The window's library actions: the panel's queries, tags, archive, delete with undo, and export.

A mixin of MainWindow (kept apart to keep the window module small). Each action runs one operation from
``reader.app.library_ops`` and says in the status bar what happened; the library list refreshes on the
``library_changed`` broadcast that follows every write, and errors take the operations' default route.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.app import library_ops, memory_ops
from reader.app.article_session import ArticleSession
from reader.app.library_ops import Rows
from reader.app.library_rows import LibraryQuery
from reader.app.operations import Operations, WriteOp
from reader.app.services import Services
from reader.core.document import Article
from reader.ui.library_panel import LibraryPanel
from reader.ui.settings import Settings
from reader.ui.status_bar import StatusBar
from reader.ui.tags_dialog import TagsDialog

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object


class LibraryActionsMixin(_Base):
    ops: Operations
    services: Services
    session: ArticleSession
    library_panel: LibraryPanel
    status: StatusBar
    _deleted_id: int | None
    _deleted_open: Article | None  # the deleted article, when it was the one on screen
    settings: Settings

    def start_directory(self) -> str:
        """File dialogs start in the folder last used, else the user's documents folder."""
        last = self.settings.last_directory
        if last and Path(last).is_dir():
            return last
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _run_library_query(self, query: LibraryQuery) -> None:
        def show(result: Rows) -> None:
            rows, tags = result
            self.library_panel.set_tags(tags)
            self.library_panel.show_results(query, rows)

        library_ops.query_library(self.ops, self.services, query).success(show).run_in_background()
        if not query.text:
            self.library_panel.show_memory_matches(query, 0)
            return

        def counted(count: int) -> None:
            self.library_panel.show_memory_matches(query, count)

        def failed(_error: BaseException) -> None:
            self.library_panel.show_memory_matches(query, 0)  # the articles' search says what went wrong

        memory_ops.count_memory_matches(self.ops, self.services, query.text).success(counted).failure(
            failed
        ).run_in_background()

    def _after_write(self, op: WriteOp[None], message: str, after: Callable[[], None] | None = None) -> None:
        def done(_result: None) -> None:
            self.status.show_text(message)
            if after is not None:
                after()

        op.success(done).run_in_background()

    def _current_id(self) -> int | None:
        if self.session.article_id is not None:
            return self.session.article_id
        return self.library_panel.selected_id()

    def edit_tags(self, article_id: int | None = None) -> None:
        """Tags of the open article (Ctrl+T) or of a library row (its context menu), with completion."""
        row = self.library_panel.rows.get(article_id) if article_id is not None else None
        if article_id is None or article_id == self.session.article_id:
            article_id = self.session.article_id
            current, title = (
                list(self.session.tags),
                self.session.article.title if self.session.article else "",
            )
        else:
            current, title = list(row.tags) if row else [], row.title if row else ""
        if article_id is None:
            self.status.show_text("Save the article to the library first (Ctrl+S), then tag it.")
            return
        dialog = TagsDialog(title, current, self.library_panel.known_tags, self)
        if not dialog.exec():
            return
        tags = dialog.tags()
        if article_id == self.session.article_id:
            self.session.tags = tags
        self._after_write(library_ops.set_tags(self.ops, self.services, article_id, tags), "Tags saved.")

    def on_library_action(self, action: str, article_id: int) -> None:
        """A library row's context menu."""
        if action == "tags":
            self.edit_tags(article_id)
        elif action == "archive":
            row = self.library_panel.rows.get(article_id)
            archive = not (row is not None and row.archived)
            if article_id == self.session.article_id:
                self.session.archived = archive
            self._after_write(
                library_ops.set_archived(self.ops, self.services, article_id, archive),
                "Archived." if archive else "Moved back from the archive.",
            )
        elif action == "export":
            if article_id == self.session.article_id:
                self.export_current("html")
                return

            def export_once(_article: Article) -> None:
                self.session.article_opened.disconnect(export_once)
                self.export_current("html")

            self.session.article_opened.connect(export_once)
            self.session.open_stored(article_id)

    def toggle_archive(self) -> None:
        """Archive the open article, or bring it back when it is archived already."""
        article_id = self.session.article_id
        if article_id is None:
            self.status.show_text("Save the article to the library first (Ctrl+S), then archive it.")
            return
        archive = not self.session.archived
        self.session.archived = archive
        self._after_write(
            library_ops.set_archived(self.ops, self.services, article_id, archive),
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
            if self.session.article_id == article_id:
                self.session.article_id = None
                self._deleted_open = self.session.article  # still on screen: Undo links it again
            else:
                self._deleted_open = None

        op = library_ops.delete_article(self.ops, self.services, article_id)
        self._after_write(op, "Deleted. Undo with Ctrl+Z.", after)

    def undo_delete(self) -> None:
        article_id = self._deleted_id
        if article_id is None:
            return
        self._deleted_id = None
        self.status.offer_undo(False)
        shown = self._deleted_open

        def relink() -> None:
            # The restored article is the one still open: Archive, Tags and the position work on it again.
            if shown is not None and self.session.article is shown and self.session.article_id is None:
                self.session.article_id = article_id
                self.library_panel.select_article(article_id)

        op = library_ops.restore_article(self.ops, self.services, article_id)
        self._after_write(op, "Restored.", relink)

    def export_current(self, fmt: str) -> None:
        article = self.session.article
        if article is None:
            return
        suffix = {"html": "html", "md": "md"}[fmt]
        default = "".join(c if c.isalnum() or c in " -_" else "_" for c in article.title)[:80] or "article"
        start = str(Path(self.start_directory()) / f"{default}.{suffix}")
        path, _f = QFileDialog.getSaveFileName(self, "Export Article", start, f"*.{suffix}")
        if not path:
            return
        self.settings.last_directory = str(Path(path).parent)
        translations = list(self.session.translations.values())
        annotations = dict(self.session.annotations)

        def failed(error: BaseException) -> None:
            if isinstance(error, OSError):
                self.ops.failed.emit(f"Could not write {path}: {error.strerror or error}.")
            else:
                self.ops.report(error)

        op = library_ops.export_article(self.ops, Path(path), fmt, article, translations, annotations)
        op.success(lambda written: self.status.show_text(f"Exported to {written}.")).failure(failed)
        op.run_in_background()
