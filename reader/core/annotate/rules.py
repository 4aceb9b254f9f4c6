"""Rules over the gazetteer: the first stage of the built-in recognizer, and a feature for its tagger.

The rules find names through the gazetteer (CLDR territories, GeoNames cities, organisations) and patterns:
acronyms, organisation words ("… Ministry", "… AG", "Bank of …"), given name + surname, a title before a
name, a surname seen earlier in the article, entity parts of hyphenated compounds ("NATO-Chef"), inflected
forms ("Russlands"). Unknown capitalized words count only in languages that don't capitalize nouns. On
their own they are precise but miss what no list holds; ``tagger`` feeds their output to a statistical
sequence tagger that decides (see ``entities.BuiltinRecognizer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.annotate import gazetteer as lex
from reader.core.annotate.gazetteer import Gazetteer
from reader.core.annotate.linking import normalized_value
from reader.core.document import Span, SpanKind

BUILTIN = "builtin"

_TOKEN = re.compile(r"\w+(?:[-'’.&]\w+)*")
_SENTENCE_END = set(".!?:;\n")
_SKIP_BACK = set(" \t\"'„“”‚‘’«»()[]—–-*")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,5}$")
_POSSESSIVE = ("'s", "’s", "'", "’")
_CAPS_LANGS_NOUNS = {"de", "lb"}  # languages that capitalize every noun


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str
    initial: bool  # first word of a sentence (its capital says nothing)

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] in _SKIP_BACK:
            i -= 1
        out.append(_Token(m.start(), m.end(), m.group(), i < 0 or text[i] in _SENTENCE_END))
    return out


def strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return word


class RuleRun:
    """One text's recognition: the token list, the rules applied left to right, and the memory pass."""

    def __init__(self, gaz: Gazetteer, text: str, lang: str | None, surnames: set[str]) -> None:
        self.g = gaz
        self.text = text
        self.lang = lang
        # An unknown language (None) gets no language-specific rule, and its capitals are not trusted.
        self.nouns_capitalized = lang is None or lang in _CAPS_LANGS_NOUNS
        self.toks = _tokens(text)
        self.surnames = surnames
        self.new_surnames: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------------------
    def span(self, start: int, end: int, kind: SpanKind, ident: str | None = None) -> Span:
        surface = self.text[start:end]
        return Span(start, end, kind, surface, normalized_value(kind, surface, ident), BUILTIN)

    def common(self, word: str) -> bool:
        return self.g.is_common(word, self.lang)

    def adjacent(self, i: int) -> bool:
        """Token i+1 follows token i after one space (so they can form one name)."""
        return i + 1 < len(self.toks) and self.text[self.toks[i].end : self.toks[i + 1].start] == " "

    def lookup(self, surface: str) -> tuple[lex.GazetteerEntry, int] | None:
        """Gazetteer entry for a surface or an inflected form of it; returns (entry, chars stripped)."""
        entry = self.g.lookup(surface)
        if entry is not None:
            return entry, 0
        stripped = strip_possessive(surface)
        if stripped != surface and (entry := self.g.lookup(stripped)) is not None:
            return entry, len(surface) - len(stripped)
        if self.lang in ("de", "nl") and len(surface) > 4:
            for suffix in ("s", "es", "n"):
                if surface.endswith(suffix) and (entry := self.g.lookup(surface[: -len(suffix)])) is not None:
                    return entry, 0  # German genitive "Russlands": the whole word is the name
        return None

    def name_word(self, tok: _Token) -> bool:
        """A capitalized word that may be part of a name (not ordinary vocabulary, not a title)."""
        return tok.cap and not self.common(strip_possessive(tok.text)) and not self.is_title(tok)

    def is_title(self, tok: _Token) -> bool:
        word = tok.text.casefold().rstrip(".")
        if word in lex.TITLES:
            return True
        return tok.cap and word.endswith(lex.TITLE_SUFFIXES) and self.lang == "de"

    # -- pass 1: rules left to right -----------------------------------------------------------------
    def first_pass(self) -> list[Span]:
        spans: list[Span] = []
        i = 0
        after_title = False
        while i < len(self.toks):
            tok = self.toks[i]
            found = (
                self.org_pattern(i)
                or self.gazetteer_match(i, multi_only=True)
                or self.person(i, after_title)
                or self.gazetteer_match(i, multi_only=False)
                or self.compound(i)
                or self.acronym(i)
            )
            after_title = self.is_title(tok)
            if found:
                new, i = found
                spans.extend(new)
                after_title = self.is_title(self.toks[i - 1]) and new[-1].end < self.toks[i - 1].end
                continue
            i += 1
        return spans

    def gazetteer_match(self, i: int, *, multi_only: bool) -> tuple[list[Span], int] | None:
        tok = self.toks[i]
        if not tok.cap and tok.text not in ("dpa",):
            return None
        longest = self.g.first_words.get(tok.text, 1)
        n = 1
        while n < longest and self.adjacent(i + n - 1):
            n += 1
        for size in range(n, 1 if multi_only else 0, -1):
            start, end = tok.start, self.toks[i + size - 1].end
            hit = self.lookup(self.text[start:end])
            if hit is None:
                continue
            entry, strip = hit
            if (
                size == 1
                and (self.nouns_capitalized or tok.initial)
                and self.common(strip_possessive(tok.text))
            ):
                return None
            return [self.span(start, end - strip, entry.kind, entry.ident)], i + size
        return None

    def person(self, i: int, after_title: bool) -> tuple[list[Span], int] | None:
        toks = self.toks
        tok = toks[i]
        if not tok.cap:
            return None
        given = 0  # a run of given names: "Recep Tayyip", "Frank-Walter"
        while i + given < len(toks) and self.is_given(toks[i + given]):
            given += 1
            if not self.adjacent(i + given - 1):
                break
        if given:
            k = i + given
            if k < len(toks) and self.adjacent(k - 1):
                while k < len(toks) and toks[k].text in lex.NAME_PARTICLES and self.adjacent(k):
                    k += 1
                if k < len(toks) and self.surname_word(toks[k]):
                    return self.person_span(i, k), k + 1
            if given >= 2:  # "Andrew Bailey": the surname is a given name too
                return self.person_span(i, i + given - 1), i + given
        if after_title and (self.surname_word(tok) or given) and not tok.initial:
            k = i
            while self.adjacent(k) and k - i < 2 and self.surname_word(toks[k + 1]):
                k += 1
            return self.person_span(i, k), k + 1
        return None

    def is_given(self, tok: _Token) -> bool:
        return tok.cap and all(part in self.g.given_names for part in tok.text.split("-"))

    def surname_word(self, tok: _Token) -> bool:
        if not self.name_word(tok):
            return False
        return self.lookup(tok.text) is None or tok.text in self.g.given_names

    def person_span(self, first: int, last: int) -> list[Span]:
        start, end_tok = self.toks[first].start, self.toks[last]
        surname = strip_possessive(end_tok.text)
        end = end_tok.start + len(surname)
        self.new_surnames.add(surname)
        return [self.span(start, end, SpanKind.PERSON)]

    def org_pattern(self, i: int) -> tuple[list[Span], int] | None:
        toks = self.toks
        tok = toks[i]
        word = strip_possessive(tok.text)
        if tok.cap and self.lang == "de" and word.casefold().endswith(lex.ORG_WORD_SUFFIXES):
            if "-" in word:
                return None  # "EU-Kommission": the compound rule marks the entity part
            return [self.span(tok.start, tok.start + len(word), SpanKind.ORGANIZATION)], i + 1
        if not tok.cap or self.common(tok.text) and tok.text not in lex.ORG_HEADS:
            return None
        if tok.initial and tok.text not in lex.ORG_HEADS and self.adjacent(i) and not toks[i + 1].cap:
            return None  # "Shares of Beispiel AG": the name starts after the sentence's first word
        # extend over capitalized words and connectors; remember the last point that ends on a tail word
        k, best = i, -1
        while True:
            t = toks[k]
            w = strip_possessive(t.text)
            if t.cap and w in lex.ORG_TAILS and k > i:
                best = k
            if not self.adjacent(k) or k - i >= 9 or w != t.text:
                break
            nxt = toks[k + 1]
            if nxt.cap or (nxt.text in lex.ORG_LINKS and not self.nouns_capitalized):
                k += 1
                continue
            break
        if toks[i].text in lex.ORG_HEADS:
            end = self.head_complement_end(i)
            if end is not None and end > best:
                best = end
        if best < 0:
            return None
        while best > i and toks[best].text in lex.ORG_CONNECTORS:
            best -= 1
        if best == i and toks[i].text in lex.ORG_TAILS:
            return None  # a lone "Council" / "Bank" is a noun
        if self.common(toks[i].text) and toks[i].text not in lex.ORG_HEADS:
            return None
        last = toks[best]
        end = last.start + len(strip_possessive(last.text))
        hit = self.lookup(self.text[tok.start : end])
        ident = hit[0].ident if hit else None
        return [self.span(tok.start, end, SpanKind.ORGANIZATION, ident)], best + 1

    def head_complement_end(self, i: int) -> int | None:
        """ "Ministry of Foreign Affairs", "Organisation für Sicherheit und Zusammenarbeit in Europa"."""
        toks = self.toks
        k = i
        last_cap = None
        while self.adjacent(k) and k - i < 9:
            nxt = toks[k + 1]
            if nxt.text in lex.ORG_CONNECTORS and nxt.text != "the":
                if nxt.text in lex.ORG_AND and not (self.adjacent(k + 1) and toks[k + 2].cap):
                    break
                k += 1
            elif nxt.cap and not nxt.initial:
                k += 1
                last_cap = k
            else:
                break
            if strip_possessive(toks[k].text) != toks[k].text:
                break
        if last_cap is None or toks[i + 1].text not in lex.ORG_CONNECTORS:
            return None
        return last_cap

    def compound(self, i: int) -> tuple[list[Span], int] | None:
        tok = self.toks[i]
        if "-" not in tok.text:
            return None
        spans = []
        offset = tok.start
        for part in tok.text.split("-"):
            hit = self.lookup(part) if part[:1].isupper() else None
            if hit is not None and not (self.common(part) and not _ACRONYM.match(part)):
                entry, strip = hit
                spans.append(self.span(offset, offset + len(part) - strip, entry.kind, entry.ident))
            elif _ACRONYM.match(part) and part not in lex.NOT_ACRONYMS:
                spans.append(self.span(offset, offset + len(part), SpanKind.ORGANIZATION))
            offset += len(part) + 1
        return (spans, i + 1) if spans else None

    def acronym(self, i: int) -> tuple[list[Span], int] | None:
        tok = self.toks[i]
        word = strip_possessive(tok.text)
        if not _ACRONYM.match(word) or word in lex.NOT_ACRONYMS or sum(c.isupper() for c in word) < 2:
            return None
        return [self.span(tok.start, tok.start + len(word), SpanKind.ORGANIZATION)], i + 1

    # -- pass 2: remembered surnames and (where nouns are lower-case) unknown capitalized words ------------
    def second_pass(self, spans: list[Span]) -> tuple[Span, ...]:
        taken = sorted(spans, key=lambda s: s.start)
        covered = [(s.start, s.end) for s in taken]
        extra: list[Span] = []
        people = self.surnames | self.new_surnames
        i = 0
        c = 0  # covered spans ending at or before the current token are passed (linear, not quadratic)
        while i < len(self.toks):
            tok = self.toks[i]
            while c < len(covered) and covered[c][1] <= tok.start:
                c += 1
            inside = any(a < tok.end and tok.start < b for a, b in covered[c : c + 4])
            if inside or not tok.cap:
                i += 1
                continue
            word = strip_possessive(tok.text)
            stem = word[:-1] if self.lang == "de" and word.endswith("s") else word
            if word in people or stem in people:
                extra.append(self.span(tok.start, tok.start + len(word), SpanKind.PERSON))
                i += 1
                continue
            prev = self.toks[i - 1].text.casefold() if i else ""
            if prev in lex.PLACE_PREPOSITIONS and word in self.g.ambiguous_places:
                extra.append(self.span(tok.start, tok.end, SpanKind.LOCATION, self.g.ambiguous_places[word]))
                i += 1
                continue
            if self.nouns_capitalized or tok.initial or not self.name_word(tok):
                i += 1
                continue
            k = i
            while self.adjacent(k) and self.name_word(self.toks[k + 1]) and not self.toks[k + 1].initial:
                k += 1
            end = self.toks[k].start + len(strip_possessive(self.toks[k].text))
            kind = SpanKind.LOCATION if prev in lex.PLACE_PREPOSITIONS and k == i else SpanKind.MISC
            extra.append(self.span(tok.start, end, kind))
            i = k + 1
        return tuple(sorted(taken + extra, key=lambda s: s.start))


def rule_spans(gaz: Gazetteer, text: str, lang: str | None, surnames: set[str]) -> list[Span]:
    """Spans the rules find in ``text`` (may overlap where a compound's parts are marked); reads ``surnames``
    and adds the people it sees in full to it."""
    run = RuleRun(gaz, text, lang, surnames)
    spans = run.second_pass(run.first_pass())
    surnames.update(run.new_surnames)
    return list(spans)
