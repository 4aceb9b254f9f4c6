"""Linked sentences: hover and click mark a sentence and its counterpart, J/K move the pinned pair,
and marking never moves the text, re-renders the document or loses the reader's selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.document import TITLE_BLOCK_ID
from reader.ui.article_html import Column, ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.reading_layout import ReadingLayout
from reader.ui.sentence_ref import SentenceRef
from tests.ui.sentence_fixtures import BLOCKS, TITLE, TITLE_TR, make_view, point_of, selected_text

BOTH = (ViewMode.SIDE_BY_SIDE, ViewMode.INTERLINEAR)
ONE_SIDE = {ViewMode.ORIGINAL: Column.ORIGINAL, ViewMode.TRANSLATION: Column.TRANSLATION}


def move_mouse(view: ArticleView, point: QPoint) -> None:
    event = QMouseEvent(
        QEvent.Type.MouseMove, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(view.viewport(), event)


def marked_texts(view: ArticleView) -> list[str]:
    return [
        selected_text(view, s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in view.extraSelections()
    ]


def range_of(view: ArticleView, ref: SentenceRef, column: Column) -> tuple[int, int]:
    (found,) = view.sentence_ranges(ref, (column,))
    return found


@pytest.mark.parametrize("mode", list(ViewMode))
@pytest.mark.parametrize("hyphenate", [False, True])
def test_every_sentence_is_found_where_it_is_shown(qtbot: QtBot, mode: ViewMode, hyphenate: bool) -> None:
    """Offsets map to document positions in every mode, also with soft hyphens inserted and names
    highlighted; the title is linked too."""
    view = make_view(qtbot, with_names=True)
    view.set_reading_layout(ReadingLayout(hyphenate=hyphenate))
    view.set_mode(mode)
    if hyphenate:
        assert "\u00ad" in view.toPlainText()  # long German words really were hyphenated
    order = view.sentence_order()
    expected = [(TITLE, TITLE_TR)] + [pair for _k, de, en, _s in BLOCKS for pair in zip(de, en, strict=True)]
    assert len(order) == len(expected) and order[0] == SentenceRef(TITLE_BLOCK_ID, 0)
    for ref, (german, english) in zip(order, expected, strict=True):
        columns = {ViewMode.ORIGINAL: (Column.ORIGINAL,), ViewMode.TRANSLATION: (Column.TRANSLATION,)}.get(
            mode, (Column.ORIGINAL, Column.TRANSLATION)
        )
        if ref.block_id == TITLE_BLOCK_ID and mode is ViewMode.TRANSLATION:
            columns = tuple(Column)  # the translated headline, the original in small type under it
        for column in Column:
            ranges = view.sentence_ranges(ref, (column,))
            if column not in columns:
                assert ranges == []
                continue
            start, end = ranges[0]
            assert selected_text(view, start, end) == (german if column is Column.ORIGINAL else english)
            # and the hit test answers the same pair from a letter in the middle of the sentence
            middle = (start + end) // 2
            while view.document().characterAt(middle).isspace():
                middle += 1
            assert view.sentence_at(point_of(view, middle)) == ref


@pytest.mark.parametrize("mode", BOTH)
def test_hovering_either_side_marks_the_sentence_and_its_counterpart(qtbot: QtBot, mode: ViewMode) -> None:
    view = make_view(qtbot)
    view.set_mode(mode)
    ref = SentenceRef("b1", 1)
    for column in Column:
        start, _end = range_of(view, ref, column)
        move_mouse(view, point_of(view, start + 4))
        assert view.hovered_sentence() == ref
        assert sorted(marked_texts(view)) == sorted([BLOCKS[1][1][1], BLOCKS[1][2][1]])
    move_mouse(view, QPoint(2, 2))  # the margin: nothing under the mouse, nothing marked
    assert view.hovered_sentence() is None and view.extraSelections() == []


@pytest.mark.parametrize("mode", list(ONE_SIDE))
def test_one_sided_modes_mark_the_sentence_itself(qtbot: QtBot, mode: ViewMode) -> None:
    view = make_view(qtbot)
    view.set_mode(mode)
    ref = SentenceRef("b1", 2)
    start, _end = range_of(view, ref, ONE_SIDE[mode])
    move_mouse(view, point_of(view, start + 2))
    index = 1 if mode is ViewMode.ORIGINAL else 2
    assert marked_texts(view) == [BLOCKS[1][index][2]]


def click(qtbot: QtBot, view: ArticleView, point: QPoint) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_click_pins_the_pair_and_click_again_or_escape_unpins(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    ref = SentenceRef("b1", 0)
    start, _end = range_of(view, ref, Column.TRANSLATION)
    click(qtbot, view, point_of(view, start + 5))
    assert view.pinned_sentence() == ref
    # The pin stays while the mouse hovers elsewhere: both pairs are marked, the pin in its own shade.
    other_start, _ = range_of(view, SentenceRef("b1", 2), Column.ORIGINAL)
    move_mouse(view, point_of(view, other_start + 3))
    colours = {s.format.background().color().name() for s in view.extraSelections()}
    assert colours == {view._palette.pinned, view._palette.sentence}
    assert view.pinned_sentence() == ref
    click(qtbot, view, point_of(view, start + 5))
    assert view.pinned_sentence() is None
    click(qtbot, view, point_of(view, start + 5))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.pinned_sentence() is None


def test_a_drag_selects_text_and_pins_nothing(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    start, end = range_of(view, SentenceRef("b1", 0), Column.ORIGINAL)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, start + 1))
    qtbot.mouseMove(view.viewport(), point_of(view, end - 3))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, end - 3))
    assert view.textCursor().hasSelection() and view.pinned_sentence() is None


def test_j_and_k_move_the_pin_through_the_article_keeping_it_in_view(qtbot: QtBot) -> None:
    view = make_view(qtbot, repeat=12)
    order = view.sentence_order()
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.pinned_sentence() == order[0]  # nothing pinned: the first sentence in view
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.pinned_sentence() == order[1] and bar.value() == 0  # in view already: no scrolling
    for _ in range(len(order)):
        qtbot.keyClick(view, Qt.Key.Key_J)
        rect = view.sentence_rect(view.pinned_sentence())  # type: ignore[arg-type]
        assert 0 <= rect.top() and rect.bottom() <= view.viewport().height()
    assert view.pinned_sentence() == order[-1] and bar.value() > 0  # stops at the last one
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.pinned_sentence() == order[-2]
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert view.pinned_sentence() == order[-3]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert view.pinned_sentence() == order[-2]
    # both sides of the pinned pair are marked
    assert sorted(marked_texts(view)) == sorted(
        selected_text(view, *range_of(view, order[-2], column)) for column in Column
    )


def test_marking_keeps_the_selection_and_the_place_and_renders_nothing(qtbot: QtBot) -> None:
    view = make_view(qtbot, repeat=12)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    first = view.sentence_order()[len(view.sentence_order()) // 2]
    start, end = range_of(view, first, Column.ORIGINAL)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    bar.setValue(bar.value())
    value, renders, revision = bar.value(), view.render_count, view.document().revision()
    probe = view.cursorRect(cursor)
    for ref in view.sentence_order():
        view.hover_sentence(ref)
        view.pin_sentence(ref)
    move_mouse(view, point_of(view, start + 2))
    assert view.hovered_sentence() == first
    assert view.textCursor().selectionStart() == start and view.textCursor().selectionEnd() == end
    assert bar.value() == value and view.cursorRect(cursor) == probe  # nothing moved
    assert view.render_count == renders and view.document().revision() == revision  # nothing re-rendered


def test_names_keep_their_colour_inside_a_marked_sentence(qtbot: QtBot) -> None:
    view = make_view(qtbot, with_names=True)
    view.hover_sentence(SentenceRef("b1", 1))
    texts = marked_texts(view)
    joined = "".join(texts)
    assert "Scholz" not in joined and "Berlin" not in joined  # the tint goes around the names
    assert "Kanzler " in texts and " spoke of a turning point in " in texts


def test_marks_survive_a_streamed_update_and_follow_a_changed_sentence(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    ref = SentenceRef("b1", 2)
    view.pin_sentence(ref)
    from dataclasses import replace

    from reader.core.translate.sentence_pairs import replace_sentence

    corrected = replace_sentence(view.translations["b1"], 0, "On Tuesday the government decided.")
    view.update_translation(corrected)
    view.flush()
    assert view.pinned_sentence() == ref
    assert selected_text(view, *range_of(view, ref, Column.TRANSLATION)) == BLOCKS[1][2][2]
    view.update_translation(replace(corrected, sentences=corrected.sentences[:1]))
    view.flush()
    assert view.pinned_sentence() is None  # its sentence is gone


def test_sentence_at_and_sentence_rect_agree(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    ref = SentenceRef("b1", 1)
    rect = view.sentence_rect(ref)
    start, end = range_of(view, ref, Column.TRANSLATION)
    assert rect.contains(point_of(view, start + 1)) and rect.contains(point_of(view, end - 2))
    assert not rect.contains(point_of(view, range_of(view, ref, Column.ORIGINAL)[0] + 1))
    view.set_mode(ViewMode.ORIGINAL)  # no translation on screen: the original sentence instead
    assert view.sentence_rect(ref).contains(point_of(view, range_of(view, ref, Column.ORIGINAL)[0] + 1))


def test_escape_unpins_before_the_window_s_cancel_and_a_new_article_starts_unpinned(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from tests.ui.sentence_fixtures import make_article

    window = QMainWindow()
    qtbot.addWidget(window)
    view = ArticleView()
    window.setCentralWidget(view)
    cancelled: list[bool] = []
    cancel = QAction("Cancel", window)
    cancel.setShortcut("Esc")
    cancel.triggered.connect(lambda: cancelled.append(True))
    window.addAction(cancel)
    window.resize(1000, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    article, translations = make_article()
    view.set_article(article, translations)
    view.setFocus()
    view.pin_sentence(SentenceRef("b1", 0))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.pinned_sentence() is None and cancelled == []  # the pin went first
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert cancelled == [True]  # nothing pinned: Esc is the window's again
    view.pin_sentence(SentenceRef("b1", 0))
    view.set_article(article, translations)
    assert view.pinned_sentence() is None
