"""Turn a recognized date expression into an ISO 8601 value, against the article's published date.

Choices (news talks about the recent past and the near future):
- a day and month without a year → the occurrence nearest the reference date (ties go to the past);
- a month without a year → the nearest such month, or the previous / next one after "last" / "next";
- a weekday → "next"/"last" say which way; otherwise the tense of the sentence does (the cue word
  nearest before it: "said on Monday" → the past six days, reference day included; "will meet on
  Thursday" → the coming six days); with no cue, the nearest such day (within three days);
- relative days → the date; weeks → the ISO week (``2022-W02``); months → ``2022-02``; years → ``2021``.
Without a reference date, partial values are given where ISO 8601 has them (``--01-04``, ``--10``) and
expressions that only make sense relative to a date (weekdays, "yesterday") get no value.
"""

from __future__ import annotations

import calendar
import datetime as dt

from reader.core.annotate.dates_grammar import Candidate, valid_day
from reader.core.annotate.dates_lexicon import DAY, MONTH, WEEK


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def nearest_day(month: int, day: int, reference: dt.date) -> dt.date:
    """The date with this month and day closest to ``reference``; ties go to the past."""
    options = [
        dt.date(year, month, day)
        for year in range(reference.year - 4, reference.year + 5)  # 29 February: some leap year is near
        if valid_day(day, month, year) and 1 <= year <= 9999
    ]
    return min(options, key=lambda d: (abs((d - reference).days), d > reference))


def nearest_month(month: int, reference: dt.date, direction: int) -> tuple[int, int]:
    here = reference.year * 12 + reference.month - 1
    options = [(y, month) for y in (reference.year - 1, reference.year, reference.year + 1)]

    def distance(option: tuple[int, int]) -> int:
        return option[0] * 12 + option[1] - 1 - here

    if direction < 0:
        return max((o for o in options if distance(o) < 0), key=distance)
    if direction > 0:
        return min((o for o in options if distance(o) > 0), key=distance)
    return min(options, key=lambda o: (abs(distance(o)), distance(o) > 0))


def weekday_date(weekday: int, reference: dt.date, lean: int) -> dt.date:
    """The day with this weekday in the week around ``reference``: ahead (lean > 0), back, or nearest."""
    delta = (weekday - reference.weekday()) % 7
    if lean > 0 or lean == 0 and delta <= 3:
        return reference + dt.timedelta(days=delta)
    return reference - dt.timedelta(days=(7 - delta) % 7)


def resolve_date(c: Candidate, reference: dt.date | None, lean: int = 0) -> dt.date | None:
    """The single calendar day ``c`` denotes, when it denotes one and it can be known."""
    if c.kind in ("date", "day-month") and c.month is not None and c.day is not None:
        if c.year is not None:
            return dt.date(c.year, c.month, c.day)
        return nearest_day(c.month, c.day, reference) if reference is not None else None
    if reference is None:
        return None
    if c.kind == "weekday" and c.weekday is not None:
        if c.direction > 0:
            return reference + dt.timedelta(days=(c.weekday - reference.weekday() - 1) % 7 + 1)
        if c.direction < 0:
            return reference - dt.timedelta(days=(reference.weekday() - c.weekday - 1) % 7 + 1)
        return weekday_date(c.weekday, reference, lean)
    if c.kind == "relative" and c.unit == DAY:
        return reference + dt.timedelta(days=c.offset)
    return None


def iso_year(year: int) -> str:
    """ISO 8601 year: four digits, astronomical numbering before year 1 (260 BC → "-0259")."""
    return f"{year:04d}" if year >= 0 else f"-{-year:04d}"


def _quarter_value(c: Candidate, reference: dt.date | None) -> str | None:
    if c.quarter is not None:
        if c.year is not None:
            return f"{c.year:04d}-Q{c.quarter}"
        if reference is None:
            return None
        # The latest such quarter begun by the reference: news reports on quarters past or current.
        current = (reference.month - 1) // 3 + 1
        return f"{reference.year - (c.quarter > current):04d}-Q{c.quarter}"
    if reference is None:
        return None
    index = reference.year * 4 + (reference.month - 1) // 3 + c.offset
    return f"{index // 4:04d}-Q{index % 4 + 1}"


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_year(c: Candidate, reference: dt.date) -> int:
    """ "next summer": the next one not begun; "last summer": the last one ended; "spring of last year"."""
    if c.unit == "year":
        return reference.year + c.offset
    start = _SEASON_START.get(c.season or "", 1)
    if c.direction > 0:
        return reference.year + (reference.month >= start)
    if c.direction < 0:
        return reference.year - (reference.month <= start + 2)
    return reference.year


def _extra_value(c: Candidate, reference: dt.date | None) -> str | None:
    """Values of the kinds ISO 8601 itself has no form for, in TimeML's extension of it: quarters
    ("1989-Q3"), seasons ("1998-SU"), centuries ("19" = 1900-1999), decades ("199"), and the vague
    "recently" / "in the future" (PAST_REF / FUTURE_REF); "now" is the published date."""
    if c.kind == "ref":
        if c.offset == 0:
            return reference.isoformat() if reference is not None else "PRESENT_REF"
        return "PAST_REF" if c.offset < 0 else "FUTURE_REF"
    if c.kind == "quarter":
        return _quarter_value(c, reference)
    if c.kind == "season":
        if c.year is not None:
            return f"{iso_year(c.year)}-{c.season}"
        if reference is None:
            return None
        return f"{_season_year(c, reference):04d}-{c.season}"
    if c.kind == "century" and c.year is not None:
        return f"{c.year - 1:02d}"
    if c.kind == "decade" and c.year is not None:
        return f"{c.year // 10:03d}"
    return None


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian), by the anonymous algorithm in Meeus' *Astronomical Algorithms*: ten
    lines of arithmetic; dateutil has it too, but is no declared dependency of ours."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: tuple[str, int, int, int], year: int) -> dt.date:
    """The day a moveable holiday falls on in ``year`` (see ``ExtraSpec.moveable`` for the rules)."""
    kind, a, weekday, n = rule
    if kind == "easter":
        return easter(year) + dt.timedelta(days=a)
    if n > 0:
        first = dt.date(year, a, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, a, calendar.monthrange(year, a)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_value(c: Candidate, reference: dt.date | None) -> str | None:
    if c.holiday is None:
        return None
    if c.year is not None:
        return holiday_date(c.holiday, c.year).isoformat()
    if reference is None:
        return None
    rule = c.holiday
    options = [holiday_date(rule, y) for y in (reference.year - 1, reference.year, reference.year + 1)]
    return min(options, key=lambda d: (abs((d - reference).days), d > reference)).isoformat()


def value_of(c: Candidate, reference: dt.date | None, lean: int = 0) -> str | None:
    """The ISO 8601 value of a candidate (see the module docstring for the choices)."""
    if c.kind == "holiday":
        return _holiday_value(c, reference)
    if c.kind in ("ref", "quarter", "season", "century", "decade"):
        return _extra_value(c, reference)
    if c.kind == "range" and c.first is not None and c.last is not None:
        return _range_value(c.first, c.last, reference)
    if c.kind == "time" and c.hour is not None:
        return f"T{c.hour:02d}:{(c.minute or 0):02d}"
    if c.kind == "year" and c.year is not None:
        return iso_year(c.year)
    if c.kind == "month" and c.month is not None:
        if c.year is not None:
            return f"{c.year:04d}-{c.month:02d}"
        if reference is None:
            return f"--{c.month:02d}"
        year, month = nearest_month(c.month, reference, c.direction)
        return f"{year:04d}-{month:02d}"
    if c.kind == "day-month" and reference is None and c.month is not None and c.day is not None:
        return f"--{c.month:02d}-{c.day:02d}"
    if c.kind == "relative" and reference is not None and c.unit != DAY:
        if c.unit == WEEK:
            year, week, _ = (reference + dt.timedelta(weeks=c.offset)).isocalendar()
            return f"{year:04d}-W{week:02d}"
        if c.unit == MONTH:
            year, month = _add_months(reference.year, reference.month, c.offset)
            return f"{year:04d}-{month:02d}"
        return f"{reference.year + c.offset:04d}"
    day = resolve_date(c, reference, lean)
    return day.isoformat() if day is not None else None


def _range_value(first: Candidate, last: Candidate, reference: dt.date | None) -> str | None:
    if first.kind == "year" or first.kind == "month":
        a, b = value_of(first, reference), value_of(last, reference)
        if first.kind == "month" and last.year is None and reference is not None and a and b and a > b:
            b = f"{int(a[:4]) + 1:04d}{b[4:]}"
        return f"{a}/{b}" if a and b else None
    # Day ranges: the end fixes the year ("10. bis 12. Januar 2022"); the start follows it.
    end = resolve_date(last, reference)
    if end is None:
        a, b = value_of(first, None), value_of(last, None)
        return f"{a}/{b}" if a and b else None
    assert first.month is not None and first.day is not None
    year = first.year if first.year is not None else end.year
    if not valid_day(first.day, first.month, year):
        return None
    start = dt.date(year, first.month, first.day)
    if start > end and first.year is None:
        if not valid_day(first.day, first.month, year - 1):
            return None
        start = dt.date(year - 1, first.month, first.day)
    return f"{start.isoformat()}/{end.isoformat()}"
