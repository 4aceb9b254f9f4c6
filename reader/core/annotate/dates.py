"""Find date and time expressions in a block of text and normalize them to ISO 8601.

A grammar of our own on Babel's CLDR month and weekday names plus small per-language tables
(``dates_lexicon``), chosen by measurement over dateparser, which marks "mit"/"die" as weekdays and
reads relative dates against the machine clock (``benchmarks/dates_accuracy.py`` prints the figures).
Precision comes first: bare month names, bare years and weekday names only count in a context that
makes them dates ("im Mai", "seit 2002", "Tuesday" but not "Sunday Times"), and numeric forms are
guarded against prices, scores, versions and phone numbers.

Beyond calendar dates (``dates_grammar_extra``): "now"/"recently", quarters, seasons, centuries, decades,
holidays, years of an era, parts of the day and anaphoric expressions ("a year earlier"). Where ISO 8601
has no form, values follow TimeML's extension of it (2022-Q3, 2022-SU, 19 = the 1900s, 199 = the 1990s,
2022-01-05TEV, PAST_REF). Partial dates take their year from the text before them (``dates_anchor``).
Durations ("three years") and sets ("every Monday") are out of scope.

Supported: de, en, fr, es, it, nl, pt. Any other language (or None) gets the language-independent
numeric forms only (2022-01-04, 04.01.2022, unambiguous 13/01/2022, 2019-2021, 14:30).
Measured on public labelled data by ``benchmarks/dates_real.py``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from reader.core.annotate.dates_anchor import DateAnchor, anchored_value, has_year, is_narrative
from reader.core.annotate.dates_grammar import Candidate, Grammar, alt, grammar_for
from reader.core.annotate.dates_lexicon import DAY, SPECS, LangSpec
from reader.core.annotate.dates_resolve import resolve_date
from reader.core.document import Span, SpanKind

SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(SPECS)

_DAYISH = {"date", "day-month"}
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÀ-ÝÄÖÜ\"“„«])|\n")
_WEEKDAY_JOIN = re.compile(r",?\s*(?:den|the|le|el|il|de|o|a)?\s*", re.I)
_WEEKDAY_PAREN = re.compile(r"\s*[(\[]\s*")


def find_dates(text: str, lang: str | None, *, reference: dt.date | None = None) -> tuple[Span, ...]:
    """Date and time expressions in ``text``, sorted and non-overlapping.

    Args:
        text: one block of plain text.
        lang: ISO 639-1 code of the text (region subtags are ignored); None or unsupported → numeric forms.
        reference: the article's published date; day-months, months, weekdays and relative expressions
            resolve against it (partial dates first against an explicit year earlier in the text, see
            ``dates_anchor``). Without it they get partial values (``--01-04``) or none.

    Returns:
        ``Span(start, end, SpanKind.DATE, text, value=<ISO 8601>, detail=<kind>)`` per expression, kind
        one of date, day-month, weekday, month, year, relative, range, time, ref, quarter, season,
        century, decade.
    """
    return find_article_dates([(text, lang)], reference=reference)[0]


def find_article_dates(
    blocks: Sequence[tuple[str, str | None]], *, reference: dt.date | None = None
) -> list[tuple[Span, ...]]:
    """``find_dates`` for each (text, lang) block of one article, in order: a day or month without a
    year can take it from an earlier block (``dates_anchor``)."""
    if reference is not None and not 1000 <= reference.year <= 9000:
        reference = None  # broken metadata ("9999-12-31"): no date arithmetic at the calendar's edges
    found: list[tuple[list[Candidate], LangSpec | None]] = []
    for text, lang in blocks:
        code = lang.split("-")[0].split("_")[0].lower() if lang else None
        grammar = grammar_for(code)
        chosen = _select(_candidates(grammar, text)) if text else []
        if grammar.spec is not None and chosen:
            chosen = _merge_ranges(chosen, text, grammar.spec)
            chosen = _merge_weekday_dates(chosen, text)
            chosen = _merge_time_before_day(chosen, text)
        found.append((chosen, grammar.spec))
    years = [_year_of(c) for chosen, _spec in found for c in chosen if has_year(c)]
    anchor = DateAnchor(narrative=is_narrative([y for y in years if y is not None], reference))
    result: list[tuple[Span, ...]] = []
    for block, ((text, _lang), (chosen, spec)) in enumerate(zip(blocks, found, strict=True)):
        values: list[str | None] = []
        for c in chosen:
            lean = _tense(text, c, spec) if c.kind == "weekday" and spec is not None else 0
            value = anchored_value(c, block, text, reference, anchor, lean)
            if value is not None and len(value) == 10 and c.kind != "time":
                if c.hour is not None:
                    value = f"{value}T{c.hour:02d}:{c.minute or 0:02d}"  # "10 p.m. Wednesday"
                elif c.daypart is not None:
                    value = f"{value}{c.daypart}"  # "Wednesday night" → TimeML's 2024-03-13TNI
            values.append(value)
        _link_neighbours(chosen, values, text, reference, spec)
        result.append(
            tuple(
                Span(c.start, c.end, SpanKind.DATE, text[c.start : c.end], value=v, detail=c.kind)
                for c, v in zip(chosen, values, strict=True)
            )
        )
    return result


def _year_of(c: Candidate) -> int | None:
    return c.last.year if c.kind == "range" and c.last is not None else c.year


def _candidates(grammar: Grammar, text: str) -> list[Candidate]:
    found: list[Candidate] = []
    lower = text.lower()
    for regex, handler, needles in grammar.patterns:
        if needles and not any(needle in lower for needle in needles):
            continue
        for match in regex.finditer(text):
            candidate = handler(match, text)
            if candidate is not None and candidate.end > candidate.start:
                found.append(candidate)
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then earliest: keep the candidates that overlap nothing already kept.

    The kept spans never overlap, so one bisection over their starts finds the only two that could
    (keeps long paragraphs linear rather than quadratic in their number of candidates).
    """
    starts: list[int] = []
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.kind in _DAYISH and b.kind in _DAYISH:
        return True
    return a.kind == b.kind and a.kind in ("month", "year")


def _merge_ranges(chosen: list[Candidate], text: str, spec: LangSpec) -> list[Candidate]:
    """ "10. Januar bis 12. Februar", "von 2002 bis 2005": two neighbours joined by a range word."""
    mid = re.compile(rf"\s*{alt(spec.range_mid)}\s*", re.I)
    ands = re.compile(rf"\s*{alt(spec.range_and)}\s*", re.I)
    opener = re.compile(rf"(?<!\w){alt(spec.range_open)}\s+$", re.I)
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None and _compatible(a, b):
            between = text[a.end : b.start]
            if mid.fullmatch(between):
                opened = opener.search(text[max(0, a.start - 20) : a.start])
                if opened or not ands.fullmatch(between):
                    start = a.start - len(opened.group(0)) if opened else a.start
                    out.append(Candidate(start, b.end, "range", first=a, last=b))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _merge_weekday_dates(chosen: list[Candidate], text: str) -> list[Candidate]:
    """ "Tuesday, January 4" is one expression: the weekday joins the date that follows it."""
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if (
            b is not None
            and a.kind == "weekday"
            and a.direction == 0
            and b.kind in _DAYISH
            and _WEEKDAY_JOIN.fullmatch(text[a.end : b.start])
        ):
            out.append(replace(b, start=a.start))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_TIME_DAY_JOIN = re.compile(r"\s*,?\s*(?:on|am|le|el|il|op|no)?\s*", re.I)


def _merge_time_before_day(chosen: list[Candidate], text: str) -> list[Candidate]:
    """ "10 p.m. Wednesday", "22 Uhr am Dienstag": a time right before its day is one expression."""
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if (
            b is not None
            and a.kind == "time"
            and (b.kind in _DAYISH or b.kind == "weekday")
            and _TIME_DAY_JOIN.fullmatch(text[a.end : b.start])
        ):
            out.append(replace(b, start=a.start, hour=a.hour, minute=a.minute))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _tense(text: str, c: Candidate, spec: LangSpec) -> int:
    """+1 when the sentence around ``c`` speaks of the future, -1 of the past, 0 when it can't tell.

    The tense cue nearest before the expression decides ("said on Monday", "will meet on Thursday");
    failing that, the nearest after it. A word that is both (an English passive) counts as future.
    """
    lo, hi = max(0, c.start - 200), min(len(text), c.end + 120)
    start, end = lo, hi
    for brk in _SENTENCE_BREAK.finditer(text, lo, hi):
        if brk.end() <= c.start:
            start = brk.end()
        elif brk.start() >= c.end:
            end = brk.start()
            break
    cues = [(m.start(), m.end(), 1) for m in _cue_regex(spec.future).finditer(text, start, end)]
    cues += [(m.start(), m.end(), -1) for m in _cue_regex(spec.past).finditer(text, start, end)]
    before = [cue for cue in cues if cue[1] <= c.start]
    if before:
        return max(before, key=lambda cue: (cue[1], cue[2]))[2]
    after = [cue for cue in cues if cue[0] >= c.end]
    if after:
        return min(after, key=lambda cue: (cue[0], -cue[2]))[2]
    return 0


@functools.lru_cache(maxsize=32)
def _cue_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _link_neighbours(
    chosen: list[Candidate],
    values: list[str | None],
    text: str,
    reference: dt.date | None,
    spec: LangSpec | None,
) -> None:
    """A weekday before "(4. Januar)" takes that date; a time after a day becomes a full datetime."""
    preps = alt(spec.time_preps) if spec is not None and spec.time_preps else "(?!)"
    time_join = re.compile(rf"\s*,?\s*(?:{preps})?\s*", re.I)
    for i in range(1, len(chosen)):
        a, b = chosen[i - 1], chosen[i]
        between = text[a.end : b.start]
        if a.kind == "weekday" and b.kind in _DAYISH and _WEEKDAY_PAREN.fullmatch(between):
            day = resolve_date(b, reference)
            if day is not None and day.weekday() == a.weekday:
                values[i - 1] = day.isoformat()
        elif b.kind == "time" and (a.kind in _DAYISH | {"weekday"} or a.kind == "relative" and a.unit == DAY):
            value = values[i - 1]
            if value is not None and len(value) == 10 and values[i] and time_join.fullmatch(between):
                values[i] = f"{value}{values[i]}"
