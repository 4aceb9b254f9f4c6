"""Corrections to the tagger's token spans, for error patterns measured on public dev data (issue 9).

A CRF sees only a few words around each word, so a handful of mistakes it makes are cheaper to fix by rule
than to learn from the little open training data there is. Each rule works on token indices of one window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.annotate import gazetteer as lex
from reader.core.annotate.gazetteer import Gazetteer
from reader.core.annotate.word_lists import noun_class
from reader.core.document import SpanKind

# Words that join two names: a person span never runs across them ("Van Boxmeer and Di Rupo").
COORDINATORS = frozenset("and und et y e en i og och или , ; &".split())
# Honorifics and titles before a surname ("Mr. Smith", "Frau Kowalczyk", "M. Dupont").
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. herr frau m. mme mme. sr. sra. sig. signor signora".split()
)
# Capitalized acronyms and words that name things, not entities (issue 9: "ISBN", "DAX", "Full-HD").
NOT_ENTITIES = lex.NOT_ACRONYMS | frozenset(
    """
    ISBN ISSN DAX HD UHD Full-HD LED LCD OLED URL WLAN WiFi GPS CO2 MwSt GmbH AG USt DSGVO PS km kg
    Partei Region Regierung Stadt Land Gemeinde Kreis Bundesland Landkreis Staat Republik Königreich
    """.split()
)


# Words that make a place name a sports club's ("Real Madrid", "Borussia Dortmund", "FC Basel").
CLUB_WORDS = frozenset(
    "Real Atlético Athletic Inter FC AC AS SC SV VfB VfL TSV TSG Borussia Eintracht Fortuna Olympique "
    "Sporting Dynamo Dinamo Lokomotiv Spartak Racing Hertha Werder Union Rapid Austria Hapoel Maccabi".split()
)


_SCORE = re.compile(r"\d+(?:[-–:]\d+)?")
_VERSUS = frozenset("v v. vs vs. gegen contra tegen".split())
# Spanish and Italian cities take no article, so a masculine article before one names the club: "el
# Valencia", "del Barcelona", "il Milan", "al Parma".
_CLUB_ARTICLES = {"es": frozenset("el del al".split()), "it": frozenset("il del al dal nel col".split())}


def plays_as_club(
    gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, kind: SpanKind, lang: str | None
) -> bool:
    """A place that stands for its sports club: before a score in a results line ("Livingston 1 Hamilton
    0", "Oldham 4 0 1 3"), after "v"/"vs", or a city after a masculine article in Spanish or Italian
    (``_CLUB_ARTICLES``). Countries stay places (national teams are typed LOC). The place is what the
    tagger found (``kind``) or a listed city or region whatever the tagger called it."""
    article = tokens[first - 1] if first > 0 else ""
    if first == 1:
        article = article.casefold()  # "El Valencia ganó …"; elsewhere "El" is part of a name ("El Paso")
    if article in _CLUB_ARTICLES.get(lang or "", ()):
        entry = gaz.lookup(" ".join(tokens[first : last + 1]))
        # Italian regions take the article ("il Piemonte"), Spanish ones rarely ("Valencia" is listed so)
        city = entry is not None and (entry.ident.startswith("loc:g") or entry.ident.startswith("loc:es-"))
        if city:
            return True
    numbers = sum(1 for t in tokens if _SCORE.fullmatch(t))
    results = numbers >= 2 and numbers * 3 >= len(tokens)
    after = tokens[last + 1] if last + 1 < len(tokens) else ""
    before = tokens[first - 1].casefold() if first > 0 else ""
    if not ((results and _SCORE.fullmatch(after)) or before in _VERSUS):
        return False
    entry = gaz.lookup(" ".join(tokens[first : last + 1]))
    if entry is None:
        return kind is SpanKind.LOCATION
    return entry.kind is SpanKind.LOCATION and not is_country(gaz, " ".join(tokens[first : last + 1]))


def is_country(gaz: Gazetteer, name: str) -> bool:
    """A country or territory (the gazetteer's CLDR entries, ids like "loc:NO")."""
    entry = gaz.lookup(name)
    code = entry.ident.partition(":")[2] if entry is not None else ""
    return entry is not None and entry.kind is SpanKind.LOCATION and code.isupper() and len(code) <= 3


_ROMAN = re.compile(r"[IVXLCDM]+")


def acronym_organisations(gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool]) -> list[int]:
    """Untagged unknown acronyms in ordinary text ("ANATEL", "NMBS"): organisations, as most are in news.
    Listed acronyms keep their listed type; thing acronyms, Roman numerals and capitals headlines are left."""
    words = [t for t in tokens if len(t) > 1 and t[:1].isalpha()]
    if sum(1 for t in words if t.isupper()) * 2 > len(words):
        return []  # a headline or dateline in capitals
    return [
        i
        for i, word in enumerate(tokens)
        if not taken[i]
        and 2 <= len(word) <= 6
        and word.isalpha()
        and word.isupper()
        and word not in NOT_ENTITIES
        and not _ROMAN.fullmatch(word)
        and gaz.lookup(word) is None
        and not gaz.is_common(word, None)
    ]


# Words that make a name an event or competition, an other name (MISC) rather than an organisation or a
# place: as the first word ("Copa del Rey", "Liga de Campeones", "Olympische Spelen") or the last ("World
# Cup", "U.S. Open", "Davis Cup").
EVENT_FIRST = frozenset(
    """
    Copa Liga Supercopa Juegos Mundial Campeonato Olimpiadas Eurocopa Vuelta Giro Tour Coppa Giochi
    Olympische Wereldbeker Olympischen Weltmeisterschaft Europameisterschaft Fußball-WM Fußball-EM
    Coupe Jeux Championnat Mondial Taça Jogos Olympic Olympics
    """.split()
)
EVENT_LAST = frozenset(
    "Cup Open Olympics Games Championship Championships Prix Trophy Tour Series Masters Slam "
    "Spelen Spiele Wereldbeker Pokal Mundial Juegos Olimpiadas".split()
)


def is_event(tokens: Sequence[str], first: int, last: int) -> bool:
    """A name of an event or competition ("Liga de Campeones", "World Cup"): see EVENT_FIRST/EVENT_LAST."""
    words = [t for t in tokens[first : last + 1] if t[:1].isalpha()]
    if not words:
        return False
    head, tail = words[0].capitalize(), words[-1].capitalize()
    return head in EVENT_FIRST or (len(words) > 1 and tail in EVENT_LAST)


_EVENT_LINKS = frozenset("de del la las los of the van der des du di della".split())


def events(tokens: Sequence[str], taken: Sequence[bool]) -> list[tuple[int, int]]:
    """Untagged names that start with an event word ("Copa del Rey", "Juegos Olímpicos"): their tokens."""
    out = []
    i = 0
    while i < len(tokens):
        if taken[i] or tokens[i] not in EVENT_FIRST:
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(tokens) and not taken[j] and (_cap(tokens[j]) or tokens[j] in _EVENT_LINKS):
            if _cap(tokens[j]):
                last = j
            j += 1
        out.append((i, last))
        i = last + 1
    return out


def part_is_entity(word: str) -> bool:
    """A name found inside a hyphenated word ("NATO" in "NATO-Chef"), unless it only names a thing."""
    return word not in NOT_ENTITIES


def is_title(word: str) -> bool:
    folded = word.casefold().rstrip(".")
    return folded in lex.TITLES or (word[:1].isupper() and folded.endswith(lex.TITLE_SUFFIXES))


def _honorific(word: str) -> bool:
    folded = word.casefold()
    return folded in HONORIFICS or folded.rstrip(".") in HONORIFICS


def _cap(word: str) -> bool:
    return word[:1].isupper()


# Lower-case words a name may contain ("Bank of England", "Organisation für Sicherheit und Zusammenarbeit").
_INNER_WORDS = (
    lex.ORG_CONNECTORS | lex.NAME_PARTICLES | frozenset("do dos das of the y e et i o a os as".split())
)


def _breaks_name(word: str, kind: SpanKind) -> bool:
    """A word a name does not run across: a number or a score ("Blenkiron 4-43"), punctuation, a
    lower-case word that is not a connector ("Leicestershire beat Somerset"), "and" inside a person."""
    if kind is SpanKind.PERSON and word.casefold() in COORDINATORS:
        return True
    if not any(ch.isalpha() for ch in word):
        return word not in ("&", "-", "'", "’", ".")
    return word[:1].islower() and word not in _INNER_WORDS


def clean_chunk(
    tokens: Sequence[str], first: int, last: int, kind: SpanKind
) -> list[tuple[int, int, SpanKind]]:
    """The token ranges a tagged chunk stands for: leading lower-case words and leading titles of a person
    are dropped; a chunk is cut where a name cannot go on (``_breaks_name``); a chunk of one word that only
    names a thing ("ISBN", "Partei") is dropped; a place after a club word is the club ("Real Madrid")."""
    while first < last and not _cap(tokens[first]):
        first += 1
    if kind is SpanKind.LOCATION and first > 0 and tokens[first - 1] in CLUB_WORDS:
        return [(first - 1, last, SpanKind.ORGANIZATION)]
    if first > 0 and _honorific(tokens[first - 1]) and last - first < 2:
        kind = SpanKind.PERSON  # "Mr. Haversham" is a person even if the name looks like a place
    if kind is SpanKind.PERSON:
        while first < last and is_title(tokens[first]):
            first += 1
    pieces = []
    start = first
    for i in range(first, last + 1):
        if _breaks_name(tokens[i], kind):
            if i > start:
                pieces.append((start, i - 1))
            start = i + 1
    if start <= last:
        pieces.append((start, last))
    pieces = [(a, b) for a, b in pieces if _cap(tokens[a]) or a == first]
    return [(a, b, kind) for a, b in pieces if not (a == b and tokens[a] in NOT_ENTITIES)]


def is_plain_noun(gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, lang: str | None) -> bool:
    """One word that the language's noun list knows only as a common noun, and no list knows as a name
    ("Millionenhöhe", "Bahn"): in German the tagger's person, place or organisation is most likely wrong.
    Longer spans keep their nouns ("Lehrter Bahnhof", "Lady Gaga")."""
    word = tokens[first]
    if first != last or noun_class(word, lang) != "noun":
        return False
    return gaz.lookup(word) is None and word not in gaz.given_names


_INITIAL = re.compile(r"[^\W\d_a-z]\.")


def with_initial(tokens: Sequence[str], first: int, last: int, kind: SpanKind) -> tuple[int, int, SpanKind]:
    """A person with the initial of a first name before it ("M. Gatting"): the initial is in the name."""
    if kind is SpanKind.PERSON and first > 0 and _INITIAL.fullmatch(tokens[first - 1]):
        return first - 1, last, kind
    return first, last, kind


def initialled_people(gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool]) -> list[tuple[int, int]]:
    """An initial and an unknown capitalized word, both untagged ("P. Simmons"): a person."""
    out = []
    for i, word in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if taken[i] or taken[i + 1] or not _INITIAL.fullmatch(word) or not nxt[1:].islower():
            continue
        if _cap(nxt) and len(nxt) > 2 and gaz.lookup(nxt) is None and not gaz.is_common(nxt, None):
            out.append((i, i + 1))
    return out


def named_people(gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool]) -> list[tuple[int, int]]:
    """A listed given name, surname particles and an unknown capitalized word, all untagged ("Frank Van
    Boxmeer", "Elio Di Rupo"): a person."""
    out = []
    for i, word in enumerate(tokens):
        if taken[i] or word not in gaz.given_names or gaz.is_common(word, None):
            continue
        j = i + 1
        while j < len(tokens) and not taken[j] and tokens[j].casefold() in lex.NAME_PARTICLES:
            j += 1
        if j == len(tokens) or taken[j] or not _cap(tokens[j]) or not tokens[j][1:].islower():
            continue
        if gaz.lookup(tokens[j]) is None and not gaz.is_common(tokens[j], None) and len(tokens[j]) > 2:
            out.append((i, j))
    return out


def lone_given_names(
    gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool], lang: str | None
) -> list[tuple[int, int]]:
    """A listed given name alone, untagged, inside a sentence ("sagte Walter", "mit Biggi"): a person. Not
    a name that is also a word, a place or a German noun ("Will", "Paris", "Rose")."""
    out = []
    for i, word in enumerate(tokens):
        if taken[i] or i == 0 or not tokens[i - 1][:1].isalnum() or word not in gaz.given_names:
            continue
        if len(word) < 3 or not word[1:].islower() or gaz.is_common(word, lang) or gaz.lookup(word):
            continue
        if noun_class(word, lang) not in ("noun", "both"):
            out.append((i, i))
    return out


def titled_people(gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool]) -> list[tuple[int, int]]:
    """Untagged capitalized words right after an honorific ("Mr. Smith"): a person, up to two words."""
    out = []
    for i, word in enumerate(tokens[:-1]):
        if not _honorific(word):
            continue
        j = i + 1
        if taken[j] or not _cap(tokens[j]) or gaz.is_common(tokens[j], None):
            continue
        last = j
        while last + 1 < len(tokens) and last - j < 1 and _cap(tokens[last + 1]) and not taken[last + 1]:
            last += 1
        out.append((j, last))
    return out


# Verbs of saying: an unknown capitalized word right before one at the start of a sentence ("Kowalski
# sagte …"), or right after one and before a comma or period ("…, sagte Kowalski."), is a person in news.
REPORTING_VERBS = frozenset(
    """
    sagte sagt erklärte erklärt betonte betont meinte meint forderte fordert warnte warnt schrieb schreibt
    bestätigte bestätigt widersprach kritisierte kritisiert lehnte räumte sprach fügte
    said says told added explained warned wrote stated argued noted insisted declined denied admitted
    dijo afirmó declaró explicó aseguró señaló indicó añadió
    déclare affirme explique estime souligne précise ajoute
    dice afferma spiega dichiara sottolinea aggiunge
    zei zegt verklaarde verklaart benadrukte schreef
    disse afirmou declarou explicou
    """.split()
)
_CLAUSE_END = frozenset(",.;:!?")


def speakers(gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool], lang: str | None) -> list[int]:
    """Untagged unknown capitalized words that a verb of saying marks as a person (see REPORTING_VERBS)."""
    out = []
    n = len(tokens)
    for i, word in enumerate(tokens):
        if taken[i] or not _cap(word) or len(word) < 3 or not word[1:].islower():
            continue
        if gaz.is_common(word, lang) or gaz.lookup(word) is not None:
            continue
        starts_sentence = i == 0 or not tokens[i - 1][:1].isalnum()
        before_verb = starts_sentence and i + 1 < n and tokens[i + 1] in REPORTING_VERBS
        after_verb = (
            i > 0 and tokens[i - 1] in REPORTING_VERBS and (i + 1 == n or tokens[i + 1] in _CLAUSE_END)
        )
        if before_verb or after_verb:
            out.append(i)
    return out
