"""Putting the reader's glossary terms into a model's translation, by cross-attention alignment.

Why alignment rather than the other two ways the issue names: placeholders ("keep ⟦1⟧") depend on the
model copying an unseen token through, which many Argos/Opus-MT models do not do reliably (and a model
that does not emits nonsense around it); constrained target prefixes only force the start of a sentence.
Cross-attention works with every model CTranslate2 runs: the target words that attend most to the term's
source pieces are the model's own rendering of the term, and they are replaced by the glossary's. The rest
of the sentence stays exactly as the model wrote it (``benchmarks/glossary.py`` measures both).

What is handled: a term matches case-insensitively on word boundaries (``Bahn`` does not match in
``Bahnhof``), multi-word terms match across any run of whitespace, and the longest term wins where two
overlap. A "keep as is" term is put in as it is written in the sentence; a translated term as the glossary
writes it, capitalised when it opens the sentence. Not handled: inflection (a German term in the genitive,
``des Ministers``, matches only if that form is the glossary's) and the target's inflection of the inserted
term; a term already present in the model's output (same case-insensitive word match) is left alone.
Word boundaries are those of scripts that separate words with spaces: in Chinese or Japanese text a term
written inside a run of characters is not found (a known limit). Packages with argos's BPE tokenizer (the
oldest) cannot say where their pieces lie, so their output is left as the model wrote it.

Through a pivot (de→en→fr) the two hops' attentions are chained (``compose``): the pivot text's pieces
as the first model wrote them and as the second model read them are matched by where they lie in the
text, so each final piece gets an attention over the original source pieces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.core.translate.memory import GlossaryTerm
from reader.core.translate.runtime import Aligned, Hypothesis

_WORD_MARK = "\u2581"  # SentencePiece's word-start marker


@dataclass(frozen=True, slots=True)
class TermHit:
    """A glossary term found in a source sentence: where, and what the translation must contain."""

    start: int
    end: int
    rendering: str


def _pattern(text: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in text.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def find_terms(sentence: str, terms: Sequence[GlossaryTerm]) -> list[TermHit]:
    """The terms in ``sentence``, in order, without overlaps (``terms`` longest first: the longest wins)."""
    hits: list[TermHit] = []
    for term in terms:
        if not term.source.strip():
            continue
        for match in _pattern(term.source).finditer(sentence):
            if any(match.start() < hit.end and hit.start < match.end() for hit in hits):
                continue
            rendering = match.group(0) if term.target is None else term.target
            hits.append(TermHit(match.start(), match.end(), rendering))
    return sorted(hits, key=lambda hit: hit.start)


def honoured(translation: str, hit: TermHit) -> bool:
    """True when the translation already contains the term's rendering (case-insensitive, whole words)."""
    return bool(hit.rendering.strip()) and _pattern(hit.rendering).search(translation) is not None


def missing_terms(translation: str, hits: Sequence[TermHit]) -> list[TermHit]:
    return [hit for hit in hits if not honoured(translation, hit)]


def _words(pieces: list[str]) -> list[tuple[int, int, bool]]:
    """Target pieces grouped into words: (first piece, end piece, is punctuation only)."""
    words: list[tuple[int, int, bool]] = []
    for index, piece in enumerate(pieces):
        bare = piece.replace(_WORD_MARK, "")
        punctuation = bool(bare) and not any(char.isalnum() for char in bare)
        starts = piece.startswith(_WORD_MARK) or not words or punctuation or words[-1][2]
        if starts:
            words.append((index, index + 1, punctuation))
        else:
            first, _end, punct = words[-1]
            words[-1] = (first, index + 1, punct)
    return words


def _span_for(
    aligned: Aligned, hit: TermHit, words: list[tuple[int, int, bool]], taken: set[int]
) -> tuple[int, int] | None:
    """The words (first, last index into ``words``) the model wrote for the term's source pieces."""
    columns = [j for j, (s, e) in enumerate(aligned.source_spans) if s < hit.end and e > hit.start and s < e]
    if not columns:
        return None
    rows = aligned.attention

    def mass(word: int) -> float:
        first, end, _punct = words[word]
        return sum(
            rows[t][j] for t in range(first, end) for j in columns if t < len(rows) and j < len(rows[t])
        )

    def focused(word: int) -> bool:  # most of the word's pieces look at the term more than at anything else
        first, end, _punct = words[word]
        inside = 0
        for t in range(first, min(end, len(rows))):
            row = rows[t]
            if row and max(range(len(row)), key=row.__getitem__) in columns:
                inside += 1
        return inside * 2 > end - first

    candidates = [w for w in range(len(words)) if not words[w][2] and w not in taken]
    if not candidates:
        return None
    best = max(candidates, key=mass)
    limit = len(hit.rendering.split()) + 1
    first = last = best
    while last - first + 1 < limit and last + 1 in candidates and focused(last + 1):
        last += 1
    while last - first + 1 < limit and first - 1 in candidates and focused(first - 1):
        first -= 1
    return first, last


def enforce(aligned: Aligned, hits: Sequence[TermHit]) -> str | None:
    """The aligned translation with each hit's rendering in place of the words the model wrote for it;
    None when no hit could be placed (nothing to change)."""
    pieces = aligned.pieces
    words = _words(pieces)
    taken: set[int] = set()
    spans: list[tuple[int, int, TermHit]] = []
    for hit in hits:
        span = _span_for(aligned, hit, words, taken)
        if span is not None:
            taken.update(range(span[0], span[1] + 1))
            spans.append((span[0], span[1], hit))
    if not spans:
        if not hits or any(not words[w][2] for w in range(len(words))):
            return None
        # The model wrote no word at all: the terms are the translation.
        return " ".join(hit.rendering for hit in hits)
    out: list[str] = []
    replaced = {first: (last, hit) for first, last, hit in spans}
    word = 0
    while word < len(words):
        first_piece, end_piece, _punct = words[word]
        if word in replaced:
            last, hit = replaced[word]
            rendering = hit.rendering
            original = aligned.decode(pieces[first_piece:end_piece]).strip()
            if word == 0 and original[:1].isupper() and rendering[:1].islower():
                rendering = rendering[:1].upper() + rendering[1:]
            marker = _WORD_MARK if pieces[first_piece].startswith(_WORD_MARK) or word == 0 else ""
            # One synthetic piece: SentencePiece decoding copies an unknown piece verbatim, and its word
            # marker becomes the space before it, so the spacing around the term stays the model's.
            out.append(marker + rendering.replace(" ", _WORD_MARK))
            word = last + 1
        else:
            out.extend(pieces[first_piece:end_piece])
            word += 1
    return aligned.decode(out)


def _piece_spans(aligned: Aligned) -> list[tuple[int, int]]:
    """Where each of the translation's pieces lies in its decoded text (by decoding growing prefixes:
    decoding is what turns pieces into text, so it is the one reliable measure)."""
    spans = []
    previous = 0
    for index in range(len(aligned.pieces)):
        end = len(aligned.decode(aligned.pieces[: index + 1]))
        start = min(previous, end)
        # The piece's own characters, without the space its word marker decodes to.
        text = aligned.decode(aligned.pieces[: index + 1])[start:end]
        spans.append((start + len(text) - len(text.lstrip()), end))
        previous = end
    return spans


def compose(first: Aligned, second: Aligned) -> Aligned:
    """Two hops as one: ``second`` translated ``first``'s output; the result attends to ``first``'s source.

    Each final piece's attention over the pivot pieces the second model read is carried to the pivot
    pieces the first model wrote that overlap them in the text, and from those to the source pieces.
    The score is the lower of the two hops'.
    """
    written = _piece_spans(first)
    columns = len(first.source_spans)
    read_as: list[list[int]] = []  # for each piece the second model read: the first model's pieces under it
    for start, end in second.source_spans:
        read_as.append([k for k, (s, e) in enumerate(written) if s < end and start < e and s < e])
    attention = []
    for row in second.attention:
        combined = [0.0] * columns
        for k, weight in enumerate(row[: len(read_as)]):
            for piece in read_as[k]:
                if piece < len(first.attention):
                    source_row = first.attention[piece]
                    for j in range(min(columns, len(source_row))):
                        combined[j] += weight * source_row[j] / len(read_as[k])
        attention.append(combined)
    score = min(first.hypothesis.score, second.hypothesis.score)
    return replace(
        second,
        hypothesis=Hypothesis(second.hypothesis.text, score),
        attention=attention,
        source_spans=first.source_spans,
    )
