"""Per-block (and, for mixed blocks, per-sentence) language identification with lingua.

Memory is the constraint: lingua's high-accuracy models cost 15-45 MB per language, so loading them
for every language Argos can translate would take about 1 GB. We therefore work in two passes:

1. a low-accuracy detector (trigram models only, ~43 MB for the 44 default languages) scores every
   text and shortlists candidates;
2. a high-accuracy detector built for just the few candidates (the article's own languages plus the
   shortlist) decides short and uncertain texts. Those detectors are cached per candidate set, and
   at most ``max_precise_languages`` languages keep high-accuracy models resident: when a new set
   would exceed that, every cached precise detector is unloaded first.

Nothing is built or even imported from lingua until the first call, so importing this module is
free. One instance may be shared between threads; a lock serialises use of the detectors.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.core.document import Article, Block, LanguageRun

if TYPE_CHECKING:
    from lingua import ConfidenceValue, IsoCode639_1, LanguageDetector

# Source languages of the Argos Translate package index (argosopentech/argospm-index, index.json,
# packages published for argos-translate 1.9: every `from_code`/`to_code`, plus eu and gl from
# later additions), intersected with the languages lingua 2.1 supports: zt (traditional Chinese)
# maps onto zh, and gl has no lingua model, so both are absent here.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "ar", "az", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa",
    "fi", "fr", "ga", "he", "hi", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl",
    "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sv", "th", "tl", "tr", "uk", "ur", "zh",
)  # fmt: skip

# A block with fewer words or letters than this is "very short" (a label, a byline, "SHARE:"):
# it takes its neighbours' language unless the detector is confident about it.
SHORT_WORDS = 3
SHORT_LETTERS = 16
# The precise detector is confident about a short text above this.
CONFIDENT = 0.95
# Below this many characters the low-accuracy pass is not trusted on its own.
PRECISE_BELOW = 120
# A low-accuracy verdict on a long text is accepted outright above this confidence.
LOW_TRUSTED = 0.9
# A language outside the article's own may be considered only when the low pass is this sure of it
# (for short blocks, where the low pass is least reliable, EXTRA_SHORT).
EXTRA = 0.9
EXTRA_SHORT = 0.99
# A sentence in another language than its block's must be at least this sure to split the block.
RUN_CONFIDENT = 0.9
# A language counts as one of the article's when it holds at least this share of its letters...
DOC_SHARE = 0.05
# ...or wins a block of at least this many letters with LOW_TRUSTED confidence.
DOC_BLOCK_LETTERS = 60
MAX_CANDIDATES = 3
DEFAULT_MAX_PRECISE_LANGUAGES = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Quotations are split out first so a quoted sentence in another language becomes its own run.
_QUOTE = re.compile(r"„[^„“”\"]+[“”\"]|“[^“”]+”|«[^«»]+»|»[^«»]+«|‹[^‹›]+›|\"[^\"]+\"")
# A sentence ends at . ! ? or … followed by space and something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"„“«»¿¡(\[]?[^\W\d_])")


@dataclass(frozen=True, slots=True)
class _Verdict:
    lang: str | None
    confidence: float
    scores: dict[str, float]


class LanguageIdentifier:
    """Gives every block of an article a language, a confidence and (for mixed blocks) runs.

    Args:
        languages: ISO 639-1 codes to choose among; default DEFAULT_LANGUAGES. Codes lingua does not
            know are ignored; an empty result raises ValueError.
        max_precise_languages: how many languages may hold high-accuracy models at once.
    """

    def __init__(
        self,
        languages: Iterable[str] | None = None,
        max_precise_languages: int = DEFAULT_MAX_PRECISE_LANGUAGES,
    ) -> None:
        requested = DEFAULT_LANGUAGES if languages is None else tuple(languages)
        codes = tuple(dict.fromkeys(code.strip().lower() for code in requested if code.strip()))
        if not codes:
            raise ValueError("no languages to detect")
        self._languages = codes
        self._max_precise = max(2, max_precise_languages)
        self._lock = threading.RLock()
        self._low: LanguageDetector | None = None
        self._precise: OrderedDict[frozenset[str], LanguageDetector] = OrderedDict()
        self._subsets: OrderedDict[frozenset[str], LanguageDetector] = OrderedDict()
        self._memo: dict[str, _Verdict] = {}  # low-pass scores within one identify() call
        self._resident: OrderedDict[str, None] = OrderedDict()  # LRU of languages with precise models

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this identifier chooses among (those lingua supports, once built)."""
        return self._languages

    @property
    def precise_languages(self) -> tuple[str, ...]:
        """Languages whose high-accuracy models are currently loaded (least recently used first)."""
        with self._lock:
            return tuple(self._resident)

    # ----------------------------------------------------------------- public API

    def detect(self, text: str) -> tuple[str | None, float]:
        """The language of one text and the detector's confidence; (None, 0.0) when there is none."""
        if _letters(text) == 0:
            return None, 0.0
        with self._lock:
            low = self._score_low(text)
            if low.lang is None:
                return None, 0.0
            if len(text) >= PRECISE_BELOW and low.confidence >= LOW_TRUSTED:
                return low.lang, round(low.confidence, 4)
            candidates = _top(low.scores, MAX_CANDIDATES, floor=0.05)
            self._pin(frozenset(candidates))
            verdict = self._score_among(text, candidates, frozenset(candidates))
            return verdict.lang, round(verdict.confidence, 4)

    def identify(self, article: Article) -> Article:
        """Return ``article`` with lang/confidence/runs on every block and the dominant Article.lang."""
        with self._lock:
            try:
                return self._identify(article)
            finally:
                self._memo.clear()

    # ----------------------------------------------------------------- detectors

    def _low_detector(self) -> LanguageDetector:
        if self._low is None:
            from lingua import LanguageDetectorBuilder

            known = _lingua_codes(self._languages)
            if not known:
                raise ValueError("none of the requested languages is supported by the detector")
            self._languages = tuple(code for code in self._languages if code in known)
            self._low = (
                LanguageDetectorBuilder.from_iso_codes_639_1(*known.values()).with_low_accuracy_mode().build()
            )
        return self._low

    def _subset_detector(self, candidates: frozenset[str], precise: bool) -> LanguageDetector:
        """A detector for a few candidates; low-accuracy subsets share the already loaded models."""
        cache = self._precise if precise else self._subsets
        detector = cache.get(candidates)
        if detector is None:
            from lingua import LanguageDetectorBuilder

            builder = LanguageDetectorBuilder.from_iso_codes_639_1(*_lingua_codes(candidates).values())
            detector = builder.build() if precise else builder.with_low_accuracy_mode().build()
            cache[candidates] = detector
        return detector

    def _pin(self, languages: frozenset[str]) -> None:
        """Make ``languages`` the most recent precise ones; unload the least recent over the cap."""
        for code in sorted(languages):
            self._resident[code] = None
            self._resident.move_to_end(code)
        evicted = False
        while len(self._resident) > max(self._max_precise, len(languages)):
            victim = next(iter(self._resident))
            del self._resident[victim]
            from lingua import LanguageDetectorBuilder

            # Models live in lingua's process-wide cache: a one-language detector unloads just those.
            single = LanguageDetectorBuilder.from_iso_codes_639_1(*_lingua_codes([victim]).values()).build()
            single.unload_language_models()
            for key in [key for key in self._precise if victim in key]:
                del self._precise[key]
            evicted = True
        if evicted:
            _release_freed_memory()

    def _score_low(self, text: str) -> _Verdict:
        verdict = self._memo.get(text)
        if verdict is None:
            verdict = _verdict(self._low_detector().compute_language_confidence_values(text))
        return verdict

    def _score_low_many(self, texts: Iterable[str]) -> None:
        """Score many texts at once (lingua spreads them over the cores) into the per-article memo."""
        todo = list(dict.fromkeys(text for text in texts if text not in self._memo))
        if todo:
            values = self._low_detector().compute_language_confidence_values_in_parallel(todo)
            self._memo.update(zip(todo, map(_verdict, values), strict=True))

    def _score_among(self, text: str, candidates: Sequence[str], pinned: frozenset[str]) -> _Verdict:
        """Scores among a few candidates: high accuracy when all are pinned, else low accuracy."""
        chosen = [code for code in dict.fromkeys(candidates) if code in self._languages][:MAX_CANDIDATES]
        if len(chosen) < 2:
            # One candidate: lingua would answer 1.0 for anything; ask the low pass how sure it is.
            low = self._score_low(text)
            if not chosen:
                return low
            return _Verdict(chosen[0], low.scores.get(chosen[0], 0.0), low.scores)
        key = frozenset(chosen)
        detector = self._subset_detector(key, precise=key <= pinned)
        return _verdict(detector.compute_language_confidence_values(text))

    # ----------------------------------------------------------------- article pass

    def _identify(self, article: Article) -> Article:
        blocks = article.blocks
        long_texts = [block.text for block in blocks if not _is_short(block.text)]
        pieces = (
            text[start:end]
            for text in long_texts
            for start, end in _segments(text)
            if not _is_piece_short(text[start:end])
        )
        self._score_low_many([*long_texts, *pieces])
        lows = [None if _is_short(block.text) else self._score_low(block.text) for block in blocks]
        doc_langs = _document_languages(
            [(_letters(block.text), low) for block, low in zip(blocks, lows, strict=True) if low is not None]
        )
        if not doc_langs:
            whole = self._score_low(" ".join(block.text for block in blocks))
            doc_langs = [whole.lang] if whole.lang else []
        # The article's own languages get high-accuracy models for the whole article (no reloads).
        pinned = frozenset(doc_langs[: self._max_precise]) if len(doc_langs) > 1 else frozenset()
        self._pin(pinned)
        scorer = _ArticleScorer(self, doc_langs, pinned)

        results: list[Block | None] = [None] * len(blocks)
        for i, block in enumerate(blocks):
            low = lows[i]
            if low is not None:
                results[i] = scorer.long_block(block, low)
        for i, block in enumerate(blocks):
            if results[i] is None:
                results[i] = scorer.short_block(block, _context(results, i))
        done = tuple(block for block in results if block is not None)
        return article.with_blocks(done, lang=_dominant(done))


class _ArticleScorer:
    """The decisions for one article, given its languages and the pinned precise ones."""

    def __init__(self, owner: LanguageIdentifier, doc_langs: list[str], pinned: frozenset[str]) -> None:
        self._owner = owner
        self._doc_langs = doc_langs
        self._pinned = pinned

    def candidates(self, low: _Verdict, first: Sequence[str], extra_floor: float) -> list[str]:
        """``first`` and the article's main languages, plus the low pass's pick when it is sure enough."""
        ranked = list(dict.fromkeys([*first, *self._doc_langs[:2]]))
        if (
            low.lang
            and low.lang not in ranked
            and (low.lang in self._pinned or low.confidence >= extra_floor)
        ):
            ranked.insert(0, low.lang)
        return ranked[:MAX_CANDIDATES]

    def among(self, text: str, candidates: Sequence[str]) -> _Verdict:
        return self._owner._score_among(text, candidates, self._pinned)

    def long_block(self, block: Block, low: _Verdict) -> Block:
        verdict = low
        if len(block.text) < PRECISE_BELOW or low.confidence < LOW_TRUSTED:
            verdict = self.among(block.text, self.candidates(low, [], EXTRA))
        runs = self.runs(block.text, verdict) if verdict.lang else ()
        if runs:
            lang, confidence = _dominant_run(runs)
            return replace(block, lang=lang, confidence=confidence, runs=runs)
        return replace(block, lang=verdict.lang, confidence=round(verdict.confidence, 4), runs=())

    def short_block(self, block: Block, context: list[str]) -> Block:
        fallback = context or self._doc_langs[:1]
        if _letters(block.text) == 0:
            return replace(block, lang=fallback[0] if fallback else None, confidence=0.0, runs=())
        low = self._owner._score_low(block.text)
        verdict = self.among(block.text, self.candidates(low, context, EXTRA_SHORT))
        if verdict.lang and verdict.confidence >= CONFIDENT and _letters(block.text) >= 4:
            lang: str | None = verdict.lang
        elif fallback:
            # Between two different neighbours, take the one the detector leans towards.
            lang = max(fallback, key=lambda code: verdict.scores.get(code, 0.0))
        else:
            lang = verdict.lang
        confidence = verdict.scores.get(lang, 0.0) if lang else 0.0
        return replace(block, lang=lang, confidence=round(confidence, 4), runs=())

    def runs(self, text: str, verdict: _Verdict) -> tuple[LanguageRun, ...]:
        """Sentence runs when the text mixes languages; () when it is all one language."""
        main = verdict.lang
        spans = _segments(text)
        if len(spans) < 2 or main is None:
            return ()
        labels: list[tuple[str, float] | None] = []
        for start, end in spans:
            piece = text[start:end]
            if _is_piece_short(piece):
                labels.append(None)
                continue
            low = self._owner._score_low(piece)
            if low.lang == main:
                labels.append((main, low.confidence))
                continue
            seg = self.among(piece, self.candidates(low, [main], EXTRA))
            if seg.lang and seg.lang != main and seg.confidence >= RUN_CONFIDENT and low.lang == seg.lang:
                labels.append((seg.lang, seg.confidence))
            else:
                labels.append((main, seg.scores.get(main, verdict.confidence)))
        if {label[0] for label in labels if label} <= {main}:
            return ()
        return _merge_runs(spans, _fill(labels, (main, verdict.confidence)), len(text))


# --------------------------------------------------------------------- helpers


def _merge_runs(
    spans: Sequence[tuple[int, int]], labels: Sequence[tuple[str, float]], length: int
) -> tuple[LanguageRun, ...]:
    """Join adjacent same-language spans into runs that cover ``[0, length)``."""
    runs: list[LanguageRun] = []
    for (start, _end), (lang, confidence) in zip(spans, labels, strict=True):
        if runs and runs[-1].lang == lang:
            runs[-1] = replace(runs[-1], confidence=max(runs[-1].confidence, round(confidence, 4)))
        else:
            if runs:
                runs[-1] = replace(runs[-1], end=start)
            runs.append(LanguageRun(start, start, lang, round(confidence, 4)))
    if len(runs) < 2:
        return ()
    runs[0] = replace(runs[0], start=0)
    runs[-1] = replace(runs[-1], end=length)
    return tuple(runs)


def _release_freed_memory() -> None:
    """Hand memory freed by unloaded models back to the OS (glibc keeps it otherwise)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _lingua_codes(codes: Iterable[str]) -> dict[str, IsoCode639_1]:
    """Map ISO 639-1 codes to lingua IsoCode639_1 members, dropping those lingua lacks."""
    from lingua import IsoCode639_1

    found: dict[str, IsoCode639_1] = {}
    for code in codes:
        member = getattr(IsoCode639_1, code.upper(), None)
        if member is not None:
            found[code] = member
    return found


def _verdict(values: Sequence[ConfidenceValue]) -> _Verdict:
    scores: dict[str, float] = {}
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        scores[code] = float(value.value)
    if not scores:
        return _Verdict(None, 0.0, {})
    lang = max(scores, key=scores.__getitem__)
    return _Verdict(lang if scores[lang] > 0 else None, scores[lang], scores)


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def _is_short(text: str, words: int = SHORT_WORDS, letters: int = SHORT_LETTERS) -> bool:
    return len(_WORD.findall(text)) < words or _letters(text) < letters


def _is_piece_short(text: str) -> bool:
    """A sentence too short to be told apart from its block's language on its own."""
    return _is_short(text, words=4, letters=20)


def _top(scores: dict[str, float], count: int, floor: float = 0.0) -> list[str]:
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    return [code for code in ranked[:count] if scores[code] > floor] or ranked[:1]


def _document_languages(scored: list[tuple[int, _Verdict]]) -> list[str]:
    """The article's languages, most letters first: a real share of its text, or a clear long block."""
    weights: dict[str, float] = {}
    clear: set[str] = set()
    for letters, verdict in scored:
        if verdict.lang:
            weights[verdict.lang] = weights.get(verdict.lang, 0.0) + letters * verdict.confidence
            if letters >= DOC_BLOCK_LETTERS and verdict.confidence >= LOW_TRUSTED:
                clear.add(verdict.lang)
    total = sum(weights.values())
    ranked = sorted(weights, key=weights.__getitem__, reverse=True)
    return [code for code in ranked if code in clear or (total and weights[code] / total >= DOC_SHARE)]


def _context(blocks: Sequence[Block | None], index: int) -> list[str]:
    """Languages of the nearest decided blocks after and before ``index`` (following one first)."""
    after = next((b.lang for b in blocks[index + 1 :] if b is not None and b.lang), None)
    before = next((b.lang for b in reversed(blocks[:index]) if b is not None and b.lang), None)
    return list(dict.fromkeys(code for code in (after, before) if code))


def _segments(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into quotation and sentence spans that together cover it."""
    cuts = {0, len(text)}
    for match in _QUOTE.finditer(text):
        cuts.update((match.start(), match.end()))
    for match in _SENTENCE_END.finditer(text):
        cuts.add(match.end())
    ordered = sorted(cuts)
    spans = [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if text[a:b].strip()]
    return spans


def _fill(labels: list[tuple[str, float] | None], default: tuple[str, float]) -> list[tuple[str, float]]:
    """Unlabelled (short) segments take the label of the previous segment, else the next one."""
    filled: list[tuple[str, float]] = []
    for i, label in enumerate(labels):
        if label is None:
            label = filled[-1] if filled else next((x for x in labels[i + 1 :] if x), default)
        filled.append(label)
    return filled


def _dominant_run(runs: Sequence[LanguageRun]) -> tuple[str, float]:
    sizes: dict[str, int] = {}
    for run in runs:
        sizes[run.lang] = sizes.get(run.lang, 0) + (run.end - run.start)
    lang = max(sizes, key=sizes.__getitem__)
    total = sum(run.end - run.start for run in runs)
    confidence = sum(run.confidence * (run.end - run.start) for run in runs) / total if total else 0.0
    return lang, round(confidence, 4)


def _dominant(blocks: Sequence[Block]) -> str | None:
    """The language holding the most characters, counting mixed blocks run by run."""
    sizes: dict[str, int] = {}
    for block in blocks:
        if block.runs:
            for run in block.runs:
                sizes[run.lang] = sizes.get(run.lang, 0) + (run.end - run.start)
        elif block.lang:
            sizes[block.lang] = sizes.get(block.lang, 0) + len(block.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None
