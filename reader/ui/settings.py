"""Typed access to the user's preferences and window state, stored with QSettings.

QSettings hands back whatever its backend stored (the INI backend returns "true", "12" and, for a
one-element list, a bare string), so every property here converts and validates on read and falls back
to its default when a stored value is unusable. Lists and sets are stored as JSON text for the same
reason. ``changed`` is emitted with the property name whenever a stored value actually changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QObject, QSettings, Signal

THEMES: tuple[str, ...] = ("system", "light", "dark", "sepia")
VIEW_MODES: tuple[str, ...] = ("side-by-side", "interlinear", "original", "translation")
HIGHLIGHT_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC", "DATE")
DEFAULT_FONT_SIZE = 12
MIN_FONT_SIZE = 6
MAX_FONT_SIZE = 72
MAX_RECENT_FILES = 10
DEFAULT_LINE_HEIGHT = 150
MIN_LINE_HEIGHT = 100
MAX_LINE_HEIGHT = 250
DEFAULT_PAGE_MARGIN = 24
MAX_PAGE_MARGIN = 200
# Used only when reader.core.language is not available: the languages most news readers meet.
FALLBACK_DETECTION_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "nl", "pt", "ru")

_CODE = re.compile(r"^[a-z]{2,3}$")


def system_language() -> str:
    """The system locale's ISO 639 language code ("de" for de_DE), or "en" for the C/POSIX locale."""
    code = QLocale.system().name().split("_", 1)[0].lower()
    return code if _CODE.match(code) else "en"


def default_detection_languages() -> tuple[str, ...]:
    """The language identifier's own default set when that module exists, else a short common list."""
    try:
        from reader.core.language import DEFAULT_LANGUAGES
    except ImportError:
        return FALLBACK_DETECTION_LANGUAGES
    return tuple(DEFAULT_LANGUAGES)


def _to_bool(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
    if isinstance(value, int):
        return bool(value)
    return default


def _to_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _to_str_list(value: Any) -> list[str] | None:
    """Decode a JSON list of strings; None when the stored value is missing or malformed."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


class Settings(QObject):
    """The app's preferences, typed. Pass a QSettings (e.g. an INI file in a temp dir) to isolate tests.

    Signals:
        changed(str): the name of the property whose stored value changed.
    """

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings("Reader", "Reader")

    # -- plumbing ---------------------------------------------------------------------------------------
    def _get(self, key: str) -> Any:
        return self._store.value(key)

    def _set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (== the property name); emit ``changed`` if the typed value moved."""
        before = getattr(self, key)
        self._store.setValue(key, value)
        if getattr(self, key) != before:
            self.changed.emit(key)

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings otherwise does it lazily and at exit)."""
        self._store.sync()

    def reset(self, key: str) -> None:
        """Forget a stored value so its default applies again."""
        if self._store.contains(key):
            before = getattr(self, key)
            self._store.remove(key)
            if getattr(self, key) != before:
                self.changed.emit(key)

    # -- reading preferences ----------------------------------------------------------------------------
    @property
    def reader_language(self) -> str:
        value = self._get("reader_language")
        if isinstance(value, str) and _CODE.match(value):
            return value
        return system_language()

    @reader_language.setter
    def reader_language(self, code: str) -> None:
        code = code.strip().lower()
        if not _CODE.match(code):
            raise ValueError(f"not a language code: {code!r}")
        self._set("reader_language", code)

    @property
    def font_family(self) -> str:
        """Empty means the system's default font."""
        value = self._get("font_family")
        return value if isinstance(value, str) else ""

    @font_family.setter
    def font_family(self, family: str) -> None:
        self._set("font_family", family)

    @property
    def font_size(self) -> int:
        size = _to_int(self._get("font_size"), DEFAULT_FONT_SIZE)
        return size if MIN_FONT_SIZE <= size <= MAX_FONT_SIZE else DEFAULT_FONT_SIZE

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._set("font_size", max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size))))

    @property
    def theme(self) -> str:
        value = self._get("theme")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme: {theme!r}")
        self._set("theme", theme)

    @property
    def view_mode(self) -> str:
        value = self._get("view_mode")
        return value if value in VIEW_MODES else "side-by-side"

    @view_mode.setter
    def view_mode(self, mode: str) -> None:
        if mode not in VIEW_MODES:
            raise ValueError(f"unknown view mode: {mode!r}")
        self._set("view_mode", mode)

    @property
    def highlight_types(self) -> set[str]:
        stored = _to_str_list(self._get("highlight_types"))
        if stored is None:
            return set(HIGHLIGHT_TYPES)
        return {kind for kind in stored if kind in HIGHLIGHT_TYPES}

    @highlight_types.setter
    def highlight_types(self, kinds: Iterable[str]) -> None:
        chosen = set(kinds)
        unknown = chosen - set(HIGHLIGHT_TYPES)
        if unknown:
            raise ValueError(f"unknown highlight types: {sorted(unknown)}")
        self._set("highlight_types", json.dumps([k for k in HIGHLIGHT_TYPES if k in chosen]))

    @property
    def detection_languages(self) -> tuple[str, ...]:
        stored = _to_str_list(self._get("detection_languages"))
        codes = tuple(code for code in stored or () if _CODE.match(code))
        return codes if codes else default_detection_languages()

    @detection_languages.setter
    def detection_languages(self, codes: Iterable[str]) -> None:
        unique = list(dict.fromkeys(code.strip().lower() for code in codes))
        bad = [code for code in unique if not _CODE.match(code)]
        if bad or not unique:
            raise ValueError(f"detection needs at least one valid language code, got {unique!r}")
        self._set("detection_languages", json.dumps(unique))

    @property
    def auto_save(self) -> bool:
        return _to_bool(self._get("auto_save"), False)

    @auto_save.setter
    def auto_save(self, enabled: bool) -> None:
        self._set("auto_save", bool(enabled))

    # -- reading layout ---------------------------------------------------------------------------------
    @property
    def line_height(self) -> int:
        """Line spacing in percent of the font's height."""
        value = _to_int(self._get("line_height"), DEFAULT_LINE_HEIGHT)
        return value if MIN_LINE_HEIGHT <= value <= MAX_LINE_HEIGHT else DEFAULT_LINE_HEIGHT

    @line_height.setter
    def line_height(self, percent: int) -> None:
        self._set("line_height", max(MIN_LINE_HEIGHT, min(MAX_LINE_HEIGHT, int(percent))))

    @property
    def page_margin(self) -> int:
        """The least space, in pixels, between the text and the view's edges."""
        value = _to_int(self._get("page_margin"), DEFAULT_PAGE_MARGIN)
        return value if 0 <= value <= MAX_PAGE_MARGIN else DEFAULT_PAGE_MARGIN

    @page_margin.setter
    def page_margin(self, pixels: int) -> None:
        self._set("page_margin", max(0, min(MAX_PAGE_MARGIN, int(pixels))))

    @property
    def hyphenate(self) -> bool:
        return _to_bool(self._get("hyphenate"), False)

    @hyphenate.setter
    def hyphenate(self, enabled: bool) -> None:
        self._set("hyphenate", bool(enabled))

    # -- where the reader was -----------------------------------------------------------------------------
    @property
    def last_article(self) -> str:
        """What to reopen at start: "library:<id>" or "file:<path>#<block id>", or ""."""
        value = self._get("last_article")
        return value if isinstance(value, str) else ""

    @last_article.setter
    def last_article(self, value: str) -> None:
        self._set("last_article", value)

    @property
    def last_directory(self) -> str:
        """The folder of the last file opened or saved (file dialogs start there)."""
        value = self._get("last_directory")
        return value if isinstance(value, str) else ""

    @last_directory.setter
    def last_directory(self, folder: str) -> None:
        self._set("last_directory", folder)

    # -- recent files -----------------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        """Most recent first, without duplicates, at most MAX_RECENT_FILES."""
        stored = _to_str_list(self._get("recent_files")) or []
        return list(dict.fromkeys(path for path in stored if path))[:MAX_RECENT_FILES]

    @recent_files.setter
    def recent_files(self, paths: Iterable[str]) -> None:
        cleaned = list(dict.fromkeys(path for path in paths if path))[:MAX_RECENT_FILES]
        self._set("recent_files", json.dumps(cleaned))

    def add_recent_file(self, path: str) -> None:
        """Put ``path`` at the top of the recent list (moving it up if it was already there)."""
        self.recent_files = [path, *(p for p in self.recent_files if p != path)]

    def remove_recent_file(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]

    # -- window state -----------------------------------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray:
        value = self._get(key)
        if isinstance(value, QByteArray):
            return value
        if isinstance(value, bytes | bytearray):
            return QByteArray(bytes(value))
        return QByteArray()

    @property
    def window_geometry(self) -> QByteArray:
        """Empty when never saved (the window then picks its own size)."""
        return self._bytes("window_geometry")

    @window_geometry.setter
    def window_geometry(self, data: QByteArray) -> None:
        self._set("window_geometry", QByteArray(data))

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window_state")

    @window_state.setter
    def window_state(self, data: QByteArray) -> None:
        self._set("window_state", QByteArray(data))

    @property
    def splitter_state(self) -> QByteArray:
        return self._bytes("splitter_state")

    @splitter_state.setter
    def splitter_state(self, data: QByteArray) -> None:
        self._set("splitter_state", QByteArray(data))


__all__ = [
    "FALLBACK_DETECTION_LANGUAGES",
    "HIGHLIGHT_TYPES",
    "MAX_RECENT_FILES",
    "THEMES",
    "VIEW_MODES",
    "Settings",
    "default_detection_languages",
    "system_language",
]
