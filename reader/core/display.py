"""Numbers and codes as people read them, in their locale: sizes, time spans, language names (Babel).

One module for what the window and the command line show, so a size or a language reads the same
everywhere and follows the reader's locale (``57,3 MB`` and ``vor 3 Tagen`` for a German reader). Babel
holds CLDR's unit patterns, relative-time phrases and language names; it is already installed (it comes
with trafilatura). No Qt here. Numbers follow the system's locale (``LANG``; ``locale=None``); words (time
spans, language names) follow the language of the interface, English until it is translated, so a
sentence never mixes two languages.
The translation package index's own names (``reader.core.translate.display``) fall back to these.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale, UnknownLocaleError, default_locale

KB = 1000
MB = 1000 * KB
GB = 1000 * MB


@functools.cache
def _locale(name: str | None) -> Locale:
    try:
        return Locale.parse(name or default_locale() or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale("en")


def file_size(size: int | None, *, locale: str | None = None) -> str:
    """A size on disk, one decimal: ``57.3 MB``, ``820 kB``; empty when unknown."""
    if size is None or size < 0:
        return ""
    from babel.units import format_unit  # babel.units and babel.dates load on first use, not at startup

    where = _locale(locale)
    if size >= GB:
        return format_unit(size / GB, "digital-gigabyte", length="short", format="#,##0.#", locale=where)
    if size >= MB:
        return format_unit(size / MB, "digital-megabyte", length="short", format="#,##0.#", locale=where)
    return format_unit(max(1, round(size / KB)), "digital-kilobyte", length="short", locale=where)


def download_size(size: int | None, *, locale: str | None = None) -> str:
    """A download size as people say it: ``about 100 MB``, ``about 1.2 GB``, ``less than 1 MB``."""
    if not size or size <= 0:
        return "size unknown"
    from babel.units import format_unit

    where = _locale(locale)
    if size >= GB:
        amount = format_unit(size / GB, "digital-gigabyte", length="short", format="#,##0.#", locale=where)
        return f"about {amount}"
    megabytes = size / MB
    if megabytes < 1:
        return f"less than {format_unit(1, 'digital-megabyte', length='short', locale=where)}"
    rounded = round(megabytes, -1) if megabytes >= 100 else round(megabytes)
    return f"about {format_unit(int(rounded), 'digital-megabyte', length='short', locale=where)}"


def time_ago(seconds: float, *, locale: str | None = "en") -> str:
    """How long ago, in words: ``3 days ago``, ``vor 2 Stunden``; under a minute ``just now``."""
    if seconds < 60:
        return "just now"
    from babel.dates import format_timedelta

    span = dt.timedelta(seconds=-seconds)
    return format_timedelta(span, add_direction=True, threshold=1, locale=_locale(locale))


def language_name(code: str | None, *, locale: str | None = "en") -> str:
    """``de`` → ``German`` (``Deutsch`` in German), capitalised; unknown codes come back upper-cased."""
    if not code:
        return "Unknown"
    name = _locale(locale).languages.get(code) or _locale(locale).languages.get(code.split("-")[0])
    if not name:
        return code.upper()
    return name[:1].upper() + name[1:]


def language_names(*, locale: str | None = "en") -> dict[str, str]:
    """Every two-letter ISO 639-1 code → its capitalised name (the preferences' language lists)."""
    names = _locale(locale).languages
    return {code: name[:1].upper() + name[1:] for code, name in names.items() if len(code) == 2}


def pair_label(source: str, target: str, *, locale: str | None = "en") -> str:
    """``German → English``."""
    return f"{language_name(source, locale=locale)} → {language_name(target, locale=locale)}"


__all__ = ["download_size", "file_size", "language_name", "language_names", "pair_label", "time_ago"]
