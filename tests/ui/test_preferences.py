"""Preferences write only on OK; the shortcuts dialog lists and filters the window's actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from reader.ui.preferences import PreferencesDialog
from reader.ui.settings import HIGHLIGHT_TYPES, Settings, default_detection_languages
from reader.ui.shortcuts_dialog import ShortcutsDialog


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def _dialog(qtbot: QtBot, settings: Settings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _set_detection(dialog: PreferencesDialog, codes: set[str]) -> None:
    for i in range(dialog.detection_list.count()):
        item = dialog.detection_list.item(i)
        checked = item.data(Qt.ItemDataRole.UserRole) in codes
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _edit_everything(dialog: PreferencesDialog) -> None:
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("es"))
    dialog.size_spin.setValue(17)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.highlight_boxes["DATE"].setChecked(False)
    _set_detection(dialog, {"de", "fr"})
    dialog.auto_save_box.setChecked(True)


def _button(dialog: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    dialog.buttons.button(which).click()


def test_cancel_leaves_settings_untouched(qtbot: QtBot, settings: Settings) -> None:
    dialog = _dialog(qtbot, settings)
    _edit_everything(dialog)
    with qtbot.assertNotEmitted(settings.changed):
        _button(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert settings.theme == "system" and settings.font_size == 12 and settings.auto_save is False
    assert settings.highlight_types == set(HIGHLIGHT_TYPES)


def test_ok_writes_what_the_form_shows(qtbot: QtBot, settings: Settings) -> None:
    dialog = _dialog(qtbot, settings)
    _edit_everything(dialog)
    with qtbot.waitSignal(dialog.accepted):
        _button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.reader_language == "es"
    assert settings.font_size == 17
    assert settings.theme == "dark"
    assert settings.highlight_types == set(HIGHLIGHT_TYPES) - {"DATE"}
    assert set(settings.detection_languages) == {"de", "fr"}
    assert settings.auto_save is True
    assert settings.font_family == ""  # the user never touched the font: keep following the system


def test_the_form_opens_with_the_stored_values_and_a_picked_font_is_kept(
    qtbot: QtBot, settings: Settings
) -> None:
    settings.theme = "sepia"
    settings.reader_language = "de"
    settings.highlight_types = {"PER", "LOC"}
    dialog = _dialog(qtbot, settings)
    assert dialog.theme_combo.currentData() == "sepia"
    assert dialog.language_combo.currentData() == "de"
    assert "German" in dialog.language_combo.currentText()
    assert {k for k, box in dialog.highlight_boxes.items() if box.isChecked()} == {"PER", "LOC"}
    family = dialog.font_combo.itemText(dialog.font_combo.count() - 1)
    dialog.font_combo.setCurrentFont(QFont(family))
    _button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.font_family == dialog.font_combo.currentFont().family()


def test_restore_defaults_changes_the_form_and_only_ok_stores_it(qtbot: QtBot, settings: Settings) -> None:
    settings.theme = "dark"
    settings.font_size = 20
    settings.highlight_types = set()
    dialog = _dialog(qtbot, settings)
    _button(dialog, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert dialog.theme_combo.currentData() == "system" and dialog.size_spin.value() == 12
    assert settings.theme == "dark"  # not yet stored
    _button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert settings.theme == "system" and settings.font_size == 12
    assert settings.highlight_types == set(HIGHLIGHT_TYPES)
    assert set(settings.detection_languages) == set(default_detection_languages())


def test_detection_needs_one_language_and_the_filter_narrows_the_list(
    qtbot: QtBot, settings: Settings
) -> None:
    dialog = _dialog(qtbot, settings)
    _set_detection(dialog, set())
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert dialog.message.isVisible() and "at least one" in dialog.message.text()
    dialog.detection_filter.setText("germ")
    shown = [
        dialog.detection_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.detection_list.count())
        if not dialog.detection_list.item(i).isHidden()
    ]
    assert shown == ["de"]
    dialog.detection_filter.setText("vietnam")  # detectable though not in the default set
    assert [
        dialog.detection_list.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.detection_list.count())
        if not dialog.detection_list.item(i).isHidden()
    ] == ["vi"]
    _set_detection(dialog, {"de"})
    assert ok.isEnabled() and not dialog.message.isVisible()


def _actions(owner: QWidget) -> list[QAction]:
    def make(label: str, keys: list[str], group: str | None) -> QAction:
        action = QAction(label, owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        if group:
            action.setProperty("group", group)
        return action

    return [
        make("&Open…", ["Ctrl+O"], "&File"),
        make("Save && &Close", ["Ctrl+Shift+W"], "&File"),
        make("&Larger Text", ["Ctrl++", "Ctrl+="], "View"),
        make("&About Reader", [], None),
    ]


def test_shortcuts_dialog_lists_actions_by_menu_and_filters(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    dialog = ShortcutsDialog(_actions(owner), owner)
    qtbot.addWidget(dialog)
    rows = dialog.visible_rows()
    native = QKeySequence("Ctrl+O").toString(QKeySequence.SequenceFormat.NativeText)
    assert ("File", "Open…", native) in rows
    assert (
        "File",
        "Save & Close",
        QKeySequence("Ctrl+Shift+W").toString(QKeySequence.SequenceFormat.NativeText),
    ) in rows
    larger = next(r for r in rows if r[1] == "Larger Text")
    assert larger[0] == "View" and larger[2].count(",") == 1  # both shortcuts shown
    assert ("Other", "About Reader", "") in rows

    dialog.filter_field.setText("open")
    assert [r[1] for r in dialog.visible_rows()] == ["Open…"]
    dialog.filter_field.setText(native)
    assert [r[1] for r in dialog.visible_rows()] == ["Open…"]
    dialog.filter_field.clear()
    assert len(dialog.visible_rows()) == 4


def test_dedicated_keys_are_not_listed_beside_typed_shortcuts(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    copy = QAction("&Copy", owner)
    copy.setShortcuts([QKeySequence("Ctrl+C"), QKeySequence(Qt.Key.Key_Copy)])
    back = QAction("&Back", owner)
    back.setShortcuts([QKeySequence(Qt.Key.Key_Back)])  # the only way in: keep it
    dialog = ShortcutsDialog([copy, back], owner)
    qtbot.addWidget(dialog)
    shown = {label: keys for _group, label, keys in dialog.visible_rows()}
    assert shown["Copy"] == QKeySequence("Ctrl+C").toString(QKeySequence.SequenceFormat.NativeText)
    assert shown["Back"] != ""


def test_reading_layout_is_set_in_preferences_and_restored_to_defaults(
    qtbot: QtBot, settings: Settings
) -> None:
    dialog = _dialog(qtbot, settings)
    assert (dialog.line_height_spin.value(), dialog.margin_spin.value()) == (150, 24)
    dialog.line_height_spin.setValue(180)
    dialog.margin_spin.setValue(64)
    dialog.hyphenate_box.setChecked(True)
    _button(dialog, QDialogButtonBox.StandardButton.Ok)
    assert (settings.line_height, settings.page_margin, settings.hyphenate) == (180, 64, True)
    again = _dialog(qtbot, settings)
    assert again.line_height_spin.value() == 180 and again.hyphenate_box.isChecked()
    _button(again, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert again.line_height_spin.value() == 150 and not again.hyphenate_box.isChecked()
