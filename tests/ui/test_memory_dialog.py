"""Tools → Translation Memory on a real library: list, full-text search, edit, delete with Undo, and a
broken TMX file refused with one clear line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.translate.memory import MemoryEntry
from reader.ui.main_window import MainWindow
from reader.ui.memory_dialog import DATE, PAIR, SOURCE, TARGET, MemoryDialog
from tests.ui.test_sentence_edit_window import WAIT

ENTRIES = [
    MemoryEntry("de", "en", "Die Brücke über den Fluss ist gesperrt.", "The bridge over the river is shut."),
    MemoryEntry("de", "en", "Der Zug fährt heute nicht.", "The train does not run today."),
    MemoryEntry("en", "fr", "The market opens at noon.", "Le marché ouvre à midi."),
]


def filled_dialog(qtbot: QtBot, window: MainWindow) -> MemoryDialog:
    for entry in ENTRIES:
        window.services.memory.add(entry)
    dialog = window.show_memory_dialog()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(ENTRIES), timeout=WAIT)
    return dialog


def column(dialog: MemoryDialog, index: int) -> list[str]:
    return [dialog.table.item(row, index).text() for row in range(dialog.table.rowCount())]


def test_lists_and_searches_both_languages(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    dialog = filled_dialog(qtbot, window)
    assert set(column(dialog, SOURCE)) == {e.source for e in ENTRIES}
    assert sorted(set(column(dialog, PAIR))) == ["English → French", "German → English"]
    assert all(len(text) == 10 for text in column(dialog, DATE))  # YYYY-MM-DD
    assert dialog.message.text().startswith("3 entries")

    dialog.search.setText("Brücke")  # the original side
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert column(dialog, TARGET) == ["The bridge over the river is shut."]
    dialog.search.setText("train")  # the translation side
    qtbot.waitUntil(lambda: column(dialog, TARGET) == ["The train does not run today."], timeout=WAIT)
    assert dialog.message.text() == "1 entry found, of 3."
    dialog.search.setText("nothinglikethis")
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT)
    dialog.search.clear()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT)


def test_edits_a_translation_in_its_cell(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    dialog = filled_dialog(qtbot, window)
    row = column(dialog, SOURCE).index("Der Zug fährt heute nicht.")
    dialog.table.item(row, TARGET).setText("  The train is not running today. ")
    memory = window.services.memory
    qtbot.waitUntil(lambda: dialog.message.text() == "Translation saved.", timeout=WAIT)
    assert memory.lookup_many("de", "en", ["Der Zug fährt heute nicht."]) == {
        "Der Zug fährt heute nicht.": "The train is not running today."
    }
    # The original side is not editable; an emptied translation is put back, not stored.
    assert not dialog.table.item(row, SOURCE).flags() & Qt.ItemFlag.ItemIsEditable
    dialog.table.item(row, TARGET).setText("   ")
    assert "cannot be empty" in dialog.message.text()
    assert dialog.table.item(row, TARGET).text() == "The train is not running today."


def test_deletes_with_undo(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    dialog = filled_dialog(qtbot, window)
    memory = window.services.memory
    dialog.table.selectRow(column(dialog, SOURCE).index("The market opens at noon."))
    dialog.delete_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT)
    assert memory.count() == 2 and memory.lookup_many("en", "fr", ["The market opens at noon."]) == {}
    assert dialog.undo_button.isVisibleTo(dialog)
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT)
    assert memory.lookup_many("en", "fr", ["The market opens at noon."]) == {
        "The market opens at noon.": "Le marché ouvre à midi."
    }


def test_a_broken_tmx_file_is_refused_in_one_line(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    dialog = window.show_memory_dialog()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("No entries yet"), timeout=WAIT)
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx version='1.4'><body><tu>", encoding="utf-8")
    dialog.import_file(broken)
    qtbot.waitUntil(lambda: "Importing" not in dialog.message.text(), timeout=WAIT)
    message = dialog.message.text()
    assert "broken.tmx" in message and "\n" not in message and "Traceback" not in message
    assert window.services.memory.count() == 0


def test_the_library_search_says_when_memory_sentences_match_and_shows_them(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    for entry in ENTRIES:
        window.services.memory.add(entry)
    panel = window.library_panel
    panel.search.setText("bridge")  # in the translation of one entry, in no article
    qtbot.waitUntil(lambda: panel.memory_note.isVisible(), timeout=WAIT)
    assert "1 sentence in your translation memory" in panel.memory_note.text()
    panel.memory_note.linkActivated.emit("memory:search")
    dialog = window.show_memory_dialog()
    assert dialog.search.text() == "bridge"
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, SOURCE).text() == ENTRIES[0].source
    panel.search.setText("nothingmatcheshere")
    qtbot.waitUntil(lambda: not panel.memory_note.isVisible(), timeout=WAIT)
