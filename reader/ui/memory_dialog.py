"""Tools → Translation Memory: the reader's own translations of sentences, to look through and tidy.

Lists entries (source sentence, the reader's translation, language pair, date), newest first; the search
box searches both sides (the library's full-text index) as the reader types. A translation is edited in
its cell (double-click or F2); Delete removes the selected entries, with Undo right there. TMX 1.4 files
are imported and exported, the standard exchange format of translation tools. Every query and write is an
operation in a worker (``reader.app.memory_ops``); the dialog only shows what comes back.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.app import memory_ops
from reader.app.operations import Operations
from reader.app.services import Services
from reader.app.strings import user_message
from reader.core import display
from reader.core.translate.memory import MemoryEntry

COLUMNS = ("Original sentence", "Your translation", "Languages", "Date")
SOURCE, TARGET, PAIR, DATE = range(4)
TMX_FILTER = "TMX files (*.tmx);;All files (*)"
SEARCH_DELAY_MS = 200


class MemoryDialog(QDialog):
    """Signals: entries_changed(object): the MemoryEntries edited, deleted or restored (the window
    translates the open article's sentences among them again); imported(): a TMX file was added (the
    window asks the memory which of the open article's sentences it now answers otherwise)."""

    entries_changed = Signal(object)
    imported = Signal()

    def __init__(
        self, ops: Operations, services: Services, start_directory: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memoryDialog")
        self.setWindowTitle("Translation Memory")
        self.ops = ops
        self.services = services
        self.start_directory = start_directory
        self.entries: list[MemoryEntry] = []  # what the table shows, row by row
        self.deleted: list[MemoryEntry] = []  # the last delete, for Undo
        self._filling = False
        self._generation = 0  # the newest listing; an older answer is dropped

        self.search = QLineEdit(self)
        self.search.setObjectName("memorySearch")
        self.search.setPlaceholderText('Search both languages (prefix*, "exact phrase")')
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("memoryTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PAIR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item_changed)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        self.message = QLabel(self)
        self.message.setObjectName("memoryMessage")
        self.message.setWordWrap(True)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected entries (Del)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton("Import TMX…", self)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button = QPushButton("Export TMX…", self)
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close", self)
        close.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(message_row)
        layout.addLayout(buttons)
        self.resize(820, 520)
        self.refresh()

    # -- listing ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the entries matching the search box (all when it is empty)."""
        self._generation += 1
        op = memory_ops.list_memory(self.ops, self.services, self.search.text())
        op.generation(lambda: self._generation).success(self._show).failure(self._failed)
        op.run_in_background()

    def _show(self, result: tuple[list[MemoryEntry], int]) -> None:
        entries, total = result
        self.entries = list(entries)
        self._filling = True
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                entry.source,
                entry.target,
                display.pair_label(entry.source_lang, entry.target_lang),
                _date(entry.updated_at or entry.created_at),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column != TARGET:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self._filling = False
        self.table.resizeRowsToContents()
        query = self.search.text().strip()
        if query:
            self.message.setText(f"{_entries(len(entries))} found, of {total}.")
        elif total:
            self.message.setText(f"{_entries(total)}. Double-click a translation to edit it.")
        else:
            self.message.setText("No entries yet: edit a translated sentence in an article to add one.")

    def _failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    # -- editing ----------------------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != TARGET or not 0 <= item.row() < len(self.entries):
            return
        entry = self.entries[item.row()]
        text = " ".join(item.text().split())
        if not text:
            self.message.setText("A translation cannot be empty: delete the entry instead.")
            self._filling = True
            item.setText(entry.target)
            self._filling = False
            return
        if entry.id is None or text == entry.target:
            return
        changed = MemoryEntry(
            entry.source_lang, entry.target_lang, entry.source, text, entry.id, entry.created_at, time.time()
        )
        self.entries[item.row()] = changed

        def saved(_entry: MemoryEntry) -> None:
            self.message.setText("Translation saved.")
            self.entries_changed.emit([changed])

        op = memory_ops.update_memory(self.ops, self.services, entry.id, text)
        op.success(saved).failure(self._failed).run_in_background()

    def selected_entries(self) -> list[MemoryEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row] for row in rows if 0 <= row < len(self.entries)]

    def delete_selected(self) -> None:
        chosen = [entry for entry in self.selected_entries() if entry.id is not None]
        if not chosen:
            self.message.setText("Select the entries to delete first.")
            return
        self.deleted = chosen

        def deleted(_count: int) -> None:
            self.message.setText(f"Deleted {_entries(len(chosen))}.")
            self.undo_button.show()
            self.entries_changed.emit(chosen)
            self.refresh()

        ids = [entry.id for entry in chosen if entry.id is not None]
        op = memory_ops.delete_memory(self.ops, self.services, ids)
        op.success(deleted).failure(self._failed).run_in_background()

    def undo_delete(self) -> None:
        restore, self.deleted = self.deleted, []
        self.undo_button.hide()

        def restored(_count: int) -> None:
            self.message.setText(f"Restored {_entries(len(restore))}.")
            self.entries_changed.emit(restore)
            self.refresh()

        op = memory_ops.restore_memory(self.ops, self.services, restore)
        op.success(restored).failure(self._failed).run_in_background()

    # -- TMX --------------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, "Import Translation Memory", self.start_directory, TMX_FILTER
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self.message.setText(f"Importing {path.name}…")

        def imported(count: int) -> None:
            self.message.setText(f"Imported {_entries(count)} from {path.name}.")
            self.refresh()
            self.imported.emit()

        memory_ops.import_tmx(self.ops, self.services, path).success(imported).failure(
            self._failed
        ).run_in_background()

    def choose_export(self) -> None:
        start = str(Path(self.start_directory) / "translation-memory.tmx") if self.start_directory else ""
        path, _f = QFileDialog.getSaveFileName(self, "Export Translation Memory", start, TMX_FILTER)
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        self.message.setText(f"Exporting to {path.name}…")
        op = memory_ops.export_tmx(self.ops, self.services, path)
        op.success(lambda count: self.message.setText(f"Exported {_entries(count)} to {path}.")).failure(
            self._failed
        ).run_in_background()


def _entries(count: int) -> str:
    return f"{count} entr{'ies' if count != 1 else 'y'}"


def _date(stamp: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(stamp)) if stamp else ""
