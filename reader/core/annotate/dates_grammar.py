"""Compiled date patterns for one language and the rules that accept or reject each match.

Each pattern turns a regex match into a ``Candidate`` (or None when a context rule rejects it). The
patterns are built once per language on first use and cached; compiled regexes are safe to share
between threads.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace

from reader.core.annotate.dates_candidate import (
    _DAY,
    _NOT_NUM_AFTER,
    _NOT_NUM_BEFORE,
    _QUANTITY_AFTER,
    YEAR,
    Candidate,
    Handler,
    Pattern,
    _norm,
    alt,
    at_sentence_start,
    valid_day,
)
from reader.core.annotate.dates_grammar_extra import add_extra_patterns
from reader.core.annotate.dates_grammar_years import add_year_patterns
from reader.core.annotate.dates_lexicon import SPECS, LangSpec, ago_regex, month_names, weekday_names


class Grammar:
    """All patterns for one language (or only the numeric ones when ``spec`` is None)."""

    def __init__(self, spec: LangSpec | None) -> None:
        self.spec = spec
        self.patterns: list[Pattern] = []
        self.month_needles: tuple[str, ...] = ()
        self._numeric()
        if spec is not None:
            self._build(spec)

    # -- helpers -----------------------------------------------------------------------------------

    def _add(self, regex: str, handler: Handler, needles: tuple[str, ...] = ()) -> None:
        self.patterns.append((re.compile(regex, re.IGNORECASE), handler, needles))

    def _name_case_ok(self, text: str, start: int, lenient: bool = False) -> bool:
        """Month and weekday names: capitalized in de/en; lowercase elsewhere unless a sentence starts."""
        assert self.spec is not None
        first = text[start]
        if self.spec.title_case:
            return first.isupper()
        return lenient or first.islower() or at_sentence_start(text, start)

    # -- numeric forms, every language -------------------------------------------------------------

    def _numeric(self) -> None:
        month_first = self.spec is not None and self.spec.month_day
        known_lang = self.spec is not None

        def iso(m: re.Match[str], text: str) -> Candidate | None:
            y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
            if not (1 <= mo <= 12 and valid_day(d, mo, y)):
                return None
            return Candidate(m.start(), m.end(), "date", y, mo, d)

        def dotted(m: re.Match[str], text: str) -> Candidate | None:
            if re.search(r"(?:\bv|version|release|ver\.)\s*$", text[max(0, m.start() - 9) : m.start()], re.I):
                return None
            y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
            if not (1 <= mo <= 12 and valid_day(d, mo, y)):
                return None
            return Candidate(m.start(), m.end(), "date", y, mo, d)

        def slashed(m: re.Match[str], text: str) -> Candidate | None:
            a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
            if a > 12 and b <= 12:
                d, mo = a, b
            elif b > 12 and a <= 12:
                d, mo = b, a
            elif a == b or known_lang:
                d, mo = (b, a) if month_first else (a, b)
            else:
                return None
            if not (1 <= mo <= 12 and valid_day(d, mo, y)):
                return None
            return Candidate(m.start(), m.end(), "date", y, mo, d)

        def year_range(m: re.Match[str], text: str) -> Candidate | None:
            y1, raw = int(m["y1"]), m["y2"]
            y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
            # "2019-2021", "1912/13"; a life or a century ("1890–1970") only with four digits each
            if not (0 < y2 - y1 <= (100 if len(raw) == 4 else 30)) or _QUANTITY_AFTER.match(text, m.end()):
                return None
            if y1 < 1900 and not known_lang:
                return None  # older ranges ("1870/71") only in a language whose words give context
            return Candidate(
                m.start(), m.end(), "range",
                first=Candidate(m.start(), m.start("y2"), "year", y1),
                last=Candidate(m.start("y2"), m.end(), "year", y2),
            )  # fmt: skip

        self._add(rf"{_NOT_NUM_BEFORE}(?P<y>\d{{4}})-(?P<mo>\d\d)-(?P<d>\d\d){_NOT_NUM_AFTER}(?!-)", iso)
        self._add(rf"{_NOT_NUM_BEFORE}(?P<d>\d{{1,2}})\.\s?(?P<mo>\d{{1,2}})\.\s?(?P<y>{YEAR}){_NOT_NUM_AFTER}",
                  dotted)  # fmt: skip
        self._add(
            rf"{_NOT_NUM_BEFORE}(?P<a>\d{{1,2}})(?P<sep>[/-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{YEAR}){_NOT_NUM_AFTER}(?!-)",
            slashed,
        )
        self._add(
            rf"{_NOT_NUM_BEFORE}(?P<y1>{YEAR})\s?(?P<sep>[-–/])\s?(?P<y2>{YEAR}|\d\d){_NOT_NUM_AFTER}(?![-/])",
            year_range,
        )
        self._times()

    def _times(self) -> None:
        spec = self.spec
        suffix = spec.time_suffix if spec else r"(?!)"
        preps = alt(spec.time_preps) if spec and spec.time_preps else r"(?!)"
        prep_before = re.compile(rf"(?<!\w){preps}\s+$", re.I)
        english = spec is not None and spec.code == "en"

        def clock(m: re.Match[str], text: str) -> Candidate | None:
            hour, minute = int(m["h"]), int(m["mi"]) if m["mi"] else 0
            has_suffix = bool(m["suf"])
            has_prep = prep_before.search(text[max(0, m.start() - 16) : m.start()]) is not None
            sep = (m["sep"] or "").strip()
            if sep == ":" and not (len(m["h"]) == 2 or has_suffix or has_prep):
                return None  # "3:16" could be a verse or a score; "09:30", "at 9:30", "9:30 Uhr" are times
            if sep in (".", "") and not (has_suffix or has_prep and sep == "."):
                return None  # "14.30" alone may be a price
            if english and has_suffix:
                tag = m["suf"].lower().replace(".", "").strip()
                if tag == "pm" and hour < 12:
                    hour += 12
                elif tag == "am" and hour == 12:
                    hour = 0
                if tag in ("am", "pm") and not 1 <= int(m["h"]) <= 12:
                    return None
            if hour > 23:
                return None
            return Candidate(m.start(), m.end(), "time", hour=hour, minute=minute)

        self._add(
            rf"(?<![\w.,:/+-])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>:|\.|\s?h\s?)(?P<mi>[0-5]\d))?(?P<suf>{suffix})?(?![\w:]|[.,]\d)",
            clock,
        )

    # -- language patterns -------------------------------------------------------------------------

    def _build(self, spec: LangSpec) -> None:
        wide, abbr = month_names(spec)
        weekdays = weekday_names(spec)
        months = {**abbr, **wide}
        self.month_needles = tuple(sorted({n[:3] for n in months}))
        names = sorted(months, key=len, reverse=True)
        month_any = "(?:" + "|".join(re.escape(n) + (r"\.?" if n in abbr else "") for n in names) + ")"
        month_wide = "(?:" + "|".join(re.escape(n) for n in sorted(wide, key=len, reverse=True)) + ")"
        day = rf"{_DAY}{spec.day_suffix}"
        end = r"(?!\w)"

        def month_of(token: str) -> int:
            return months[token.lower().rstrip(".")]

        def dmy(m: re.Match[str], text: str) -> Candidate | None:
            mo, d = month_of(m["m"]), int(m["d"])
            y = int(m["y"]) if m["y"] else None
            if not valid_day(d, mo, y):
                return None
            if m["m"].lower().rstrip(".") in abbr and not (m["m"].endswith(".") or y or spec.title_case):
                return None  # "4 mar" is too thin in languages that write abbreviations lowercase
            return Candidate(m.start(), m.end(), "date" if y else "day-month", y, mo, d)

        self._add(
            rf"{_NOT_NUM_BEFORE}(?P<d>{_DAY}){spec.day_suffix}{spec.dm_sep}(?P<m>{month_any}){end}"
            rf"(?:{spec.my_sep}(?P<y>{YEAR}){_NOT_NUM_AFTER})?",
            dmy,
            needles=self.month_needles,
        )
        if spec.month_day:

            def mdy(m: re.Match[str], text: str) -> Candidate | None:
                if not self._name_case_ok(text, m.start("m")):
                    return None
                return dmy(m, text)

            self._add(
                rf"(?<![\w-])(?P<m>{month_any})\s+(?P<d>{_DAY})(?:st|nd|rd|th)?{end}(?![.,:]\d|\s*%)"
                rf"(?:,?\s+(?P<y>{YEAR}){_NOT_NUM_AFTER})?",
                mdy,
                needles=self.month_needles,
            )
        self._month_year_and_bare(spec, months, month_wide, month_any)
        self._ranges(spec, months, month_wide, month_any, day)
        self._weekdays(spec, weekdays)
        self._relative(spec)
        add_year_patterns(self, spec)
        add_extra_patterns(self, spec)
        if spec.code == "de":

            def short_numeric(m: re.Match[str], text: str) -> Candidate | None:
                d, mo = int(m["d"]), int(m["mo"])
                if not (1 <= mo <= 12 and valid_day(d, mo, None)):
                    return None
                return Candidate(m.start("d"), m.end(), "day-month", None, mo, d)

            self._add(
                r"(?<!\w)(?:am|vom|zum|bis\s+zum|seit\s+dem|ab\s+dem|nach\s+dem|vor\s+dem|dem|den)\s+(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?![\w.]|\d)",
                short_numeric,
            )

            def day_before_day_month(m: re.Match[str], text: str) -> Candidate | None:
                mo, d = month_of(m["m"]), int(m["d"])
                y = int(m["y"]) if m["y"] else None
                if not valid_day(d, mo, y):
                    return None
                return Candidate(m.start(), m.end(), "date" if y else "day-month", y, mo, d)

            def night_before(m: re.Match[str], text: str) -> Candidate | None:
                found = day_before_day_month(m, text)
                return None if found is None else replace(found, daypart="TNI")

            # "in der Nacht vom 16. auf den 17. April 1945": the night of the 16th
            self._add(
                rf"(?<!\w)Nacht\s+(?:vom|zum)\s+(?P<d>{_DAY})\.(?=\s*(?:auf|zum)\s+(?:den\s+)?{_DAY}\.\s*"
                rf"(?P<m>{month_any})(?!\w)(?:\s+(?P<y>{YEAR}))?)",
                night_before,
                needles=("nacht",),
            )

            # "am 8. und 9. Mai", "am 27./28. September": the first day takes the month that follows.
            self._add(
                rf"(?<![\w.])(?P<d>{_DAY})\.(?=\s*(?:und|oder|/|,)\s*{_DAY}\.\s*(?P<m>{month_any})(?!\w)"
                rf"(?:\s+(?P<y>{YEAR}))?)",
                day_before_day_month,
                needles=self.month_needles,
            )

    def _month_year_and_bare(self, spec: LangSpec, months: dict[str, int], wide: str, any_: str) -> None:
        preps = {_norm(k): v for k, v in spec.month_preps.items()}
        mods = alt(spec.mods)

        def month_year(m: re.Match[str], text: str) -> Candidate | None:
            if not self._name_case_ok(text, m.start("m"), lenient=True):
                return None
            start = m.start("mod") if m["mod"] else m.start("m")
            return Candidate(start, m.end(), "month", int(m["y"]), months[m["m"].lower().rstrip(".")])

        self._add(
            rf"(?<!\w)(?:(?P<mod>{mods})(?:\s+|(?<=-)))?(?P<m>{any_})(?!\w){spec.my_sep}(?P<y>{YEAR}){_NOT_NUM_AFTER}",
            month_year,
            needles=self.month_needles,
        )

        def bare(m: re.Match[str], text: str) -> Candidate | None:
            if not (m["prep"] or m["mod"]):
                return None
            if not self._name_case_ok(text, m.start("m")) or m["m"][0].isupper() and not spec.title_case:
                return None
            if re.match(r"['’]s\b|-\w", text[m.end() : m.end() + 3]):
                return None  # "May's cabinet", "Mai-Kundgebung"
            direction = preps.get(_norm(m["prep"]), 0) if m["prep"] else 0
            start = m.start("mod") if m["mod"] else m.start("m")
            return Candidate(start, m.end(), "month", None, months[m["m"].lower()], direction=direction)

        self._add(
            rf"(?<!\w)(?:(?P<prep>{alt(spec.month_preps)})\s+)?(?:(?P<mod>{mods})(?:\s+|(?<=-)))?(?P<m>{wide})(?!\w)",
            bare,
            needles=self.month_needles,
        )

    def _ranges(self, spec: LangSpec, months: dict[str, int], wide: str, any_: str, day: str) -> None:
        opener, mid = alt(spec.range_open), alt(spec.range_mid)
        ands = {_norm(a) for a in spec.range_and}

        def allowed(m: re.Match[str]) -> bool:
            return bool(m["open"]) or _norm(m["mid"]) not in ands

        def days(m: re.Match[str], text: str) -> Candidate | None:
            if not allowed(m):
                return None
            mo, d1, d2 = months[m["m"].lower().rstrip(".")], int(m["d1"]), int(m["d2"])
            y = int(m["y"]) if m["y"] else None
            if not (d1 < d2 and valid_day(d2, mo, y)):
                return None
            kind = "date" if y else "day-month"
            return Candidate(
                m.start(), m.end(), "range",
                first=Candidate(m.start("d1"), m.end("d1"), kind, y, mo, d1),
                last=Candidate(m.start("d2"), m.end(), kind, y, mo, d2),
            )  # fmt: skip

        self._add(
            rf"{_NOT_NUM_BEFORE}(?:(?P<open>{opener})\s+)?(?P<d1>{_DAY}){spec.day_suffix}\s*(?P<mid>{mid})\s*"
            rf"(?P<d2>{_DAY}){spec.day_suffix}{spec.dm_sep}(?P<m>{any_})(?!\w)"
            rf"(?:{spec.my_sep}(?P<y>{YEAR}){_NOT_NUM_AFTER})?",
            days,
            needles=self.month_needles,
        )
        if spec.month_day:
            self._add(
                rf"(?<!\w)(?:(?P<open>{opener})\s+)?(?P<m>{any_})\s+(?P<d1>{_DAY})(?:st|nd|rd|th)?\s*(?P<mid>{mid})"
                rf"\s*(?P<d2>{_DAY})(?:st|nd|rd|th)?(?!\w)(?:,?\s+(?P<y>{YEAR}){_NOT_NUM_AFTER})?",
                days,
                needles=self.month_needles,
            )

        def month_range(m: re.Match[str], text: str) -> Candidate | None:
            if not allowed(m) or not (
                self._name_case_ok(text, m.start("m1")) and self._name_case_ok(text, m.start("m2"))
            ):
                return None
            m1, m2 = months[m["m1"].lower()], months[m["m2"].lower()]
            y = int(m["y"]) if m["y"] else None
            y1 = y - 1 if y is not None and m1 > m2 else y
            return Candidate(
                m.start(), m.end(), "range",
                first=Candidate(m.start("m1"), m.end("m1"), "month", y1, m1),
                last=Candidate(m.start("m2"), m.end(), "month", y, m2),
            )  # fmt: skip

        self._add(
            rf"(?<!\w)(?:(?P<open>{opener})\s+)?(?P<m1>{wide})\s*(?P<mid>{mid})\s*(?P<m2>{wide})(?!\w)"
            rf"(?:{spec.my_sep}(?P<y>{YEAR}){_NOT_NUM_AFTER})?",
            month_range,
            needles=self.month_needles,
        )

        def year_range(m: re.Match[str], text: str) -> Candidate | None:
            if not allowed(m):
                return None
            y1, y2 = int(m["y1"]), int(m["y2"])
            if y1 >= y2:
                return None
            return Candidate(
                m.start(), m.end(), "range",
                first=Candidate(m.start("y1"), m.end("y1"), "year", y1),
                last=Candidate(m.start("y2"), m.end(), "year", y2),
            )  # fmt: skip

        self._add(
            rf"(?<!\w)(?P<open>{opener})\s+(?P<y1>{YEAR})\s*(?P<mid>{mid})\s*(?P<y2>{YEAR}){_NOT_NUM_AFTER}",
            year_range,
        )

    def _weekdays(self, spec: LangSpec, weekdays: dict[str, int]) -> None:
        pre = {_norm(k): v for k, v in spec.wd_pre.items()}
        post = {_norm(k): v for k, v in spec.wd_post.items()}
        names = "|".join(re.escape(n) for n in sorted(weekdays, key=len, reverse=True))
        exclude = re.compile(spec.weekday_exclude) if spec.weekday_exclude else None
        pre_re = rf"(?:(?P<pre>{alt(spec.wd_pre)})\s+)?" if spec.wd_pre else ""
        post_re = rf"(?:\s+(?P<post>{alt(spec.wd_post)})(?!\w))?" if spec.wd_post else ""

        def weekday(m: re.Match[str], text: str) -> Candidate | None:
            if not self._name_case_ok(text, m.start("w")):
                return None
            groups = m.groupdict()
            if not spec.title_case and m["w"][0].isupper() and groups.get("pre"):
                return None
            if exclude is not None and exclude.match(text, m.end("w")):
                return None
            direction = 0
            if groups.get("pre"):
                direction = pre[_norm(groups["pre"])]
            if groups.get("post"):
                direction = post[_norm(groups["post"])]
            start = m.start("pre") if groups.get("pre") else m.start("w")
            daypart = spec.dayparts[m["dp"].lower()] if m["dp"] else None
            weekday_index = weekdays[m["w"].lower()]
            return Candidate(
                start, m.end(), "weekday", weekday=weekday_index, direction=direction, daypart=daypart
            )

        parts = alt(spec.dayparts) if spec.dayparts else "(?!)"
        joined, apart = (
            (f"(?P<dp>{parts})?", "") if spec.daypart_joined else ("", rf"(?:\s+(?P<dp>{parts}))?")
        )
        self._add(
            rf"(?<![\w-]){pre_re}(?P<w>{names}){joined}{spec.wd_suffix}(?!\w){apart}{post_re}",
            weekday,
            needles=tuple(sorted({n[:4] for n in weekdays})),
        )

    def _relative(self, spec: LangSpec) -> None:
        table = spec.relative
        body = "|".join(f"(?P<r{i}>{regex})" for i, (regex, _u, _o) in enumerate(table))
        mods = rf"(?:(?P<mod>{alt(spec.mods)})(?:\s+|(?<=-)))?" if spec.mods else ""

        def relative(m: re.Match[str], text: str) -> Candidate | None:
            assert m.lastgroup is not None
            _regex, unit, offset = table[int(m.lastgroup[1:])]
            if re.search(r"(?:USA|ZDF)\s+$", text[max(0, m.start() - 5) : m.start()]):
                return None  # "USA Today", "ZDF heute"
            return Candidate(m.start(), m.end(), "relative", unit=unit, offset=offset)

        self._add(rf"(?<![\w'’-]){mods}(?:{body})(?![\w-])", relative)  # "early next year": mod in span

        def ago(m: re.Match[str], text: str) -> Candidate | None:
            raw = m["n"].lower()
            n = int(raw) if raw.isdigit() else spec.numbers[raw]
            return Candidate(m.start(), m.end(), "relative", unit=spec.units[m["u"].lower()], offset=-n)

        self._add(rf"(?<!\w){ago_regex(spec)}(?!\w)", ago)


_GRAMMARS: dict[str | None, Grammar] = {}
_LOCK = threading.Lock()


def grammar_for(lang: str | None) -> Grammar:
    """The cached grammar for ``lang`` (numeric forms only when unsupported); built on first use."""
    code = lang if lang in SPECS else None
    grammar = _GRAMMARS.get(code)
    if grammar is None:
        with _LOCK:
            grammar = _GRAMMARS.get(code)
            if grammar is None:
                grammar = Grammar(SPECS[code] if code is not None else None)
                _GRAMMARS[code] = grammar
    return grammar
