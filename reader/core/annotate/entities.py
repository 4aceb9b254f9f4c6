"""Named entities (people, organisations, places, other) in a block of text, per block language.

Two recognizers share one interface: spaCy pipelines when the user installed a model for the language
(``spacy_backend``), and the built-in recognizer that ships with Reader and needs no download. The built-in
one is a linear-chain CRF (python-crfsuite) trained here on openly licensed news and Wikipedia text
(``tools/train_entity_tagger.py``; data and licences in ``resources/entities/PROVENANCE.md``), whose features
include what the gazetteer rules (``rules``) find. One model serves every language written with capital
letters; for German it knows that every noun has a capital.

Languages: every language Reader detects that is written with capital letters (Latin, Cyrillic, Greek,
Armenian, Georgian scripts) gets the tagger; those written without them (Arabic, Persian, Urdu, Hebrew,
Hindi, Bengali, Thai, Chinese, Japanese, Korean) get no built-in entities (a spaCy model adds them). An
unknown or missing language code gets the tagger with no language-specific rule: it is not taken for
German or English. Text is tagged one sentence at a time, long sentences in windows of
``tagger_features.MAX_WINDOW`` tokens, so the cost is linear in the length of a paragraph.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.annotate import gazetteer as lex
from reader.core.annotate.demonyms import demonyms, is_demonym_phrase, split_leading_demonym
from reader.core.annotate.gazetteer import Gazetteer, get_gazetteer
from reader.core.annotate.linking import normalized_value
from reader.core.annotate.rules import BUILTIN, strip_possessive
from reader.core.annotate.span_fixes import (
    NOT_ENTITIES,
    acronym_organisations,
    clean_chunk,
    events,
    initialled_people,
    is_country,
    is_event,
    is_plain_noun,
    lone_given_names,
    named_people,
    part_is_entity,
    plays_as_club,
    speakers,
    titled_people,
    with_initial,
)
from reader.core.annotate.tagger_features import analyse, windows
from reader.core.annotate.word_lists import is_surname
from reader.core.document import Span, SpanKind
from reader.resources import resource_path

if TYPE_CHECKING:
    from reader.core.annotate.ner_models import NerModelManager
    from reader.core.annotate.spacy_backend import SpacyRecognizer

__all__ = ["BUILTIN", "BuiltinRecognizer", "EntityAnnotator", "EntityRecognizer", "language_code"]

MODEL_FILE = ("entities", "tagger.crfsuite")
# Languages Reader detects whose scripts have no capital letters: the tagger's main evidence is missing.
UNCASED_LANGUAGES = frozenset("ar fa ur he yi hi bn mr ne th lo km my zh ja ko ka".split())
_KINDS = {
    "PER": SpanKind.PERSON,
    "ORG": SpanKind.ORGANIZATION,
    "LOC": SpanKind.LOCATION,
    "MISC": SpanKind.MISC,
}


class EntityRecognizer(Protocol):
    """Finds PER/ORG/LOC/MISC spans: sorted, non-overlapping, offsets into ``text``."""

    def recognize(self, text: str, lang: str | None) -> tuple[Span, ...]: ...


def language_code(lang: str | None) -> str | None:
    """The primary subtag, lower-case ("de-AT" → "de"); None for a missing or empty code."""
    if not lang or not lang.strip():
        return None
    return lang.strip().split("-")[0].split("_")[0].lower() or None


def _has_capitals(text: str) -> bool:
    return any(ch.isupper() for ch in text)


class BuiltinRecognizer:
    """The recognizer that works on first launch: gazetteer rules feeding a CRF sequence tagger.

    Thread-safe: the crfsuite tagger (which keeps state between ``set`` and ``tag``) is behind a lock.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, model: Path | None = None) -> None:
        self._gazetteer = gazetteer
        self._model = model
        self._tagger: Any = None
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        return self._gazetteer or get_gazetteer()

    def _load(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self._model or resource_path(*MODEL_FILE)))
            self._tagger = tagger
        return self._tagger

    def recognize(self, text: str, lang: str | None) -> tuple[Span, ...]:
        return self.recognize_with_memory(text, lang, set())

    def recognize_with_memory(self, text: str, lang: str | None, surnames: set[str]) -> tuple[Span, ...]:
        """Recognize, reading and extending ``surnames`` (the article's memory of people seen in full)."""
        code = language_code(lang)
        if code in UNCASED_LANGUAGES or not text.strip() or not _has_capitals(text):
            return ()
        gaz = self.gazetteer
        spans: list[Span] = []
        for window in windows(text):
            ends = [s + len(w) for s, w in zip(window.starts, window.tokens, strict=True)]
            spaces = [a < b for a, b in zip(ends, [*window.starts[1:], ends[-1]], strict=True)]
            analysis = analyse(gaz, window.tokens, code, spaces, surnames)
            with self._lock:
                tags = self._load().tag(analysis.features)
            taken = [False] * len(tags)
            for name in analysis.known:
                if name.first == name.last:
                    continue  # one listed word: only where the tagger found nothing (below)
                start, end = window.starts[name.first], ends[name.last]
                spans.append(Span(start, end, name.kind, text[start:end], name.value, BUILTIN))
                taken[name.first : name.last + 1] = [True] * (name.last + 1 - name.first)
            found = [
                part
                for first, last, kind in _chunks(tags, window.tokens)
                if not any(taken[first : last + 1])
                for piece in clean_chunk(window.tokens, first, last, kind)
                for part in split_leading_demonym(gaz, window.tokens, *piece, code)
                if not _noun_taken_for_name(gaz, window.tokens, *part, code)
            ]
            found = [with_initial(window.tokens, *piece) for piece in found]
            found += _untagged_people(gaz, window.tokens, taken, found, code)
            for first, last, kind in found:
                kind = _retyped(gaz, window.tokens, first, last, kind, code)
                start, end = window.starts[first], ends[last]
                surface = text[start:end]
                trimmed = _dutch_plural(text, start, end) if code == "nl" else strip_possessive(surface)
                spans.append(self._span(text, start, start + len(trimmed), kind))
                taken[first : last + 1] = [True] * (last + 1 - first)
                if kind is SpanKind.PERSON and len(trimmed.split()) > 1:
                    surnames.add(trimmed.split()[-1])
            for name in analysis.known:  # a listed name the tagger passed over ("Wien", "WHO")
                if name.first == name.last and not taken[name.first]:
                    start, end = window.starts[name.first], ends[name.last]
                    if text[start:end] in NOT_ENTITIES:
                        continue
                    kind = _retyped(gaz, window.tokens, name.first, name.last, name.kind, code)
                    spans.append(Span(start, end, kind, text[start:end], name.value, BUILTIN))
                    taken[name.first] = True
            for i in speakers(gaz, window.tokens, taken, code):
                spans.append(self._span(text, window.starts[i], ends[i], SpanKind.PERSON))
                taken[i] = True
            for i in acronym_organisations(gaz, window.tokens, taken):
                spans.append(self._span(text, window.starts[i], ends[i], SpanKind.ORGANIZATION))
                taken[i] = True
            for first, last in events(window.tokens, taken):
                spans.append(self._span(text, window.starts[first], ends[last], SpanKind.MISC))
                taken[first : last + 1] = [True] * (last + 1 - first)
            for first, last in demonyms(gaz, window.tokens, taken, code):
                spans.append(self._span(text, window.starts[first], ends[last], SpanKind.MISC))
                taken[first : last + 1] = [True] * (last + 1 - first)
            for part in analysis.parts:  # "NATO" in "NATO-Chef": the tagger labels whole words only
                start = window.starts[part.token] + part.offset
                if not taken[part.token] and part_is_entity(text[start : start + part.length]):
                    surface = text[start : start + part.length]
                    spans.append(Span(start, start + part.length, part.kind, surface, part.value, BUILTIN))
            spans.extend(self._remembered(text, window.tokens, window.starts, taken, surnames))
        return _non_overlapping(spans)

    def _span(self, text: str, start: int, end: int, kind: SpanKind) -> Span:
        surface = text[start:end]
        entry = self.gazetteer.lookup(surface)
        ident = entry.ident if entry is not None and entry.kind is kind else None
        return Span(start, end, kind, surface, normalized_value(kind, surface, ident), BUILTIN)

    def _remembered(
        self, text: str, tokens: Sequence[str], starts: Sequence[int], taken: list[bool], surnames: set[str]
    ) -> list[Span]:
        """A surname of a person named in full earlier in the article, alone and untagged: that person."""
        out = []
        for i, word in enumerate(tokens):
            if taken[i] or not word[:1].isupper() or len(word) < 3:
                continue
            stem = word[:-1] if word.endswith("s") else word
            if word in surnames or stem in surnames:
                out.append(self._span(text, starts[i], starts[i] + len(word), SpanKind.PERSON))
        return out


def _untagged_people(
    gaz: Gazetteer,
    tokens: Sequence[str],
    taken: Sequence[bool],
    found: list[tuple[int, int, SpanKind]],
    lang: str | None,
) -> list[tuple[int, int, SpanKind]]:
    """People the rules find among the words neither the gazetteer nor the tagger took ("Mr. Smith",
    "P. Simmons", "Frank Van Boxmeer")."""
    tagged = list(taken)
    for first, last, _ in found:
        tagged[first : last + 1] = [True] * (last + 1 - first)
    out = [
        (a, b, SpanKind.PERSON)
        for rule in (titled_people, initialled_people, named_people)
        for a, b in rule(gaz, tokens, tagged)
    ]
    for a, b, _ in out:
        tagged[a : b + 1] = [True] * (b + 1 - a)
    return out + [(a, b, SpanKind.PERSON) for a, b in lone_given_names(gaz, tokens, tagged, lang)]


def _noun_taken_for_name(
    gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, kind: SpanKind, lang: str | None
) -> bool:
    """A German common noun alone that the tagger called a person, place or organisation
    ("in Millionenhöhe", "die Bahn"); on GermEval dev held-out, dropping these raised F1 by about 0.004
    (precision 0.667 to 0.677, recall unchanged). Longer names keep theirs ("Zweiten Weltkrieg")."""
    named = kind in (SpanKind.PERSON, SpanKind.LOCATION, SpanKind.ORGANIZATION)
    return named and is_plain_noun(gaz, tokens, first, last, lang)


def _retyped(
    gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, kind: SpanKind, lang: str | None
) -> SpanKind:
    """The type of a found name in its context: a lone demonym ("Dutch", "Belgische", which the tagger
    often calls a place) and an event ("World Cup", "Copa del Rey") are MISC; a place playing in a
    results line ("Oldham 4 0 1 3") is its club."""
    if is_demonym_phrase(gaz, tokens, first, last, lang) or is_event(tokens, first, last):
        return SpanKind.MISC
    if kind is SpanKind.MISC and is_country(gaz, " ".join(tokens[first : last + 1])):
        return SpanKind.LOCATION  # "Norway 3 Iceland 0": the tagger sometimes calls a listed country MISC
    named_as_org = tokens[first] in lex.ORG_HEADS or tokens[last] in lex.ORG_TAILS
    if last > first and kind is not SpanKind.MISC and named_as_org and lang != "de":
        return SpanKind.ORGANIZATION  # "Fundación Efe", "Virginia Tech" (German: see below)
    if kind is not SpanKind.MISC and plays_as_club(gaz, tokens, first, last, kind, lang):
        return SpanKind.ORGANIZATION
    if kind is SpanKind.PERSON and first == last and _listed_place_only(gaz, tokens[first]):
        return SpanKind.LOCATION  # "said Moscow would respond": a verb of saying made the tagger say PER
    return kind


def _listed_place_only(gaz: Gazetteer, word: str) -> bool:
    """A listed place that is no given name or surname ("Moscow", not "Washington" or "Paris")."""
    entry = gaz.lookup(word)
    listed = entry is not None and entry.kind is SpanKind.LOCATION
    return listed and word not in gaz.given_names and not is_surname(word)


def _dutch_plural(text: str, start: int, end: int) -> str:
    """A Dutch name with its "'s" ("Israëli's", "Sarah's"): in Dutch the ending is written on the word."""
    tail = text[end : end + 2]
    if tail in ("'s", "’s") and (end + 2 == len(text) or not text[end + 2].isalnum()):
        return text[start : end + 2]
    return text[start:end]


def _chunks(tags: Sequence[str], tokens: Sequence[str]) -> list[tuple[int, int, SpanKind]]:
    """BIO tags to (first token, last token, kind); an I- after O or another type starts a span, and
    punctuation at either end is left out."""
    out: list[tuple[int, int, SpanKind]] = []
    first = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        if first >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            last = i - 1
            while last > first and not tokens[last][:1].isalnum():
                last -= 1
            while first < last and not tokens[first][:1].isalnum():
                first += 1
            if tokens[first][:1].isalnum():
                out.append((first, last, _KINDS[kind]))
            first = -1
        if tag != "O" and first < 0:
            first, kind = i, tag[2:]
    return out


def _non_overlapping(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted by start; where two overlap, the earlier (then longer) one is kept."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return tuple(out)


class EntityAnnotator:
    """Entities per block language: a spaCy model when one is installed for it, else the built-in recognizer.

    Loaded spaCy pipelines are kept (one per model) and guarded by a lock: spaCy's ``nlp`` is not
    documented as thread-safe, and Reader runs models on one thread anyway.
    """

    def __init__(
        self, models: NerModelManager | None = None, *, builtin: BuiltinRecognizer | None = None
    ) -> None:
        self.models = models
        self.builtin = builtin or BuiltinRecognizer()
        self._lock = threading.Lock()
        self._loaded: dict[str, SpacyRecognizer] = {}

    def recognizer_for(self, lang: str | None) -> EntityRecognizer:
        code = language_code(lang)
        if self.models is None or code is None:
            return self.builtin
        model = self.models.model_for(code)
        if model is None:
            return self.builtin
        with self._lock:
            recognizer = self._loaded.get(model.name)
            if recognizer is None:
                from reader.core.annotate.spacy_backend import SpacyRecognizer

                recognizer = SpacyRecognizer.from_path(model.path, name=model.name)
                self._loaded[model.name] = recognizer
        return recognizer

    def recognize(self, text: str, lang: str | None) -> tuple[Span, ...]:
        return self.recognizer_for(lang).recognize(text, lang)

    def recognize_article(self, texts: Sequence[tuple[str, str | None]]) -> list[tuple[Span, ...]]:
        """Recognize every block once, in order; a person named in full in an earlier block is found by
        surname alone in the later ones."""
        surnames: set[str] = set()
        out: list[tuple[Span, ...]] = []
        for text, lang in texts:
            recognizer = self.recognizer_for(lang)
            if recognizer is self.builtin:
                out.append(self.builtin.recognize_with_memory(text, lang, surnames))
            else:
                spans = recognizer.recognize(text, lang)
                surnames.update(
                    s.text.split()[-1] for s in spans if s.kind is SpanKind.PERSON and len(s.text.split()) > 1
                )
                out.append(spans)
        return out
