"""Corrections to the tagger's token spans, for error patterns measured on public dev data (issue 9).

A CRF sees only a few words around each word, so a handful of mistakes it makes are cheaper to fix by rule
than to learn from the little open training data there is. Each rule works on token indices of one window.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.annotate import gazetteer as lex
from reader.core.annotate.gazetteer import Gazetteer
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


def clean_chunk(
    tokens: Sequence[str], first: int, last: int, kind: SpanKind
) -> list[tuple[int, int, SpanKind]]:
    """The token ranges a tagged chunk stands for: leading lower-case words and leading titles of a person
    are dropped; a person chunk is cut at "and"; a chunk of one word that only names a thing ("ISBN",
    "Partei") is dropped; a place after a club word is the club ("Real Madrid")."""
    while first < last and not _cap(tokens[first]):
        first += 1
    if kind is SpanKind.LOCATION and first > 0 and tokens[first - 1] in CLUB_WORDS:
        return [(first - 1, last, SpanKind.ORGANIZATION)]
    if first > 0 and _honorific(tokens[first - 1]) and last - first < 2:
        kind = SpanKind.PERSON  # "Mr. Haversham" is a person even if the name looks like a place
    if kind is SpanKind.PERSON:
        while first < last and is_title(tokens[first]):
            first += 1
    pieces = [(first, last)]
    if kind is SpanKind.PERSON:
        pieces = []
        start = first
        for i in range(first, last + 1):
            if tokens[i].casefold() in COORDINATORS:
                if i > start:
                    pieces.append((start, i - 1))
                start = i + 1
        if start <= last:
            pieces.append((start, last))
    return [(a, b, kind) for a, b in pieces if not (a == b and tokens[a] in NOT_ENTITIES)]


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
