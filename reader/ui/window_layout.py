"""The window's layout for reading: Tab order, side panels folded away in narrow windows, and reopening
the article where the reader left it. A mixin of ``MainWindow`` (kept apart to keep the window small).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QMainWindow, QTabWidget, QWidget

from reader.app.article_session import ArticleSession
from reader.ui.article_view import ArticleView
from reader.ui.library_panel import LibraryPanel
from reader.ui.outline_panel import OutlinePanel
from reader.ui.settings import Settings

if TYPE_CHECKING:
    _Base = QMainWindow
else:
    _Base = object

PANEL_WIDTH = {"library": 260, "outline": 280}  # their width at the default window size


class ReadingLayoutMixin(_Base):
    view: ArticleView
    library_panel: LibraryPanel
    side_tabs: QTabWidget  # the Library and Feeds tabs: what folds away, as View → Show Library does
    outline: OutlinePanel
    url_field: QLineEdit
    placeholder: QWidget
    session: ArticleSession
    settings: Settings
    actions_by_name: dict[str, QAction]
    _folded: set[str]
    _reopen_block: str

    def _set_tab_order(self) -> None:
        """Address bar → library → article → outline."""
        chain = [
            self.url_field,
            self.library_panel.search,
            self.library_panel.filter,
            self.library_panel.list,
            self.placeholder,
            self.view,
            self.outline,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- narrow windows ---------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fold_panels_for_width()

    def _fold_panels_for_width(self) -> None:
        """Below the width where the article could not have two columns of ~35 characters beside the side
        panels, fold the panels away (their View menu toggles bring them back); unfold on widening."""
        panels: dict[str, QWidget] = {"library": self.side_tabs, "outline": self.outline}
        need = self.view.side_by_side_min_width() + sum(PANEL_WIDTH[name] for name in panels)
        if self.width() < need:
            for name, panel in panels.items():
                if panel.isVisibleTo(self) and name not in self._folded:
                    self._folded.add(name)
                    panel.hide()
                    self.actions_by_name[f"toggle_{name}"].setChecked(False)
        elif self._folded:
            for name in self._folded:
                panels[name].show()
                self.actions_by_name[f"toggle_{name}"].setChecked(True)
            self._folded.clear()

    # -- where the reader left off ----------------------------------------------------------------------
    def remember_place(self) -> None:
        """The article on screen, for the next start: a library article by id (its position is kept in
        the library), a local file by path with the block at the top. A web address that was not saved
        is not fetched again unasked."""
        block_id = self.view.top_block_id() or ""
        article = self.view.article
        if self.session.article_id is not None:
            self.settings.last_article = f"library:{self.session.article_id}"
        elif article is not None and article.source and not article.source.startswith(("http:", "https:")):
            self.settings.last_article = f"file:{article.source}#{block_id}"
        else:
            self.settings.last_article = ""

    def reopen_last(self) -> bool:
        """Open what was on screen when Reader was closed; False when there is nothing to reopen."""
        kind, _sep, ref = self.settings.last_article.partition(":")
        if kind == "library" and ref.isdigit():
            self.session.open_stored(int(ref))
            return True
        if kind == "file":
            path, _sep, block_id = ref.rpartition("#")
            if path and Path(path).is_file():
                self._reopen_block = block_id
                self.session.open_source(path)
                return True
        return False
