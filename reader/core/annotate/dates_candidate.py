"""What every date pattern module shares: the Candidate a pattern finds, regex fragments and small helpers.

A module of its own so that the pattern modules (dates_grammar, dates_grammar_extra,
dates_grammar_years) depend on it rather than on each other: no import cycle.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reader.core.annotate.dates_spec import QUANTITY


@dataclass(frozen=True, slots=True)
class Candidate:
    """A date expression found in the text, not yet normalized.

    ``kind`` is one of date, day-month, weekday, month, year, relative, range, time, ref (now,
    recently, the future: ``offset`` 0, -1, +1), quarter, season, century, decade, holiday (a moveable
    one: Easter, Thanksgiving; its rule in ``holiday``). ``direction`` is
    -1/+1 when the text says "last"/"next"; ``unit``/``offset`` describe a relative expression, which is
    ``anaphoric`` when it counts from the last date in the text ("a year earlier") rather than from the
    published date; ``first``/``last`` are the two ends of a range. A century or decade keeps its
    number in ``year`` (19 for "19th century", 1990 for "the 1990s"). ``deictic``: "this spring", "the
    quarter" count from the published date even in a history text; ``quarter`` 1-4; ``season`` SP, SU,
    FA, WI; ``daypart`` TMO, TAF, TEV, TNI, TMI ("Wednesday night"); a day that a time precedes ("10 p.m.
    Wednesday") carries that ``hour``/``minute``.
    """

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    direction: int = 0
    unit: str | None = None
    offset: int = 0
    hour: int | None = None
    minute: int | None = None
    first: Candidate | None = None
    last: Candidate | None = None
    anaphoric: bool = False
    deictic: bool = False
    quarter: int | None = None
    season: str | None = None
    daypart: str | None = None
    holiday: tuple[str, int, int, int] | None = None


Handler = Callable[[re.Match[str], str], "Candidate | None"]
# A pattern is only run on a text that contains one of its needles (lowercase), when it has any.
Pattern = tuple[re.Pattern[str], Handler, tuple[str, ...]]

YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NOT_NUM_BEFORE = r"(?<![\w.,/:+-])"
_NOT_NUM_AFTER = r"(?![\w/]|[.,:]\d|\s*%)"
_QUANTITY_AFTER = re.compile(rf"\s*(?:[%€$£]|(?:{'|'.join(QUANTITY)})(?!\w))", re.I)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”„«»()\[\]\n–—]|\.\.\.)\s*$")


def alt(words: object) -> str:
    """A non-capturing alternation of regex fragments, longest first; spaces match any whitespace."""
    items = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "(?:" + "|".join(w.replace(" ", r"\s+") for w in items) + ")"


def at_sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[max(0, start - 4) : start]) is not None or start == 0


def valid_day(day: int, month: int, year: int | None) -> bool:
    limit = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= limit


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower()).replace("’", "'")


class PatternSink(Protocol):
    """What a pattern module needs of a Grammar: a place to add its patterns."""

    def _add(self, regex: str, handler: Handler, needles: tuple[str, ...] = ()) -> None: ...
