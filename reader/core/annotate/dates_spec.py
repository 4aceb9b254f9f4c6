"""The shape of a language's date vocabulary, and what Babel (CLDR) supplies for it.

Month and weekday names come from CLDR through Babel (wide and abbreviated, format and stand-alone
forms, plus accent-free spellings); everything else (prepositions that make a bare month or year a
date, relative expressions, range connectors, tense cues) is a small hand-written table per language.
Entries are regex fragments; they are matched case-insensitively and the grammar checks the case of
month and weekday names itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"


@dataclass(frozen=True)
class LangSpec:
    """Everything the grammar needs to know about one language.

    Attributes:
        title_case: month and weekday names are capitalized (de, en); otherwise lowercase except at
            the start of a sentence.
        day_suffix: what may follow a day number ("." in German, "st" in English, "er" in French).
        dm_sep: between the day and the month ("de" in Spanish and Portuguese).
        my_sep: between the month and the year.
        month_day: the language also writes month before day ("January 4").
        month_preps: words before a bare month name that make it a date, mapped to a direction
            (-1 past, +1 future, 0 none).
        year_preps: words before a bare year that make it a date; ``weak_year_preps`` are the subset
            that also introduce quantities ("in 2000 Metern"), checked more strictly.
        extra_months: month names CLDR lacks ("Jänner"); a key ending in "." is an abbreviation ("Sept.").
        mods: "early", "Ende", "fin": included in the span of a month or year.
        range_open: words that open a range ("between", "vom"); ``range_mid`` joins its two ends;
            ``range_and`` are the connectors that only make a range after an opener.
        wd_pre / wd_post: weekday modifiers before / after the name, mapped to a direction.
        wd_suffix: what may follow a weekday name ("Tuesday's").
        dayparts: parts of the day after a weekday ("Wednesday night", joined in "Dienstagabend" when
            ``daypart_joined``) → TimeML's part-of-day code (TMO, TAF, TEV, TNI, TMI).
        relative: (regex, unit, offset) for fixed relative expressions.
        ago: regex with groups ``n`` and ``u`` for "three days ago"; ``numbers`` and ``units`` read them.
        future: cue words that make a weekday in the same sentence point forward.
        time_preps / time_suffix: what makes "9:30" a time.
        not_after_year: words that show a number after a preposition is a quantity, not a year.
        past: cue words of a past-tense sentence ("sagte", "said"); the cue nearest before a weekday
            (else after it) decides; with none the nearest occurrence is taken.
        weekday_exclude: regex of contexts where a weekday name is part of a title ("Sunday Times").
    """

    code: str
    babel: str
    title_case: bool
    day_suffix: str
    dm_sep: str
    my_sep: str
    month_preps: dict[str, int]
    year_preps: tuple[str, ...]
    weak_year_preps: tuple[str, ...]
    mods: tuple[str, ...]
    range_open: tuple[str, ...]
    range_mid: tuple[str, ...]
    range_and: tuple[str, ...]
    wd_pre: dict[str, int]
    wd_post: dict[str, int]
    relative: tuple[tuple[str, str, int], ...]
    ago: str
    numbers: dict[str, int]
    units: dict[str, str]
    future: str
    past: str
    time_preps: tuple[str, ...]
    time_suffix: str
    not_after_year: tuple[str, ...] = ()
    month_day: bool = False
    wd_suffix: str = ""
    dayparts: dict[str, str] = field(default_factory=dict)
    daypart_joined: bool = False
    weekday_exclude: str = ""
    extra_months: dict[str, int] = field(default_factory=dict)
    extra_weekdays: dict[str, int] = field(default_factory=dict)


def strip_accents(word: str) -> str:
    """'février' → 'fevrier': news text and headlines often drop accents."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def month_names(spec: LangSpec) -> tuple[dict[str, int], dict[str, int]]:
    """(wide names, abbreviations) lowercased → month number 1-12, from CLDR plus the spec's extras."""
    from babel.dates import get_month_names

    wide: dict[str, int] = {k: v for k, v in spec.extra_months.items() if not k.endswith(".")}
    abbr: dict[str, int] = {k.rstrip("."): v for k, v in spec.extra_months.items() if k.endswith(".")}
    for context in ("format", "stand-alone"):
        for number, name in get_month_names("wide", context, spec.babel).items():
            for form in {name.lower(), strip_accents(name.lower())}:
                wide[form] = number
        for number, name in get_month_names("abbreviated", context, spec.babel).items():
            form = name.lower().rstrip(".")
            for variant in {form, strip_accents(form)}:
                if len(variant) >= 3 and variant not in wide:
                    abbr[variant] = number
    return wide, abbr


def weekday_names(spec: LangSpec) -> dict[str, int]:
    """Wide weekday names lowercased → ISO weekday index (Monday 0). Abbreviations are too ambiguous."""
    from babel.dates import get_day_names

    names: dict[str, int] = dict(spec.extra_weekdays)
    for context in ("format", "stand-alone"):
        for number, name in get_day_names("wide", context, spec.babel).items():
            for form in {name.lower(), strip_accents(name.lower())}:
                names[form] = number
    return names


QUANTITY = (
    "mill\\w*",
    "bill\\w*",
    "milliard\\w*",
    "milj\\w*",
    "milh\\w*",
    "mio\\b",
    "mrd\\b",
    "thousand",
    "hundred",
    "tausend",
    "hundert",
    "euros?",
    "dollars?",
    "francs?",
    "pfund",
    "pounds?",
    "kilometer\\w*",
    "km",
    "meter\\w*",
    "metre\\w*",
    "m",
    "feet",
    "ft",
    "kg",
    "tonnen",
    "tons?",
    "t",
)


def _num_re(numbers: dict[str, int]) -> str:
    return r"(?P<n>\d{1,2}|" + "|".join(sorted(numbers, key=len, reverse=True)) + ")"


def ago_regex(spec: LangSpec) -> str:
    """The spec's "N units ago" template with its number words filled in."""
    return spec.ago.replace("{N}", _num_re(spec.numbers))
