"""Translate an article offline, block by block, streaming each block as soon as it is done.

Plan (``plan.py``): every block (or every language run of a mixed block) not in the target language
becomes a segment translated by the package chain for its language (direct, or a pivot through
English), split into sentences with exact offsets. The article's title is a pseudo-block
(``TITLE_BLOCK_ID``) planned first. Each sentence is answered, in this order, by the reader's
translation memory (their own text, origin MEMORY, no score), then the cache (the model's earlier
output and score), then the model; sentences holding a glossary term the model's output misses are
translated with cross-attention and the term put in (``glossary_apply.py``, origin GLOSSARY; the
score stays the one the model gave its own wording).
Blocks whose sentences are all answered before the model are delivered at once; the rest are
translated in tiers: first the blocks the reader sees (``priority``, else the first few sentences of
the article), then the rest in reading order. Within a tier, the sentences of all blocks that share a
chain go through the model together (batched by length, see ``batching.py``), and each block is
reassembled, with a sentence pair per translated sentence, and delivered as soon as its last sentence
is done, not when the tier ends. Scores are the model's mean log-probability per token
(``runtime.py``); through a pivot chain a sentence's score is the lowest of its hops (the least sure
step decides how far to trust it). The engine never touches the network and never imports argos's
translate module (MiniSBD would download models and onnxruntime would write under ``~/.cache``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from reader.core.cancel import CancelToken
from reader.core.document import Article, Block, SentenceOrigin, Translation, TranslationStatus
from reader.core.errors import ModelError
from reader.core.translate import glossary_apply
from reader.core.translate.cache import (
    CachedSentence,
    MemoryTranslationCache,
    TranslationCache,
    normalize_source,
)
from reader.core.translate.memory import Glossary, GlossaryTerm, TranslationMemory
from reader.core.translate.packages import InstalledPackage, PackageManager
from reader.core.translate.plan import (
    Chain,
    Job,
    Segment,
    Sentence,
    assemble,
    chain_key,
    plan_block,
    runs,
    tiers,
    title_block,
)
from reader.core.translate.runtime import Aligned, EngineSettings, Hypothesis, ModelPool
from reader.core.translate.sentence_pairs import Alternative

__all__ = ["EngineSettings", "TranslationEngine", "chain_key"]


class TranslationEngine:
    """Batched, streamed, cached offline translation on installed Argos packages.

    Thread-safe: calls are serialised (the UI runs it on its one-thread model pool).
    """

    def __init__(
        self,
        packages: PackageManager,
        cache: TranslationCache | None = None,
        settings: EngineSettings | None = None,
        *,
        memory: TranslationMemory | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        self.packages = packages
        self.cache: TranslationCache = cache if cache is not None else MemoryTranslationCache()
        self.settings = settings or EngineSettings()
        self.memory = memory
        self.glossary = glossary
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
        include_title: bool = True,
    ) -> list[Translation]:
        """Translate the title and every block not in ``target``: ``[title] + one per block`` in article
        order. The title (``TITLE_BLOCK_ID``) is in the language ``article.title_lang``, else
        ``article.lang``; there is no title element when the article has no title, that language is not
        known (nothing identified it yet), or ``include_title`` is False.

        ``on_block`` is called (from this thread) for each block as soon as its outcome is known:
        same-language and unavailable blocks and blocks answered without the model first, then
        translated blocks tier by tier: the title and the first paragraph, then the ``priority`` block
        ids (the ones on screen), then the rest. Raises CancelledError when ``cancel`` is set; sentences
        translated before that are cached.
        """
        with self._lock:
            done: dict[str, Translation] = {}

            def emit(translation: Translation) -> None:
                done[translation.block_id] = translation
                if on_block is not None:
                    on_block(translation)

            blocks = list(article.blocks)
            title_lang = article.title_lang or article.lang
            if include_title and article.title.strip() and title_lang:
                blocks.insert(0, title_block(article.title, title_lang))
            chains = self._chains(blocks, target)
            jobs = []
            for block in blocks:
                job_or_result = plan_block(block, target, chains)
                if isinstance(job_or_result, Translation):
                    emit(job_or_result)
                else:
                    jobs.append(job_or_result)
            self._answer_known(jobs, target)
            remaining = []
            for job in jobs:
                if job.done:
                    emit(assemble(job, target))
                else:
                    remaining.append(job)
            cut = tiers(remaining, priority, self.settings.first_tier_sentences, self.settings.tier_sentences)
            for number, tier in enumerate(cut):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                # The first two tiers are what the reader waits for: cut for latency, not throughput.
                self._run_tier(tier, target, emit, cancel, urgent=number < 2)
            return [done[block.id] for block in blocks]

    def alternatives(
        self,
        sentence: str,
        source_lang: str,
        target: str,
        *,
        current: str | None = None,
        count: int = 3,
        cancel: CancelToken | None = None,
    ) -> list[Alternative]:
        """Up to ``count`` distinct translations of ``sentence``, best first, none equal to ``current``.

        The model's n best hypotheses (beam search with ``num_hypotheses``, the package's other settings
        as for a translation). Through a pivot chain the first hops take their best hypothesis and the
        last hop gives the alternatives; a score is the lowest of the hops. Raises ModelError when no
        installed package (or pivot) translates ``source_lang`` into ``target``.
        """
        text = sentence.strip()
        if not text or count <= 0:
            return []
        found = self.packages.find_path(source_lang, target)
        if not found:
            raise ModelError(f"No {source_lang}→{target} translation package is installed.")
        chain = tuple(found)
        with self._lock:
            floor = 0.0
            for package in chain[:-1]:
                best = self._models.get(package).translate([text], cancel, urgent=True)[0]
                text, floor = best.text, min(floor, best.score)
            # One spare hypothesis: the best is usually the current text. (Beam = hypotheses, at least
            # the package's beam: 4 for 3 alternatives, the translation's own cost per step.)
            hypotheses = self._models.get(chain[-1]).alternatives(text, count + 1, cancel)
        skip = {normalize_source(current or "").casefold()}
        out: list[Alternative] = []
        for hypothesis in hypotheses:
            key = normalize_source(hypothesis.text).casefold()
            if not key or key in skip:
                continue
            skip.add(key)
            out.append(Alternative(hypothesis.text, min(floor, hypothesis.score)))
            if len(out) == count:
                break
        return out

    def missing_pairs(self, article: Article, target: str) -> list[tuple[str, str]]:
        """(source, target) pairs the article (its title included) needs but no installed package (or
        pivot) covers."""
        missing: list[tuple[str, str]] = []
        blocks = list(article.blocks)
        title_lang = article.title_lang or article.lang
        if article.title.strip() and title_lang:
            blocks.insert(0, title_block(article.title, title_lang))
        for lang, chain in self._chains(blocks, target).items():
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
    def _chains(self, blocks: Sequence[Block], target: str) -> dict[str, Chain | None]:
        chains: dict[str, Chain | None] = {}
        for block in blocks:
            for run in runs(block):
                if run.lang != target and run.lang not in chains:
                    found = self.packages.find_path(run.lang, target)
                    chains[run.lang] = tuple(found) if found is not None else None
        return chains

    def _answer_known(self, jobs: list[Job], target: str) -> None:
        """Answer sentences from the translation memory, then the cache; find glossary terms."""
        segments = [segment for job in jobs for segment in job.segments]
        by_lang: dict[str, list[Sentence]] = {}
        for segment in segments:
            by_lang.setdefault(segment.lang, []).extend(segment.sentences)
        terms: dict[str, list[GlossaryTerm]] = {}
        for lang, sentences in by_lang.items():
            terms[lang] = self.glossary.terms(lang, target) if self.glossary is not None else []
            if terms[lang]:
                for sentence in sentences:
                    sentence.terms = glossary_apply.find_terms(sentence.source, terms[lang])
            if self.memory is None:
                continue
            mine = self.memory.lookup_many(lang, target, [s.source for s in sentences])
            for sentence in sentences:
                own = mine.get(normalize_source(sentence.source))
                if own is not None:
                    sentence.text, sentence.score, sentence.origin = own, None, SentenceOrigin.MEMORY
        keys = {s.key for segment in segments for s in segment.pending}
        hits = self.cache.get_many(keys) if keys else {}
        for segment in segments:
            for sentence in segment.pending:
                hit = hits.get(sentence.key)
                if hit is None:
                    continue
                if sentence.terms and glossary_apply.missing_terms(hit.text, sentence.terms):
                    continue  # the model must run again, with attention, to put the term in
                sentence.text, sentence.score = hit.text, hit.score

    # -- running -----------------------------------------------------------------------------
    def _run_tier(
        self,
        tier: list[Job],
        target: str,
        emit: Callable[[Translation], None],
        cancel: CancelToken | None,
        *,
        urgent: bool = False,
    ) -> None:
        """Translate a tier's pending sentences, one model call per chain, delivering each block as soon
        as all its sentences are known (a block need not wait for the whole tier)."""
        by_chain: dict[Chain, list[Segment]] = {}
        for job in tier:
            for segment in job.segments:
                if segment.pending:
                    by_chain.setdefault(segment.chain, []).append(segment)
        failed: dict[Chain, str] = {}
        delivered: set[int] = set()

        def deliver_ready() -> None:
            for job in tier:
                if id(job) not in delivered and not any(segment.pending for segment in job.segments):
                    delivered.add(id(job))
                    emit(assemble(job, target))

        for chain, segments in by_chain.items():
            pending = [s for segment in segments for s in segment.pending]

            def fill(
                translated: dict[str, Hypothesis],
                alignments: dict[str, Aligned],
                pending: list[Sentence] = pending,
            ) -> None:
                done = [s for s in pending if s.source in translated]
                self.cache.put_many({s.key: CachedSentence(*translated[s.source]) for s in done})
                for sentence in done:
                    sentence.text, sentence.score = translated[sentence.source]
                    aligned = alignments.get(sentence.source)
                    missing = glossary_apply.missing_terms(sentence.text, sentence.terms)
                    if aligned is not None and missing:
                        fixed = glossary_apply.enforce(aligned, missing)
                        if fixed is not None:
                            sentence.text, sentence.origin = fixed, SentenceOrigin.GLOSSARY
                deliver_ready()

            try:
                self._translate_pending(chain, pending, cancel, urgent, fill)
            except ModelError as error:
                failed[chain] = str(error)
        for job in tier:
            if id(job) in delivered:
                continue
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
                emit(assemble(job, target))

    def _translate_pending(
        self,
        chain: Chain,
        pending: list[Sentence],
        cancel: CancelToken | None,
        urgent: bool,
        fill: Callable[[dict[str, Hypothesis], dict[str, Aligned]], None],
    ) -> None:
        """The model's translation of each distinct pending sentence, passed to ``fill`` as it comes.
        When one of them holds a glossary term, the whole call returns cross-attention (to put the term
        in): the same batches and the same output, for little more than the plain call, rather than a
        second call holding the tier back."""
        sources = list(dict.fromkeys(s.source for s in pending))
        if any(s.terms for s in pending):
            alignments = self._translate_aligned(chain, sources, cancel, urgent)
            if alignments:
                fill({source: a.hypothesis for source, a in alignments.items()}, alignments)
                return
        self._translate(chain, sources, cancel, urgent, on_done=lambda done: fill(done, {}))

    def _translate_aligned(
        self, chain: Chain, sources: list[str], cancel: CancelToken | None, urgent: bool
    ) -> dict[str, Aligned]:
        """Sentences through the chain with their attention over the source (pivots: hops composed);
        empty when a package's tokenizer cannot say where its pieces lie (BPE)."""
        aligned = self._models.get(chain[0]).translate_aligned(sources, cancel, urgent=urgent)
        if aligned is None:
            return {}
        for package in chain[1:]:
            following = self._models.get(package).translate_aligned(
                [a.hypothesis.text for a in aligned], cancel, urgent=urgent
            )
            if following is None:
                return {}
            aligned = [glossary_apply.compose(a, b) for a, b in zip(aligned, following, strict=True)]
        return dict(zip(sources, aligned, strict=True))

    def _translate(
        self,
        chain: Chain,
        sources: list[str],
        cancel: CancelToken | None,
        urgent: bool,
        *,
        on_done: Callable[[dict[str, Hypothesis]], None] | None = None,
    ) -> dict[str, Hypothesis]:
        """Each distinct source sentence through the chain; the score is the lowest of the hops.
        ``on_done`` gets the translations as they are ready: per sub-batch on a one-package chain, all
        at once through a pivot (a sentence is done only after its last hop)."""
        unique = list(dict.fromkeys(sources))
        if not unique:
            return {}
        if len(chain) == 1:

            def batch_done(indices: list[int], outputs: list[Hypothesis]) -> None:
                if on_done is not None:
                    on_done({unique[i]: output for i, output in zip(indices, outputs, strict=True)})

            outputs = self._models.get(chain[0]).translate(unique, cancel, urgent=urgent, on_done=batch_done)
            return dict(zip(unique, outputs, strict=True))
        texts = unique
        scores = [0.0] * len(unique)
        for package in chain:
            outputs = self._models.get(package).translate(texts, cancel, urgent=urgent)
            texts = [o.text for o in outputs]
            scores = [min(a, o.score) for a, o in zip(scores, outputs, strict=True)]
        translated = {u: Hypothesis(t, s) for u, t, s in zip(unique, texts, scores, strict=True)}
        if on_done is not None:
            on_done(translated)
        return translated
