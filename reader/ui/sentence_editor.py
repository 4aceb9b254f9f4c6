"""The in-place editor of one translated sentence: a frameless text field laid over the sentence.

It lives on the article view's viewport, at the sentence's rectangle (a child of the viewport, so it
moves with the text when the view scrolls). Enter keeps the text, Escape cancels; leaving the field (a
click elsewhere) keeps the text too when it was changed, so nothing the reader typed is lost. The
window's own shortcuts (Esc cancels work, Ctrl+V opens an address) are kept away while the field has
focus: its keys are the reader's typing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QTextEdit

EDITOR_MIN_WIDTH = 260  # room for a few words even over a short sentence
EDITOR_LINES = 3


class SentenceEditor(QPlainTextEdit):
    """Signals: accepted(str) with the text to keep, cancelled()."""

    accepted = Signal(str)
    cancelled = Signal()

    def __init__(self, view: QTextEdit, text: str, rect: QRect) -> None:
        super().__init__(view.viewport())
        self.setObjectName("sentenceEditor")
        self.setAccessibleName("Translation of this sentence")
        self.setToolTip("Enter keeps your translation (also for other articles), Escape cancels")
        self.setFrameShape(QFrame.Shape.Box)
        self.setFont(view.document().defaultFont())  # the reading size: the text stays where the eye is
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setTabChangesFocus(True)
        self.setPlainText(text)
        self._original = text
        self._done = False
        self._view = view
        self._place(rect)
        self.show()
        self.raise_()
        self.selectAll()
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def _place(self, rect: QRect) -> None:
        viewport = self._view.viewport()
        line = self.fontMetrics().lineSpacing()
        height = max(rect.height() + line, line * EDITOR_LINES) + 2 * self.frameWidth() + 8
        width = min(max(rect.width(), EDITOR_MIN_WIDTH), viewport.width())
        left = max(0, min(rect.left(), viewport.width() - width))
        top = max(0, min(rect.top() - 4, viewport.height() - height))  # on screen even when the text is not
        self.setGeometry(left, top, width, height)

    # -- keys -------------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Enter and Escape belong to the editor, not to the window's shortcuts (Esc = Cancel).
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(keep=True)
        elif event.key() == Qt.Key.Key_Escape:
            self.finish(keep=False)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu on the field keeps it open
            self.finish(keep=self.text() != self._original)

    def text(self) -> str:
        return " ".join(self.toPlainText().split())

    def finish(self, *, keep: bool) -> None:
        """Close the editor once, saying what it ended with."""
        if self._done:
            return
        self._done = True
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        if keep and self.text():
            self.accepted.emit(self.text())
        else:
            self.cancelled.emit()
        self.deleteLater()

    @property
    def finished(self) -> bool:
        return self._done
