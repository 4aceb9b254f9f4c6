"""Highlights in the article view: what is under the mouse, its counterparts, jumping through mentions.

A mixin of ``ArticleView`` (kept apart to keep the view module small).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip

from reader.ui.article_html import Palette, PlacedSpan

if TYPE_CHECKING:
    _Base = QTextBrowser
else:
    _Base = object


class HighlightNavigation(_Base):
    _spans: list[PlacedSpan]
    _span_starts: list[int]  # document position of each placed span, same order
    _hover_key: str | None
    _jump_index: dict[str, int]
    _palette: Palette
    _entity_selections: list[QTextEdit.ExtraSelection]
    _sentence_selections: list[QTextEdit.ExtraSelection]

    def span_at(self, point: QPoint) -> PlacedSpan | None:
        position = self.cursorForPosition(point).position()
        for index, start in enumerate(self._span_starts):
            if start >= 0 and start <= position < start + len(self._spans[index].span.text):
                return self._spans[index]
        return None

    def mentions(self, key: str) -> list[int]:
        """Indexes of the rendered spans that share ``key`` (type + normalized value)."""
        return [i for i, placed in enumerate(self._spans) if placed.key == key and self._span_starts[i] >= 0]

    def _near_view(self) -> tuple[int, int]:
        """Document positions from a screen above the viewport to a screen below it."""
        document = self.document()
        frame = document.rootFrame().frameFormat()
        # Inside the text's left and right edges: outside them a fuzzy hit answers the document's end.
        left = frame.leftMargin() + 2
        right = document.size().width() - frame.rightMargin() - 2
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        first = document.documentLayout().hitTest(QPointF(left, max(0, top - height)), fuzzy)
        last = document.documentLayout().hitTest(QPointF(right, top + 2 * height), fuzzy)
        return max(0, first), last if last >= 0 else document.characterCount()

    def mark_key(self, key: str | None) -> int:
        """Outline every mention of ``key`` (the hovered entity and its counterparts); returns how many.

        Only the mentions within a screen of the viewport get a mark (and again as the view scrolls): a name
        mentioned hundreds of times would otherwise cost a frame on every mouse move over it."""
        self._hover_key = key
        selections: list[QTextEdit.ExtraSelection] = []
        indexes = self.mentions(key) if key else []
        first, last = self._near_view() if indexes else (0, 0)
        for index in indexes:
            start = self._span_starts[index]
            if not first <= start <= last:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(start + len(self._spans[index].span.text), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(self._palette.counterpart))
            fmt.setFontWeight(QFont.Weight.DemiBold)
            selection.format = fmt
            selection.cursor = cursor
            selections.append(selection)
        self._entity_selections = selections
        self._show_marks()
        return len(indexes)

    def _show_marks(self) -> None:
        """Entity and sentence marks together: both are extra selections, painted over the text."""
        self.setExtraSelections(self._sentence_selections + self._entity_selections)

    def _extra_tip(self, point: QPoint) -> str:
        """More tooltip for ``point`` (the sentence linking adds why a sentence looks as it does)."""
        return ""

    def jump_to_mention(self, key: str) -> PlacedSpan | None:
        """Scroll to the next mention of ``key`` (cycling), select it and mark all its mentions."""
        indexes = self.mentions(key)
        if not indexes:
            return None
        turn = self._jump_index.get(key, -1) + 1
        self._jump_index[key] = turn % len(indexes)
        index = indexes[turn % len(indexes)]
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._span_starts[index])
        cursor.setPosition(
            self._span_starts[index] + len(self._spans[index].span.text), QTextCursor.MoveMode.KeepAnchor
        )
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(value)
        # A third down the view: the eye finds it at once, with the sentence before it still in sight.
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - self.viewport().height() // 3)
        self.mark_key(key)
        return self._spans[index]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        placed = self.span_at(event.position().toPoint())
        key = placed.key if placed else None
        if key != self._hover_key:
            self.mark_key(key)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = self.viewport().mapFromGlobal(event.globalPos())  # type: ignore[attr-defined]
            tip = "\n".join(
                part
                for part in (self.cursorForPosition(pos).charFormat().toolTip(), self._extra_tip(pos))
                if part
            )
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
