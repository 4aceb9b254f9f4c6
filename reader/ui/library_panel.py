"""The library panel: live full-text search, filters and the list of saved articles.

It never queries SQLite itself: it emits ``query_changed`` and the window runs the query in a worker,
then hands the rows back with ``show_results`` (stale answers are dropped by generation number).
Fully usable from the keyboard: type to search, Down moves into the list, Enter opens, Delete removes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.app.library_rows import LibraryQuery, LibraryRow

ID_ROLE = Qt.ItemDataRole.UserRole


class LibraryPanel(QWidget):
    """Signals: query_changed(LibraryQuery), article_activated(int), delete_requested(int)."""

    query_changed = Signal(object)
    article_activated = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search the library")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(self)
        self.filter.setObjectName("libraryFilter")
        self.filter.setAccessibleName("Library filter")
        self.list = QListWidget(self)
        self.list.setObjectName("libraryList")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.empty_label = QLabel("Your library is empty. Save an article with Ctrl+S.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("libraryEmpty")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)

        self._generation = 0
        self._open_id: int | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._open_first)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(self._on_item_activated)
        self.set_tags(())
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())

    # -- queries ----------------------------------------------------------------------------------------
    def current_query(self) -> LibraryQuery:
        return LibraryQuery(self.search.text().strip(), str(self.filter.currentData()), self._generation)

    def refresh(self) -> None:
        self._generation += 1
        self.query_changed.emit(self.current_query())

    def set_tags(self, tags: Sequence[str]) -> None:
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        for label, data in (("All articles", "all"), ("Unread", "unread"), ("Archived", "archived")):
            self.filter.addItem(label, data)
        for tag in tags:
            self.filter.addItem(f"Tag: {tag}", f"tag:{tag}")
        index = self.filter.findData(current) if current is not None else 0
        self.filter.setCurrentIndex(max(index, 0))
        self.filter.blockSignals(False)

    def show_results(self, query: LibraryQuery, rows: Sequence[LibraryRow]) -> bool:
        """Fill the list; returns False (and changes nothing) when a newer query is already out."""
        if query.generation != self._generation:
            return False
        selected = self.selected_id() or self._open_id
        self.list.clear()
        for row in rows:
            lines = [row.title, row.detail]
            if row.snippet:
                lines.append(row.snippet)
            item = QListWidgetItem("\n".join(lines))
            item.setData(ID_ROLE, row.article_id)
            item.setToolTip(row.title)
            self.list.addItem(item)
            if row.article_id == selected:
                self.list.setCurrentItem(item)
        searching = bool(query.text) or query.filter != "all"
        self.empty_label.setText(
            "No articles match." if searching else "Your library is empty. Save an article with Ctrl+S."
        )
        self.empty_label.setVisible(not rows)
        return True

    def select_article(self, article_id: int | None) -> None:
        """Select the row of the article on screen, or no row when it is not in the list."""
        self._open_id = article_id  # selected again whenever the list is refilled
        for i in range(self.list.count()):
            item = self.list.item(i)
            if article_id is not None and item.data(ID_ROLE) == article_id:
                self.list.setCurrentItem(item)
                return
        self.list.setCurrentRow(-1)
        self.list.clearSelection()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- keyboard ---------------------------------------------------------------------------------------
    def _open_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self._on_item_activated(self.list.item(0))

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.article_activated.emit(int(item.data(ID_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if watched is self.search and key == Qt.Key.Key_Down and self.list.count():
                self.list.setFocus()
                if self.list.currentRow() < 0:
                    self.list.setCurrentRow(0)
                return True
            if watched is self.list and key == Qt.Key.Key_Delete:
                article_id = self.selected_id()
                if article_id is not None:
                    self.delete_requested.emit(article_id)
                return True
            if watched is self.list and key == Qt.Key.Key_Up and self.list.currentRow() == 0:
                self.search.setFocus()
                return True
        return super().eventFilter(watched, event)
