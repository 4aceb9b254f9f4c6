"""Linked sentences in the article view: hover marks a sentence and its counterpart, a click pins the
pair, J/K (or Alt+Down/Alt+Up) move the pin sentence by sentence; unsure sentences are underlined.

A mixin of ``ArticleView`` (kept apart to keep the view module small). Marks are extra selections: Qt
paints them over the laid-out text, so marking never re-renders or re-lays out the document, never moves
the text and never touches the reader's own selection. Names keep their highlight colour: the tint skips
them. The confidence underline is in the rendered HTML itself (``ArticleRenderer``).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from reader.core.document import TITLE_BLOCK_ID, Article, SentencePair, Translation, TranslationStatus
from reader.ui.article_html import Column, Palette, PlacedSpan
from reader.ui.sentence_marks import (
    ORIGINAL_ANCHOR,
    TRANSLATION_ANCHOR,
    BodyPlacement,
    is_unsure,
    sentence_index_at,
    sentence_tooltip,
)
from reader.ui.sentence_ref import SentenceRef

if TYPE_CHECKING:
    _Base = QTextBrowser
else:
    _Base = object

Key = tuple[str, Column]
CLICK_SLOP = 4  # pixels the mouse may move between press and release and still be a click, not a drag


class SentenceLinking(_Base):
    _article: Article | None
    _translations: dict[str, Translation]
    _palette: Palette
    _spans: list[PlacedSpan]
    _span_starts: list[int]
    if TYPE_CHECKING:

        def _show_marks(self) -> None: ...  # HighlightNavigation: entity and sentence marks together

    def _init_sentence_linking(self) -> None:
        self._bodies: dict[Key, BodyPlacement] = {}  # from the renderer: each text's length and hyphens
        self._body_starts: dict[Key, int] = {}  # document position of each rendered text's first character
        self._body_ranges: list[tuple[int, int, str, Column]] = []  # (start, end, block id, column), sorted
        self._entity_ranges: list[tuple[int, int]] = []  # highlighted names: the tint goes around them
        self._hover_sentence: SentenceRef | None = None
        self._pinned: SentenceRef | None = None
        self._sentence_selections: list[QTextEdit.ExtraSelection] = []
        self._order: list[SentenceRef] | None = None  # sentence_order(), until the next render
        self._press_point: QPoint | None = None
        self.unsure_below: float | None = None  # the confidence threshold; None: no underline

    # -- where sentences are --------------------------------------------------------------------------
    def _place_bodies(self, found: dict[Key, int]) -> None:
        """The document positions of the ``so-``/``st-`` anchors, after every render or cell update."""
        self._body_starts = {key: start for key, start in found.items() if key in self._bodies}
        self._order = None
        self._body_ranges = sorted(
            (start, start + self._bodies[key].rendered_length, key[0], key[1])
            for key, start in self._body_starts.items()
        )
        self._entity_ranges = sorted(
            (start, start + len(placed.span.text))
            for placed, start in zip(self._spans, self._span_starts, strict=False)
            if start >= 0
        )

    @staticmethod
    def anchor_key(name: str) -> Key | None:
        if name.startswith(ORIGINAL_ANCHOR):
            return name[len(ORIGINAL_ANCHOR) :], Column.ORIGINAL
        if name.startswith(TRANSLATION_ANCHOR):
            return name[len(TRANSLATION_ANCHOR) :], Column.TRANSLATION
        return None

    def _pairs(self, block_id: str) -> tuple[SentencePair, ...]:
        translation = self._translations.get(block_id)
        if translation is None or translation.status is not TranslationStatus.TRANSLATED:
            return ()
        return translation.sentences

    def _text(self, block_id: str, column: Column) -> str:
        if column is Column.TRANSLATION:
            return self._translations[block_id].text or ""
        assert self._article is not None
        return self._article.title if block_id == TITLE_BLOCK_ID else self._article.block(block_id).text

    def sentence_at_position(self, position: int) -> SentenceRef | None:
        """The sentence pair whose original or translation holds document ``position``."""
        hit = self._sentence_hit(position)
        return None if hit is None else hit[0]

    def _sentence_hit(self, position: int) -> tuple[SentenceRef, Column] | None:
        index = bisect.bisect_right(self._body_ranges, (position, float("inf"))) - 1
        if index < 0:
            return None
        start, end, block_id, column = self._body_ranges[index]
        if not start <= position <= end:
            return None
        pairs = self._pairs(block_id)
        if not pairs:
            return None
        offset = self._bodies[(block_id, column)].to_source(position - start)
        text = self._text(block_id, column)
        found = sentence_index_at(pairs, text, offset, target=column is Column.TRANSLATION)
        return None if found is None else (SentenceRef(block_id, found), column)

    def _position_at(self, point: QPoint) -> int:
        """The document position of the character under ``point`` (viewport), -1 off the text."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        return self.document().documentLayout().hitTest(QPointF(point) + offset, Qt.HitTestAccuracy.ExactHit)

    def sentence_at(self, point: QPoint) -> SentenceRef | None:
        """The sentence pair under ``point`` (viewport coordinates), or None off the text."""
        position = self._position_at(point)
        return None if position < 0 else self.sentence_at_position(position)

    def sentence_ranges(
        self, ref: SentenceRef, columns: tuple[Column, ...] = tuple(Column)
    ) -> list[tuple[int, int]]:
        """Document ranges of the pair's original and translation, of those on screen in this mode."""
        pairs = self._pairs(ref.block_id)
        if not 0 <= ref.index < len(pairs):
            return []
        ranges = []
        for column in columns:
            start = self._body_starts.get((ref.block_id, column))
            if start is None:
                continue
            placement = self._bodies[(ref.block_id, column)]
            first, last = pairs[ref.index].target if column is Column.TRANSLATION else pairs[ref.index].source
            ranges.append((start + placement.to_rendered(first), start + placement.rendered_end(last)))
        return ranges

    def _range_rect(self, start: int, end: int) -> QRectF:
        """The bounding rectangle of document range [start, end) in document coordinates."""
        document = self.document()
        layout = document.documentLayout()
        rect = QRectF()
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                if line_end <= start or line_start >= end:
                    continue
                x1 = _x(line.cursorToX(max(start, line_start) - block.position()))
                x2 = _x(line.cursorToX(min(end, line_end) - block.position()))
                line_rect = QRectF(
                    origin.x() + min(x1, x2), origin.y() + line.y(), abs(x2 - x1), line.height()
                )
                rect = line_rect if rect.isNull() else rect.united(line_rect)
            block = block.next()
        return rect

    def sentence_rect(self, ref: SentenceRef) -> QRect:
        """Where the pair's translated sentence is, in viewport coordinates (the original when the
        translation is not on screen, as in original only; empty when neither is)."""
        ranges = self.sentence_ranges(ref, (Column.TRANSLATION,)) or self.sentence_ranges(
            ref, (Column.ORIGINAL,)
        )
        return self._viewport_rect(ranges)

    def _viewport_rect(self, ranges: list[tuple[int, int]]) -> QRect:
        rect = QRectF()
        for start, end in ranges:
            part = self._range_rect(start, end)
            rect = part if rect.isNull() else rect.united(part)
        if rect.isNull():
            return QRect()
        return rect.translated(
            -self.horizontalScrollBar().value(), -self.verticalScrollBar().value()
        ).toAlignedRect()

    # -- marks ------------------------------------------------------------------------------------------
    def pinned_sentence(self) -> SentenceRef | None:
        return self._pinned

    def hovered_sentence(self) -> SentenceRef | None:
        return self._hover_sentence

    def pin_sentence(self, ref: SentenceRef | None) -> None:
        """Pin ``ref`` (None unpins): it stays marked while the mouse moves on."""
        self._pinned = ref
        self._mark_sentences()

    def hover_sentence(self, ref: SentenceRef | None) -> None:
        if ref != self._hover_sentence:
            self._hover_sentence = ref
            self._mark_sentences()

    def _mark_sentences(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        if self._pinned is not None:
            selections += self._selections(self._pinned, self._palette.pinned)
        if self._hover_sentence is not None and self._hover_sentence != self._pinned:
            selections += self._selections(self._hover_sentence, self._palette.sentence)
        self._sentence_selections = selections
        self._show_marks()

    def _selections(self, ref: SentenceRef, colour: str) -> list[QTextEdit.ExtraSelection]:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(colour))
        fmt.setForeground(QColor(self._palette.text))  # muted text keeps its contrast on the tint
        out = []
        for start, end in self.sentence_ranges(ref):
            for piece_start, piece_end in self._around_names(start, end):
                cursor = QTextCursor(self.document())
                cursor.setPosition(piece_start)
                cursor.setPosition(piece_end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                out.append(selection)
        return out

    def _around_names(self, start: int, end: int) -> list[tuple[int, int]]:
        """[start, end) without the highlighted names in it: a tint over them would hide their colour."""
        pieces = []
        index = max(0, bisect.bisect_right(self._entity_ranges, (start, start)) - 1)
        cursor = start
        while index < len(self._entity_ranges) and self._entity_ranges[index][0] < end:
            name_start, name_end = self._entity_ranges[index]
            if name_end > cursor:
                if name_start > cursor:
                    pieces.append((cursor, name_start))
                cursor = max(cursor, name_end)
            index += 1
        if cursor < end:
            pieces.append((cursor, end))
        return pieces

    def _refresh_sentence_marks(self) -> None:
        """After a render: no hover (the mouse will tell), the pin kept while its sentence still exists."""
        self._hover_sentence = None
        if self._pinned is not None and not self.sentence_ranges(self._pinned):
            self._pinned = None
        self._mark_sentences()

    # -- confidence -------------------------------------------------------------------------------------
    def unsure_sentences(self) -> list[SentenceRef]:
        """The translated sentences on screen that carry the unsure underline."""
        return [
            SentenceRef(block_id, index)
            for (block_id, column) in self._body_starts
            if column is Column.TRANSLATION
            for index, pair in enumerate(self._pairs(block_id))
            if is_unsure(pair, self.unsure_below)
        ]

    def _extra_tip(self, point: QPoint) -> str:
        return self.sentence_tip(point)

    def sentence_tip(self, point: QPoint) -> str:
        """The tooltip of the sentence under ``point``: unsure, the reader's own, or glossary applied."""
        position = self._position_at(point)
        hit = self._sentence_hit(position) if position >= 0 else None
        if hit is None or hit[1] is not Column.TRANSLATION:
            return ""
        ref = hit[0]
        return sentence_tooltip(self._pairs(ref.block_id)[ref.index], self.unsure_below)

    # -- moving through the article -----------------------------------------------------------------------
    def sentence_order(self) -> list[SentenceRef]:
        """Every sentence pair on screen, in reading order (the title first)."""
        if self._order is None:
            assert self._article is not None
            ids = [TITLE_BLOCK_ID, *(block.id for block in self._article.blocks)]
            on_screen = {key[0] for key in self._body_starts}
            self._order = [
                SentenceRef(block_id, index)
                for block_id in ids
                if block_id in on_screen
                for index in range(len(self._pairs(block_id)))
            ]
        return list(self._order)

    def move_pinned(self, step: int) -> SentenceRef | None:
        """Pin the next (``step`` 1) or previous (-1) sentence, or the first one at the top of the view,
        and scroll only if it is not already in view."""
        if self._article is None:
            return None
        order = self.sentence_order()
        if not order:
            return None
        if self._pinned in order:
            index = max(0, min(len(order) - 1, order.index(self._pinned) + step))
        else:
            top = self.verticalScrollBar().value()
            index = next((i for i, ref in enumerate(order) if self._document_top(ref) >= top), len(order) - 1)
        self.pin_sentence(order[index])
        self._keep_in_view(order[index])
        return order[index]

    def _document_top(self, ref: SentenceRef) -> float:
        ranges = self.sentence_ranges(ref)
        return min(self._range_rect(start, end).top() for start, end in ranges) if ranges else 0.0

    def _keep_in_view(self, ref: SentenceRef) -> None:
        rect = self._viewport_rect(self.sentence_ranges(ref))
        height = self.viewport().height()
        if rect.isNull() or (rect.top() >= 0 and rect.bottom() <= height):
            return
        bar = self.verticalScrollBar()
        above = height // 3 if rect.height() < height * 2 // 3 else 8
        bar.setValue(bar.value() + rect.top() - above)

    # -- events -----------------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self.hover_sentence(self.sentence_at(event.position().toPoint()))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_point = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        pressed, self._press_point = self._press_point, None
        if (
            event.button() is not Qt.MouseButton.LeftButton
            or pressed is None
            or (point - pressed).manhattanLength() > CLICK_SLOP
            or self.textCursor().hasSelection()  # the reader selected text: not a click on a sentence
            or self.anchorAt(point)  # a link (the language badge, the source)
        ):
            return
        ref = self.sentence_at(point)
        if ref is not None:
            self.pin_sentence(None if ref == self._pinned else ref)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover_sentence(None)
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        alt = modifiers == Qt.KeyboardModifier.AltModifier
        if (key == Qt.Key.Key_J and plain) or (key == Qt.Key.Key_Down and alt):
            self.move_pinned(1)
        elif (key == Qt.Key.Key_K and plain) or (key == Qt.Key.Key_Up and alt):
            self.move_pinned(-1)
        elif key == Qt.Key.Key_Escape and self._pinned is not None:
            self.pin_sentence(None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self._pinned is not None
        ):
            event.accept()  # Esc unpins here before the window's Cancel sees it
            return True
        return super().event(event)


def _x(value: object) -> float:
    """``QTextLine.cursorToX`` answers a float, or (in some bindings) a (float, position) pair."""
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]
