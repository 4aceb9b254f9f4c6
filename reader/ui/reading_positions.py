"""Where the reader is in the article view, kept exactly through re-renders, zooms and font changes.

A document position is remembered as (block id, distance from that block's anchor), which survives a
re-render; the view is scrolled so the remembered character is at the same height as before. A mixin of
``ArticleView`` (kept apart to keep the view module small).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.core.document import Article

if TYPE_CHECKING:
    _Base = QTextBrowser
else:
    _Base = object

Mark = tuple[str, int]  # (block id, offset from the block's anchor)


class ReadingPositions(_Base):
    _article: Article | None
    _block_starts: list[tuple[int, str]]  # (document position, block id), ascending
    _kept: tuple[Mark, int, int] | None  # (top mark, its y, scroll value) after the last kept change

    def _keeping_position(self, change: Callable[[], None]) -> None:
        """Apply ``change`` to the document keeping the line at the top of the view where it is (the
        very character, so a zoom or a new font keeps the place inside a long paragraph), and any
        selection."""
        top = self._top_mark()
        selection = self._selection_marks()
        change()
        if top is not None:
            mark, offset = top
            position = self._position_of(mark)
            if position is not None:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + self._viewport_y(position) - offset)
                self._kept = (mark, offset, bar.value())
        if selection is not None:
            self._restore_selection(selection)

    def _top_mark(self) -> tuple[tuple[str, int], int] | None:
        """The character at the top left of the view as (block mark, its y in the viewport)."""
        if not self._block_starts:
            return None
        if self._kept is not None and self._kept[2] == self.verticalScrollBar().value():
            # Not scrolled since the last change: keep that character, not the start of the line it
            # now sits on, or zooming in and out again would creep back through the paragraph.
            return self._kept[0], self._kept[1]
        position = self.cursorForPosition(self._probe_point()).position()
        mark = self._mark(position)
        return (mark, self._viewport_y(position)) if mark is not None else None

    def _viewport_y(self, position: int) -> int:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return self.cursorRect(cursor).top()

    def _mark(self, position: int) -> tuple[str, int] | None:
        """A document position as (block id, distance from that block's anchor): survives a re-render."""
        keys = [pos for pos, _bid in self._block_starts]
        index = bisect.bisect_right(keys, position) - 1
        if index < 0:
            return None
        start, block_id = self._block_starts[index]
        return block_id, position - start

    def _position_of(self, mark: tuple[str, int]) -> int | None:
        for start, block_id in self._block_starts:
            if block_id == mark[0]:
                return min(start + mark[1], self.document().characterCount() - 1)
        return None

    def _selection_marks(self) -> tuple[tuple[str, int], tuple[str, int]] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        anchor, position = self._mark(cursor.anchor()), self._mark(cursor.position())
        return (anchor, position) if anchor and position else None

    def _restore_selection(self, marks: tuple[tuple[str, int], tuple[str, int]]) -> None:
        anchor, position = self._position_of(marks[0]), self._position_of(marks[1])
        if anchor is None or position is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        bar = self.verticalScrollBar()
        value = bar.value()
        self.setTextCursor(cursor)
        bar.setValue(value)  # setTextCursor would scroll to the cursor; the reader's place wins

    def _block_viewport_y(self, block_id: str) -> int | None:
        for position, bid in self._block_starts:
            if bid == block_id:
                cursor = QTextCursor(self.document())
                cursor.setPosition(position)
                return self.cursorRect(cursor).top()
        return None

    def _block_at(self, position: int) -> str | None:
        keys = [pos for pos, _bid in self._block_starts]
        index = bisect.bisect_right(keys, position) - 1
        return self._block_starts[index][1] if index >= 0 else None

    def top_block_id(self) -> str | None:
        """The block at the top of the viewport: the reading position."""
        if not self._block_starts:
            return None
        position = self.cursorForPosition(self._probe_point()).position()
        return self._block_at(position) or self._block_starts[0][1]

    def _probe_point(self) -> QPoint:
        """A point just inside the text at the top left (the document margin itself hits nothing useful)."""
        margin = int(self.document().rootFrame().frameFormat().leftMargin())
        return QPoint(margin + 6, 12)

    def visible_block_ids(self) -> list[str]:
        """Blocks in (and just below) the viewport, top first: what to translate first."""
        if not self._block_starts:
            return [] if self._article is None else [b.id for b in self._article.blocks]
        first = self.cursorForPosition(self._probe_point()).position()
        last = self.cursorForPosition(
            QPoint(self.viewport().width() - 4, self.viewport().height() * 2)
        ).position()
        ids = [bid for pos, bid in self._block_starts if first <= pos <= last]
        top = self._block_at(first)
        if top and top not in ids:
            ids.insert(0, top)
        return ids

    def scroll_to_block(self, block_id: str) -> None:
        y = self._block_viewport_y(block_id)
        if y is not None:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + y - 8)
