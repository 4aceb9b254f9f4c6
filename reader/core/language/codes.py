"""Language codes as the Argos index writes them, and names for people.

The index uses two codes of its own: ``pb`` (Portuguese, Brazil) and ``zt`` (Chinese, traditional).
The detector answers in ISO 639-1 (``pt``, ``zh``), so a detected ``pt`` may be served by a ``pb``
package and ``zh`` by a ``zt`` one when that is what is installed. Babel (CLDR) names every ISO code
but knows neither index code, so their names come from the index itself.
"""

from __future__ import annotations

# Index code → the ISO 639-1 code the detector gives for that text.
INDEX_CODE_LANGUAGE: dict[str, str] = {"pb": "pt", "zt": "zh"}
# Names the index gives its own codes (argospm-index, index.json).
INDEX_CODE_NAMES: dict[str, str] = {"pb": "Portuguese (Brazil)", "zt": "Chinese (traditional)"}
# Source languages of the index snapshot (../shared/data/argos-index, 2025-06-21) that lingua cannot
# detect: a paragraph in them is set by hand (the language badge).
UNDETECTABLE_INDEX_LANGUAGES: tuple[str, ...] = ("gl", "ky")


def package_codes(code: str) -> list[str]:
    """The package codes that translate text in ``code``, the exact one first: ``pt`` → [pt, pb]."""
    code = code.strip().lower()
    variants = [index for index, iso in INDEX_CODE_LANGUAGE.items() if iso == code]
    return [code, *variants]


def detection_code(code: str) -> str:
    """The ISO code the detector uses for a package code: ``pb`` → ``pt``, ``de`` → ``de``."""
    code = code.strip().lower()
    return INDEX_CODE_LANGUAGE.get(code, code)


def language_name(code: str, fallback: str | None = None, *, locale: str = "en") -> str:
    """A name for people: ``de`` → German (Deutsch in ``locale="de"``), ``pb`` → Portuguese (Brazil).

    CLDR names (Babel) first, in ``locale``; the index's own names for its own codes; then
    ``fallback`` (e.g. the name a package gives), else the code upper-cased.
    """
    code = code.strip()
    key = code.lower()
    if key in INDEX_CODE_NAMES:
        return _localized_index_name(key, locale)
    try:
        from babel import Locale, UnknownLocaleError

        try:
            name = Locale.parse(locale).languages.get(key)
        except (UnknownLocaleError, ValueError):
            name = None
    except ImportError:  # pragma: no cover - babel ships with trafilatura
        name = None
    if name:
        return name[:1].upper() + name[1:]
    return fallback or code.upper()


def _localized_index_name(code: str, locale: str) -> str:
    """pb/zt in ``locale`` from CLDR's territory/script names (pt_BR, zh_Hant); English from the index."""
    if locale.split("_")[0].lower() == "en":
        return INDEX_CODE_NAMES[code]
    try:
        from babel import Locale, UnknownLocaleError

        name = Locale.parse({"pb": "pt_BR", "zt": "zh_Hant"}[code]).get_display_name(locale)
    except (ImportError, UnknownLocaleError, ValueError):
        name = None
    return name[:1].upper() + name[1:] if name else INDEX_CODE_NAMES[code]
