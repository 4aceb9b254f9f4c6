"""Reading comfort: measure (characters per line), line spacing, margins and hyphenation.

Long lines tire the eye: typographers aim for 45-90 characters, about 70-80 for continuous reading, so
the view centres a column of at most ``max_chars`` average characters (two of them side by side).
Qt's text layout breaks lines at soft hyphens (U+00AD) and draws the hyphen, but it has no hyphenation
dictionaries of its own, so pyphen (the LibreOffice/Hunspell patterns, about 80 languages) inserts soft
hyphens into words long enough to be worth breaking. Names (the highlighted spans) are never hyphenated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyphen

SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]{7,}")  # hyphenating shorter words gains almost nothing in a column


@dataclass(frozen=True, slots=True)
class ReadingLayout:
    """What Preferences sets: line spacing in percent, side margin in pixels, the measure in average
    characters per column, and whether words are hyphenated."""

    line_height: int = 150
    margin: int = 24
    max_chars: int = 75
    hyphenate: bool = False


@lru_cache(maxsize=32)
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    import pyphen  # on first use: ~0.1-0.2 s, kept off the startup path

    name = pyphen.language_fallback(lang)
    return pyphen.Pyphen(lang=name) if name else None


def hyphenate(text: str, lang: str | None) -> str:
    """``text`` with soft hyphens at the break points of its long words, or unchanged when pyphen has
    no patterns for ``lang``."""
    dictionary = _dictionary(lang) if lang else None
    if dictionary is None:
        return text
    return _WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)


def strip_soft_hyphens(text: str) -> str:
    """Copied text must not carry the invisible break points."""
    return text.replace(SOFT_HYPHEN, "")
