"""Settings: defaults on first launch, values survive a restart, and changes are announced."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from pytestqt.qtbot import QtBot

from reader.ui.settings import HIGHLIGHT_TYPES, MAX_RECENT_FILES, Settings, default_detection_languages


def _ini(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def ini_path(tmp_path: Path) -> Path:
    return tmp_path / "reader.ini"


def test_first_launch_defaults(ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    assert settings.reader_language.isalpha() and 2 <= len(settings.reader_language) <= 3
    assert settings.font_family == ""
    assert settings.font_size == 12
    assert settings.theme == "system"
    assert settings.view_mode == "side-by-side"
    assert settings.highlight_types == set(HIGHLIGHT_TYPES)
    assert settings.detection_languages == default_detection_languages()
    assert "en" in settings.detection_languages and "de" in settings.detection_languages
    assert settings.auto_save is False
    assert settings.recent_files == []
    assert settings.window_geometry.isEmpty() and settings.splitter_state.isEmpty()


def test_values_survive_a_restart(ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    settings.reader_language = "fr"
    settings.font_family = "DejaVu Serif"
    settings.font_size = 15
    settings.theme = "sepia"
    settings.view_mode = "interlinear"
    settings.highlight_types = {"PER"}  # a one-element set: the INI backend's trap
    settings.detection_languages = ("de",)
    settings.auto_save = True
    settings.add_recent_file("/news/a.html")
    settings.window_geometry = QByteArray(b"\x01\x02geometry\x00")
    settings.splitter_state = QByteArray(b"split")
    settings.sync()

    reopened = Settings(_ini(ini_path))
    assert reopened.reader_language == "fr"
    assert reopened.font_family == "DejaVu Serif"
    assert reopened.font_size == 15
    assert reopened.theme == "sepia"
    assert reopened.view_mode == "interlinear"
    assert reopened.highlight_types == {"PER"}
    assert reopened.detection_languages == ("de",)
    assert reopened.auto_save is True
    assert reopened.recent_files == ["/news/a.html"]
    assert bytes(reopened.window_geometry.data()) == b"\x01\x02geometry\x00"
    assert bytes(reopened.splitter_state.data()) == b"split"


def test_no_highlights_is_remembered_as_none_not_all(ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    settings.highlight_types = set()
    settings.sync()
    assert Settings(_ini(ini_path)).highlight_types == set()


def test_recent_files_most_recent_first_deduplicated_and_capped(ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    for i in range(MAX_RECENT_FILES + 3):
        settings.add_recent_file(f"/news/{i}.html")
    settings.add_recent_file("/news/5.html")
    recent = settings.recent_files
    assert len(recent) == MAX_RECENT_FILES
    assert recent[0] == "/news/5.html" and recent[1] == f"/news/{MAX_RECENT_FILES + 2}.html"
    assert recent.count("/news/5.html") == 1
    assert "/news/0.html" not in recent


def test_garbage_in_the_file_falls_back_to_defaults(ini_path: Path) -> None:
    raw = _ini(ini_path)
    for key, value in {
        "font_size": "huge",
        "theme": "neon",
        "view_mode": "3d",
        "highlight_types": "{not json",
        "detection_languages": "[1, 2]",
        "auto_save": "maybe",
        "reader_language": "Deutsch!",
    }.items():
        raw.setValue(key, value)
    raw.sync()
    settings = Settings(_ini(ini_path))
    assert settings.font_size == 12
    assert settings.theme == "system"
    assert settings.view_mode == "side-by-side"
    assert settings.highlight_types == set(HIGHLIGHT_TYPES)
    assert settings.detection_languages == default_detection_languages()
    assert settings.auto_save is False
    assert settings.reader_language != "Deutsch!"


def test_invalid_values_are_refused(ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    with pytest.raises(ValueError):
        settings.theme = "neon"
    with pytest.raises(ValueError):
        settings.highlight_types = {"PER", "GPE"}
    with pytest.raises(ValueError):
        settings.detection_languages = ()
    assert settings.theme == "system"


def test_changed_is_emitted_with_the_key_only_when_the_value_moves(qtbot: QtBot, ini_path: Path) -> None:
    settings = Settings(_ini(ini_path))
    with qtbot.waitSignal(settings.changed, check_params_cb=lambda key: key == "theme"):
        settings.theme = "dark"
    with qtbot.assertNotEmitted(settings.changed):
        settings.theme = "dark"
        settings.font_size = 12  # equal to the default: nothing visible changes
    with qtbot.waitSignal(settings.changed, check_params_cb=lambda key: key == "font_size"):
        settings.font_size = 14
