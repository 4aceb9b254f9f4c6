"""Per-language word tables for date recognition.

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
        mods: "early", "Ende", "fin": included in the span of a month or year.
        range_open: words that open a range ("between", "vom"); ``range_mid`` joins its two ends;
            ``range_and`` are the connectors that only make a range after an opener.
        wd_pre / wd_post: weekday modifiers before / after the name, mapped to a direction.
        wd_suffix: compounds after a weekday ("Dienstagabend").
        relative: (regex, unit, offset) for fixed relative expressions.
        ago: regex with groups ``n`` and ``u`` for "three days ago"; ``numbers`` and ``units`` read them.
        future: cue words that make a weekday in the same sentence point forward.
        time_preps / time_suffix: what makes "9:30" a time.
        not_after_year: words that show a number after a preposition is a quantity, not a year.
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
    time_preps: tuple[str, ...]
    time_suffix: str
    not_after_year: tuple[str, ...] = ()
    month_day: bool = False
    wd_suffix: str = ""
    weekday_exclude: str = ""
    extra_months: dict[str, int] = field(default_factory=dict)
    extra_weekdays: dict[str, int] = field(default_factory=dict)


def strip_accents(word: str) -> str:
    """'février' → 'fevrier': news text and headlines often drop accents."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def month_names(spec: LangSpec) -> tuple[dict[str, int], dict[str, int]]:
    """(wide names, abbreviations) lowercased → month number 1-12, from CLDR plus the spec's extras."""
    from babel.dates import get_month_names

    wide: dict[str, int] = dict(spec.extra_months)
    abbr: dict[str, int] = {}
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


_QUANTITY = (
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

_EN_NUM = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DE_NUM = {
    "einem": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
}
_FR_NUM = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
_ES_NUM = {
    "un": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}
_IT_NUM = {
    "un": 1,
    "una": 1,
    "due": 2,
    "tre": 3,
    "quattro": 4,
    "cinque": 5,
    "sei": 6,
    "sette": 7,
    "otto": 8,
    "nove": 9,
    "dieci": 10,
}
_NL_NUM = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
}
_PT_NUM = {
    "um": 1,
    "uma": 1,
    "dois": 2,
    "duas": 2,
    "três": 3,
    "quatro": 4,
    "cinco": 5,
    "seis": 6,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
}


def _num_re(numbers: dict[str, int]) -> str:
    return r"(?P<n>\d{1,2}|" + "|".join(sorted(numbers, key=len, reverse=True)) + ")"


SPECS: dict[str, LangSpec] = {
    "de": LangSpec(
        code="de",
        babel="de",
        title_case=True,
        day_suffix=r"\.",
        dm_sep=r"\s*",
        my_sep=r"\s+",
        month_preps={
            "im": 0,
            "seit": 0,
            "ab": 0,
            "bis": 0,
            "von": 0,
            "bis zum": 0,
            "seit dem": 0,
            "im vergangenen": -1,
            "im letzten": -1,
            "im kommenden": 1,
            "im nächsten": 1,
            "vergangenen": -1,
            "letzten": -1,
            "kommenden": 1,
            "nächsten": 1,
        },
        year_preps=(
            "seit",
            "im jahre?",
            "bis",
            "ab",
            "von",
            "vor",
            "nach",
            "in",
            "anno",
            "seit dem jahre?",
            "bis zum jahre?",
            "bis ins jahr",
            "bis ende",
        ),
        weak_year_preps=("in", "bis", "ab", "von", "vor", "nach"),
        mods=("anfang", "ende", "mitte"),
        range_open=("vom", "von", "zwischen", "zwischen dem"),
        range_mid=("-", "–", "bis", "bis zum", "bis zur", "und dem", "und"),
        range_and=("und", "und dem"),
        wd_pre={"nächsten": 1, "kommenden": 1, "vergangenen": -1, "letzten": -1, "diesen": 0},
        wd_post={},
        wd_suffix=r"(?:abend|morgen|nachmittag|vormittag|mittag|nacht|früh)?",
        relative=(
            (r"heute(?![-\w])", DAY, 0),
            (r"gestern", DAY, -1),
            (r"(?-i:morgen)", DAY, 1),
            (r"vorgestern", DAY, -2),
            (r"übermorgen", DAY, 2),
            (r"(?:nächst|kommend)(?:e|en|er|es|em)\s+woche", WEEK, 1),
            (r"(?:letzt|vergangen|vorig)(?:e|en|er|es|em)\s+woche", WEEK, -1),
            (r"(?:dies)(?:e|er)\s+woche", WEEK, 0),
            (r"(?:nächst|kommend)(?:e|en|er|es|em)\s+monats?", MONTH, 1),
            (r"(?:letzt|vergangen|vorig)(?:e|en|er|es|em)\s+monats?", MONTH, -1),
            (r"(?:dies)(?:en|em|es)\s+monats?", MONTH, 0),
            (r"(?:nächst|kommend)(?:e|en|er|es|em)\s+jahr(?:es)?", YEAR, 1),
            (r"(?:letzt|vergangen|vorig)(?:e|en|er|es|em)\s+jahr(?:es)?", YEAR, -1),
            (r"(?:dies)(?:es|em)\s+jahr(?:es)?", YEAR, 0),
            (r"vorjahr(?:es)?", YEAR, -1),
            (r"vorwoche", WEEK, -1),
            (r"vormonat", MONTH, -1),
        ),
        ago=r"vor\s+{N}\s+(?P<u>tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)",
        numbers=_DE_NUM,
        units={
            "tag": DAY,
            "tagen": DAY,
            "woche": WEEK,
            "wochen": WEEK,
            "monat": MONTH,
            "monaten": MONTH,
            "jahr": YEAR,
            "jahren": YEAR,
        },
        future=r"\b(?:wird|werden|soll|sollen|will|wollen|plant|planen|geplant|kommenden|nächsten)\b",
        time_preps=("um", "gegen", "ab", "bis", "seit"),
        time_suffix=r"\s*uhr",
        not_after_year=(*_QUANTITY, "jahren?", "menschen", "personen", "soldaten", "leuten?"),
        extra_months={"jänner": 1, "feber": 2},
    ),
    "en": LangSpec(
        code="en",
        babel="en",
        title_case=True,
        day_suffix=r"(?:st|nd|rd|th)?",
        dm_sep=r"\s+(?:of\s+)?",
        my_sep=r",?\s+",
        month_day=True,
        month_preps={
            "in": 0,
            "since": 0,
            "until": 0,
            "till": 0,
            "through": 0,
            "during": 0,
            "last": -1,
            "next": 1,
            "this": 0,
            "in early": 0,
            "in late": 0,
            "in mid": 0,
            "from": 0,
            "by": 0,
            "before": 0,
            "after": 0,
        },
        year_preps=(
            "in",
            "since",
            "until",
            "till",
            "by",
            "from",
            "before",
            "after",
            "during",
            "through",
            "throughout",
            "in the year",
            "as of",
            "the end of",
            "the start of",
        ),
        weak_year_preps=("in", "by", "from", "before", "after"),
        mods=("early", "late", "mid-?", "mid"),
        range_open=("from", "between"),
        range_mid=("-", "–", "to", "until", "through", "and"),
        range_and=("and",),
        wd_pre={"next": 1, "last": -1, "this": 0, "this past": -1, "this coming": 1},
        wd_post={},
        wd_suffix=r"(?:['’]s)?",
        relative=(
            (r"today", DAY, 0),
            (r"tonight", DAY, 0),
            (r"yesterday", DAY, -1),
            (r"tomorrow", DAY, 1),
            (r"the\s+day\s+before\s+yesterday", DAY, -2),
            (r"the\s+day\s+after\s+tomorrow", DAY, 2),
            (r"next\s+week", WEEK, 1),
            (r"last\s+week", WEEK, -1),
            (r"this\s+week", WEEK, 0),
            (r"next\s+month", MONTH, 1),
            (r"last\s+month", MONTH, -1),
            (r"this\s+month", MONTH, 0),
            (r"next\s+year", YEAR, 1),
            (r"last\s+year", YEAR, -1),
            (r"this\s+year", YEAR, 0),
        ),
        ago=r"{N}\s+(?P<u>days?|weeks?|months?|years?)\s+ago",
        numbers=_EN_NUM,
        units={
            "day": DAY,
            "days": DAY,
            "week": WEEK,
            "weeks": WEEK,
            "month": MONTH,
            "months": MONTH,
            "year": YEAR,
            "years": YEAR,
        },
        future=r"\b(?:will|shall|going\s+to|is\s+due|are\s+due|scheduled|expected\s+to|plans?\s+to|is\s+set\s+to|"
        r"are\s+set\s+to|next|\w+['’]ll)\b",
        time_preps=("at", "from", "until", "by", "around", "before", "after"),
        time_suffix=r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|cet\b)",
        not_after_year=(
            *_QUANTITY,
            "years?",
            "people",
            "troops",
            "soldiers",
            "cases",
            "votes",
            "jobs",
            "workers",
            "deaths",
            "homes",
            "times",
            "miles",
        ),
        weekday_exclude=r"\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Observer|Sport|Night\s+Football)\b",
    ),
    "fr": LangSpec(
        code="fr",
        babel="fr",
        title_case=False,
        day_suffix=r"(?:er|re)?",
        dm_sep=r"\s+",
        my_sep=r"\s+",
        month_preps={
            "en": 0,
            "depuis": 0,
            "dès": 0,
            "jusqu['’]en": 0,
            "jusqu['’]à": 0,
            "au mois de": 0,
            "courant": 0,
            "d['’]ici": 0,
            "avant": 0,
            "après": 0,
        },
        year_preps=(
            "en",
            "depuis",
            "dès",
            "jusqu['’]en",
            "jusqu['’]à",
            "avant",
            "après",
            "l['’]an",
            "l['’]année",
            "d['’]ici",
            "à partir de",
        ),
        weak_year_preps=("en", "avant", "après", "jusqu['’]à"),
        mods=("fin", "début", "mi-?", "courant", "fin", "à la fin de", "au début de"),
        range_open=("du", "entre", "entre le", "de"),
        range_mid=("-", "–", "au", "à", "et", "et le"),
        range_and=("et", "et le"),
        wd_pre={},
        wd_post={"dernier": -1, "prochain": 1, "passé": -1},
        relative=(
            (r"aujourd['’]hui", DAY, 0),
            (r"hier", DAY, -1),
            (r"demain", DAY, 1),
            (r"avant-hier", DAY, -2),
            (r"après-demain", DAY, 2),
            (r"la\s+semaine\s+(?:prochaine)", WEEK, 1),
            (r"la\s+semaine\s+(?:dernière|passée)", WEEK, -1),
            (r"cette\s+semaine", WEEK, 0),
            (r"le\s+mois\s+prochain", MONTH, 1),
            (r"le\s+mois\s+(?:dernier|passé)", MONTH, -1),
            (r"ce\s+mois-ci", MONTH, 0),
            (r"l['’](?:année|an)\s+prochaine?", YEAR, 1),
            (r"l['’](?:année|an)\s+(?:dernière?|passée?)", YEAR, -1),
            (r"cette\s+année", YEAR, 0),
        ),
        ago=r"il\s+y\s+a\s+{N}\s+(?P<u>jours?|semaines?|mois|ans|années?)",
        numbers=_FR_NUM,
        units={
            "jour": DAY,
            "jours": DAY,
            "semaine": WEEK,
            "semaines": WEEK,
            "mois": MONTH,
            "an": YEAR,
            "ans": YEAR,
            "année": YEAR,
            "années": YEAR,
        },
        future=r"\b(?:va|vont|doit|doivent|devrait|devraient|prévue?s?|\w+(?:era|eront|ira|iront|ra|ront))\b",
        time_preps=("à", "vers", "dès", "jusqu['’]à"),
        time_suffix=r"\s*h(?:eures?)?",
        not_after_year=(*_QUANTITY, "ans", "années", "personnes", "soldats", "habitants", "morts"),
    ),
    "es": LangSpec(
        code="es",
        babel="es",
        title_case=False,
        day_suffix=r"(?:º|°)?",
        dm_sep=r"\s+de\s+",
        my_sep=r"\s+(?:de\s+|del\s+)?",
        month_preps={
            "en": 0,
            "desde": 0,
            "hasta": 0,
            "el pasado mes de": -1,
            "el próximo mes de": 1,
            "en el mes de": 0,
            "el mes de": 0,
            "durante": 0,
        },
        year_preps=(
            "en",
            "desde",
            "hasta",
            "antes de",
            "después de",
            "el año",
            "en el año",
            "durante",
            "a partir de",
        ),
        weak_year_preps=("en", "hasta", "antes de", "después de"),
        mods=(
            "a finales de",
            "a principios de",
            "a mediados de",
            "finales de",
            "principios de",
            "mediados de",
            "a fines de",
            "fines de",
        ),
        range_open=("del", "entre el", "entre", "desde el"),
        range_mid=("-", "–", "al", "hasta el", "y el", "y", "a"),
        range_and=("y", "y el"),
        wd_pre={"próximo": 1, "pasado": -1},
        wd_post={"pasado": -1, "próximo": 1, "que viene": 1},
        relative=(
            (r"hoy", DAY, 0),
            (r"ayer", DAY, -1),
            (r"anteayer", DAY, -2),
            (r"pasado\s+mañana", DAY, 2),
            (r"(?<!la\s)(?<!esta\s)(?<!una\s)(?<!cada\s)(?<!el\s)(?<!un\s)(?<!media\s)mañana", DAY, 1),
            (r"la\s+(?:próxima\s+semana|semana\s+(?:próxima|que\s+viene))", WEEK, 1),
            (r"la\s+semana\s+pasada", WEEK, -1),
            (r"esta\s+semana", WEEK, 0),
            (r"el\s+(?:próximo\s+mes|mes\s+(?:próximo|que\s+viene))", MONTH, 1),
            (r"el\s+mes\s+pasado", MONTH, -1),
            (r"este\s+mes", MONTH, 0),
            (r"el\s+(?:próximo\s+año|año\s+(?:próximo|que\s+viene))", YEAR, 1),
            (r"el\s+año\s+pasado", YEAR, -1),
            (r"este\s+año", YEAR, 0),
        ),
        ago=r"hace\s+{N}\s+(?P<u>días?|semanas?|mes(?:es)?|años?)",
        numbers=_ES_NUM,
        units={
            "día": DAY,
            "días": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mes": MONTH,
            "meses": MONTH,
            "año": YEAR,
            "años": YEAR,
        },
        future=r"\b(?:va\s+a|van\s+a|prevé|previst[oa]s?|\w+(?:rá|rán))\b",
        time_preps=("a las", "a la", "desde las", "hasta las", "sobre las", "hacia las"),
        time_suffix=r"\s*(?:horas|h\b)",
        not_after_year=(*_QUANTITY, "años", "personas", "soldados", "muertos", "habitantes"),
    ),
    "it": LangSpec(
        code="it",
        babel="it",
        title_case=False,
        day_suffix=r"(?:º|°)?",
        dm_sep=r"\s+",
        my_sep=r"\s+(?:del\s+)?",
        month_preps={
            "a": 0,
            "ad": 0,
            "in": 0,
            "da": 0,
            "fino a": 0,
            "entro": 0,
            "nel mese di": 0,
            "lo scorso": -1,
            "il prossimo": 1,
            "dallo scorso": -1,
        },
        year_preps=("nel", "dal", "fino al", "entro il", "prima del", "dopo il", "nell['’]anno", "l['’]anno"),
        weak_year_preps=("fino al", "prima del", "dopo il"),
        mods=("a fine", "a inizio", "a metà", "fine", "inizio", "metà"),
        range_open=("dal", "tra il", "fra il", "tra", "fra"),
        range_mid=("-", "–", "al", "e il", "e"),
        range_and=("e", "e il"),
        wd_pre={"prossimo": 1, "scorso": -1},
        wd_post={"scorso": -1, "prossimo": 1},
        relative=(
            (r"oggi", DAY, 0),
            (r"ieri", DAY, -1),
            (r"(?<!il\s)(?<!del\s)(?<!al\s)domani", DAY, 1),
            (r"l['’]altro\s+ieri", DAY, -2),
            (r"dopodomani", DAY, 2),
            (r"la\s+(?:prossima\s+settimana|settimana\s+prossima)", WEEK, 1),
            (r"la\s+(?:scorsa\s+settimana|settimana\s+scorsa)", WEEK, -1),
            (r"questa\s+settimana", WEEK, 0),
            (r"il\s+(?:prossimo\s+mese|mese\s+prossimo)", MONTH, 1),
            (r"il\s+(?:mese\s+scorso)|lo\s+scorso\s+mese", MONTH, -1),
            (r"questo\s+mese", MONTH, 0),
            (r"l['’]anno\s+prossimo|il\s+prossimo\s+anno", YEAR, 1),
            (r"l['’]anno\s+scorso|lo\s+scorso\s+anno", YEAR, -1),
            (r"quest['’]anno", YEAR, 0),
        ),
        ago=r"{N}\s+(?P<u>giorni|giorno|settimane?|mesi|mese|anni|anno)\s+fa",
        numbers=_IT_NUM,
        units={
            "giorno": DAY,
            "giorni": DAY,
            "settimana": WEEK,
            "settimane": WEEK,
            "mese": MONTH,
            "mesi": MONTH,
            "anno": YEAR,
            "anni": YEAR,
        },
        future=r"\b(?:\w+(?:rà|ranno)|previst[oa]|previsti|previste)\b",
        time_preps=("alle", "ore", "dalle", "verso le", "entro le"),
        time_suffix=r"(?!)",
        not_after_year=(*_QUANTITY, "anni", "persone", "soldati", "morti", "abitanti"),
    ),
    "nl": LangSpec(
        code="nl",
        babel="nl",
        title_case=False,
        day_suffix="",
        dm_sep=r"\s+",
        my_sep=r"\s+",
        month_preps={
            "in": 0,
            "sinds": 0,
            "tot": 0,
            "vanaf": 0,
            "afgelopen": -1,
            "vorige": -1,
            "volgende": 1,
            "eind": 0,
            "begin": 0,
            "medio": 0,
        },
        year_preps=("in", "sinds", "tot", "vanaf", "in het jaar", "eind", "begin", "medio"),
        weak_year_preps=("in", "tot", "vanaf"),
        mods=("eind", "begin", "half", "medio"),
        range_open=("van", "tussen"),
        range_mid=("-", "–", "tot", "tot en met", "en"),
        range_and=("en",),
        wd_pre={"volgende": 1, "komende": 1, "aanstaande": 1, "vorige": -1, "afgelopen": -1},
        wd_post={},
        wd_suffix=r"(?:avond|ochtend|middag|nacht|morgen)?",
        relative=(
            (r"vandaag", DAY, 0),
            (r"gisteren", DAY, -1),
            (r"eergisteren", DAY, -2),
            (r"overmorgen", DAY, 2),
            (r"(?<!de\s)(?<!deze\s)(?<!'s\s)(?<!die\s)(?-i:morgen)", DAY, 1),
            (r"(?:volgende|komende)\s+week", WEEK, 1),
            (r"vorige\s+week", WEEK, -1),
            (r"deze\s+week", WEEK, 0),
            (r"(?:volgende|komende)\s+maand", MONTH, 1),
            (r"vorige\s+maand", MONTH, -1),
            (r"deze\s+maand", MONTH, 0),
            (r"(?:volgend|komend)\s+jaar", YEAR, 1),
            (r"(?:vorig|verleden)\s+jaar", YEAR, -1),
            (r"dit\s+jaar", YEAR, 0),
        ),
        ago=r"{N}\s+(?P<u>dagen|dag|weken|week|maanden|maand|jaar)\s+geleden",
        numbers=_NL_NUM,
        units={
            "dag": DAY,
            "dagen": DAY,
            "week": WEEK,
            "weken": WEEK,
            "maand": MONTH,
            "maanden": MONTH,
            "jaar": YEAR,
        },
        future=r"\b(?:zal|zullen|gaat|gaan|komende|volgende)\b",
        time_preps=("om", "vanaf", "tot", "rond"),
        time_suffix=r"\s*uur",
        not_after_year=(*_QUANTITY, "jaar", "mensen", "soldaten", "doden", "inwoners"),
    ),
    "pt": LangSpec(
        code="pt",
        babel="pt",
        title_case=False,
        day_suffix=r"(?:º|°)?",
        dm_sep=r"\s+de\s+",
        my_sep=r"\s+(?:de\s+)?",
        month_preps={
            "em": 0,
            "desde": 0,
            "até": 0,
            "no mês de": 0,
            "a partir de": 0,
            "no final de": 0,
            "no início de": 0,
            "em meados de": 0,
        },
        year_preps=("em", "desde", "até", "no ano de", "antes de", "depois de", "a partir de"),
        weak_year_preps=("em", "até", "antes de", "depois de"),
        mods=("no final de", "no início de", "em meados de", "final de", "início de", "meados de"),
        range_open=("de", "entre", "entre os dias"),
        range_mid=("-", "–", "a", "até", "e"),
        range_and=("e",),
        wd_pre={"próxima": 1, "próximo": 1, "última": -1, "último": -1},
        wd_post={"passada": -1, "passado": -1, "que vem": 1},
        relative=(
            (r"hoje", DAY, 0),
            (r"ontem", DAY, -1),
            (r"anteontem", DAY, -2),
            (r"(?<!o\s)amanhã", DAY, 1),
            (r"depois\s+de\s+amanhã", DAY, 2),
            (r"(?:a\s+|na\s+)?próxima\s+semana|(?:a\s+|na\s+)?semana\s+que\s+vem", WEEK, 1),
            (r"(?:a\s+|na\s+)?semana\s+passada", WEEK, -1),
            (r"(?:n)?esta\s+semana", WEEK, 0),
            (r"(?:o\s+|no\s+)?próximo\s+mês|(?:o\s+|no\s+)?mês\s+que\s+vem", MONTH, 1),
            (r"(?:o\s+|no\s+)?mês\s+passado", MONTH, -1),
            (r"(?:n)?este\s+mês", MONTH, 0),
            (r"(?:o\s+|no\s+)?próximo\s+ano|(?:o\s+|no\s+)?ano\s+que\s+vem", YEAR, 1),
            (r"(?:o\s+|no\s+)?ano\s+passado", YEAR, -1),
            (r"(?:n)?este\s+ano", YEAR, 0),
        ),
        ago=r"há\s+{N}\s+(?P<u>dias?|semanas?|mês|meses|anos?)",
        numbers=_PT_NUM,
        units={
            "dia": DAY,
            "dias": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mês": MONTH,
            "meses": MONTH,
            "ano": YEAR,
            "anos": YEAR,
        },
        future=r"\b(?:vai|vão|previst[oa]s?|\w+(?:rá|rão))\b",
        time_preps=("às", "as", "a partir das", "até as", "até às", "desde as"),
        time_suffix=r"\s*(?:h\b|horas)",
        not_after_year=(*_QUANTITY, "anos", "pessoas", "soldados", "mortos", "habitantes"),
    ),
}


def ago_regex(spec: LangSpec) -> str:
    """The spec's "N units ago" template with its number words filled in."""
    return spec.ago.replace("{N}", _num_re(spec.numbers))
