"""Date vocabulary beyond calendar dates for English, German and Dutch (see ``dates_lexicon_extra``)."""

from __future__ import annotations

from reader.core.annotate.dates_lexicon_extra import FUTURE, PAST, PRESENT, ExtraSpec
from reader.core.annotate.dates_spec import DAY, MONTH, YEAR

_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
           "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
           "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
           "nineteenth": 19, "twentieth": 20, "twenty-first": 21}  # fmt: skip
_DE_ORD = {"erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4,
           "vierten": 4}  # fmt: skip
# "zwei Tage später": nominative plurals, beside the dative forms of the German lexicon ("vor zwei Tagen").
_DE_UNITS = {"tage": DAY, "monate": MONTH, "jahre": YEAR}


GERMANIC_EXTRAS: dict[str, ExtraSpec] = {
    "en": ExtraSpec(
        moveable={
            "easter(?:\\s+sunday)?(?!\\s+island)": ("easter", 0, 0, 0),
            "good\\s+friday": ("easter", -2, 0, 0),
            "easter\\s+monday": ("easter", 1, 0, 0),
            "thanksgiving(?:\\s+day)?": ("nth", 11, 3, 4),
            "memorial\\s+day": ("nth", 5, 0, -1),
            "labou?r\\s+day": ("nth", 9, 0, 1),
            "mother['’]s\\s+day": ("nth", 5, 6, 2),
        },
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
                r"recently|lately|in\s+recent\s+(?:years|months|weeks|days)|the\s+past(?=[,.;])",
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
        moveable={
            "ostern|ostersonntag": ("easter", 0, 0, 0),
            "karfreitag": ("easter", -2, 0, 0),
            "ostermontag": ("easter", 1, 0, 0),
            "(?:christi\\s+)?himmelfahrt": ("easter", 39, 0, 0),
            "pfingsten|pfingstsonntag": ("easter", 49, 0, 0),
            "pfingstmontag": ("easter", 50, 0, 0),
            "rosenmontag": ("easter", -48, 0, 0),
            "aschermittwoch": ("easter", -46, 0, 0),
            "fronleichnam": ("easter", 60, 0, 0),
            "muttertag": ("nth", 5, 6, 2),
        },
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
            r"(?:ersten\s+)?weihnachtstag|weihnachten": (12, 25),
            r"silvester": (12, 31),
            r"neujahr(?:stag)?": (1, 1),
            r"tag\s+der\s+deutschen\s+einheit": (10, 3),
        },
        era_bc=r"v\.\s?Chr\.?|vor\s+Christus|v\.\s?u\.\s?Z\.",
        numbers={"ein": 1, "eine": 1, "einen": 1, "elf": 11, "zwölf": 12},
        era_ad=r"n\.\s?Chr\.?|nach\s+Christus",
    ),
    "nl": ExtraSpec(
        moveable={
            "pasen|paaszondag|eerste\\s+paasdag": ("easter", 0, 0, 0),
            "goede\\s+vrijdag": ("easter", -2, 0, 0),
            "paasmaandag|tweede\\s+paasdag": ("easter", 1, 0, 0),
            "hemelvaartsdag": ("easter", 39, 0, 0),
            "pinksteren": ("easter", 49, 0, 0),
        },
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
}
