"""Tokens, windows and features of the entity tagger: one definition for training and for run time.

The features are language-independent on purpose, so one model serves every language written with capital
letters: word shape, affixes, capitalisation with sentence-start awareness, neighbouring words, gazetteer
membership (GeoNames/CLDR places, organisations, given names, common words), how frequent the word is in
the language (``word_ranks``), whether it is a surname somewhere and, in German, a known common-noun form
(``word_lists``), the role of the words around it in any language (place preposition, title, verb of
saying, organisation head or tail: ``_word_class``) and what the gazetteer rules (``rules``) found. The
language-specific inputs are those lists and whether the language capitalizes every noun (German,
Luxembourgish), because there a capital letter says much less.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.annotate import gazetteer as lex
from reader.core.annotate.gazetteer import Gazetteer
from reader.core.annotate.rules import rule_spans
from reader.core.annotate.span_fixes import REPORTING_VERBS
from reader.core.annotate.word_lists import is_surname, noun_class
from reader.core.annotate.word_ranks import rank_class
from reader.core.document import SpanKind

# "U.S." and "e.g." stay one token (the issue's trailing-period defect); "'s" is split off like in the
# training data; words keep inner hyphens, ampersands and apostrophes ("Baden-Württemberg", "O'Brien").
# Titles keep their period ("Mr.", "Dr."), as do initials before a name ("A. Dale"), as in the training data.
TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Sen|Gov|Rep|Lt|Col|Capt|Sgt|Mt|Mme|Mlle|Hr|Fr|Sra|Dra)\.(?=\s)"
    r"|[^\W\d_a-z]\.(?=\s+[^\W\d_a-z])"
    r"|\w+(?:[-&]\w+|['’](?![sS]\b)\w+)*|['’][sS]\b|\S"
)
# A window is at most this many tokens: the tagger's cost is linear in it, and long paragraphs without
# sentence punctuation are cut here (issue 14: recognition must be linear in paragraph length).
MAX_WINDOW = 80
_SENTENCE_FINAL = frozenset(".!?")
_OPENERS = frozenset("\"'„“”‚‘’«»([-–—*")
# Abbreviations after which a period does not end the sentence ("Mr. Smith", "Dr. Klee", "St. Louis").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sen gen gov rep lt col sgt capt jr sr mt ft no nr hr fr mme mlle sig sra dra dott "
    "av vs ca bzw inc corp co ltd jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
NOUN_CAPITALIZING = frozenset({"de", "lb"})


@dataclass(frozen=True, slots=True)
class Window:
    """Tokens of one sentence (or a cut piece of one) with their offsets in the original text."""

    tokens: list[str]
    starts: list[int]


def tokenize(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def windows(text: str) -> list[Window]:
    """The text's tokens cut into sentences, and sentences longer than MAX_WINDOW into pieces."""
    out: list[Window] = []
    tokens: list[str] = []
    starts: list[int] = []
    spans = tokenize(text)
    for k, (start, end) in enumerate(spans):
        word = text[start:end]
        tokens.append(word)
        starts.append(start)
        boundary = len(tokens) >= MAX_WINDOW
        if word in _SENTENCE_FINAL and k + 1 < len(spans) and len(tokens) > 1:
            prev = tokens[-2].casefold()
            nxt = text[spans[k + 1][0] : spans[k + 1][1]]
            abbreviation = prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha())
            boundary = boundary or (not abbreviation and (nxt[:1].isupper() or nxt[:1] in _OPENERS))
        elif "\n" in text[end : spans[k + 1][0] if k + 1 < len(spans) else end]:
            boundary = True
        if boundary:
            out.append(Window(tokens, starts))
            tokens, starts = [], []
    if tokens:
        out.append(Window(tokens, starts))
    return out


def _shape(word: str) -> str:
    """Collapsed character classes: "Xx", "X", "x", "d", "X.X.", "Xx-Xx", "xXx" …"""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _all_caps(tokens: Sequence[str]) -> bool:
    """A headline or dateline in capitals ("BERLIN", "TRUMP MEETS PUTIN"): its capitals say nothing."""
    words = [t for t in tokens if len(t) > 1 and t[0].isalpha()]
    upper = sum(1 for t in words if t.isupper())
    return len(words) >= 2 and upper >= 0.75 * len(words) and upper >= 2 or (len(words) == 1 == upper)


def recase(tokens: Sequence[str], gaz: Gazetteer, lang: str | None) -> list[str]:
    """An all-capitals window written as ordinary text: common words in lower case, the rest capitalized,
    except inside a listed name of two words ("LOS ANGELES", "KANSAS CITY")."""
    out = []
    listed: set[int] = set()
    for i in range(len(tokens) - 1):
        pair = f"{tokens[i].capitalize()} {tokens[i + 1].capitalize()}"
        if tokens[i].isupper() and tokens[i + 1].isupper() and gaz.lookup(pair) is not None:
            listed.update((i, i + 1))
    for i, word in enumerate(tokens):
        if i in listed:
            out.append(word.capitalize())
        elif not word.isupper() or len(word) < 2:
            out.append(word)
        elif gaz.lookup(word) is not None and gaz.lookup(word.capitalize()) is None:
            out.append(word)  # a known acronym: "NATO"
        elif gaz.is_common(word, lang):
            out.append(word.lower())
        else:
            out.append(word.capitalize())
    return out


@dataclass(frozen=True, slots=True)
class WordPart:
    """A name inside a longer word that the rules found ("NATO" in "NATO-Chef"): token, offset, length."""

    token: int
    offset: int
    length: int
    kind: SpanKind
    value: str | None


@dataclass(frozen=True, slots=True)
class KnownName:
    """A name of several words that the gazetteer holds as a whole ("Organisation für Sicherheit und
    Zusammenarbeit in Europa"): trusted over the tagger, which sees only a few words around each word."""

    first: int
    last: int
    kind: SpanKind
    value: str | None


@dataclass(frozen=True, slots=True)
class Analysis:
    features: list[list[str]]
    parts: list[WordPart]
    known: list[KnownName]


def _rule_tags(
    gaz: Gazetteer, tokens: Sequence[str], spaces: Sequence[bool], lang: str | None, surnames: set[str]
) -> tuple[list[str], list[WordPart], list[KnownName]]:
    """Per token what the rules found there ("B-LOC", "I-PER", "P-ORG" for part of a word, or ""), the word
    parts and the known multi-word names."""
    text_parts = []
    starts = []
    pos = 0
    for word, space in zip(tokens, spaces, strict=True):
        starts.append(pos)
        text_parts.append(word + (" " if space else ""))
        pos += len(word) + (1 if space else 0)
    text = "".join(text_parts)
    tags = [""] * len(tokens)
    parts: list[WordPart] = []
    known: list[KnownName] = []
    spans = sorted(rule_spans(gaz, text, lang, surnames), key=lambda s: s.start)
    k = 0
    for span in spans:
        while k < len(tokens) and starts[k] + len(tokens[k]) <= span.start:
            k += 1
        j = k
        while j < len(tokens) and starts[j] < span.end:
            whole = starts[j] >= span.start and starts[j] + len(tokens[j]) <= span.end
            prefix = "P" if not whole else "B" if starts[j] <= span.start else "I"
            tags[j] = f"{prefix}-{span.kind.value}"
            inside = span.start >= starts[j] and span.end <= starts[j] + len(tokens[j])
            if not whole and inside and "-" in tokens[j]:
                parts.append(
                    WordPart(j, span.start - starts[j], span.end - span.start, span.kind, span.value)
                )
            j += 1
        whole_words = j > k and starts[k] == span.start and span.end == starts[j - 1] + len(tokens[j - 1])
        if whole_words and gaz.lookup(text[span.start : span.end]) is not None:
            known.append(KnownName(k, j - 1, span.kind, span.value))
    return tags, parts, known


def features(
    gaz: Gazetteer, tokens: Sequence[str], lang: str | None, spaces: Sequence[bool] | None = None
) -> list[list[str]]:
    """One feature list per token (crfsuite's binary string features)."""
    return analyse(gaz, tokens, lang, spaces, set()).features


@dataclass(frozen=True, slots=True)
class _Word:
    """What a word contributes on its own, wherever it stands (cached: news repeats its words)."""

    lower: str
    shape: str
    common: bool
    rank: str
    cls: str
    features: tuple[str, ...]


_WORD_CACHE: dict[tuple[int, str | None], dict[str, _Word]] = {}
_WORD_CACHE_LIMIT = 200_000


def _word(gaz: Gazetteer, lang: str | None, word: str) -> _Word:
    table = _WORD_CACHE.setdefault((id(gaz), lang), {})
    hit = table.get(word)
    if hit is not None:
        return hit
    lower = word.casefold()
    shape = _shape(word)
    f = [
        "b",
        "w=" + lower,
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "p2=" + lower[:2],
        "p3=" + lower[:3],
        "p4=" + lower[:4],
        "s1=" + lower[-1:],
        "sh=" + shape,
        f"len={min(len(word), 8)}",
    ]
    common = False
    rank = rank_class(word, lang)
    f.append("fq=" + rank)
    if word[:1].isupper():
        entry = gaz.lookup(word)
        if entry is not None:
            f.append("g=" + entry.kind.value)
            f.append("gsrc=" + _source(entry.ident))
        if word in gaz.given_names:
            f.append("gn")
        if is_surname(word):
            f.append("sn")
            if entry is not None:
                f.append("sn|g=" + entry.kind.value)  # "Madrid", "Paris": a surname too, a place mostly
        noun = noun_class(word, lang)
        if noun is not None:
            f.append("dn=" + noun)
            if entry is not None or "gn" in f:
                f.append("dn|g=" + noun)  # a listed name that is also a noun form ("Wolga", "Koch")
        if gaz.is_common(word, lang):
            common = True
            f.append("cm")
        if lower.rstrip(".") in lex.TITLES:
            f.append("ttl")
    if len(table) >= _WORD_CACHE_LIMIT:
        table.clear()
    cls = _word_class(word, lower)
    if cls:
        f.append("c=" + cls)
    table[word] = result = _Word(lower, shape, common, rank, cls, tuple(f))
    return result


# Words of one role in any language, so that what the tagger learns around "em"/"in"/"nach" in one
# language carries to "en"/"naar" in another, which has no training data of its own (Spanish, Dutch).
_PLACE_PREPOSITIONS = lex.PLACE_PREPOSITIONS | frozenset("naar uit desde hacia".split())
_REPORTING = REPORTING_VERBS


def _word_class(word: str, lower: str) -> str:
    """The word's role next to a name: place preposition, title, verb of saying, organisation head or
    tail; "" for any other word."""
    if lower in _PLACE_PREPOSITIONS:
        return "pp"
    if lower.rstrip(".") in lex.TITLES:
        return "ttl"
    if lower in _REPORTING:
        return "say"
    if word in lex.ORG_HEADS:
        return "orgh"
    if word in lex.ORG_TAILS:
        return "orgt"
    return ""


def _source(ident: str) -> str:
    """What kind of list a gazetteer entry came from: a country (CLDR code), a GeoNames city, or curated."""
    code = ident.partition(":")[2]
    if code.isupper() and len(code) <= 3:
        return "country"
    if code[:1] == "g" and code[1:].isdigit():
        return "city"
    return "curated"


def analyse(
    gaz: Gazetteer,
    tokens: Sequence[str],
    lang: str | None,
    spaces: Sequence[bool] | None,
    surnames: set[str],
) -> Analysis:
    """Features per token, and what the rules found that the tagger cannot (``surnames``: people seen
    earlier in the article)."""
    if spaces is None:
        spaces = [True] * len(tokens)
    caps = _all_caps(tokens)
    words = recase(tokens, gaz, lang) if caps else list(tokens)
    rules, parts, known = _rule_tags(gaz, words, spaces, lang, surnames)
    nc = "nc" if lang in NOUN_CAPITALIZING else "lc"
    info = [_word(gaz, lang, word) for word in words]
    initial = []
    seen_word = False
    prev_final = True
    for word in words:
        is_word = word[:1].isalnum()
        initial.append(is_word and (not seen_word or prev_final))
        if is_word:
            seen_word = True
            prev_final = False
        elif word in _SENTENCE_FINAL or word == ":":
            prev_final = True
    out: list[list[str]] = []
    n = len(words)
    for i in range(n):
        me = info[i]
        shape, rule, ini = me.shape, rules[i], initial[i]
        f = [*me.features, "r=" + rule, f"{nc}|sh={shape}|ini={ini}", f"{nc}|r={rule}"]
        if shape[:1] == "X":
            f.append(f"{nc}|fq={me.rank}|ini={ini}")
        if caps:
            f.append("caps")
        if me.common:
            f.append(f"cm|ini={ini}")
        if i >= 2:
            f += ["w-2=" + info[i - 2].lower, "sh-2=" + info[i - 2].shape, "c-2=" + info[i - 2].cls]
            f.append(f"w-2|w-1={info[i - 2].lower}|{info[i - 1].lower}")
        else:
            f.append("w-2=<pad>")
        if i >= 1:
            prev = info[i - 1]
            f.append("c-1=" + prev.cls)
            f += [
                "w-1=" + prev.lower,
                "sh-1=" + prev.shape,
                "r-1=" + rules[i - 1],
                f"sh-1|sh={prev.shape}|{shape}",
                f"w-1|w={prev.lower}|{me.lower}",
                f"w-1|sh={prev.lower}|{shape}",
            ]
        else:
            f.append("w-1=<pad>")
        if i + 1 < n:
            nxt = info[i + 1]
            f.append("c1=" + nxt.cls)
            f += [
                "w1=" + nxt.lower,
                "sh1=" + nxt.shape,
                "r1=" + rules[i + 1],
                f"sh1|sh={nxt.shape}|{shape}",
                f"w|w+1={me.lower}|{nxt.lower}",
                f"sh|w+1={shape}|{nxt.lower}",
            ]
        else:
            f.append("w1=<pad>")
        if i + 2 < n:
            f += ["w2=" + info[i + 2].lower, "sh2=" + info[i + 2].shape]
        else:
            f.append("w2=<pad>")
        out.append(f)
    return Analysis(out, parts, known)
