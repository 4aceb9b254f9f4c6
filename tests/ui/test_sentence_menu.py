"""What the view offers the sentence tools: context-menu entries, F2 and Alt+A, the glossary entry on a
highlighted name, and the signals that carry the sentence (or the name) to them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.core.document import SpanKind
from reader.ui.article_html import Column
from reader.ui.article_view import ArticleView
from reader.ui.sentence_ref import SentenceRef
from tests.ui.sentence_fixtures import make_view, point_of


def entries(menu: QMenu) -> dict[str, str]:
    return {action.text(): action.shortcut().toString() for action in menu.actions() if action.text()}


def trigger(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def test_the_context_menu_acts_on_the_sentence_under_the_mouse(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    ref = SentenceRef("b1", 2)
    start, _end = view.sentence_ranges(ref, (Column.TRANSLATION,))[0]
    menu = view.context_menu_at(point_of(view, start + 4))
    found = entries(menu)
    assert found["Edit Translation of This Sentence…"] == "F2"
    assert found["Alternative Translations…"] == "Alt+A"
    with qtbot.waitSignal(view.sentence_edit_requested) as edit:
        trigger(menu, "Edit Translation of This Sentence…")
    assert edit.args == [ref]
    with qtbot.waitSignal(view.alternatives_requested) as alternatives:
        trigger(menu, "Alternative Translations…")
    assert alternatives.args == [ref]
    # The original sentence stands for its pair too.
    start, _end = view.sentence_ranges(ref, (Column.ORIGINAL,))[0]
    with qtbot.waitSignal(view.sentence_edit_requested) as edit:
        trigger(view.context_menu_at(point_of(view, start + 4)), "Edit Translation of This Sentence…")
    assert edit.args == [ref]


def test_no_sentence_entries_where_there_is_no_sentence(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    plain = view.toPlainText()
    english = plain.index("This paragraph is already in English.")
    menu = view.context_menu_at(point_of(view, english + 3))
    assert "Edit Translation of This Sentence…" not in entries(menu)


def test_f2_and_alt_a_act_on_the_pinned_sentence_else_the_hovered_one(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # shortcuts act in the active window only
    view.setFocus()
    with qtbot.assertNotEmitted(view.sentence_edit_requested):
        qtbot.keyClick(view, Qt.Key.Key_F2)  # nothing pinned or hovered: nothing to edit
    view.hover_sentence(SentenceRef("b1", 0))
    with qtbot.waitSignal(view.sentence_edit_requested) as edit:
        qtbot.keyClick(view, Qt.Key.Key_F2)
    assert edit.args == [SentenceRef("b1", 0)]
    view.pin_sentence(SentenceRef("b3", 0))
    with qtbot.waitSignal(view.alternatives_requested) as alternatives:
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert alternatives.args == [SentenceRef("b3", 0)]
    # From the keyboard's context menu (Menu key), the pinned sentence.
    menu = view.context_menu_at(view.rect().center(), from_keyboard=True)
    with qtbot.waitSignal(view.sentence_edit_requested) as edit:
        trigger(menu, "Edit Translation of This Sentence…")
    assert edit.args == [SentenceRef("b3", 0)]


def test_a_highlighted_name_can_be_added_to_the_glossary(qtbot: QtBot) -> None:
    view: ArticleView = make_view(qtbot, with_names=True)
    scholz = next(
        i
        for i, p in enumerate(view.placed_spans())
        if p.span.kind is SpanKind.PERSON and p.column is Column.ORIGINAL
    )
    menu = view.context_menu_at(point_of(view, view._span_starts[scholz] + 2))
    assert "Add “Scholz” to Glossary" in entries(menu)
    with qtbot.waitSignal(view.glossary_term_requested) as term:
        trigger(menu, "Add “Scholz” to Glossary")
    assert term.args == [view.placed_spans()[scholz]]
    # Not on plain text.
    start, _end = view.sentence_ranges(SentenceRef("b1", 0), (Column.ORIGINAL,))[0]
    assert not any("Glossary" in text for text in entries(view.context_menu_at(point_of(view, start + 2))))


def test_the_sentence_keys_are_actions_listed_with_the_window_s_shortcuts(qtbot: QtBot) -> None:
    from reader.ui.shortcuts_dialog import ShortcutsDialog

    view = make_view(qtbot)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)  # through the shortcut map, as a real key press goes
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.pinned_sentence() == view.sentence_order()[1]
    dialog = ShortcutsDialog(view.actions())
    qtbot.addWidget(dialog)
    listed = {
        dialog.tree.topLevelItem(0).child(i).text(0): dialog.tree.topLevelItem(0).child(i).text(1)
        for i in range(dialog.tree.topLevelItem(0).childCount())
    }
    assert dialog.tree.topLevelItem(0).text(0) == "Sentences"
    assert listed["Next Sentence"] == "J, Alt+Down" and listed["Previous Sentence"] == "K, Alt+Up"
    assert listed["Edit Translation of This Sentence…"] == "F2"


def test_an_editor_over_the_view_gets_its_letters(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit

    view = make_view(qtbot)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    editor = QLineEdit(view)  # as the sentence editor sits over the view
    editor.show()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "jak")
    qtbot.keyClick(editor, Qt.Key.Key_F2)
    assert editor.text() == "jak" and view.pinned_sentence() is None
