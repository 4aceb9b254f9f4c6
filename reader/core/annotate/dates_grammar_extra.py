"""Patterns for date expressions that are not calendar dates: "now", "recently", quarters, seasons,
centuries, decades, holidays, years of an era ("260 v. Chr.") and anaphoric expressions ("a year
earlier", "zwei Tage später", "am selben Tag"), added to a language's ``Grammar``.

Vocabulary in ``dates_lexicon_extra``; values are resolved in ``dates_resolve``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.annotate.dates_candidate import YEAR, Candidate, PatternSink, at_sentence_start
from reader.core.annotate.dates_lexicon_extra import ExtraSpec
from reader.core.annotate.dates_lexicon_extra_germanic import GERMANIC_EXTRAS
from reader.core.annotate.dates_lexicon_extra_romance import ROMANCE_EXTRAS
from reader.core.annotate.dates_spec import DAY

if TYPE_CHECKING:
    from reader.core.annotate.dates_spec import LangSpec

EXTRAS: dict[str, ExtraSpec] = {**GERMANIC_EXTRAS, **ROMANCE_EXTRAS}
_ROMAN = {"I": 1, "V": 5, "X": 10}
_PAST_WORDS = re.compile(
    r"\b(?:last|past|vergangenen|letzten|pasad[oa]|scors[oa]|vorige|afgelopen|passado|último)\b", re.I
)
_THIS_WORDS = re.compile(
    r"\b(?:this|diese[nm]?|ce|cet|cette|este|esta|questa|quest|deze|dit|neste|nesta)\b", re.I
)
_NEXT_WORDS = re.compile(
    r"\b(?:next|coming|kommenden|nächsten|próxim[oa]|prossim[oa]|volgende|komende)\b", re.I
)


def _roman(text: str) -> int | None:
    """ "XIX" → 19: centuries only (I, V, X up to XXII), too little to want a library for."""
    values = [_ROMAN.get(ch) for ch in text.upper()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        assert v is not None
        nxt = values[i + 1] if i + 1 < len(values) else None
        total += -v if nxt is not None and nxt > v else v
    return total


def _alternation(table: tuple[tuple[str, int], ...] | tuple[tuple[str, str, int], ...]) -> str:
    return "|".join(f"(?P<r{i}>{row[0]})" for i, row in enumerate(table))


def add_extra_patterns(grammar: PatternSink, spec: LangSpec) -> None:
    """Add the patterns of ``EXTRAS[spec.code]`` (if any) to ``grammar``."""
    extra = EXTRAS.get(spec.code)
    if extra is None:
        return
    _refs(grammar, extra)
    _day_parts(grammar, extra)
    _relative(grammar, extra)
    _anaphoric(grammar, spec, extra)
    _quarters(grammar, extra)
    _seasons(grammar, spec, extra)
    _centuries_and_decades(grammar, extra)
    _holidays(grammar, extra)
    _moveable_holidays(grammar, extra)
    _eras(grammar, extra)


def _refs(grammar: PatternSink, extra: ExtraSpec) -> None:
    table = extra.refs

    def ref(m: re.Match[str], text: str) -> Candidate | None:
        assert m.lastgroup is not None
        return Candidate(m.start(), m.end(), "ref", offset=table[int(m.lastgroup[1:])][1])

    if table:
        grammar._add(rf"(?<![\w'’-])(?:{_alternation(table)})(?![\w'’-])", ref)


def _relative(grammar: PatternSink, extra: ExtraSpec) -> None:
    table = extra.relative

    def relative(m: re.Match[str], text: str) -> Candidate | None:
        assert m.lastgroup is not None
        _regex, unit, offset = table[int(m.lastgroup[1:])]
        return Candidate(m.start(), m.end(), "relative", unit=unit, offset=offset)

    if table:
        grammar._add(rf"(?<![\w'’-])(?:{_alternation(table)})(?![\w-])", relative)


def _day_parts(grammar: PatternSink, extra: ExtraSpec) -> None:
    table = extra.day_parts

    def day_part(m: re.Match[str], text: str) -> Candidate | None:
        assert m.lastgroup is not None
        _regex, offset, code = table[int(m.lastgroup[1:])]
        return Candidate(m.start(), m.end(), "relative", unit=DAY, offset=offset, daypart=code)

    if table:
        body = "|".join(f"(?P<r{i}>{regex})" for i, (regex, _o, _c) in enumerate(table))
        grammar._add(rf"(?<![\w'’-])(?:{body})(?![\w-])", day_part)


def _anaphoric(grammar: PatternSink, spec: LangSpec, extra: ExtraSpec) -> None:
    table = extra.anaphoric
    numbers = {**spec.numbers, **extra.numbers}
    units = {**spec.units, **extra.units}  # the language's own unit words, plus any forms an extra adds

    def fixed(m: re.Match[str], text: str) -> Candidate | None:
        assert m.lastgroup is not None
        _regex, unit, offset = table[int(m.lastgroup[1:])]
        return Candidate(m.start(), m.end(), "relative", unit=unit, offset=offset, anaphoric=True)

    if table:
        grammar._add(rf"(?<![\w'’-])(?:{_alternation(table)})(?![\w-])", fixed)
    number = r"(?P<n>\d{1,2}|" + "|".join(sorted(numbers, key=len, reverse=True)) + ")"
    for template, sign in extra.later:

        def later(m: re.Match[str], text: str, sign: int = sign) -> Candidate | None:
            raw = m["n"].lower()
            n = int(raw) if raw.isdigit() else numbers[raw]
            unit = units[m["u"].lower()]
            return Candidate(m.start(), m.end(), "relative", unit=unit, offset=sign * n, anaphoric=True)

        grammar._add(rf"(?<!\w){template.replace('{N}', number)}(?!\w)", later)


def _quarters(grammar: PatternSink, extra: ExtraSpec) -> None:
    def quarter(m: re.Match[str], text: str) -> Candidate | None:
        raw = m["q"].lower().rstrip(".")
        q = int(raw[0]) if raw[0].isdigit() else extra.ordinals.get(raw)
        if q is None or not 1 <= q <= 4:
            return None
        year = int(m["y"]) if m["y"] else None
        return Candidate(m.start(), m.end(), "quarter", year=year, quarter=q)

    if extra.quarter:
        grammar._add(rf"(?<![\w-])(?:{extra.quarter})(?![\w-])", quarter, needles=extra.quarter_words)
    table = extra.quarter_this

    def this_quarter(m: re.Match[str], text: str) -> Candidate | None:
        assert m.lastgroup is not None
        offset = table[int(m.lastgroup[1:])][1]
        return Candidate(m.start(), m.end(), "quarter", offset=offset, deictic=True)

    if table:
        grammar._add(
            rf"(?<![\w-])(?:{_alternation(table)})(?![\w-])", this_quarter, needles=extra.quarter_words
        )


def _seasons(grammar: PatternSink, spec: LangSpec, extra: ExtraSpec) -> None:
    if not extra.seasons:
        return
    names = "|".join(sorted(extra.seasons, key=len, reverse=True))
    relative_year = r"(?P<rel>last|next|this)\s+year" if spec.code == "en" else "(?P<rel>(?!))"

    def season(m: re.Match[str], text: str) -> Candidate | None:
        if not (m["prep"] or m["pre"] or m["y"] or m["rel"]):
            return None
        word = m["s"]
        if spec.title_case != word[0].isupper() and not (
            not spec.title_case and at_sentence_start(text, m.start())
        ):
            if spec.code == "de" or spec.code == "en" and not (m["pre"] or m["prep"]):
                return None  # "Sommer" is a German noun, "Spring" an English name when capitalized
        direction = 0
        if m["pre"]:
            direction = -1 if _PAST_WORDS.search(m["pre"]) else 1 if _NEXT_WORDS.search(m["pre"]) else 0
        year = int(m["y"]) if m["y"] else None
        of_year = None
        if m["rel"]:  # "spring of last year": the year itself is relative
            of_year = {"last": -1, "next": 1, "this": 0}[m["rel"].lower()]
        start = m.start("pre") if m["pre"] else m.start("s")
        code = extra.seasons[word.lower()]
        deictic = bool(m["rel"] or m["pre"] and _THIS_WORDS.search(m["pre"])) or direction != 0
        return Candidate(
            start, m.end(), "season", year=year, direction=direction, season=code, deictic=deictic,
            unit=None if of_year is None else "year", offset=of_year or 0,
        )  # fmt: skip

    grammar._add(
        rf"(?<![\w-])(?:(?P<prep>{extra.season_prep})(?:\s+|(?<=['’])))?(?:(?P<pre>{extra.season_pre})(?:\s+|(?<=['’])))?"
        rf"(?P<s>{names})(?![\w-])"
        rf"(?:{extra.season_year}(?:(?P<y>{YEAR})(?![\w.,:]\d)|{relative_year}))?",
        season,
        needles=tuple(extra.seasons),
    )


def _centuries_and_decades(grammar: PatternSink, extra: ExtraSpec) -> None:
    def century(m: re.Match[str], text: str) -> Candidate | None:
        raw = m["c"]
        digits = re.match(r"\d+", raw)
        n = int(digits[0]) if digits else _roman(raw) or extra.ordinals.get(raw.lower())
        if n is None or not 1 <= n <= 22:
            return None
        return Candidate(m.start(), m.end(), "century", year=n)

    def decade(m: re.Match[str], text: str) -> Candidate | None:
        year = int(m["d"]) if m["d"] else 1900 + int(m["dd"])
        return Candidate(m.start(), m.end(), "decade", year=year)

    if extra.century:
        grammar._add(rf"(?<![\w-])(?:{extra.century})(?![\w])", century, needles=extra.century_words)
    if extra.decade:
        grammar._add(rf"(?<![\w-])(?:{extra.decade})(?![\w])", decade, needles=extra.decade_words)


def _holidays(grammar: PatternSink, extra: ExtraSpec) -> None:
    table = tuple(extra.holidays.items())

    def holiday(m: re.Match[str], text: str) -> Candidate | None:
        index = next(i for i in range(len(table)) if m[f"r{i}"] is not None)
        month, day = table[index][1]
        year = int(m["hy"]) if m["hy"] else None
        return Candidate(m.start(), m.end(), "date" if year else "day-month", year, month, day)

    if table:
        body = "|".join(f"(?P<r{i}>{regex})" for i, (regex, _) in enumerate(table))
        grammar._add(rf"(?<![\w-])(?:{body})(?![\w-])(?:\s+(?P<hy>{YEAR})(?![\w.,:]\d))?", holiday)


def _moveable_holidays(grammar: PatternSink, extra: ExtraSpec) -> None:
    table = tuple(extra.moveable.items())

    def holiday(m: re.Match[str], text: str) -> Candidate | None:
        index = next(i for i in range(len(table)) if m[f"r{i}"] is not None)
        year = int(m["hy"]) if m["hy"] else None
        return Candidate(m.start(), m.end(), "holiday", year=year, holiday=table[index][1])

    if table:
        body = "|".join(f"(?P<r{i}>{regex})" for i, (regex, _) in enumerate(table))
        grammar._add(rf"(?<![\w-])(?:{body})(?![\w-])(?:\s+(?P<hy>{YEAR})(?![\w.,:]\d))?", holiday)


def _eras(grammar: PatternSink, extra: ExtraSpec) -> None:
    if not extra.era_bc:
        return

    def to_year(raw: str, bc: bool) -> int:
        n = int(raw)
        return -(n - 1) if bc else n

    def era(m: re.Match[str], text: str) -> Candidate | None:
        bc = m["bc"] is not None
        y = to_year(m["y"], bc)
        if m["y1"] is None:
            return Candidate(m.start(), m.end(), "year", year=y)
        y1 = to_year(m["y1"], bc)
        if y1 >= y:
            return None
        return Candidate(
            m.start(), m.end(), "range",
            first=Candidate(m.start("y1"), m.end("y1"), "year", year=y1),
            last=Candidate(m.start("y"), m.end(), "year", year=y),
        )  # fmt: skip

    grammar._add(
        rf"(?<![\w.,])(?:(?P<y1>\d{{1,4}})\s*[-–/]\s*)?(?P<y>\d{{1,4}})\s*(?:(?P<bc>{extra.era_bc})|(?P<ad>{extra.era_ad}))"
        r"(?!\w)",
        era,
        needles=extra.era_words,
    )
