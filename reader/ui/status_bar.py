"""The status bar: a calm one-line message, progress for long work, Cancel, and Undo after a delete."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.ui.theme import error_colour

HISTORY = 20


class StatusBar(QStatusBar):
    """Signals: cancel_requested(), undo_requested()."""

    cancel_requested = Signal()
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.message = QLabel(self)
        self.message.setObjectName("statusMessage")
        self.history: list[str] = []  # the last HISTORY messages, oldest first
        self.progress = QProgressBar(self)
        self.progress.setObjectName("statusProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop what Reader is doing (Esc)")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()
        self.undo_button = QToolButton(self)
        self.undo_button.setText("Undo")
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_button.hide()
        self.addWidget(self.message, 1)
        self.addPermanentWidget(self.undo_button)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)

    def show_text(self, text: str, *, error: bool = False) -> None:
        """Show one line; the message's tooltip is the history (errors also appear in the window)."""
        self.message.setText(text)
        if text and (not self.history or not self.history[-1].endswith(f"  {text}")):
            stamp = time.strftime("%H:%M:%S")
            self.history = [*self.history, f"{stamp}  {text}"][-HISTORY:]
        self.message.setToolTip("\n".join(reversed(self.history)))
        self.message.setProperty("error", error)
        self.message.setStyleSheet(f"color: {error_colour(self.palette()).name()};" if error else "")

    def set_busy(self, busy: bool) -> None:
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        if not busy:
            self.progress.reset()

    def set_progress(self, done: int, total: int) -> None:
        """total > 0: a fraction; total == 0: busy with no known end; total < 0: idle."""
        if total < 0:
            self.progress.hide()
            return
        self.progress.show()
        if total == 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(f"{done} / {total}")

    def offer_undo(self, visible: bool) -> None:
        self.undo_button.setVisible(visible)
