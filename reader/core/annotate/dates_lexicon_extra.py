"""The shape of the date vocabulary beyond calendar dates: present/past/future, quarters, seasons,
centuries, decades, holidays, eras and anaphoric expressions ("a year earlier", "zwei Tage später").

The tables per language are in ``dates_lexicon_extra_germanic`` and ``_romance``: hand-written from
grammar books and our own reading (not from the labelled sets). Entries are regex fragments matched
case-insensitively. Kept apart from ``dates_lexicon_*`` so the core tables stay short.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAST, PRESENT, FUTURE = -1, 0, 1
MoveableRule = tuple[str, int, int, int]


@dataclass(frozen=True)
class ExtraSpec:
    """Attributes:
    refs: (regex, PAST | PRESENT | FUTURE) for "recently", "now", "in the future".
    anaphoric: (regex, unit, offset) counted from the last date in the text ("the next day").
    later: (template with {N} and group ``u``, sign) for "two days later" / "zwei Tage zuvor".
    units: unit words of ``later`` beyond the language's own (``LangSpec.units``) → unit.
    ordinals: ordinal words → number (quarters, centuries).
    quarter: regex with groups ``q`` (ordinal) and optional ``y``; ``quarter_this``: "the quarter".
    seasons: season word → TimeML season code (SP, SU, FA, WI); ``season_prep`` (left out of the span)
        and ``season_pre`` (kept in it: "last", "the") make a bare season a date; ``season_year``:
        between a season and its year.
    century: regex with group ``c`` (ordinal or number); ``decade``: regex with group ``d`` (a 4-digit
        decade like 1990) or ``dd`` (two digits, "the '90s").
    holidays: regex → (month, day) for fixed-date holidays.
    era_bc / era_ad: what follows a year of the Christian era ("v. Chr.", "BC").
    numbers: number words beyond the core table's ("einen").
    day_parts: (regex, day offset, TimeML part-of-day code) for "this morning", "gestern Abend".
    relative: more (regex, unit, offset) counted from the published date, like the core table's.
    moveable: holidays without a fixed date: regex → ("easter", days after Easter Sunday, 0, 0) or
        ("nth", month, weekday (Monday 0), n; -1 the last) as in "the fourth Thursday of November".
    quarter_words, century_words, decade_words, era_words: lowercase strings one of which a text must
        contain for those patterns to run at all (keeps the many patterns cheap on ordinary text).
    """

    refs: tuple[tuple[str, int], ...] = ()
    anaphoric: tuple[tuple[str, str, int], ...] = ()
    later: tuple[tuple[str, int], ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    quarter: str = ""
    quarter_this: tuple[tuple[str, int], ...] = ()
    seasons: dict[str, str] = field(default_factory=dict)
    season_prep: str = "(?!)"
    season_pre: str = "(?!)"
    season_year: str = r"\s+"
    century: str = ""
    decade: str = ""
    holidays: dict[str, tuple[int, int]] = field(default_factory=dict)
    era_bc: str = ""
    era_ad: str = ""
    numbers: dict[str, int] = field(default_factory=dict)
    quarter_words: tuple[str, ...] = ()
    century_words: tuple[str, ...] = ()
    decade_words: tuple[str, ...] = ()
    era_words: tuple[str, ...] = ()
    day_parts: tuple[tuple[str, int, str], ...] = ()
    relative: tuple[tuple[str, str, int], ...] = ()
    moveable: dict[str, MoveableRule] = field(default_factory=dict)
