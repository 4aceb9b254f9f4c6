"""The user's preferences and window state, each declared once (MusicBrainz Picard's ``Option``).

An ``Option`` holds everything about one setting: its key, its default, how a stored value is read back
and how a new one is checked. ``Settings`` exposes each as a typed attribute (``settings.theme``), the
preferences dialog takes its defaults from the same declarations (``Settings.OPTIONS``), and ``changed``
is emitted with the option's name whenever a stored value actually changes; the window listens to it.

QSettings hands back whatever its backend stored (the INI backend returns "true", "12" and, for a
one-element list, a bare string), so every read converts and validates and falls back to the default
when a stored value is unusable. Lists and sets are stored as JSON text for the same reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QLocale, QObject, QSettings, Signal

from reader.ui.theme import THEMES

T = TypeVar("T")
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
# Translated sentences whose score (the model's mean log-probability per token, CTranslate2's
# return_scores) is below this get a dotted underline. A confident sentence of a label-smoothed
# transformer scores about -0.2 to -0.6; at -1.2 the model's average token had a probability of at most
# e^-1.2 = 0.30, well under its usual, so only the sentences it really hesitated over are marked.
DEFAULT_UNSURE_BELOW = -1.2
MIN_UNSURE_BELOW = -5.0

_CODE = re.compile(r"^[a-z]{2,3}$")


def system_language() -> str:
    """The system locale's ISO 639 language code ("de" for de_DE), or "en" for the C/POSIX locale."""
    code = QLocale.system().name().split("_", 1)[0].lower()
    return code if _CODE.match(code) else "en"


def default_detection_languages() -> tuple[str, ...]:
    """The language identifier's own default set (imported on first use: settings load at startup)."""
    from reader.core.language import DEFAULT_LANGUAGES

    return tuple(DEFAULT_LANGUAGES)


# -- readers: a stored value → the typed value, or None when it is unusable --------------------------------
def _read_bool(value: object) -> bool | None:
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
    return None


def _read_str_list(value: object) -> list[str] | None:
    """Decode a JSON list of strings; None when the stored value is missing or malformed."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def _read_bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray):
        return value
    if isinstance(value, bytes | bytearray):
        return QByteArray(bytes(value))
    return None


def _one_of(choices: tuple[str, ...], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"unknown {what}: {value!r}")
        return value

    return check


def _language_code(code: str) -> str:
    code = code.strip().lower()
    if not _CODE.match(code):
        raise ValueError(f"not a language code: {code!r}")
    return code


def _read_language(value: object) -> str | None:
    return value if isinstance(value, str) and _CODE.match(value) else None


def _read_font_size(value: object) -> int | None:
    try:
        size = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return size if MIN_FONT_SIZE <= size <= MAX_FONT_SIZE else None


def _bounded_int(low: int, high: int) -> Callable[[object], int | None]:
    def read(value: object) -> int | None:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return None
        return number if low <= number <= high else None

    return read


def _clamp(low: int, high: int) -> Callable[[Any], int]:
    return lambda value: max(low, min(high, int(value)))


def _bounded_float(low: float, high: float) -> Callable[[object], float | None]:
    def read(value: object) -> float | None:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return number if low <= number <= high else None  # NaN fails both comparisons: unusable

    return read


def _check_float(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        number = float(value)
        if number != number:
            raise ValueError("not a number")
        return round(max(low, min(high, number)), 2)

    return check


def _read_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _read_highlights(value: object) -> set[str] | None:
    stored = _read_str_list(value)
    return None if stored is None else {kind for kind in stored if kind in HIGHLIGHT_TYPES}


def _check_highlights(kinds: Iterable[str]) -> set[str]:
    chosen = set(kinds)
    unknown = chosen - set(HIGHLIGHT_TYPES)
    if unknown:
        raise ValueError(f"unknown highlight types: {sorted(unknown)}")
    return chosen


def _read_detection(value: object) -> tuple[str, ...] | None:
    codes = tuple(code for code in _read_str_list(value) or () if _CODE.match(code))
    return codes or None


def _check_detection(codes: Iterable[str]) -> tuple[str, ...]:
    unique = tuple(dict.fromkeys(code.strip().lower() for code in codes))
    if not unique or any(not _CODE.match(code) for code in unique):
        raise ValueError(f"detection needs at least one valid language code, got {list(unique)!r}")
    return unique


def _recent(paths: Iterable[str]) -> list[str]:
    """Most recent first, without duplicates, at most MAX_RECENT_FILES."""
    return list(dict.fromkeys(path for path in paths if path))[:MAX_RECENT_FILES]


def _same(value: T) -> T:
    return value


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting, declared once.

    Attributes:
        default: the value when nothing usable is stored (a callable for defaults that depend on the
            system, such as the locale's language).
        read: turns a stored value into the typed value, or None when it is unusable.
        check: validates (and normalises) a new value; raises ValueError for a bad one.
        store: turns the typed value into what QSettings keeps (JSON text for lists and sets).
    """

    default: T | Callable[[], T]
    read: Callable[[object], T | None]
    check: Callable[[Any], T] = _same
    store: Callable[[T], object] = _same
    name: str = ""

    def __set_name__(self, owner: type, name: str) -> None:
        object.__setattr__(self, "name", name)

    def default_value(self) -> T:
        return self.default() if callable(self.default) else self.default

    @overload
    def __get__(self, settings: None, owner: type) -> Option[T]: ...

    @overload
    def __get__(self, settings: Settings, owner: type) -> T: ...

    def __get__(self, settings: Settings | None, owner: type) -> Option[T] | T:
        if settings is None:
            return self
        value = self.read(settings.raw(self.name))
        return self.default_value() if value is None else value

    def __set__(self, settings: Settings, value: Any) -> None:
        settings.store(self.name, self.store(self.check(value)))


def _bytes_option() -> Option[QByteArray]:
    return Option(QByteArray, _read_bytes, check=lambda data: QByteArray(data))


class Settings(QObject):
    """The app's preferences, typed. Pass a QSettings (e.g. an INI file in a temp dir) to isolate tests.

    Signals:
        changed(str): the name of the option whose stored value changed.
    """

    changed = Signal(str)

    # -- reading preferences (the preferences dialog edits these) ---------------------------------------
    reader_language = Option(system_language, _read_language, check=_language_code)
    font_family = Option("", lambda value: value if isinstance(value, str) else None, check=str)  # "": system
    font_size = Option(
        DEFAULT_FONT_SIZE,
        _read_font_size,
        check=lambda size: max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size))),
    )
    theme = Option("system", lambda v: v if v in THEMES else None, check=_one_of(THEMES, "theme"))
    view_mode = Option(
        "side-by-side", lambda v: v if v in VIEW_MODES else None, check=_one_of(VIEW_MODES, "view mode")
    )
    highlight_types = Option(
        lambda: set(HIGHLIGHT_TYPES),
        _read_highlights,
        check=_check_highlights,
        store=lambda kinds: json.dumps([k for k in HIGHLIGHT_TYPES if k in kinds]),
    )
    detection_languages = Option(
        default_detection_languages,
        _read_detection,
        check=_check_detection,
        store=lambda c: json.dumps(list(c)),
    )
    auto_save = Option(False, _read_bool, check=bool)
    # Reading layout: line spacing in percent, the least side margin in pixels, hyphenation.
    line_height = Option(
        DEFAULT_LINE_HEIGHT,
        _bounded_int(MIN_LINE_HEIGHT, MAX_LINE_HEIGHT),
        check=_clamp(MIN_LINE_HEIGHT, MAX_LINE_HEIGHT),
    )
    page_margin = Option(
        DEFAULT_PAGE_MARGIN, _bounded_int(0, MAX_PAGE_MARGIN), check=_clamp(0, MAX_PAGE_MARGIN)
    )
    hyphenate = Option(False, _read_bool, check=bool)
    # Confidence: dot-underline translated sentences scoring below ``unsure_below``.
    unsure_marks = Option(True, _read_bool, check=bool)
    unsure_below = Option(
        DEFAULT_UNSURE_BELOW, _bounded_float(MIN_UNSURE_BELOW, 0.0), check=_check_float(MIN_UNSURE_BELOW, 0.0)
    )
    # -- remembered for the reader ----------------------------------------------------------------------
    recent_files = Option(
        list,
        lambda v: None if (paths := _read_str_list(v)) is None else _recent(paths),
        check=_recent,
        store=json.dumps,
    )
    # What to reopen at start: "library:<id>" or "file:<path>#<block id>", or "".
    last_article = Option("", _read_str, check=str)
    last_directory = Option("", _read_str, check=str)  # file dialogs start in the folder last used
    window_geometry = _bytes_option()  # empty when never saved (the window then picks its own size)
    window_state = _bytes_option()
    splitter_state = _bytes_option()

    PREFERENCES = (
        "reader_language",
        "font_family",
        "font_size",
        "theme",
        "highlight_types",
        "detection_languages",
        "auto_save",
        "line_height",
        "page_margin",
        "hyphenate",
        "unsure_marks",
        "unsure_below",
    )

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings("Reader", "Reader")

    @classmethod
    def option(cls, name: str) -> Option[Any]:
        """The declaration of the setting called ``name``."""
        found = cls.__dict__.get(name)
        if not isinstance(found, Option):
            raise KeyError(name)
        return found

    @classmethod
    def defaults(cls, names: Iterable[str] = PREFERENCES) -> dict[str, Any]:
        """The default of each named setting (the preferences dialog's Restore Defaults)."""
        return {name: cls.option(name).default_value() for name in names}

    # -- plumbing ---------------------------------------------------------------------------------------
    def raw(self, key: str) -> object:
        return self._store.value(key)

    def store(self, key: str, value: object) -> None:
        """Store ``value`` under ``key`` (an option's name); emit ``changed`` if the typed value moved."""
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

    # -- recent files -----------------------------------------------------------------------------------
    def add_recent_file(self, path: str) -> None:
        """Put ``path`` at the top of the recent list (moving it up if it was already there)."""
        self.recent_files = [path, *(p for p in self.recent_files if p != path)]

    def remove_recent_file(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]


__all__ = [
    "HIGHLIGHT_TYPES",
    "MAX_RECENT_FILES",
    "THEMES",
    "VIEW_MODES",
    "Option",
    "Settings",
    "default_detection_languages",
    "system_language",
]
