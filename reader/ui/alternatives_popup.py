"""The popup at a translated sentence offering other translations of it.

It opens at once with "Computing alternatives…" (the model worker computes them) and fills in when they
arrive; each alternative is a full, wrapped sentence (a menu would cut long ones). A click, Enter on the
current row or the digit 1-3 chooses one; Escape (or a click elsewhere) closes it. Closing without a choice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.core.translate.sentence_pairs import Alternative

COMPUTING = "Computing alternatives…"
NONE_FOUND = "The model offers no other translation of this sentence."
POPUP_WIDTH = 420


class AlternativesPopup(QFrame):
    """Signals: chosen(object) with the Alternative picked, closed() when it closes (chosen or not)."""

    chosen = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget, current: str) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("alternativesPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Alternative translations")
        self.status = QLabel(COMPUTING, self)
        self.status.setObjectName("alternativesStatus")
        self.status.setWordWrap(True)
        self.current = QLabel(f"Now: {current}", self)
        self.current.setWordWrap(True)
        self.current.setEnabled(False)  # drawn quietly: it is what the reader already has
        self.list = QListWidget(self)
        self.list.setObjectName("alternativesList")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_activated)
        self.list.installEventFilter(self)  # the digits choose, not the list's type-to-search
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.status)
        layout.addWidget(self.current)
        layout.addWidget(self.list)
        self.setFixedWidth(POPUP_WIDTH)
        self._alternatives: list[Alternative] = []

    def show_at(self, global_pos: QPoint) -> None:
        self.adjustSize()
        self.move(global_pos)
        self.show()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def set_alternatives(self, alternatives: Sequence[Alternative]) -> None:
        """The model's answer: up to three other translations (none: say so)."""
        self._alternatives = list(alternatives)
        self.list.clear()
        if not alternatives:
            self.status.setText(NONE_FOUND)
            self.list.hide()
        else:
            self.status.setText("Choose a translation to keep (1–3), Escape to close:")
            for number, alternative in enumerate(alternatives, 1):
                item = QListWidgetItem(f"{number}. {alternative.text}", self.list)
                item.setToolTip(_score_note(alternative.score))
            self.list.show()
            self.list.setCurrentRow(0)
            self.list.setFocus(Qt.FocusReason.PopupFocusReason)
            self._fit_list()
        self.adjustSize()

    def set_error(self, message: str) -> None:
        self.status.setText(message)
        self.list.hide()
        self.adjustSize()

    @property
    def alternatives(self) -> list[Alternative]:
        return list(self._alternatives)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self._alternatives):
            alternative = self._alternatives[index]
            self._alternatives = []
            self.close()
            self.chosen.emit(alternative)

    def _fit_list(self) -> None:
        """Tall enough for every wrapped alternative, so none needs scrolling."""
        width = POPUP_WIDTH - 30
        metrics = self.list.fontMetrics()
        height = 4
        for row in range(self.list.count()):
            item = self.list.item(row)
            bounds = metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(width, bounds.height() + 8))
            height += bounds.height() + 8
        self.list.setFixedHeight(height)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.choose(self.list.row(item))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._on_key(event):
            super().keyPressEvent(event)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_3:
            self.choose(key - Qt.Key.Key_1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentRow() >= 0:
            self.choose(self.list.currentRow())
        else:
            return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


def _score_note(score: float | None) -> str:
    if score is None:
        return ""
    return f"The model's confidence: {score:.2f} (mean log-probability per token; 0 is certain)"
