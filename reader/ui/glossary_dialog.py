"""Tools → Glossary: the reader's terms, per language pair, that translations must honour.

A term is either translated a fixed way ("Bundestag" → "Bundestag (German parliament)") or kept as is
(names, brands: "Deutsche Bahn" stays "Deutsche Bahn"). The table lists the terms of one pair (or all);
the row below adds one; a translation is edited in its cell, "Keep as is" toggled in its column; Delete
removes the selected terms, with Undo. New translations use the terms at once (the engine reads the
glossary for every translation); the window translates the open article's affected paragraphs again.
Every query and write is an operation in a worker (``reader.app.memory_ops``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
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
from reader.core.translate.memory import GlossaryTerm

COLUMNS = ("Term", "Translation", "Keep as is", "Languages")
TERM, TRANSLATION, KEEP, PAIR = range(4)
ALL_PAIRS = "All language pairs"
Pair = tuple[str, str]


class GlossaryDialog(QDialog):
    """Signals: terms_changed(object): the GlossaryTerms added, changed or deleted (for re-translation)."""

    terms_changed = Signal(object)

    def __init__(
        self,
        ops: Operations,
        services: Services,
        pair: Pair | None = None,
        reader_language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        """``pair``: the open article's (source, reader language): shown first, and new terms get it."""
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.setWindowTitle("Glossary")
        self.ops = ops
        self.services = services
        self.default_pair = pair
        self.reader_language = reader_language
        self.known_pairs: list[Pair] = []  # what the installed models translate
        self.all_terms: list[GlossaryTerm] = []
        self.terms: list[GlossaryTerm] = []  # what the table shows, row by row
        self.deleted: list[GlossaryTerm] = []
        self._filling = False

        self.pair_box = QComboBox(self)
        self.pair_box.setObjectName("glossaryPair")
        self.pair_box.currentIndexChanged.connect(lambda _i: self._fill())
        pair_row = QHBoxLayout()
        pair_label = QLabel("&Languages:", self)
        pair_label.setBuddy(self.pair_box)
        pair_row.addWidget(pair_label)
        pair_row.addWidget(self.pair_box, 1)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("glossaryTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TERM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TRANSLATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KEEP, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PAIR, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item_changed)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        self.term_field = QLineEdit(self)
        self.term_field.setObjectName("glossaryTerm")
        self.term_field.setPlaceholderText("Term in the original")
        self.translation_field = QLineEdit(self)
        self.translation_field.setObjectName("glossaryTranslation")
        self.translation_field.setPlaceholderText("Its translation")
        self.keep_box = QCheckBox("Keep as is", self)
        self.keep_box.setToolTip("Names and brands: the translation keeps the term unchanged")
        self.keep_box.toggled.connect(lambda keep: self.translation_field.setEnabled(not keep))
        self.add_button = QPushButton("Add", self)
        self.add_button.clicked.connect(self.add_from_fields)
        self.term_field.returnPressed.connect(self.add_from_fields)
        self.translation_field.returnPressed.connect(self.add_from_fields)
        add_row = QHBoxLayout()
        add_row.addWidget(self.term_field, 2)
        add_row.addWidget(self.translation_field, 2)
        add_row.addWidget(self.keep_box)
        add_row.addWidget(self.add_button)

        self.message = QLabel(self)
        self.message.setObjectName("glossaryMessage")
        self.message.setWordWrap(True)
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        delete = QPushButton("Delete", self)
        delete.setToolTip("Delete the selected terms (Del)")
        delete.clicked.connect(self.delete_selected)
        close = QPushButton("Close", self)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(delete)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(pair_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(add_row)
        layout.addLayout(bottom)
        self.resize(720, 460)
        self.refresh()

    # -- listing ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        memory_ops.list_glossary(self.ops, self.services, self.reader_language).success(self._listed).failure(
            self._failed
        ).run_in_background()

    def _listed(self, result: tuple[list[GlossaryTerm], list[Pair]]) -> None:
        terms, self.known_pairs = result
        self.all_terms = sorted(terms, key=lambda t: (t.source_lang, t.target_lang, t.source.casefold()))
        chosen = self.current_pair()
        pairs = sorted(
            {(t.source_lang, t.target_lang) for t in terms} | set(self.known_pairs) | _some(self.default_pair)
        )
        self.pair_box.blockSignals(True)
        self.pair_box.clear()
        self.pair_box.addItem(ALL_PAIRS, "")
        for pair in pairs:
            self.pair_box.addItem(display.pair_label(*pair), pair_key(pair))
        wanted = chosen or self.default_pair
        index = self.pair_box.findData(pair_key(wanted)) if wanted else 0
        self.pair_box.setCurrentIndex(max(index, 0))
        self.pair_box.blockSignals(False)
        self._fill()

    def current_pair(self) -> Pair | None:
        source, _tab, target = str(self.pair_box.currentData() or "").partition("\t")
        return (source, target) if source and target else None

    def _fill(self) -> None:
        pair = self.current_pair()
        self.terms = [t for t in self.all_terms if pair is None or (t.source_lang, t.target_lang) == pair]
        self._filling = True
        self.table.setRowCount(len(self.terms))
        for row, term in enumerate(self.terms):
            self._set_row(row, term)
        self._filling = False
        if not self.all_terms:
            self.message.setText(
                "No terms yet. Right-click a highlighted name in an article to keep it as is."
            )
        else:
            self.message.setText(f"{len(self.terms)} term{'s' if len(self.terms) != 1 else ''}.")

    def _set_row(self, row: int, term: GlossaryTerm) -> None:
        readonly = ~Qt.ItemFlag.ItemIsEditable
        source = QTableWidgetItem(term.source)
        source.setFlags(source.flags() & readonly)
        translation = QTableWidgetItem(term.target or "")
        if term.target is None:
            translation.setFlags(translation.flags() & readonly)
        keep = QTableWidgetItem()
        keep.setFlags((keep.flags() | Qt.ItemFlag.ItemIsUserCheckable) & readonly)
        keep.setCheckState(Qt.CheckState.Checked if term.target is None else Qt.CheckState.Unchecked)
        pair = QTableWidgetItem(display.pair_label(term.source_lang, term.target_lang))
        pair.setFlags(pair.flags() & readonly)
        for column, item in ((TERM, source), (TRANSLATION, translation), (KEEP, keep), (PAIR, pair)):
            self.table.setItem(row, column, item)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    # -- adding and editing -----------------------------------------------------------------------------
    def add_from_fields(self) -> None:
        source = " ".join(self.term_field.text().split())
        target = None if self.keep_box.isChecked() else " ".join(self.translation_field.text().split())
        pair = self.current_pair() or self.default_pair
        if not source:
            self.message.setText("Type the term first.")
            return
        if target == "":
            self.message.setText("Type its translation, or tick “Keep as is”.")
            return
        if pair is None:
            self.message.setText("Choose the language pair the term belongs to.")
            return
        self._store(GlossaryTerm(pair[0], pair[1], source, target), f"Added “{source}”.")
        self.term_field.clear()
        self.translation_field.clear()
        self.term_field.setFocus()

    def _store(self, term: GlossaryTerm, message: str) -> None:
        def stored(saved: GlossaryTerm) -> None:
            self.message.setText(message)
            self.terms_changed.emit([saved])
            self.refresh()

        op = memory_ops.add_glossary_term(self.ops, self.services, term)
        op.success(stored).failure(self._failed).run_in_background()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or not 0 <= item.row() < len(self.terms):
            return
        term = self.terms[item.row()]
        if item.column() == KEEP:
            keep = item.checkState() == Qt.CheckState.Checked
            if keep == (term.target is None):
                return
            written = self.table.item(item.row(), TRANSLATION)
            target = None if keep else " ".join((written.text() if written else "").split()) or term.source
            changed = replace(term, target=target)
        elif item.column() == TRANSLATION:
            text = " ".join(item.text().split())
            if not text or text == term.target:
                self._filling = True
                item.setText(term.target or "")
                self._filling = False
                return
            changed = replace(term, target=text)
        else:
            return
        self.terms[item.row()] = changed
        self._filling = True
        self._set_row(item.row(), changed)
        self._filling = False

        def updated(_result: object) -> None:
            self.message.setText(f"Saved “{changed.source}”.")
            self.terms_changed.emit([changed])

        op = memory_ops.update_glossary_term(self.ops, self.services, changed)
        op.success(updated).failure(self._failed).run_in_background()

    # -- deleting ---------------------------------------------------------------------------------------
    def delete_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = [
            self.terms[row] for row in rows if 0 <= row < len(self.terms) and self.terms[row].id is not None
        ]
        if not chosen:
            self.message.setText("Select the terms to delete first.")
            return
        self.deleted = chosen

        def deleted(_count: int) -> None:
            self.message.setText(f"Deleted {len(chosen)} term{'s' if len(chosen) != 1 else ''}.")
            self.undo_button.show()
            self.terms_changed.emit(chosen)
            self.refresh()

        ids = [term.id for term in chosen if term.id is not None]
        op = memory_ops.delete_glossary_terms(self.ops, self.services, ids)
        op.success(deleted).failure(self._failed).run_in_background()

    def undo_delete(self) -> None:
        restore, self.deleted = self.deleted, []
        self.undo_button.hide()
        for term in restore:
            self._store(replace(term, id=None), f"Restored “{term.source}”.")


def pair_key(pair: Pair) -> str:
    """A pair as the combo box's item data (a string compares by value; a tuple would by identity)."""
    return "\t".join(pair)


def _some(pair: Pair | None) -> set[Pair]:
    return {pair} if pair else set()


__all__ = ["GlossaryDialog", "pair_key"]
