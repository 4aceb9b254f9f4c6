"""The LanguageIdentifier: lingua in two passes, within a memory budget.

lingua's high-accuracy models cost 15-45 MB per language (de+en together ~90 MB), so loading them
for all 44 languages Argos can translate would take about 1 GB. So:

1. A low-accuracy detector over every configured language (trigram models only, ~43 MB for the
   default set) scores each non-short block and each sentence/quotation in it, in one parallel
   batch. Long texts (>= 120 chars) it is sure of are decided here; it also tells which languages
   the article is written in.
2. High-accuracy detectors are built only over a few candidates drawn from the article's own
   languages, which are "pinned" for the whole article (so no model is loaded twice while reading
   one). Short and uncertain texts are decided among them. A candidate from outside the article
   (a foreign quote) enters only when the low pass is very sure, and is scored by a low-accuracy
   detector over the few candidates, which costs no new models.
3. At most ``max_precise_languages`` languages (default 3) hold high-accuracy models; the least
   recently used are unloaded (and the freed heap handed back to the OS) when an article in other
   languages comes along.

Very short blocks (fewer than 3 words or 16 letters) take the language of the blocks around them,
unless the precise detector is >= 0.95 sure. Nothing is built, and lingua is not even imported,
before the first call. One instance may be shared between threads; a lock serialises its use.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.core.document import Article, Block, LanguageRun
from reader.core.language.text import (
    count_letters,
    dominant,
    dominant_run,
    fill,
    is_piece_short,
    is_short,
    merge_runs,
    segments,
)

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

# The precise detector is confident about a short text above this.
CONFIDENT = 0.95
# Below this many characters the low-accuracy pass is not trusted on its own.
PRECISE_BELOW = 120
# A low-accuracy verdict on a long text is accepted outright above this confidence.
LOW_TRUSTED = 0.9
# What lingua-language-detector 2.1 can detect (Language.all(), as ISO 639-1), so the configured
# set can be checked without importing lingua.
LINGUA_LANGUAGES: frozenset[str] = frozenset(
    "af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy id is it ja ka "
    "kk ko la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn so sq sr st sv sw ta te th tl tn "
    "tr ts uk ur vi xh yo zh zu".split()
)
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
# Longer texts are scored on a sample (SAMPLE_WINDOWS windows of SAMPLE_WINDOW characters spread over the
# text): lingua's cost grows with the text, and a 2 MiB line never finished. A few thousand characters
# from its start, middle and end tell its language as well as the whole.
SAMPLE_ABOVE = 4_000
SAMPLE_WINDOW = 1_000
SAMPLE_WINDOWS = 4
# A short line (a few words) whose low-pass scores rule out its neighbours' language is checked with
# precise models for its own best guesses; it keeps its own language when the precise detector puts it at
# LINE_CONFIDENT and LINE_MARGIN times the neighbours' language ("Je est un autre" between English
# paragraphs: fr 0.81, en 0.11). At most LINE_CHECKS per article: each may load models (~0.3 s a language).
LINE_OTHER_BELOW = 0.05
LINE_CONFIDENT = 0.75
LINE_MARGIN = 5.0
LINE_CHECKS = 3
LINE_MIN_LETTERS = 10
# Fewer texts than this for one detector are not worth a parallel call (measured on the sample article).
PARALLEL_FROM = 32
SCORES_KEPT = 8


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
        codes = tuple(dict.fromkeys(code.strip().lower() for code in requested))
        codes = tuple(code for code in codes if code in LINGUA_LANGUAGES)
        if not codes:
            raise ValueError("none of the requested languages can be detected")
        self._languages = codes
        self._max_precise = max(2, max_precise_languages)
        self._lock = threading.RLock()
        self._low: LanguageDetector | None = None
        self._precise: OrderedDict[frozenset[str], LanguageDetector] = OrderedDict()
        self._subsets: OrderedDict[frozenset[str], LanguageDetector] = OrderedDict()
        self._memo: dict[str, _Verdict] = {}  # low-pass scores within one identify() call
        self._among_memo: dict[tuple[str, frozenset[str], bool], _Verdict] = {}  # subset scores, same
        self._segment_memo: dict[str, list[tuple[int, int]]] = {}  # sentence spans, same
        self._resident: OrderedDict[str, None] = OrderedDict()  # LRU of languages with precise models

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this identifier chooses among (the requested ones lingua supports)."""
        return self._languages

    @property
    def precise_languages(self) -> tuple[str, ...]:
        """Languages whose high-accuracy models are currently loaded (least recently used first)."""
        with self._lock:
            return tuple(self._resident)

    # ----------------------------------------------------------------- public API

    def detect(self, text: str) -> tuple[str | None, float]:
        """The language of one text and the detector's confidence; (None, 0.0) when there is none."""
        if count_letters(text) == 0:
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
                self._among_memo.clear()
                self._segment_memo.clear()

    # ----------------------------------------------------------------- detectors

    def _low_detector(self) -> LanguageDetector:
        if self._low is None:
            from lingua import LanguageDetectorBuilder

            known = _lingua_codes(self._languages)
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
            verdict = _verdict(self._low_detector().compute_language_confidence_values(sample(text)))
        return verdict

    def _score_low_many(self, texts: Iterable[str]) -> None:
        """Score many texts at once (lingua spreads them over the cores) into the per-article memo."""
        todo = list(dict.fromkeys(text for text in texts if text not in self._memo))
        if todo:
            values = self._low_detector().compute_language_confidence_values_in_parallel(
                list(map(sample, todo))
            )
            self._memo.update(zip(todo, map(_verdict, values), strict=True))

    def _segments(self, text: str) -> list[tuple[int, int]]:
        spans = self._segment_memo.get(text)
        if spans is None:
            spans = self._segment_memo[text] = segments(text)
        return spans

    def _among_key(
        self, candidates: Sequence[str], pinned: frozenset[str]
    ) -> tuple[frozenset[str], bool] | None:
        """The detector ``_score_among`` uses for ``candidates``: its languages and whether it is precise."""
        chosen = [code for code in dict.fromkeys(candidates) if code in self._languages][:MAX_CANDIDATES]
        if len(chosen) < 2:
            return None
        key = frozenset(chosen)
        return key, key <= pinned

    def _score_among(self, text: str, candidates: Sequence[str], pinned: frozenset[str]) -> _Verdict:
        """Scores among a few candidates: high accuracy when all are pinned, else low accuracy."""
        detector_key = self._among_key(candidates, pinned)
        if detector_key is None:
            # One candidate: lingua would answer 1.0 for anything; ask the low pass how sure it is.
            chosen = [code for code in candidates if code in self._languages][:1]
            low = self._score_low(text)
            if not chosen:
                return low
            return _Verdict(chosen[0], low.scores.get(chosen[0], 0.0), low.scores)
        memo_key = (text, *detector_key)
        verdict = self._among_memo.get(memo_key)
        if verdict is None:
            detector = self._subset_detector(*detector_key)
            verdict = _verdict(detector.compute_language_confidence_values(sample(text)))
        return verdict

    def _prefetch_among(self, requests: Iterable[tuple[str, Sequence[str]]], pinned: frozenset[str]) -> None:
        """Score many (text, candidates) at once, one parallel lingua call per detector (100,000 short
        paragraphs took 70 s one call at a time)."""
        groups: dict[tuple[frozenset[str], bool], list[str]] = {}
        for text, candidates in requests:
            detector_key = self._among_key(candidates, pinned)
            if detector_key is not None and (text, *detector_key) not in self._among_memo:
                groups.setdefault(detector_key, []).append(text)
        for detector_key, texts in groups.items():
            todo = list(dict.fromkeys(texts))
            if len(todo) < PARALLEL_FROM:
                continue  # scored one by one when needed: a parallel call costs more for a few texts
            values = self._subset_detector(*detector_key).compute_language_confidence_values_in_parallel(
                list(map(sample, todo))
            )
            for text, value in zip(todo, values, strict=True):
                self._among_memo[(text, *detector_key)] = _verdict(value)

    def _score_line(self, text: str, candidates: Sequence[str]) -> _Verdict:
        """Precise scores for a short line among ``candidates`` (their models are loaded if need be)."""
        chosen = frozenset(code for code in candidates if code in self._languages)
        self._pin(chosen)
        return _verdict(self._subset_detector(chosen, precise=True).compute_language_confidence_values(text))

    # ----------------------------------------------------------------- article pass

    def _identify(self, article: Article) -> Article:
        blocks = article.blocks
        short = [is_short(block.text) for block in blocks]
        long_texts = [block.text for block, tiny in zip(blocks, short, strict=True) if not tiny]
        pieces = (
            piece
            for text in long_texts
            for piece in (text[start:end] for start, end in self._segments(text))
            if not is_piece_short(piece)
        )
        letters = [count_letters(block.text) for block in blocks]
        short_texts = [b.text for b, tiny, n in zip(blocks, short, letters, strict=True) if tiny and n]
        self._score_low_many([*long_texts, *pieces, *short_texts])
        lows = [None if tiny else self._score_low(b.text) for b, tiny in zip(blocks, short, strict=True)]
        scored = [(n, lo) for n, lo in zip(letters, lows, strict=True) if lo is not None]
        doc_langs = _document_languages(scored)
        if not doc_langs:
            whole = self._score_low(" ".join(block.text for block in blocks))
            doc_langs = [whole.lang] if whole.lang else []
        # The article's own languages get high-accuracy models for the whole article (no reloads).
        pinned = frozenset(doc_langs[: self._max_precise]) if len(doc_langs) > 1 else frozenset()
        self._pin(pinned)
        scorer = _ArticleScorer(self, doc_langs, pinned)

        results: list[Block | None] = [None] * len(blocks)
        self._prefetch_among(
            (
                (block.text, scorer.long_candidates(low))
                for block, low in zip(blocks, lows, strict=True)
                if low is not None and scorer.needs_precise(block.text, low)
            ),
            pinned,
        )
        for i, block in enumerate(blocks):
            low = lows[i]
            if low is not None:
                results[i] = scorer.long_block(block, low)
        # Short blocks take the language of the nearest decided blocks after and before them. "After" is
        # only ever a long block (short ones are decided in order), so it is found in one backward pass;
        # "before" is tracked as the loop goes (a per-block scan was quadratic on 100,000 short lines).
        following: list[str | None] = [None] * len(blocks)
        nearest: str | None = None
        for i in range(len(blocks) - 1, -1, -1):
            following[i] = nearest
            decided = results[i]
            if decided is not None and decided.lang:
                nearest = decided.lang
        preceding: list[str | None] = [None] * len(blocks)
        nearest = None
        for i, decided in enumerate(results):
            preceding[i] = nearest
            if decided is not None and decided.lang:
                nearest = decided.lang

        def context(i: int) -> list[str]:
            return list(dict.fromkeys(code for code in (following[i], preceding[i]) if code))

        # Their usual context (the long blocks around them) is scored in one batch first, the rare
        # exceptions one by one.
        self._prefetch_among(
            (
                (block.text, scorer.candidates(self._score_low(block.text), context(i), EXTRA_SHORT))
                for i, block in enumerate(blocks)
                if results[i] is None and letters[i]
            ),
            pinned,
        )
        before: str | None = None
        for i, block in enumerate(blocks):
            if results[i] is None:
                preceding[i] = before
                results[i] = scorer.short_block(block, context(i))
            decided = results[i]
            if decided is not None and decided.lang:
                before = decided.lang
        done = tuple(block for block in results if block is not None)
        return article.with_blocks(done, lang=dominant(done))


class _ArticleScorer:
    """The decisions for one article, given its languages and the pinned precise ones."""

    def __init__(self, owner: LanguageIdentifier, doc_langs: list[str], pinned: frozenset[str]) -> None:
        self._owner = owner
        self._doc_langs = doc_langs
        self._pinned = pinned
        self._line_checks = 0

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

    def long_candidates(self, low: _Verdict) -> list[str]:
        """Candidates for a long block's precise verdict ([] when the low pass is trusted)."""
        return self.candidates(low, [], EXTRA)

    @staticmethod
    def needs_precise(text: str, low: _Verdict) -> bool:
        """Whether a long block's low-pass verdict needs a second look among candidates."""
        return len(text) < PRECISE_BELOW or low.confidence < LOW_TRUSTED

    def long_block(self, block: Block, low: _Verdict) -> Block:
        verdict = low
        if self.needs_precise(block.text, low):
            verdict = self.among(block.text, self.long_candidates(low))
        runs = self.runs(block.text, verdict) if verdict.lang else ()
        if runs:
            lang, confidence = dominant_run(runs)
            return replace(block, lang=lang, confidence=confidence, runs=runs)
        return replace(block, lang=verdict.lang, confidence=round(verdict.confidence, 4), runs=())

    def short_block(self, block: Block, context: list[str]) -> Block:
        fallback = context or self._doc_langs[:1]
        if count_letters(block.text) == 0:
            return replace(block, lang=fallback[0] if fallback else None, confidence=0.0, runs=())
        low = self._owner._score_low(block.text)
        verdict = self.among(block.text, self.candidates(low, context, EXTRA_SHORT))
        if verdict.lang and verdict.confidence >= CONFIDENT and count_letters(block.text) >= 4:
            lang: str | None = verdict.lang
        elif fallback and (line := self.own_line_language(block.text, low, fallback[0])):
            lang, verdict = line.lang, line
        elif fallback:
            # Between two different neighbours, take the one the detector leans towards.
            lang = max(fallback, key=lambda code: verdict.scores.get(code, 0.0))
        else:
            lang = verdict.lang
        confidence = verdict.scores.get(lang, 0.0) if lang else 0.0
        return replace(block, lang=lang, confidence=round(confidence, 4), runs=())

    def own_line_language(self, text: str, low: _Verdict, around: str) -> _Verdict | None:
        """The verdict for a short line clearly not in the language ``around`` it, else None."""
        if (
            self._line_checks >= LINE_CHECKS
            or count_letters(text) < LINE_MIN_LETTERS
            or low.scores.get(around, 0.0) >= LINE_OTHER_BELOW
        ):
            return None
        self._line_checks += 1
        verdict = self._owner._score_line(text, [around, *_top(low.scores, 2)])
        if (
            verdict.lang
            and verdict.lang != around
            and verdict.confidence >= LINE_CONFIDENT
            and verdict.confidence >= LINE_MARGIN * verdict.scores.get(around, 0.0)
        ):
            return verdict
        return None

    def runs(self, text: str, verdict: _Verdict) -> tuple[LanguageRun, ...]:
        """Sentence runs when the text mixes languages; () when it is all one language."""
        main = verdict.lang
        spans = self._owner._segments(text)
        if len(spans) < 2 or main is None:
            return ()
        owner = self._owner
        owner._prefetch_among(
            (
                (piece, self.candidates(low, [main], EXTRA))
                for piece in (text[start:end] for start, end in spans)
                if not is_piece_short(piece) and (low := owner._score_low(piece)).lang != main
            ),
            self._pinned,
        )
        labels: list[tuple[str, float] | None] = []
        for start, end in spans:
            piece = text[start:end]
            if is_piece_short(piece):
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
        return merge_runs(spans, fill(labels, (main, verdict.confidence)), len(text))


# --------------------------------------------------------------------- helpers


def sample(text: str) -> str:
    """``text``, or for a long one SAMPLE_WINDOWS windows spread over it, cut at spaces."""
    if len(text) <= SAMPLE_ABOVE:
        return text
    step = (len(text) - SAMPLE_WINDOW) // (SAMPLE_WINDOWS - 1)
    windows = []
    for index in range(SAMPLE_WINDOWS):
        start = index * step
        window = text[start : start + SAMPLE_WINDOW]
        if start:  # begin and end on word boundaries where there are any
            window = window.split(" ", 1)[-1]
        windows.append(window.rsplit(" ", 1)[0] if " " in window else window)
    return " ".join(windows)


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


_CODES: dict[object, str] = {}  # lingua Language → ISO 639-1 code (looked up 44 times per text scored)


def _verdict(values: Sequence[ConfidenceValue]) -> _Verdict:
    """The best language and the scores of the leading few (lingua sorts them; the rest are ~0 and read
    as 0.0, which saves building a 44-entry dict for each of 100,000 short paragraphs)."""
    scores: dict[str, float] = {}
    for value in values[:SCORES_KEPT]:
        language = value.language
        code = _CODES.get(language)
        if code is None:
            code = _CODES[language] = language.iso_code_639_1.name.lower()
        scores[code] = value.value
    if not scores:
        return _Verdict(None, 0.0, {})
    lang = max(scores, key=scores.__getitem__)
    return _Verdict(lang if scores[lang] > 0 else None, scores[lang], scores)


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
