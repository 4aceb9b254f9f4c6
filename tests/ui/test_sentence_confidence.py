"""Confidence and origin: unsure sentences get a dotted underline (threshold from Preferences), the
tooltip says why; the reader's own and glossary sentences say where they come from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.document import SentenceOrigin
from reader.ui.article_html import Column, ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.preferences import PreferencesDialog
from reader.ui.sentence_ref import SentenceRef
from reader.ui.settings import DEFAULT_UNSURE_BELOW, Settings
from tests.ui.sentence_fixtures import BLOCKS, make_view, memory_pair, point_of

DOTTED = QTextCharFormat.UnderlineStyle.DotLine


def underline_of(view: ArticleView, ref: SentenceRef, column: Column = Column.TRANSLATION) -> set[object]:
    """The underline styles over the sentence's characters."""
    (found,) = view.sentence_ranges(ref, (column,))
    styles = set()
    for position in range(found[0] + 1, found[1] + 1):  # a cursor's format is the character before it
        cursor = QTextCursor(view.document())
        cursor.setPosition(position)
        styles.add(cursor.charFormat().underlineStyle())
    return styles


def test_only_sentences_under_the_threshold_are_dotted(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_unsure_below(-1.2)
    unsure = {SentenceRef("b1", 1), SentenceRef("b4", 0)}  # -2.1 and -1.6; all others score higher
    assert set(view.unsure_sentences()) == unsure
    for ref in view.sentence_order():
        dotted = underline_of(view, ref) == {DOTTED}
        assert dotted is (ref in unsure), ref
    assert underline_of(view, SentenceRef("b1", 1), Column.ORIGINAL) == {
        QTextCharFormat.UnderlineStyle.NoUnderline
    }


def test_the_threshold_moves_the_underline_and_none_turns_it_off(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_unsure_below(-0.5)
    assert len(view.unsure_sentences()) == 4  # -2.1, -1.6, -0.9 and -0.55; not the title's -0.5
    assert SentenceRef("b0", 0) not in view.unsure_sentences()
    assert underline_of(view, SentenceRef("b3", 0)) == {DOTTED}  # the quote, -0.9
    view.set_unsure_below(None)
    assert view.unsure_sentences() == []
    assert underline_of(view, SentenceRef("b1", 1)) == {QTextCharFormat.UnderlineStyle.NoUnderline}


def test_the_underline_follows_every_mode_and_a_streamed_cell(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_unsure_below(-1.2)
    for mode in (ViewMode.INTERLINEAR, ViewMode.TRANSLATION, ViewMode.SIDE_BY_SIDE):
        view.set_mode(mode)
        assert underline_of(view, SentenceRef("b1", 1)) == {DOTTED}, mode
    fixed = memory_pair(view.translations["b1"], 1, SentenceOrigin.MEMORY)
    view.update_translation(fixed)
    view.flush()
    assert view.cell_updates >= 1
    assert underline_of(view, SentenceRef("b1", 1)) == {QTextCharFormat.UnderlineStyle.NoUnderline}


def tip_over(view: ArticleView, ref: SentenceRef, column: Column = Column.TRANSLATION) -> str:
    (found,) = view.sentence_ranges(ref, (column,))
    return view.sentence_tip(point_of(view, found[0] + 3))


def test_tooltips_say_why(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_unsure_below(DEFAULT_UNSURE_BELOW)
    assert tip_over(view, SentenceRef("b1", 1)) == "The model was unsure of this sentence (score −2.1)"
    assert tip_over(view, SentenceRef("b1", 0)) == ""  # a confident sentence says nothing
    translation = memory_pair(view.translations["b1"], 0, SentenceOrigin.MEMORY)
    view.update_translation(memory_pair(translation, 2, SentenceOrigin.GLOSSARY))
    view.flush()
    assert tip_over(view, SentenceRef("b1", 0)) == "Your translation"
    assert tip_over(view, SentenceRef("b1", 2)) == "Glossary applied"
    # The notes are about the translation: the original sentence has none.
    assert tip_over(view, SentenceRef("b1", 1), Column.ORIGINAL) == ""
    assert BLOCKS[1][1][1].startswith("Kanzler")


def test_the_threshold_is_a_preference(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    assert (settings.unsure_marks, settings.unsure_below) == (True, DEFAULT_UNSURE_BELOW)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.unsure_box.isChecked() and dialog.unsure_spin.value() == DEFAULT_UNSURE_BELOW
    dialog.unsure_spin.setValue(-2.0)
    with qtbot.waitSignal(settings.changed):
        dialog.accept()
    assert settings.unsure_below == -2.0
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.unsure_box.setChecked(False)
    assert not dialog.unsure_spin.isEnabled()
    dialog.accept()
    assert settings.unsure_marks is False
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.restore_defaults()
    assert dialog.unsure_box.isChecked() and dialog.unsure_spin.value() == DEFAULT_UNSURE_BELOW
    # an unusable stored value falls back to the default
    settings.store("unsure_below", "nan")
    assert settings.unsure_below == DEFAULT_UNSURE_BELOW
