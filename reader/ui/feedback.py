"""What the reader sees while an article opens, and where errors appear.

Everything that shows an article changes together, at once: the moment an article is asked for, the view
says what is being opened (then its title and "detecting languages"), the outline empties, the address
field shows that address (or clears, for a file) and the library selects that article (or nothing). An
error appears where the reader is looking: inline in the view when nothing else is there, else in a
banner over the article that stays until dismissed; the status bar keeps the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from reader.app.article_session import ArticleSession
from reader.app.operations import Operations
from reader.core.document import Article
from reader.ui.article_view import ArticleView
from reader.ui.library_panel import LibraryPanel
from reader.ui.outline_panel import OutlinePanel
from reader.ui.theme import error_colour


@dataclass(frozen=True)
class ArticleDisplays:
    """The parts of the window that show (something of) the open article."""

    view: ArticleView
    outline: OutlinePanel
    url_field: QLineEdit
    library_panel: LibraryPanel
    placeholder: QWidget
    model_banner: QWidget


class ErrorBanner(QFrame):
    """A one-line error over the article, with Dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.dismiss = QPushButton("Dismiss", self)
        self.dismiss.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.label.setStyleSheet(f"color: {error_colour(self.palette()).name()};")
        self.show()


class ArticleFeedback(QObject):
    """Connects the article session's progress to every part of the window that shows an article."""

    def __init__(
        self, session: ArticleSession, ops: Operations, displays: ArticleDisplays, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.window = displays
        self.banner = ErrorBanner(parent)
        self.opening = False  # between a request and the article (or its error)
        self._title = ""
        session.opening.connect(self._on_opening)
        session.article_loaded.connect(self._on_loaded)
        session.article_opened.connect(self._on_opened)
        session.saved.connect(displays.library_panel.select_article)
        ops.cancelled.connect(self._on_cancelled)

    def _on_opening(self, source: str) -> None:
        w = self.window
        self.opening = True
        self.banner.hide()
        w.model_banner.hide()
        is_url = source.startswith(("http://", "https://"))
        self._title = source if is_url else (Path(source).name if source else "From the library")
        w.url_field.setText(source if is_url else "")
        if source:  # a library article keeps the row the reader clicked
            w.library_panel.select_article(None)
        w.outline.set_mentions([], w.view.visible_kinds())
        focus_on_article = w.placeholder.hasFocus() or QApplication.focusWidget() is None
        w.placeholder.hide()
        w.view.show()
        if focus_on_article:  # keep the keyboard on the article side (Ctrl+V, reading keys)
            w.view.setFocus(Qt.FocusReason.OtherFocusReason)
        w.view.show_notice(self._title, "Opening…")

    def _on_loaded(self, article: Article) -> None:
        count = len(article.blocks)
        self._title = article.title
        self.window.view.show_notice(
            article.title, f"{count} paragraph{'s' if count != 1 else ''} · detecting languages…"
        )

    def _on_opened(self, article: Article) -> None:
        w = self.window
        self.opening = False
        source = article.source
        w.url_field.setText(source if source.startswith(("http://", "https://")) else "")
        w.library_panel.select_article(self.session.article_id)

    def show_error(self, message: str) -> None:
        """Inline in the view while an article was opening, else a banner over the article."""
        w = self.window
        if self.opening:
            self.opening = False
            previous = self.session.article
            if previous is not None:  # the article the reader had stays, with the error above it
                w.view.set_article(previous, self.session.translations, self.session.annotations)
                w.url_field.setText(previous.source if previous.source.startswith("http") else "")
                w.library_panel.select_article(self.session.article_id)
                self.banner.show_message(message)
            else:
                w.view.show_notice(self._title, message, error=True)
            return
        self.banner.show_message(message)

    def _on_cancelled(self, message: str) -> None:
        if self.opening:
            self.show_error(message or "Cancelled.")
