"""The library panel: live full-text search, filters and the list of saved articles.

It never queries SQLite itself: it emits ``query_changed`` and the window runs the query in a worker,
then hands the rows back with ``show_results`` (stale answers are dropped by generation number).
Fully usable from the keyboard: type to search, Down moves into the list, Enter opens, Delete removes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader.app.library_rows import LibraryQuery, LibraryRow
from reader.app.memory_ops import MEMORY_LIST_LIMIT
from reader.core.query_limits import query_note

ID_ROLE = Qt.ItemDataRole.UserRole


class LibraryPanel(QWidget):
    """Signals: query_changed(LibraryQuery), article_activated(int), delete_requested(int)."""

    query_changed = Signal(object)
    article_activated = Signal(int)
    delete_requested = Signal(int)
    action_requested = Signal(str, int)  # "tags" | "archive" | "export" (from the context menu), article id
    memory_search_requested = Signal(str)  # the search text, to look up in the translation memory

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
        self.filter_note = QLabel(self)
        self.filter_note.setObjectName("libraryFilterNote")
        self.filter_note.setWordWrap(True)
        self.filter_note.hide()
        layout.addWidget(self.filter_note)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        # Searching the library also searches the reader's corrected sentences: say when those match.
        self._memory_text = ""
        self.memory_note = QLabel(self)
        self.memory_note.setObjectName("libraryMemoryNote")
        self.memory_note.setWordWrap(True)
        self.memory_note.setTextFormat(Qt.TextFormat.RichText)
        self.memory_note.linkActivated.connect(
            lambda _link: self.memory_search_requested.emit(self._memory_text)
        )
        self.memory_note.hide()
        layout.addWidget(self.memory_note)

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
        self.list.itemClicked.connect(self._on_item_activated)  # one click opens, as in a mail client
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_context_menu)
        self.rows: dict[int, LibraryRow] = {}
        self.known_tags: list[str] = []
        self.set_tags(())
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())

    # -- queries ----------------------------------------------------------------------------------------
    def current_query(self) -> LibraryQuery:
        return LibraryQuery(self.search.text().strip(), str(self.filter.currentData()), self._generation)

    def refresh(self) -> None:
        self._generation += 1
        self.query_changed.emit(self.current_query())

    def set_tags(self, tags: Sequence[str]) -> None:
        self.known_tags = list(tags)
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
        self.rows = {}
        for row in rows:
            lines = [row.title + (" · Archived" if row.archived else "")]
            if row.original_title:  # the title in the reader's language, the original under it
                lines.append(row.original_title)
            lines.append(row.detail)
            if row.tags:
                lines.append(" ".join(f"#{tag}" for tag in row.tags))
            if row.snippet:
                lines.append(row.snippet)
            self.rows[row.article_id] = row
            item = QListWidgetItem("\n".join(lines))
            item.setData(ID_ROLE, row.article_id)
            item.setToolTip(f"{row.title}\n{row.original_title}" if row.original_title else row.title)
            self.list.addItem(item)
            if row.article_id == selected:
                self.list.setCurrentItem(item)
        searching = bool(query.text) or query.filter != "all"
        note = query_note(query.text)  # a pasted page is searched by its first words only: say so
        self.empty_label.setText(
            note
            or (self._no_match(query) if searching else "Your library is empty. Save an article with Ctrl+S.")
        )
        self._show_filter_note(query)
        self.empty_label.setVisible(not rows or note is not None)
        return True

    def show_memory_matches(self, query: LibraryQuery, count: int) -> bool:
        """Under the results: how many translation-memory entries the search text matches, with a link
        that shows them (nothing when none match or nothing is searched). False when a newer query is out."""
        if query.generation != self._generation:
            return False
        self._memory_text = query.text
        if count <= 0 or not query.text:
            self.memory_note.hide()
            return True
        many = f"{count}+" if count >= MEMORY_LIST_LIMIT else str(count)
        entries = "sentence" if count == 1 else "sentences"
        self.memory_note.setText(
            f'{many} {entries} in your translation memory match · <a href="memory:search">Show them</a>'
        )
        self.memory_note.show()
        return True

    def _filter_label(self, query: LibraryQuery) -> str:
        index = self.filter.findData(query.filter)
        return self.filter.itemText(index) if index >= 0 else query.filter

    def _no_match(self, query: LibraryQuery) -> str:
        where = "" if query.filter == "all" else f" in “{self._filter_label(query)}”"
        what = f" “{query.text}”" if query.text else ""
        return f"No articles match{what}{where}. Esc shows all articles."

    def _show_filter_note(self, query: LibraryQuery) -> None:
        parts = []
        if query.filter != "all":
            parts.append(self._filter_label(query))
        if query.text:
            parts.append(f"“{query.text}”")
        self.filter_note.setText(f"Showing {' · '.join(parts)} (Esc shows all)" if parts else "")
        self.filter_note.setVisible(bool(parts))

    def clear_search_and_filter(self) -> None:
        """Esc: back to every article."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter.blockSignals(True)
        self.filter.setCurrentIndex(max(0, self.filter.findData("all")))
        self.filter.blockSignals(False)
        self.refresh()

    def _show_context_menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        if item is None:
            return
        self.context_menu(int(item.data(ID_ROLE))).popup(self.list.viewport().mapToGlobal(point))

    def context_menu(self, article_id: int) -> QMenu:
        """Open, Tags…, Archive (or back), Export, Delete for one row."""
        row = self.rows.get(article_id)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.article_activated.emit(article_id))
        menu.addAction("Tags…", lambda: self.action_requested.emit("tags", article_id))
        archived = row is not None and row.archived
        menu.addAction(
            "Move Back from the Archive" if archived else "Archive",
            lambda: self.action_requested.emit("archive", article_id),
        )
        menu.addAction("Export as HTML…", lambda: self.action_requested.emit("export", article_id))
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete_requested.emit(article_id))
        return menu

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
        article_id = int(item.data(ID_ROLE))
        if article_id != self._open_id:  # a double click's second half, or the open article: nothing to do
            self.article_activated.emit(article_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.filter_note.isVisible()
        ):
            event.accept()  # Esc clears the search and filter here, before the window's Cancel sees it
            return True
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
            if key == Qt.Key.Key_Escape and self.filter_note.isVisible():
                self.clear_search_and_filter()
                return True
            if watched is self.list and key == Qt.Key.Key_Up and self.list.currentRow() == 0:
                self.search.setFocus()
                return True
        return super().eventFilter(watched, event)
