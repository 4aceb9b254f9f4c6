"""Translate an article offline, block by block, streaming each block as soon as it is done.

Plan: every block (or every language run of a mixed block) not in the target language becomes a
segment translated by the package chain for its language (direct, or a pivot through English).
Segments already in the cache are delivered at once; the rest are split into sentences and
translated in tiers: first the blocks the reader sees (``priority``, else the first few sentences of
the article), then the rest in reading order. Within a tier, the sentences of all blocks that share a
chain go through the model together (batched by length, see ``runtime.LoadedModel.translate``), and
each block is reassembled and delivered when its tier ends. The engine never touches the network
and never imports argos's translate module (MiniSBD would download models and onnxruntime would
write under ``~/.cache``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reader.core.cancel import CancelToken
from reader.core.document import Article, Block, BlockKind, LanguageRun, Translation, TranslationStatus
from reader.core.errors import ModelError
from reader.core.language.codes import detection_code
from reader.core.translate.cache import (
    MemoryTranslationCache,
    TranslationCache,
    TranslationKey,
    normalize_source,
)
from reader.core.translate.packages import InstalledPackage, PackageManager
from reader.core.translate.runtime import EngineSettings, ModelPool
from reader.core.translate.sentences import split_sentences

__all__ = ["EngineSettings", "TranslationEngine", "chain_key"]

Chain = tuple[InstalledPackage, ...]
_UNSPACED = frozenset({"zh", "ja"})


def chain_key(chain: Sequence[InstalledPackage], target: str, text: str) -> TranslationKey:
    """The cache key of ``text`` translated by a package chain (pivots join ids with ``+``)."""
    return TranslationKey(
        package="+".join(p.package_id for p in chain),
        version="+".join(p.model_id for p in chain),
        target=target,
        text=normalize_source(text),
    )


def _pair(source: str, target: str) -> str:
    return f"{source}→{target}"


@dataclass
class _Segment:
    chain: Chain
    text: str  # stripped source text
    key: TranslationKey
    sentences: list[str] = field(default_factory=list)
    result: str | None = None


@dataclass
class _Job:
    block: Block
    pieces: list[str | _Segment]  # verbatim text or a segment to translate, in order
    missing: list[str]  # "de→en" pairs that had no package (kept verbatim)

    @property
    def segments(self) -> list[_Segment]:
        return [p for p in self.pieces if isinstance(p, _Segment)]


class TranslationEngine:
    """Batched, streamed, cached offline translation on installed Argos packages.

    Thread-safe: calls are serialised (the UI runs it on its one-thread model pool).
    """

    def __init__(
        self,
        packages: PackageManager,
        cache: TranslationCache | None = None,
        settings: EngineSettings | None = None,
    ) -> None:
        self.packages = packages
        self.cache: TranslationCache = cache if cache is not None else MemoryTranslationCache()
        self.settings = settings or EngineSettings()
        self._models = ModelPool(self.settings)
        self._lock = threading.RLock()

    # -- public ------------------------------------------------------------------------------
    def translate_article(
        self,
        article: Article,
        target: str,
        *,
        on_block: Callable[[Translation], None] | None = None,
        priority: Sequence[str] | None = None,
        cancel: CancelToken | None = None,
    ) -> list[Translation]:
        """Translate every block not in ``target``; one Translation per block, in article order.

        ``on_block`` is called (from this thread) for each block as soon as its outcome is known:
        same-language and unavailable blocks and cache hits first, then translated blocks tier by
        tier, the ``priority`` block ids (the ones on screen) first. Raises CancelledError when
        ``cancel`` is set; blocks delivered before that are cached.
        """
        with self._lock:
            done: dict[str, Translation] = {}

            def emit(translation: Translation) -> None:
                done[translation.block_id] = translation
                if on_block is not None:
                    on_block(translation)

            chains = self._chains(article, target)
            jobs = []
            for block in article.blocks:
                job_or_result = self._plan(block, target, chains)
                if isinstance(job_or_result, Translation):
                    emit(job_or_result)
                else:
                    jobs.append(job_or_result)
            jobs = self._use_cache(jobs, target, emit)
            for number, tier in enumerate(self._tiers(jobs, priority)):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                # The first two tiers are what the reader waits for: cut for latency, not throughput.
                self._run_tier(tier, target, emit, cancel, urgent=number < 2)
            return [done[block.id] for block in article.blocks]

    def missing_pairs(self, article: Article, target: str) -> list[tuple[str, str]]:
        """(source, target) pairs the article needs but no installed package (or pivot) covers."""
        missing: list[tuple[str, str]] = []
        for lang, chain in self._chains(article, target).items():
            if chain is None and (lang, target) not in missing:
                missing.append((lang, target))
        return missing

    def release_idle(self) -> None:
        """Release models unused for longer than ``settings.idle_seconds``."""
        self._models.release_idle()

    def loaded_packages(self) -> list[InstalledPackage]:
        """The packages whose models are in memory now (oldest use first)."""
        return self._models.loaded()

    # -- planning ----------------------------------------------------------------------------
    def _chains(self, article: Article, target: str) -> dict[str, Chain | None]:
        chains: dict[str, Chain | None] = {}
        for block in article.blocks:
            for run in self._runs(block):
                if run.lang != target and run.lang not in chains:
                    found = self.packages.find_path(run.lang, target)
                    chains[run.lang] = tuple(found) if found is not None else None
        return chains

    @staticmethod
    def _runs(block: Block) -> list[LanguageRun]:
        if block.runs:
            return sorted(block.runs, key=lambda r: r.start)
        if block.lang:
            return [LanguageRun(0, len(block.text), block.lang, block.confidence)]
        return []

    def _plan(self, block: Block, target: str, chains: dict[str, Chain | None]) -> Translation | _Job:
        def final(status: TranslationStatus, detail: str | None = None) -> Translation:
            return Translation(block.id, target, status, source_lang=block.lang, detail=detail)

        if not block.text.strip():
            return final(TranslationStatus.SAME_LANGUAGE, "nothing to translate")
        runs = self._runs(block)
        if not runs:
            return final(TranslationStatus.UNAVAILABLE, "language not identified")
        pieces: list[str | _Segment] = []
        missing: list[str] = []
        position = 0
        for run in runs:
            start, end = max(run.start, position), min(run.end, len(block.text))
            if start > position:
                pieces.append(block.text[position:start])
            raw = block.text[start:end]
            core = raw.strip()
            chain = chains.get(run.lang) if run.lang != target else None
            if not core or chain is None:
                if core and run.lang != target and _pair(run.lang, target) not in missing:
                    missing.append(_pair(run.lang, target))
                pieces.append(raw)
            else:
                lead = raw[: len(raw) - len(raw.lstrip())]
                trail = raw[len(raw.rstrip()) :]
                pieces.extend([lead, _Segment(chain, core, chain_key(chain, target, core)), trail])
            position = max(position, end)
        if position < len(block.text):
            pieces.append(block.text[position:])
        job = _Job(block, [p for p in pieces if not isinstance(p, str) or p], missing)
        if not job.segments:
            if missing:
                return final(TranslationStatus.UNAVAILABLE, "; ".join(f"{m} not installed" for m in missing))
            return final(TranslationStatus.SAME_LANGUAGE)
        return job

    def _use_cache(self, jobs: list[_Job], target: str, emit: Callable[[Translation], None]) -> list[_Job]:
        keys = {segment.key for job in jobs for segment in job.segments}
        hits = self.cache.get_many(keys) if keys else {}
        remaining = []
        for job in jobs:
            for segment in job.segments:
                segment.result = hits.get(segment.key)
            if all(segment.result is not None for segment in job.segments):
                emit(self._assemble(job, target))
            else:
                remaining.append(job)
        return remaining

    def _tiers(self, jobs: list[_Job], priority: Sequence[str] | None) -> list[list[_Job]]:
        for job in jobs:
            for segment in job.segments:
                if segment.result is None:
                    lang = detection_code(segment.chain[0].from_code)
                    segment.sentences = split_sentences(segment.text, lang) or [segment.text]
        rank = {block_id: i for i, block_id in enumerate(priority or ())}
        visible = sorted((j for j in jobs if j.block.id in rank), key=lambda j: rank[j.block.id])
        rest = [j for j in jobs if j.block.id not in rank]
        queue = visible + rest
        tiers: list[list[_Job]] = []
        if queue:
            # The first block, and when it is a heading the blocks up to the first prose under it: a
            # headline alone would hold the first paragraph back a whole model call while leaving
            # a core idle (one short sentence); together both cores share them.
            first = [queue.pop(0)]
            while (
                first[-1].block.kind is BlockKind.HEADING
                and queue
                and (queue[0].block.id in rank or not rank)
            ):
                first.append(queue.pop(0))
            tiers.append(first)
        pending_visible = [j for j in queue if j.block.id in rank]
        if pending_visible:
            tiers.append(pending_visible)  # the rest of what is on screen
            queue = [j for j in queue if j.block.id not in rank]
        elif queue and not visible:
            tiers.append([queue.pop(0)])  # no visible list: the next paragraph alone, soon
        # Later tiers grow (16, 32, ... sentences up to tier_sentences): the next paragraphs
        # arrive soon, and the bulk still goes through the model in large batches.
        limit = self.settings.first_tier_sentences
        current: list[_Job] = []
        for job in queue:
            current.append(job)
            if self._sentence_count(current) >= limit:
                tiers.append(current)
                current = []
                limit = min(limit * 2, self.settings.tier_sentences)
        if current:
            if len(tiers) > 2 and self._sentence_count(current) < limit // 4:
                tiers[-1].extend(current)  # a short remainder rides with the previous tier
            else:
                tiers.append(current)
        return tiers

    @staticmethod
    def _sentence_count(jobs: list[_Job]) -> int:
        return sum(len(s.sentences) for job in jobs for s in job.segments if s.result is None)

    # -- running -----------------------------------------------------------------------------
    def _run_tier(
        self,
        tier: list[_Job],
        target: str,
        emit: Callable[[Translation], None],
        cancel: CancelToken | None,
        *,
        urgent: bool = False,
    ) -> None:
        by_chain: dict[Chain, list[_Segment]] = {}
        for job in tier:
            for segment in job.segments:
                if segment.result is None:
                    by_chain.setdefault(segment.chain, []).append(segment)
        failed: dict[Chain, str] = {}
        for chain, segments in by_chain.items():
            sentences = list(dict.fromkeys(s for segment in segments for s in segment.sentences))
            try:
                texts = sentences
                for package in chain:
                    texts = self._models.get(package).translate(texts, cancel, urgent=urgent)
            except ModelError as error:
                failed[chain] = str(error)
                continue
            translated = dict(zip(sentences, texts, strict=True))
            results: dict[TranslationKey, str] = {}
            # Chinese and Japanese put no space between sentences.
            joiner = "" if detection_code(chain[-1].to_code) in _UNSPACED else " "
            for segment in segments:
                segment.result = results[segment.key] = joiner.join(translated[s] for s in segment.sentences)
            self.cache.put_many(results)
        for job in tier:
            errors = [failed[s.chain] for s in job.segments if s.chain in failed]
            if errors:
                emit(
                    Translation(
                        job.block.id,
                        target,
                        TranslationStatus.FAILED,
                        source_lang=job.block.lang,
                        detail=errors[0],
                    )
                )
            else:
                emit(self._assemble(job, target))

    @staticmethod
    def _assemble(job: _Job, target: str) -> Translation:
        text = "".join(p if isinstance(p, str) else (p.result or "") for p in job.pieces)
        notes = []
        pivots = {
            "→".join([c[0].from_code, *(p.to_code for p in c)]) for c in (s.chain for s in job.segments)
        }
        notes.extend(sorted(p for p in pivots if p.count("→") > 1))
        notes.extend(f"{m} not installed; kept as is" for m in job.missing)
        return Translation(
            job.block.id,
            target,
            TranslationStatus.TRANSLATED,
            text=text,
            source_lang=job.block.lang,
            detail="; ".join(notes) or None,
        )
