"""Per-language word tables for date recognition: the supported languages and their specs.

Month and weekday names come from CLDR through Babel (``dates_spec``); prepositions, relative expressions,
range words and tense cues are small hand-written tables (``dates_lexicon_germanic``, ``_romance``).
"""

from __future__ import annotations

from reader.core.annotate.dates_lexicon_germanic import GERMANIC
from reader.core.annotate.dates_lexicon_romance import ROMANCE
from reader.core.annotate.dates_spec import (
    DAY,
    MONTH,
    WEEK,
    YEAR,
    LangSpec,
    ago_regex,
    month_names,
    strip_accents,
    weekday_names,
)

SPECS: dict[str, LangSpec] = {**GERMANIC, **ROMANCE}

__all__ = [
    "DAY", "MONTH", "SPECS", "WEEK", "YEAR", "LangSpec", "ago_regex", "month_names", "strip_accents",
    "weekday_names",
]  # fmt: skip
