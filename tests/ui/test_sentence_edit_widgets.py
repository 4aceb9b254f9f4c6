"""The in-place sentence editor and the alternatives popup as widgets: keys, focus, what they emit.

Layout tests on a real article view with hand-written text; the window-level tests
(test_sentence_edit_window.py) run them on the real engine.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.translate.sentence_pairs import Alternative
from reader.ui.alternatives_popup import COMPUTING, NONE_FOUND, AlternativesPopup
from reader.ui.article_view import ArticleView
from reader.ui.sentence_editor import SentenceEditor


def make_view(qtbot: QtBot) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.setPlainText("\n".join(f"Line {i} of a long article." for i in range(200)))
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def test_enter_keeps_the_typed_text_in_one_line(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    editor = SentenceEditor(view, "The minister met them.", QRect(40, 100, 300, 20))
    assert editor.isVisible() and editor.hasFocus()
    assert editor.geometry().top() <= 100 and editor.geometry().bottom() >= 120  # over the sentence
    qtbot.keyClicks(editor, "The minister met the  ambassadors.")  # replaces the selected text
    with qtbot.waitSignal(editor.accepted) as kept, qtbot.assertNotEmitted(editor.cancelled):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert kept.args == ["The minister met the ambassadors."]
    assert not editor.isVisible()


def test_escape_cancels_and_leaves_nothing_behind(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    editor = SentenceEditor(view, "The minister met them.", QRect(40, 100, 300, 20))
    qtbot.keyClicks(editor, "Something else")
    with qtbot.waitSignal(editor.cancelled), qtbot.assertNotEmitted(editor.accepted):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.finished and not editor.isVisible()


def test_clicking_away_keeps_a_changed_text_so_no_typing_is_lost(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    editor = SentenceEditor(view, "Old text.", QRect(40, 100, 300, 20))
    qtbot.keyClicks(editor, "New text.")
    with qtbot.waitSignal(editor.accepted) as kept:
        view.setFocus(Qt.FocusReason.MouseFocusReason)
    assert kept.args == ["New text."]


def test_the_editor_follows_the_sentence_when_the_view_scrolls(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    editor = SentenceEditor(view, "Old text.", QRect(40, 300, 300, 20))
    top = editor.y()
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 50)
    assert editor.y() == top - 50


def test_the_popup_says_it_is_computing_then_offers_the_alternatives(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    popup = AlternativesPopup(view, "The minister met them.")
    popup.show_at(view.mapToGlobal(QPoint(40, 120)))
    assert popup.isVisible() and popup.status.text() == COMPUTING
    assert not popup.list.isVisible()
    popup.set_alternatives([Alternative("The minister saw them.", -0.4), Alternative("They met.", -0.9)])
    assert popup.list.count() == 2
    assert popup.list.item(0).text() == "1. The minister saw them."
    with qtbot.waitSignal(popup.chosen) as chosen, qtbot.waitSignal(popup.closed):
        qtbot.keyClick(popup.list, Qt.Key.Key_2)
    assert chosen.args == [Alternative("They met.", -0.9)]
    assert not popup.isVisible()


def test_enter_chooses_the_current_alternative_and_escape_closes(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    popup = AlternativesPopup(view, "Now.")
    popup.show_at(view.mapToGlobal(QPoint(0, 0)))
    popup.set_alternatives([Alternative("One.", None), Alternative("Two.", None)])
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(popup.chosen) as chosen:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert chosen.args[0].text == "Two."

    again = AlternativesPopup(view, "Now.")
    again.show_at(view.mapToGlobal(QPoint(0, 0)))
    again.set_alternatives([Alternative("One.", None)])
    with qtbot.waitSignal(again.closed), qtbot.assertNotEmitted(again.chosen):
        qtbot.keyClick(again.list, Qt.Key.Key_Escape)
    assert not again.isVisible()


def test_no_alternative_is_said_plainly(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    popup = AlternativesPopup(view, "Now.")
    popup.show_at(view.mapToGlobal(QPoint(0, 0)))
    popup.set_alternatives([])
    assert popup.status.text() == NONE_FOUND
    assert popup.list.isHidden()
    QApplication.processEvents()
