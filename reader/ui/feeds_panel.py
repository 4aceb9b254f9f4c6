"""The Feeds section of the library panel: subscriptions with unread counts, and each source's articles.

Widgets only: it shows what ``FeedController`` loads and asks it for work through signals. The sources
list starts with "All new"; a failing source shows its last error on its own row. An article row shows
its title in the reader's language with the original under it, then its date and languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
ALL_NEW = -1  # the "All new" row's id
ERROR_COLOUR = QColor("#c0392b")
SCHEDULE_LABELS = {
    0: "Refresh only when I ask",
    30: "Every 30 minutes",
    60: "Every hour",
    180: "Every 3 hours",
}


class FeedsPanel(QWidget):
    """Signals: subscribe_requested(str), refresh_requested(), source_selected(int or None),
    article_activated(int), remove_requested(int), settings_requested(FeedSource), schedule_chosen(int)."""

    subscribe_requested = Signal(str)
    refresh_requested = Signal()
    source_selected = Signal(object)
    article_activated = Signal(int)
    remove_requested = Signal(int)
    settings_requested = Signal(object)  # the FeedSource
    schedule_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedsPanel")
        self.address = QLineEdit(self)
        self.address.setObjectName("feedAddress")
        self.address.setPlaceholderText("Subscribe: a site or feed address")
        self.address.setClearButtonEnabled(True)
        self.subscribe_button = QPushButton("Add", self)
        self.subscribe_button.setToolTip("Find this site's feed and subscribe")
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.setObjectName("feedRefresh")
        self.refresh_button.setToolTip("Fetch new articles from every feed (progress and Cancel below)")
        self.schedule = QComboBox(self)
        self.schedule.setObjectName("feedSchedule")
        self.schedule.setAccessibleName("Feed refresh schedule")
        for minutes, label in SCHEDULE_LABELS.items():
            self.schedule.addItem(label, minutes)
        self.prompt = self._build_prompt()
        self.sources = QListWidget(self)
        self.sources.setObjectName("feedSources")
        self.sources.setWordWrap(True)
        self.entries = QListWidget(self)
        self.entries.setObjectName("feedEntries")
        self.entries.setWordWrap(True)
        self.entries.setAlternatingRowColors(True)
        self.empty_label = QLabel("No subscriptions yet: paste a news site's address above.", self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("feedsEmpty")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.address, 1)
        top.addWidget(self.subscribe_button)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.schedule, 1)
        lists = QSplitter(Qt.Orientation.Vertical, self)
        lists.addWidget(self.sources)
        lists.addWidget(self.entries)
        lists.setSizes([160, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addLayout(controls)
        layout.addWidget(self.empty_label)
        layout.addWidget(lists, 1)

        self.address.returnPressed.connect(self._on_subscribe)
        self.subscribe_button.clicked.connect(self._on_subscribe)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.schedule.activated.connect(
            lambda _i: self.schedule_chosen.emit(int(self.schedule.currentData()))
        )
        self.sources.currentItemChanged.connect(self._on_source_changed)
        self.sources.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        unsubscribe = QAction("Unsubscribe (its articles stay in the library)", self.sources)
        unsubscribe.setShortcut(QKeySequence.StandardKey.Delete)
        unsubscribe.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        unsubscribe.triggered.connect(self._on_unsubscribe)
        self.sources.addAction(unsubscribe)
        settings = QAction("Settings…", self.sources)
        settings.triggered.connect(self._on_settings)
        self.sources.addAction(settings)
        self._shown: dict[int, Any] = {}
        self.entries.itemActivated.connect(lambda item: self.article_activated.emit(int(item.data(ID_ROLE))))
        self.show_sources([])

    def _build_prompt(self) -> QFrame:
        """Asked once, after the first subscription: Reader never refreshes on its own unless told to."""
        frame = QFrame(self)
        frame.setObjectName("feedSchedulePrompt")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        label = QLabel("Refresh your feeds automatically? Reader uses the network only when you ask.", frame)
        label.setWordWrap(True)
        self.prompt_hourly = QPushButton("Every hour", frame)
        self.prompt_never = QPushButton("Only when I ask", frame)
        layout = QVBoxLayout(frame)
        layout.addWidget(label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.prompt_hourly)
        buttons.addWidget(self.prompt_never)
        layout.addLayout(buttons)
        self.prompt_hourly.clicked.connect(lambda: self._answer_prompt(60))
        self.prompt_never.clicked.connect(lambda: self._answer_prompt(0))
        frame.hide()
        return frame

    def _answer_prompt(self, minutes: int) -> None:
        self.prompt.hide()
        self.show_schedule(minutes)
        self.schedule_chosen.emit(minutes)

    # -- showing ----------------------------------------------------------------------------------------
    def ask_schedule(self) -> None:
        self.prompt.show()

    def show_schedule(self, minutes: int) -> None:
        index = self.schedule.findData(minutes)
        self.schedule.setCurrentIndex(max(index, 0))

    def show_sources(self, sources: Sequence[Any]) -> None:
        """Rebuild the sources list (``FeedSource`` records), keeping the selection."""
        selected = self.selected_source()
        self._shown = {source.id: source for source in sources}
        self.sources.blockSignals(True)
        self.sources.clear()
        unread = sum(source.unread for source in sources)
        everything = QListWidgetItem(f"All new ({unread})")
        everything.setData(ID_ROLE, ALL_NEW)
        self.sources.addItem(everything)
        current = everything
        for source in sources:
            text = f"{source.title} ({source.unread})"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, source.id)
            item.setToolTip(source.url)
            if source.error:
                item.setText(f"{text}\n⚠ {source.error}")
                item.setForeground(QBrush(ERROR_COLOUR))
                item.setToolTip(f"{source.url}\n{source.error}")
            self.sources.addItem(item)
            if source.id == selected:
                current = item
        self.sources.setCurrentItem(current)
        self.sources.blockSignals(False)
        self.empty_label.setVisible(not sources)
        self.source_selected.emit(self.selected_source_or_all())

    def show_entries(self, source_id: int | None, entries: Sequence[Any]) -> None:
        """Fill the articles list (``FeedEntry`` records) if ``source_id`` is still the one selected."""
        if source_id != self.selected_source_or_all():
            return
        self.entries.clear()
        for entry in entries:
            lines = [entry.title_translated, entry.title] if entry.title_translated else [entry.title]
            details = [part for part in ((entry.published or "")[:10], "/".join(entry.languages)) if part]
            lines.append(" · ".join(details + (["new"] if entry.unread else [])))
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setData(ID_ROLE, entry.article_id)
            item.setToolTip(entry.title)
            font = item.font()
            font.setBold(entry.unread)
            item.setFont(font)
            self.entries.addItem(item)

    def selected_source(self) -> int | None:
        item = self.sources.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def selected_source_or_all(self) -> int | None:
        """The selected source's id, or None for "All new"."""
        selected = self.selected_source()
        return None if selected in (None, ALL_NEW) else selected

    def set_refreshing(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)

    # -- input ------------------------------------------------------------------------------------------
    def _on_subscribe(self) -> None:
        address = self.address.text().strip()
        if address:
            self.subscribe_requested.emit(address)
            self.address.clear()

    def _on_settings(self) -> None:
        source_id = self.selected_source_or_all()
        if source_id is not None and source_id in self._shown:
            self.settings_requested.emit(self._shown[source_id])

    def _on_unsubscribe(self) -> None:
        source_id = self.selected_source_or_all()
        if source_id is not None:
            self.remove_requested.emit(source_id)

    def _on_source_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.source_selected.emit(self.selected_source_or_all())
