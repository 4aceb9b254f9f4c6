"""The engine's plan of an article: which text of each block is translated, sentence by sentence, in
which tiers, and how each block's translation and its sentence pairs are put back together.

A block (or the title, a pseudo-block) becomes a job: its text cut into pieces kept verbatim (text
already in the target language, or in a language no package covers) and segments to translate (one per
language run). Each segment is split into sentences with exact offsets into the block text: the
splitter strips, so every sentence is found in the text, in order, after the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.document import (
    TITLE_BLOCK_ID,
    Block,
    BlockKind,
    LanguageRun,
    SentenceOrigin,
    SentencePair,
    Translation,
    TranslationStatus,
)
from reader.core.language.codes import detection_code
from reader.core.translate.cache import TranslationKey, normalize_source
from reader.core.translate.glossary_apply import TermHit
from reader.core.translate.packages import InstalledPackage
from reader.core.translate.sentences import split_sentences

Chain = tuple[InstalledPackage, ...]
# Chinese and Japanese put no space between sentences.
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


def locate_sentences(text: str, sentences: Sequence[str]) -> list[tuple[int, int]] | None:
    """(start, end) of each sentence in ``text``, in order; None if one is not found verbatim after the
    previous one (then the caller keeps the segment as one sentence rather than guess an offset)."""
    spans = []
    position = 0
    for sentence in sentences:
        start = text.find(sentence, position)
        if start < 0 or not sentence:
            return None
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


@dataclass
class Sentence:
    """One source sentence of a segment and, once known, its translation."""

    source: str
    span: tuple[int, int]  # offsets into the block text
    key: TranslationKey
    text: str | None = None
    score: float | None = None
    origin: SentenceOrigin = SentenceOrigin.MODEL
    terms: list[TermHit] = field(default_factory=list)  # glossary terms found in the source


@dataclass
class Segment:
    chain: Chain
    lang: str  # the run's language as identified: the pair the translation memory and glossary use
    sentences: list[Sentence]

    @property
    def pending(self) -> list[Sentence]:
        return [s for s in self.sentences if s.text is None]


@dataclass
class Job:
    block: Block
    pieces: list[str | Segment]  # verbatim text or a segment to translate, in order
    missing: list[str]  # "de→en" pairs that had no package (kept verbatim)

    @property
    def segments(self) -> list[Segment]:
        return [p for p in self.pieces if isinstance(p, Segment)]

    @property
    def done(self) -> bool:
        return all(not segment.pending for segment in self.segments)


def runs(block: Block) -> list[LanguageRun]:
    if block.runs:
        return sorted(block.runs, key=lambda r: r.start)
    if block.lang:
        return [LanguageRun(0, len(block.text), block.lang, block.confidence)]
    return []


def _segment(block_text: str, start: int, end: int, lang: str, chain: Chain, target: str) -> Segment:
    core = block_text[start:end]
    code = detection_code(chain[0].from_code)
    split = split_sentences(core, code) or [core.strip()]
    spans = locate_sentences(core, split)
    if spans is None:
        split, spans = (
            [core.strip()],
            [(core.index(core.strip()), core.index(core.strip()) + len(core.strip()))],
        )
    return Segment(
        chain,
        lang,
        [
            Sentence(sentence, (start + s, start + e), chain_key(chain, target, sentence))
            for sentence, (s, e) in zip(split, spans, strict=True)
        ],
    )


def plan_block(block: Block, target: str, chains: dict[str, Chain | None]) -> Translation | Job:
    """A job for the block, or its final outcome when nothing in it is to be translated."""

    def final(status: TranslationStatus, detail: str | None = None) -> Translation:
        return Translation(block.id, target, status, source_lang=block.lang, detail=detail)

    if not block.text.strip():
        return final(TranslationStatus.SAME_LANGUAGE, "nothing to translate")
    block_runs = runs(block)
    if not block_runs:
        return final(TranslationStatus.UNAVAILABLE, "language not identified")
    pieces: list[str | Segment] = []
    missing: list[str] = []
    position = 0
    for run in block_runs:
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
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw.rstrip())
            pieces.extend(
                [
                    raw[:lead],
                    _segment(block.text, start + lead, start + trail, run.lang, chain, target),
                    raw[trail:],
                ]
            )
        position = max(position, end)
    if position < len(block.text):
        pieces.append(block.text[position:])
    job = Job(block, [p for p in pieces if not isinstance(p, str) or p], missing)
    if not job.segments:
        if missing:
            return final(TranslationStatus.UNAVAILABLE, "; ".join(f"{m} not installed" for m in missing))
        return final(TranslationStatus.SAME_LANGUAGE)
    return job


def assemble(job: Job, target: str) -> Translation:
    """The block's translation, and a sentence pair for every translated sentence."""
    parts: list[str] = []
    pairs: list[SentencePair] = []
    length = 0
    for piece in job.pieces:
        if isinstance(piece, str):
            parts.append(piece)
            length += len(piece)
            continue
        joiner = "" if detection_code(piece.chain[-1].to_code) in _UNSPACED else " "
        for index, sentence in enumerate(piece.sentences):
            if index:
                parts.append(joiner)
                length += len(joiner)
            text = sentence.text or ""
            pairs.append(
                SentencePair(sentence.span, (length, length + len(text)), sentence.score, sentence.origin)
            )
            parts.append(text)
            length += len(text)
    notes = []
    pivots = {"→".join([c[0].from_code, *(p.to_code for p in c)]) for c in (s.chain for s in job.segments)}
    notes.extend(sorted(p for p in pivots if p.count("→") > 1))
    notes.extend(f"{m} not installed; kept as is" for m in job.missing)
    return Translation(
        job.block.id,
        target,
        TranslationStatus.TRANSLATED,
        text="".join(parts),
        source_lang=job.block.lang,
        detail="; ".join(notes) or None,
        sentences=tuple(pairs),
    )


def title_block(title: str, lang: str | None) -> Block:
    """The article's title as the pseudo-block the engine translates first."""
    return Block(TITLE_BLOCK_ID, BlockKind.HEADING, title, 1, lang, 1.0 if lang else 0.0)


def pending_count(jobs: Sequence[Job]) -> int:
    return sum(len(segment.pending) for job in jobs for segment in job.segments)


def tiers(
    jobs: list[Job], priority: Sequence[str] | None, first_tier_sentences: int, tier_sentences: int
) -> list[list[Job]]:
    """Jobs in the order the reader needs them, cut into tiers (see ``TranslationEngine``).

    The title rides in the first tier, with the first paragraph: both are what the reader sees first,
    and a short headline alone would hold the paragraph back a whole model call while leaving a core idle.
    """
    title = [j for j in jobs if j.block.id == TITLE_BLOCK_ID]
    jobs = [j for j in jobs if j.block.id != TITLE_BLOCK_ID]
    rank = {block_id: i for i, block_id in enumerate(priority or ())}
    visible = sorted((j for j in jobs if j.block.id in rank), key=lambda j: rank[j.block.id])
    rest = [j for j in jobs if j.block.id not in rank]
    queue = visible + rest
    out: list[list[Job]] = []
    if queue:
        # The first block, and when it is a heading the blocks up to the first prose under it.
        first = [queue.pop(0)]
        while first[-1].block.kind is BlockKind.HEADING and queue and (queue[0].block.id in rank or not rank):
            first.append(queue.pop(0))
        out.append(first)
    pending_visible = [j for j in queue if j.block.id in rank]
    if pending_visible:
        out.append(pending_visible)  # the rest of what is on screen
        queue = [j for j in queue if j.block.id not in rank]
    elif queue and not visible:
        out.append([queue.pop(0)])  # no visible list: the next paragraph alone, soon
    # Later tiers grow (16, 32, ... sentences up to tier_sentences): the next paragraphs
    # arrive soon, and the bulk still goes through the model in large batches.
    limit = first_tier_sentences
    current: list[Job] = []
    for job in queue:
        current.append(job)
        if pending_count(current) >= limit:
            out.append(current)
            current = []
            limit = min(limit * 2, tier_sentences)
    if current:
        if len(out) > 2 and pending_count(current) < limit // 4:
            out[-1].extend(current)  # a short remainder rides with the previous tier
        else:
            out.append(current)
    if title:
        if out:
            out[0][:0] = title
        else:
            out.append(title)
    return out
