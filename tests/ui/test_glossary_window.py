"""The glossary in the window, on the real engine: a highlighted name kept as is in one click (with Undo),
terms honoured in the translations, and the Glossary dialog adding, editing and deleting terms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.document import SentenceOrigin, Span, SpanKind
from reader.core.translate.memory import GlossaryTerm
from reader.ui.article_html import Column, PlacedSpan
from reader.ui.glossary_dialog import pair_key
from reader.ui.main_window import MainWindow
from tests.ui.test_sentence_edit_window import WAIT, open_and_wait

NAME = "Brüssel"  # a name the tiny random-weight model never writes on its own


def block_with(window: MainWindow, text: str) -> str:
    for block in window.session.article.blocks if window.session.article else ():
        if text in block.text:
            return block.id
    raise AssertionError(text)


def test_a_highlighted_name_is_kept_as_is_in_one_click_and_undone(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    block_id = block_with(window, NAME)
    assert NAME not in (window.session.translations[block_id].text or "")
    text = window.session.source_text(block_id) or ""
    start = text.index(NAME)
    placed = PlacedSpan(Span(start, start + len(NAME), SpanKind.LOCATION, NAME), block_id, Column.ORIGINAL)

    window.add_name_to_glossary(placed)
    # The open article's paragraph is translated again, with the name in it; then the window says why.
    qtbot.waitUntil(lambda: NAME in translated_text(window, block_id), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    confirmation = "“Brüssel” is kept as is in German → English translations."
    assert window.status.message.text() == confirmation
    assert window.status.undo_button.isVisibleTo(window)
    assert [(t.source, t.target) for t in window.services.glossary.terms("de", "en")] == [(NAME, None)]
    translation = window.view.translations[block_id]
    assert NAME in (translation.text or "")
    assert any(p.origin is SentenceOrigin.GLOSSARY for p in translation.sentences)

    window.status.undo_button.click()
    qtbot.waitUntil(lambda: NAME not in translated_text(window, block_id), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    assert window.status.message.text() == "“Brüssel” is no longer in the glossary."
    assert window.services.glossary.terms("de", "en") == []
    assert not window.status.undo_button.isVisibleTo(window)


def test_a_date_or_an_untranslated_paragraph_adds_nothing(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    english = block_with(window, "We will not accept")
    window.add_name_to_glossary(PlacedSpan(Span(0, 2, SpanKind.LOCATION, "We"), english, Column.ORIGINAL))
    assert "not translated" in window.status.message.text()
    german = block_with(window, "Dienstag")
    window.add_name_to_glossary(PlacedSpan(Span(0, 3, SpanKind.DATE, "Die"), german, Column.ORIGINAL))
    qtbot.wait(200)
    assert window.services.glossary.all() == []


def test_the_glossary_dialog_adds_edits_and_deletes_terms(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    dialog = window.show_glossary_dialog()
    qtbot.waitUntil(lambda: dialog.current_pair() == ("de", "en"), timeout=WAIT)

    dialog.term_field.setText("Bundestag")
    dialog.translation_field.setText("German parliament")
    qtbot.keyClick(dialog.translation_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    dialog.term_field.setText(NAME)
    dialog.keep_box.setChecked(True)
    assert not dialog.translation_field.isEnabled()
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT)
    glossary = window.services.glossary
    assert {(t.source, t.target) for t in glossary.terms("de", "en")} == {
        ("Bundestag", "German parliament"),
        (NAME, None),
    }

    # Edit a translation in its cell; untick "Keep as is" gives the term a translation of its own.
    row = [t.source for t in dialog.terms].index("Bundestag")
    dialog.table.item(row, 1).setText("the Bundestag")
    qtbot.waitUntil(lambda: ("Bundestag", "the Bundestag") in _pairs(glossary.all()), timeout=WAIT)
    row = [t.source for t in dialog.terms].index(NAME)
    assert not dialog.table.item(row, 1).flags() & Qt.ItemFlag.ItemIsEditable  # kept as is: no translation
    dialog.table.item(row, 2).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: (NAME, NAME) in _pairs(glossary.all()), timeout=WAIT)

    # Delete, then Undo.
    dialog.table.selectRow([t.source for t in dialog.terms].index("Bundestag"))
    dialog.delete_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert [t.source for t in glossary.all()] == [NAME]
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT)
    assert ("Bundestag", "the Bundestag") in _pairs(glossary.all())


def test_an_incomplete_term_is_refused_with_a_clear_line_and_any_installed_pair_can_be_chosen(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = window.show_glossary_dialog()
    dialog.add_button.click()
    assert dialog.message.text() == "Type the term first."
    dialog.term_field.setText("Bahn")
    dialog.add_button.click()
    assert dialog.message.text() == "Type its translation, or tick “Keep as is”."
    dialog.translation_field.setText("railway")
    dialog.add_button.click()  # no article open, no pair chosen
    assert dialog.message.text() == "Choose the language pair the term belongs to."

    # The installed models' pairs are offered (de→en, en→fr; de→fr goes through English).
    qtbot.waitUntil(lambda: dialog.pair_box.findData(pair_key(("de", "en"))) >= 0, timeout=WAIT)
    assert dialog.pair_box.findData(pair_key(("en", "fr"))) >= 0
    dialog.pair_box.setCurrentIndex(dialog.pair_box.findData(pair_key(("de", "en"))))
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert [(t.source, t.target) for t in window.services.glossary.terms("de", "en")] == [("Bahn", "railway")]


def _pairs(terms: list[GlossaryTerm]) -> set[tuple[str, str | None]]:
    return {(t.source, t.target) for t in terms}


def translated_text(window: MainWindow, block_id: str) -> str:
    translation = window.session.translations.get(block_id)
    return (translation.text or "") if translation is not None else ""
