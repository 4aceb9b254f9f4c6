"""Date vocabulary beyond calendar dates: present/past/future, quarters, seasons, centuries, decades,
holidays, eras and anaphoric expressions ("a year earlier", "zwei Tage später"), per language.

Hand-written from grammar books and our own reading (not from the labelled sets). Entries are regex
fragments matched case-insensitively. Kept apart from ``dates_lexicon_*`` so the core tables stay short.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.annotate.dates_spec import DAY, MONTH, WEEK, YEAR

PAST, PRESENT, FUTURE = -1, 0, 1


@dataclass(frozen=True)
class ExtraSpec:
    """Attributes:
    refs: (regex, PAST | PRESENT | FUTURE) for "recently", "now", "in the future".
    anaphoric: (regex, unit, offset) counted from the last date in the text ("the next day").
    later: (template with {N} and group ``u``, sign) for "two days later" / "zwei Tage zuvor".
    units: unit words of ``later`` → unit.
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


_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
           "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
           "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
           "nineteenth": 19, "twentieth": 20, "twenty-first": 21}  # fmt: skip
_DE_ORD = {"erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4,
           "vierten": 4}  # fmt: skip
_DE_UNITS = {"tag": DAY, "tage": DAY, "tagen": DAY, "woche": WEEK, "wochen": WEEK, "monat": MONTH,
             "monate": MONTH, "monaten": MONTH, "jahr": YEAR, "jahre": YEAR, "jahren": YEAR}  # fmt: skip
_EN_UNITS = {"day": DAY, "days": DAY, "week": WEEK, "weeks": WEEK, "month": MONTH, "months": MONTH,
             "year": YEAR, "years": YEAR}  # fmt: skip

EXTRAS: dict[str, ExtraSpec] = {
    "en": ExtraSpec(
        day_parts=(
            ("this\\s+morning", 0, "TMO"),
            ("this\\s+afternoon", 0, "TAF"),
            ("this\\s+evening", 0, "TEV"),
            ("last\\s+night", -1, "TNI"),
            ("yesterday\\s+morning", -1, "TMO"),
            ("yesterday\\s+afternoon", -1, "TAF"),
            ("yesterday\\s+evening", -1, "TEV"),
            ("tomorrow\\s+morning", 1, "TMO"),
            ("tomorrow\\s+afternoon", 1, "TAF"),
            ("tomorrow\\s+(?:evening|night)", 1, "TEV"),
        ),
        quarter_words=("quarter",),
        century_words=("centur",),
        decade_words=("0s", "0’s", "0's"),
        era_words=("bc", "b.", "ad", "a.d", "ce"),
        refs=(
            (r"(?-i:now)", PRESENT),
            (r"currently|at\s+present|nowadays|these\s+days|(?<=\bthe\s)present(?=\s+day)", PRESENT),
            (r"(?-i:current)(?!\s+(?:account|affairs|events|flows?|density|source))", PRESENT),
            (
                r"recently|lately|in\s+recent\s+(?:years|months|weeks|days)|the\s+past(?=[,.;])|(?-i:recent)",
                PAST,
            ),
            (r"(?:in\s+)?the\s+(?:near\s+|distant\s+)?future", FUTURE),
        ),
        anaphoric=(
            (
                r"(?:the\s+)?year-(?:earlier|ago)|(?:a|one)\s+year\s+(?:earlier|before)|the\s+(?:previous|prior)\s+year",
                YEAR,
                -1,
            ),  # fmt: skip
            (r"the\s+same\s+day|that\s+(?:same\s+)?day", DAY, 0),
            (r"the\s+(?:next|following)\s+day|the\s+day\s+after", DAY, 1),
            (r"the\s+(?:previous|prior)\s+day|the\s+day\s+before(?!\s+yesterday)", DAY, -1),
            (r"the\s+same\s+year|that\s+(?:same\s+)?year", YEAR, 0),
            (r"the\s+following\s+year|a\s+year\s+later", YEAR, 1),
        ),
        later=(
            (r"{N}\s+(?P<u>days?|weeks?|months?|years?)\s+(?:later|afterwards?)", 1),
            (r"{N}\s+(?P<u>days?|weeks?|months?|years?)\s+(?:earlier|before(?=[,.;]))", -1),
        ),
        units=_EN_UNITS,
        ordinals=_EN_ORD,
        quarter=r"(?:(?:the|this\s+year['’]s|its|a)\s+)?(?:fiscal\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
        r"[-\s]quarter(?:\s+of\s+(?P<y>(?:19|20)\d\d))?",
        quarter_this=(
            (
                r"the\s+(?:latest|most\s+recent|last|past|previous|year['’]s\s+third)\s+quarter|the\s+quarter",
                -1,
            ),
            (r"th(?:is|e\s+current)\s+quarter", 0),
            (r"next\s+quarter", 1),
        ),
        seasons={"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"},
        season_prep=r"(?:in|during|by|until|since|through|before|after)",
        season_pre=r"(?:this|last|next|early|late|the(?:\s+(?:early|late))?)",
        season_year=r"\s+(?:of\s+)?",
        century=r"(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<c>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-first)?)[-\s]century",
        decade=r"(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?P<d>1[5-9]\d0|20[0-2]0)['’]?s|['’](?P<dd>\d0)s)",
        holidays={
            r"christmas(?:\s+day)?": (12, 25),
            r"christmas\s+eve": (12, 24),
            r"new\s+year['’]s\s+day": (1, 1),
            r"new\s+year['’]s\s+eve": (12, 31),
            r"independence\s+day": (7, 4),
            r"halloween": (10, 31),
            r"valentine['’]s\s+day": (2, 14),
            r"veterans\s+day": (11, 11),
        },
        era_bc=r"B\.\s?C\.(?:E\.)?|BCE?\b",
        era_ad=r"A\.\s?D\.|AD\b|CE\b",
    ),
    "de": ExtraSpec(
        day_parts=(
            ("heute\\s+(?:morgen|früh|vormittag)", 0, "TMO"),
            ("heute\\s+nachmittag", 0, "TAF"),
            ("heute\\s+abend", 0, "TEV"),
            ("heute\\s+nacht", 0, "TNI"),
            ("gestern\\s+(?:morgen|früh|vormittag)", -1, "TMO"),
            ("gestern\\s+nachmittag", -1, "TAF"),
            ("gestern\\s+abend", -1, "TEV"),
            ("(?:letzte|vergangene)\\s+nacht", -1, "TNI"),
            ("morgen\\s+früh", 1, "TMO"),
            ("morgen\\s+(?:nachmittag)", 1, "TAF"),
            ("morgen\\s+abend", 1, "TEV"),
        ),
        quarter_words=("quartal",),
        century_words=("jahrhundert",),
        decade_words=("0er",),
        era_words=("chr", "christus", "u."),
        refs=(
            (
                r"(?-i:jetzt)|derzeit|zurzeit|gegenwärtig|heutzutage|(?-i:heute)(?=\s+noch\b)|aktuell(?!\w)",
                PRESENT,
            ),
            (r"kürzlich|vor\s+kurzem|jüngst|unlängst|neulich", PAST),
            (r"(?-i:bald)|in\s+(?:naher\s+|ferner\s+)?zukunft|künftig|demnächst", FUTURE),
            (
                r"(?:wenig|kurz(?:e\s+zeit)?|einige\s+zeit|bald)\s+(?:später|darauf|danach)|in\s+der\s+folge(?:zeit)?|"
                r"(?<=der\s)folgezeit",
                FUTURE,
            ),  # fmt: skip
        ),
        anaphoric=(
            (r"am\s+(?:selben|gleichen|selbigen)\s+(?:tag|abend|morgen)|an\s+diesem\s+tag", DAY, 0),
            (
                r"am\s+(?:folgenden|nächsten|darauffolgenden|anderen)\s+(?:tag|morgen)|am\s+tag\s+darauf|tags\s+darauf",
                DAY,
                1,
            ),  # fmt: skip
            (r"am\s+(?:vortag|vorabend|tag\s+zuvor)|tags\s+zuvor", DAY, -1),
            (r"im\s+(?:selben|gleichen)\s+jahr|in\s+diesem\s+jahr", YEAR, 0),
            (r"im\s+(?:folgenden|darauffolgenden|nächsten)\s+jahr|im\s+jahr\s+darauf", YEAR, 1),
            (r"im\s+jahr\s+zuvor", YEAR, -1),
            (r"(?:ende|anfang|beginn|mitte)\s+des\s+jahres(?!\s+\d)", YEAR, 0),
            (r"jahres(?:ende|beginn|anfang|mitte|wechsel)", YEAR, 0),
            (r"(?:ende|anfang|beginn|mitte)\s+des\s+(?:folgenden|nächsten)\s+jahres", YEAR, 1),
            (r"(?:im\s+selben|im\s+gleichen)\s+monat", MONTH, 0),
        ),
        later=(
            (r"{N}\s+(?P<u>tage?|wochen?|monate?|jahre?)\s+(?:später|danach|darauf)", 1),
            (r"{N}\s+(?P<u>tage?|wochen?|monate?|jahre?)\s+(?:zuvor|vorher|früher)", -1),
        ),
        units=_DE_UNITS,
        ordinals=_DE_ORD,
        quarter=r"(?P<q>ersten|zweiten|dritten|vierten|1\.|2\.|3\.|4\.)\s+quartal(?:\s+(?P<y>(?:19|20)\d\d))?",
        quarter_this=((r"im\s+vorquartal", -1), (r"in\s+diesem\s+quartal|im\s+laufenden\s+quartal", 0)),
        seasons={"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"},
        season_prep=r"(?:im|in|seit\s+dem|bis\s+zum|ab|zum)",
        season_pre=r"(?:vergangenen|letzten|kommenden|nächsten|diese[nm]|späten|frühen|(?:anfang|ende|mitte)\s+des)",
        season_year=r"(?:\s+des\s+jahres)?\s+",
        century=r"(?:(?:frühen|späten|ausgehenden)\s+)?(?P<c>\d{1,2})\.\s*"
        r"jahrhunderts?",
        decade=r"(?:(?:die|den|der)\s+)?(?:(?:frühen|späten)\s+)?(?:(?P<d>1[5-9]\d0|20[0-2]0)er(?:[-\s]jahren?)?|"
        r"(?P<dd>\d0)er[-\s]jahren?)",
        holidays={
            r"(?:heilig(?:er|en)?\s+abend|heiligabend)": (12, 24),
            r"(?:am\s+)?(?:ersten\s+)?weihnachtstag": (12, 25),
            r"silvester": (12, 31),
            r"neujahr(?:stag)?": (1, 1),
            r"tag\s+der\s+deutschen\s+einheit": (10, 3),
        },
        era_bc=r"v\.\s?Chr\.?|vor\s+Christus|v\.\s?u\.\s?Z\.",
        numbers={"ein": 1, "eine": 1, "einen": 1, "elf": 11, "zwölf": 12},
        era_ad=r"n\.\s?Chr\.?|nach\s+Christus",
    ),
    "fr": ExtraSpec(
        day_parts=(
            ("ce\\s+matin", 0, "TMO"),
            ("cet\\s+après-midi", 0, "TAF"),
            ("ce\\s+soir", 0, "TEV"),
            ("cette\\s+nuit", 0, "TNI"),
            ("hier\\s+matin", -1, "TMO"),
            ("hier\\s+après-midi", -1, "TAF"),
            ("hier\\s+soir", -1, "TEV"),
            ("demain\\s+matin", 1, "TMO"),
            ("demain\\s+soir", 1, "TEV"),
        ),
        quarter_words=("trimestre",),
        century_words=("siècle",),
        decade_words=("années",),
        era_words=("j.-c",),
        refs=(
            (
                r"maintenant|désormais|actuellement|aujourd['’]hui\s+encore|à\s+présent|de\s+nos\s+jours|"
                r"en\s+ce\s+moment",
                PRESENT,
            ),
            (r"récemment|dernièrement", PAST),
            (r"(?:à\s+l['’]avenir|dans\s+le\s+futur|prochainement|bientôt)", FUTURE),
        ),
        anaphoric=(
            (r"le\s+(?:même\s+jour|jour\s+même)|ce\s+jour-là", DAY, 0),
            (r"le\s+lendemain", DAY, 1),
            (r"la\s+veille", DAY, -1),
            (r"la\s+même\s+année|cette\s+année-là", YEAR, 0),
            (r"l['’]année\s+suivante", YEAR, 1),
            (r"l['’]année\s+précédente", YEAR, -1),
        ),
        later=((r"{N}\s+(?P<u>jours?|semaines?|mois|ans|années?)\s+plus\s+tard", 1),),
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
        },  # fmt: skip
        quarter=r"(?:le\s+)?(?P<q>premier|deuxième|second|troisième|quatrième)\s+trimestre(?:\s+(?P<y>(?:19|20)\d\d))?",
        ordinals={"premier": 1, "deuxième": 2, "second": 2, "troisième": 3, "quatrième": 4},
        seasons={"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"},
        season_prep=r"(?:au|en|depuis|dès)",
        season_pre=r"(?:cet|ce|le|l['’])",
        season_year=r"\s+",
        century=r"(?:le\s+)?(?P<c>[XVI]{1,5}|\d{1,2})(?:e|ème)\s+siècle",
        decade=r"(?:les\s+)?années\s+(?:(?P<d>1[5-9]\d0|20[0-2]0)|(?P<dd>\d0))",
        holidays={
            r"noël": (12, 25),
            r"(?:le\s+)?jour\s+de\s+l['’]an": (1, 1),
            r"(?:le\s+)?14\s+juillet": (7, 14),
            r"la\s+saint-sylvestre": (12, 31),
        },  # fmt: skip
        era_bc=r"av\.\s?J\.-C\.|avant\s+J\.-C\.",
        era_ad=r"ap\.\s?J\.-C\.|après\s+J\.-C\.",
    ),
    "es": ExtraSpec(
        relative=(
            (r"el\s+pasado\s+año", YEAR, -1),
            (r"el\s+próximo\s+año", YEAR, 1),
            (r"el\s+pasado\s+mes(?!\s+de\s)", MONTH, -1),
            (r"el\s+próximo\s+mes(?!\s+de\s)", MONTH, 1),
            (r"la\s+pasada\s+semana", WEEK, -1),
            (r"la\s+próxima\s+semana", WEEK, 1),
        ),
        day_parts=(
            ("esta\\s+mañana", 0, "TMO"),
            ("esta\\s+tarde", 0, "TAF"),
            ("esta\\s+noche", 0, "TNI"),
            ("anoche", -1, "TNI"),
            ("ayer\\s+por\\s+la\\s+mañana", -1, "TMO"),
            ("ayer\\s+por\\s+la\\s+tarde", -1, "TAF"),
            ("mañana\\s+por\\s+la\\s+mañana", 1, "TMO"),
            ("mañana\\s+por\\s+la\\s+tarde", 1, "TAF"),
        ),
        quarter_words=("trimestre",),
        century_words=("siglo",),
        decade_words=("años",),
        era_words=("c.",),
        refs=(
            (
                r"ahora|actualmente|la\s+actualidad|hoy\s+en\s+día|este\s+momento|estos\s+días|"
                r"(?-i:actual(?:es)?)(?=\s+\w)",
                PRESENT,
            ),  # fmt: skip
            (r"recientemente|últimamente", PAST),
            (r"(?-i:futuro)|próximamente", FUTURE),
        ),
        anaphoric=(
            (r"ese\s+(?:mismo\s+)?día|el\s+mismo\s+día", DAY, 0),
            (r"al\s+día\s+siguiente|el\s+día\s+siguiente", DAY, 1),
            (r"el\s+día\s+anterior|la\s+víspera", DAY, -1),
            (r"ese\s+(?:mismo\s+)?año|el\s+mismo\s+año", YEAR, 0),
            (r"al\s+año\s+siguiente|el\s+año\s+siguiente", YEAR, 1),
            (r"el\s+año\s+anterior", YEAR, -1),
        ),
        later=((r"{N}\s+(?P<u>días?|semanas?|mes(?:es)?|años?)\s+(?:después|más\s+tarde)", 1),),
        units={
            "día": DAY,
            "días": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mes": MONTH,
            "meses": MONTH,
            "año": YEAR,
            "años": YEAR,
        },  # fmt: skip
        quarter=r"(?:el\s+)?(?P<q>primer|segundo|tercer|cuarto)\s+trimestre(?:\s+de(?:l)?\s+(?P<y>(?:19|20)\d\d))?",
        ordinals={"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4},
        seasons={"primavera": "SP", "verano": "SU", "otoño": "FA", "invierno": "WI"},
        season_prep=r"(?:en|durante|desde|hasta)",
        season_pre=r"(?:este|esta|el|la|el\s+pasado|la\s+pasada|el\s+próximo|la\s+próxima)",
        season_year=r"\s+(?:de(?:l)?\s+)?",
        century=r"(?:el\s+)?siglo\s+(?P<c>[XVI]{1,5})",
        decade=r"(?:los\s+)?años\s+(?:(?P<d>1[5-9]\d0|20[0-2]0)|(?P<dd>\d0))",
        holidays={
            r"navidad": (12, 25),
            r"nochebuena": (12, 24),
            r"nochevieja": (12, 31),
            r"año\s+nuevo": (1, 1),
        },
        era_bc=r"a\.\s?(?:de\s+)?C\.",
        era_ad=r"d\.\s?(?:de\s+)?C\.",
    ),
    "it": ExtraSpec(
        day_parts=(
            ("stamattina|questa\\s+mattina", 0, "TMO"),
            ("questo\\s+pomeriggio", 0, "TAF"),
            ("stasera|questa\\s+sera", 0, "TEV"),
            ("stanotte", 0, "TNI"),
            ("ieri\\s+mattina", -1, "TMO"),
            ("ieri\\s+sera", -1, "TEV"),
            ("domani\\s+mattina", 1, "TMO"),
            ("domani\\s+sera", 1, "TEV"),
        ),
        quarter_words=("trimestre",),
        century_words=("secolo",),
        decade_words=("anni",),
        era_words=("c.",),
        refs=(
            (r"adesso|ora(?=[\s,.])|attualmente|oggigiorno|al\s+momento", PRESENT),
            (r"recentemente|di\s+recente|ultimamente", PAST),
            (r"in\s+futuro|prossimamente", FUTURE),
        ),
        anaphoric=(
            (r"lo\s+stesso\s+giorno|quel\s+giorno", DAY, 0),
            (r"il\s+giorno\s+(?:dopo|seguente)", DAY, 1),
            (r"l['’]anno\s+(?:dopo|seguente|successivo)", YEAR, 1),
        ),  # fmt: skip
        later=((r"{N}\s+(?P<u>giorni|giorno|settimane?|mesi|mese|anni|anno)\s+(?:dopo|più\s+tardi)", 1),),
        units={
            "giorno": DAY,
            "giorni": DAY,
            "settimana": WEEK,
            "settimane": WEEK,
            "mese": MONTH,
            "mesi": MONTH,
            "anno": YEAR,
            "anni": YEAR,
        },  # fmt: skip
        quarter=r"(?:il\s+)?(?P<q>primo|secondo|terzo|quarto)\s+trimestre(?:\s+(?:del\s+)?(?P<y>(?:19|20)\d\d))?",
        ordinals={"primo": 1, "secondo": 2, "terzo": 3, "quarto": 4},
        seasons={"primavera": "SP", "estate": "SU", "autunno": "FA", "inverno": "WI"},
        season_prep=r"(?:in|nella|nell['’]|durante|dalla|dall['’])",
        season_pre=r"(?:questa|quest['’]|la|l['’]|la\s+scorsa|la\s+prossima|lo\s+scorso|l['’]ultima)",
        season_year=r"\s+(?:del\s+)?",
        century=r"(?:il\s+)?(?P<c>[XVI]{1,5})\s+secolo",
        decade=r"(?:gli\s+)?anni\s+(?:(?P<d>1[5-9]\d0|20[0-2]0)|(?P<dd>\d0))",
        holidays={r"natale": (12, 25), r"capodanno": (1, 1), r"ferragosto": (8, 15)},
        era_bc=r"a\.\s?C\.",
        era_ad=r"d\.\s?C\.",
    ),
    "nl": ExtraSpec(
        day_parts=(
            ("vanochtend|vanmorgen", 0, "TMO"),
            ("vanmiddag", 0, "TAF"),
            ("vanavond", 0, "TEV"),
            ("vannacht", 0, "TNI"),
            ("gisterochtend|gistermorgen", -1, "TMO"),
            ("gisteravond", -1, "TEV"),
            ("morgenochtend|morgenvroeg", 1, "TMO"),
            ("morgenavond", 1, "TEV"),
        ),
        quarter_words=("kwartaal",),
        century_words=("eeuw",),
        decade_words=("jaren",),
        era_words=("chr",),
        refs=(
            (r"(?-i:nu)(?=[\s,.])|momenteel|tegenwoordig|op\s+dit\s+moment|thans", PRESENT),
            (r"onlangs|recent(?:elijk)?(?!\w)|kortgeleden", PAST),
            (r"in\s+de\s+toekomst|binnenkort", FUTURE),
        ),
        anaphoric=(
            (r"dezelfde\s+dag|die\s+dag", DAY, 0),
            (r"de\s+volgende\s+dag|de\s+dag\s+erna", DAY, 1),
            (r"het\s+jaar\s+(?:erna|daarop)|het\s+volgende\s+jaar", YEAR, 1),
        ),  # fmt: skip
        later=((r"{N}\s+(?P<u>dagen|dag|weken|week|maanden|maand|jaar)\s+(?:later|daarna)", 1),),
        units={
            "dag": DAY,
            "dagen": DAY,
            "week": WEEK,
            "weken": WEEK,
            "maand": MONTH,
            "maanden": MONTH,
            "jaar": YEAR,
        },
        quarter=r"(?:het\s+)?(?P<q>eerste|tweede|derde|vierde)\s+kwartaal(?:\s+(?:van\s+)?(?P<y>(?:19|20)\d\d))?",
        ordinals={"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4},
        seasons={
            "lente": "SP",
            "voorjaar": "SP",
            "zomer": "SU",
            "herfst": "FA",
            "najaar": "FA",
            "winter": "WI",
        },
        season_prep=r"(?:in|tijdens|sinds)",
        season_pre=r"(?:de|het|deze|dit|vorige|volgende|afgelopen|komende)",
        season_year=r"\s+(?:van\s+)?",
        century=r"(?:de\s+)?(?P<c>\d{1,2})(?:e|de|ste)\s+eeuw",
        decade=r"(?:de\s+)?jaren\s+(?:(?P<d>1[5-9]\d0|20[0-2]0)|['’]?(?P<dd>\d0))",
        holidays={
            r"kerstmis|eerste\s+kerstdag": (12, 25),
            r"oudejaarsavond": (12, 31),
            r"nieuwjaarsdag": (1, 1),
            r"koningsdag": (4, 27),
        },  # fmt: skip
        era_bc=r"v\.\s?Chr\.?",
        era_ad=r"n\.\s?Chr\.?",
    ),
    "pt": ExtraSpec(
        day_parts=(
            ("esta\\s+manhã|hoje\\s+de\\s+manhã", 0, "TMO"),
            ("esta\\s+tarde|hoje\\s+à\\s+tarde", 0, "TAF"),
            ("esta\\s+noite|hoje\\s+à\\s+noite", 0, "TNI"),
            ("ontem\\s+à\\s+noite", -1, "TNI"),
            ("ontem\\s+de\\s+manhã", -1, "TMO"),
            ("amanhã\\s+de\\s+manhã", 1, "TMO"),
        ),
        quarter_words=("trimestre",),
        century_words=("século",),
        decade_words=("anos",),
        era_words=("c.",),
        refs=(
            (r"agora|atualmente|hoje\s+em\s+dia|neste\s+momento|no\s+momento", PRESENT),
            (r"recentemente|ultimamente", PAST),
            (r"no\s+futuro|em\s+breve", FUTURE),
        ),
        anaphoric=(
            (r"no\s+mesmo\s+dia|naquele\s+dia", DAY, 0),
            (r"no\s+dia\s+seguinte", DAY, 1),
            (r"no\s+ano\s+seguinte", YEAR, 1),
        ),  # fmt: skip
        later=((r"{N}\s+(?P<u>dias?|semanas?|mês|meses|anos?)\s+(?:depois|mais\s+tarde)", 1),),
        units={
            "dia": DAY,
            "dias": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mês": MONTH,
            "meses": MONTH,
            "ano": YEAR,
            "anos": YEAR,
        },  # fmt: skip
        quarter=r"(?:o\s+)?(?P<q>primeiro|segundo|terceiro|quarto)\s+trimestre(?:\s+de\s+(?P<y>(?:19|20)\d\d))?",
        ordinals={"primeiro": 1, "segundo": 2, "terceiro": 3, "quarto": 4},
        seasons={"primavera": "SP", "verão": "SU", "outono": "FA", "inverno": "WI"},
        season_prep=r"(?:em|no|na|durante|desde)",
        season_pre=r"(?:este|esta|o|a|neste|nesta|próximo|próxima|último|passado)",
        season_year=r"\s+(?:de\s+)?",
        century=r"(?:o\s+)?século\s+(?P<c>[XVI]{1,5})",
        decade=r"(?:os\s+|nos\s+)?anos\s+(?:(?P<d>1[5-9]\d0|20[0-2]0)|(?P<dd>\d0))",
        holidays={r"natal": (12, 25), r"ano\s+novo": (1, 1), r"réveillon": (12, 31)},
        era_bc=r"a\.\s?C\.",
        era_ad=r"d\.\s?C\.",
    ),
}
