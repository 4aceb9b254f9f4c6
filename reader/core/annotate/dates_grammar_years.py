"""Year patterns: a year after a preposition or modifier ("seit 2002", "Ende 1941") and a bare year in
date context ("vor Verdun 1916", "the 1996 bombing", "(1908)"), guarded against quantities, codes, house
and phone numbers ("2021 Millionen", "Seite 2021", "calle Mayo, 2021", "0800 2021 2022").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.annotate.dates_candidate import _NOT_NUM_AFTER, YEAR, Candidate, PatternSink, _norm, alt

if TYPE_CHECKING:
    from reader.core.annotate.dates_spec import LangSpec

_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#§]|\b(?:(?i:no|nr|art|abs|seite|pages?|pp?|s|flight|flug|route|windows|office|room|zimmer|"
    r"boeing|airbus|model|typ|type|version|number|nummer|plz|code)|[A-Z]{2,}|(?<!\d)(?:\d{1,3}|\d{5,})[.,]?)\.?)"
    r"\s*[-]?\s*$"
)
_NOT_YEAR_AFTER = re.compile(r"\s*(?:[-–/]\s*\d|[:x×*+=]|\.\d|,\d\d\d|\s+(?:bis|to|and|und|-)\s+\d{1,3}\b)")
_STREET = re.compile(
    r"(?i:\b(?:calle|avenida|av|rue|boulevard|bd|via|viale|piazza|stra(?:ß|ss)e|str|street|st|road|rd|avenue|"
    r"ave|platz|weg|allee|plaza|paseo|rua|praça|straat|laan|plein|gracht))\.?\s+[\w-]+\.?,?\s*$"
)
# Words that count things: "mit 1500 Panzern", "some 2000 troops".
_COUNTED = {
    "de": re.compile(r"(?i:\b(?:mit|rund|etwa|ca\.|fast|knapp|über|mehr\s+als|weniger\s+als|bis\s+zu|aus|"
                     r"insgesamt|je|nur|allein|sogar))\s+$"),
    "en": re.compile(r"(?i:\b(?:about|around|some|nearly|almost|over|more\s+than|less\s+than|up\s+to|"
                     r"with|approximately|only|roughly))\s+$"),
}  # fmt: skip
_EN_PLURAL = re.compile(
    r"\s+(?!(?:was|has|is|as|this|his|its|us|thus|plus|across|always|Olympics)\b)[A-Za-z]+s\b"
)


def _bare_year_ok(spec: LangSpec, m: re.Match[str], text: str, after: str) -> bool:
    """A year with no preposition ("the 1996 bombing", "Polen 1939", "(1908)") unless the context
    shows a quantity, a code or a number in a list of numbers."""
    before = text[max(0, m.start() - 12) : m.start()]
    if _NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(after):
        return False
    if _STREET.search(text, max(0, m.start() - 40), m.start()):
        return False  # "calle Mayo, 2021": a house number
    if re.search(r"\d\s$", before) or re.match(r"\s\d", after):
        return False  # "0800 2021 2022": a phone number or a code in groups
    if spec.code == "en" and _EN_PLURAL.match(after):
        return False  # "1500 cases"
    counted = _COUNTED.get(spec.code)
    return counted is None or not counted.search(text, max(0, m.start() - 25), m.start())


def add_year_patterns(grammar: PatternSink, spec: LangSpec) -> None:
    """Years after a preposition or modifier ("seit 2002", "Ende 1941"), and bare years in date context."""
    weak = {_norm(p) for p in spec.weak_year_preps}
    quantity = re.compile(rf"\s*(?:[%€$£]|(?:{alt(spec.not_after_year)})(?!\w))", re.I)
    plural = re.compile(r"\s+(?!(?:was|has|is|as|this|his|its|us|thus|plus|across|always)\b)[a-z]+s\b")

    def year(m: re.Match[str], text: str) -> Candidate | None:
        after = text[m.end() : m.end() + 30]
        if quantity.match(after):
            return None
        if not (m["prep"] or m["mod"] or _bare_year_ok(spec, m, text, after)):
            return None
        if m["prep"] and _norm(m["prep"]) in weak and not m["mod"]:
            if spec.code == "de" and re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", after):
                return None  # "in 2021 Fällen"
            if spec.code == "en" and plural.match(after):
                return None  # "in 2021 cases"
        start = m.start("mod") if m["mod"] else m.start("y")
        return Candidate(start, m.end(), "year", int(m["y"]))

    grammar._add(
        rf"(?<!\w)(?:(?P<prep>{alt(spec.year_preps)})\s+)?(?:(?P<mod>{alt(spec.mods)})(?:\s+|(?<=-)))?(?P<y>{YEAR})"
        rf"{_NOT_NUM_AFTER}",
        year,
    )
