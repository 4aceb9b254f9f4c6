"""What a partial or anaphoric date counts from: the dates earlier in the same article.

- A day or month without a year ("am 9. Mai") takes the year of the nearest explicit year earlier in
  the text: "am 8. Mai 1945 und am 9. Mai" is 9 May 1945 whatever the published date. It keeps to that
  year (measured better on history text than the occurrence nearest the anchor). In a history text (its
  explicit years lie far from the published date) this holds across the whole article; in news (a year
  mentioned in passing, "his 1987 car", says nothing about "in December" two paragraphs later) only in
  the same sentence and for an anchor at least as precise, and otherwise the published date decides.
- An anaphoric expression ("a year earlier", "zwei Tage später", "am selben Tag") counts from the last
  date mentioned, whatever its kind ("third-quarter ... a year earlier" is the third quarter a year
  before); without one, from the published date.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass

from reader.core.annotate.dates_grammar import Candidate, valid_day
from reader.core.annotate.dates_lexicon import DAY, MONTH, WEEK, YEAR
from reader.core.annotate.dates_resolve import value_of

_ISO_POINT = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:T|$)")
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?|(?P<rest>-(?:Q\d|H\d|SP|SU|FA|WI)))?(?:T.*)?"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÀ-ÝÄÖÜ\"“„«])|\n")
_SAME_SENTENCE = 200  # characters: farther apart counts as another sentence (and keeps the search short)
# Kinds whose value depends on a year the expression itself does not say.
ANCHORED = frozenset({"day-month", "month", "range", "quarter", "season", "holiday"})


def has_year(c: Candidate) -> bool:
    if c.kind == "range":
        return c.last is not None and c.last.year is not None
    return c.year is not None and c.kind not in ("century", "decade")


def is_narrative(years: list[int], reference: dt.date | None) -> bool:
    """History rather than news: no published date, or at least three explicit years that lie, as a rule
    (median), more than 25 years from it (a news story's background years are few or recent)."""
    if reference is None:
        return True
    return len(years) >= 3 and statistics.median(abs(y - reference.year) for y in years) > 25


@dataclass
class DateAnchor:
    """The state carried through one article while its dates are resolved in order."""

    narrative: bool = True
    year: int | None = None
    month: int | None = None
    day: int | None = None
    block: int = -1
    end: int = 0
    last: str | None = None

    def base(self, c: Candidate, block: int, text: str) -> dt.date | None:
        """The date the partial expression ``c`` in block ``block`` resolves against, if any.

        In news only an explicit date as precise as ``c`` in the same sentence counts ("am 8. Mai 1945
        und am 9. Mai", but not "joined in April 2018, said revenue for the year ending June 30").
        """
        if self.year is None or not 1 <= self.year <= 9999:
            return None
        if not self.narrative:
            precision = 1 + (self.month is not None) + (self.day is not None)
            if (
                block != self.block
                or precision < _precision(c)
                or c.start - self.end > _SAME_SENTENCE
                or _SENTENCE_BREAK.search(text, self.end, c.start + 1)
            ):
                return None
        return dt.date(self.year, 7, 2)  # mid-year: day-months and months stay in the anchor's year

    def follow(self, value: str | None, block: int, end: int) -> None:
        """Move the explicit anchor to the point an ISO value names (a range: its last end)."""
        m = _ISO_POINT.match(value.rsplit("/", 1)[-1]) if value else None
        if m is None:
            return
        self.year = int(m["y"])
        self.month = int(m["m"]) if m["m"] else None
        self.day = int(m["d"]) if m["d"] else None
        self.block, self.end = block, end

    def remember(self, value: str | None) -> None:
        if value and _VALUE.fullmatch(value.rsplit("/", 1)[-1]):
            self.last = value.rsplit("/", 1)[-1]


def shift(value: str, unit: str, offset: int) -> str | None:
    """``value`` moved by ``offset`` units at its own granularity; None when too coarse for the unit."""
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    year = int(m["y"])
    if m["rest"]:
        return f"{year + offset:04d}{m['rest']}" if unit == YEAR else None
    if m["d"]:
        day = dt.date(year, int(m["m"]), int(m["d"]))
        if unit in (DAY, WEEK):
            return (day + dt.timedelta(days=offset * (7 if unit == WEEK else 1))).isoformat()
        index = year * 12 + day.month - 1 + (offset * 12 if unit == YEAR else offset)
        y, mo = index // 12, index % 12 + 1
        return f"{y:04d}-{mo:02d}-{day.day:02d}" if valid_day(day.day, mo, y) else f"{y:04d}-{mo:02d}"
    if m["m"]:
        if unit not in (MONTH, YEAR):
            return None
        index = year * 12 + int(m["m"]) - 1 + (offset * 12 if unit == YEAR else offset)
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{year + offset:04d}" if unit == YEAR else None


def _precision(c: Candidate) -> int:
    """1 year, 2 month, 3 day: how precise a point ``c`` names."""
    if c.kind == "range" and c.first is not None:
        return _precision(c.first)
    return 3 if c.kind in ("day-month", "date", "holiday") else 2 if c.kind == "month" else 1


def _deictic(c: Candidate) -> bool:
    """ "last May", "this spring", "next quarter" point from the published date, not from the text."""
    return c.deictic or c.direction != 0


def anchored_value(
    c: Candidate, block: int, text: str, reference: dt.date | None, anchor: DateAnchor, lean: int
) -> str | None:
    """The value of ``c``, resolved against ``anchor`` where the module docstring says; moves the anchor."""
    if has_year(c):
        value = value_of(c, reference)
        anchor.follow(value, block, c.end)
    elif c.kind == "relative" and c.anaphoric:
        value = shift(anchor.last, c.unit or DAY, c.offset) if anchor.last else value_of(c, reference)
    elif c.kind == "relative" and c.unit == YEAR and c.offset < 0 and anchor.last and "-Q" in anchor.last:
        # "third-quarter profit ... up from a year ago": the same quarter a year before
        value = shift(anchor.last, YEAR, c.offset)
    elif c.kind in ANCHORED and not _deictic(c) and (base := anchor.base(c, block, text)) is not None:
        value = value_of(c, base)
        anchor.follow(value, block, c.end)
    else:
        value = value_of(c, reference, lean)
    if c.kind not in ("time", "ref", "century", "decade"):
        anchor.remember(value)
    return value
