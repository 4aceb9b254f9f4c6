"""Where each sentence of the article sits in the view's document, and the text for its tooltip.

The renderer puts an anchor (``so-<block>`` / ``st-<block>``) on the first character of every block's
original and translated text and records a ``BodyPlacement`` for it: the text's length and where
hyphenation inserted soft hyphens (each is one more document character). From the anchor's document
position and those insertions, any character offset of ``Block.text`` or ``Translation.text`` (the
offsets ``SentencePair`` holds) maps to a document position and back, without searching the text.
Qt-only in name: nothing here touches a widget, so it is cheap to test and to call on every mouse move.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.app import strings
from reader.core.document import SentenceOrigin, SentencePair

SOFT_HYPHEN = "\u00ad"
ORIGINAL_ANCHOR = "so-"
TRANSLATION_ANCHOR = "st-"


@dataclass
class BodyPlacement:
    """One rendered text (a block's original or its translation) as the renderer laid it out.

    Attributes:
        length: characters of the source text (``Block.text`` or ``Translation.text``).
        shifts: source offsets before which a soft hyphen was inserted, ascending.
    """

    length: int
    shifts: list[int] = field(default_factory=list)

    @property
    def rendered_length(self) -> int:
        return self.length + len(self.shifts)

    def to_rendered(self, offset: int) -> int:
        """Rendered offset of the character at source ``offset`` (the body's start is 0)."""
        return offset + bisect.bisect_right(self.shifts, offset)

    def rendered_end(self, end: int) -> int:
        """Rendered offset just past the character before source ``end`` (an exclusive end)."""
        if end <= 0:
            return 0
        return self.to_rendered(end - 1) + 1

    def to_source(self, rendered: int) -> int:
        """The source offset of the character at ``rendered`` (a soft hyphen: the character before it)."""
        low, high = 0, self.length
        while low < high:  # the largest source offset whose rendered offset is <= rendered
            middle = (low + high + 1) // 2
            if self.to_rendered(middle) <= rendered:
                low = middle
            else:
                high = middle - 1
        return low


def record_shifts(source: str, prepared: str, base: int, shifts: list[int]) -> None:
    """Append to ``shifts`` where ``prepared`` (``source`` hyphenated) has soft hyphens ``source`` lacks.

    ``base`` is ``source``'s offset in the whole text. A hyphenation pattern that rewrites letters
    (old German "Schiffahrt" → "Schiff-fahrt") only makes the mapping approximate near that word.
    """
    i = j = 0
    while j < len(prepared):
        if prepared[j] == SOFT_HYPHEN and (i >= len(source) or source[i] != SOFT_HYPHEN):
            shifts.append(base + i)
        else:
            i += 1
        j += 1


def sentence_index_at(pairs: Sequence[SentencePair], text: str, offset: int, *, target: bool) -> int | None:
    """The pair whose side (source, or ``target``) covers ``offset`` of ``text``; the space after a
    sentence belongs to it (so the mark does not flicker between sentences), text no pair covers to none."""
    starts = [(pair.target if target else pair.source)[0] for pair in pairs]
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0:
        return None
    end = (pairs[index].target if target else pairs[index].source)[1]
    if offset < end or not text[end : offset + 1].strip():
        return index
    return None


def sentence_tooltip(pair: SentencePair, threshold: float | None) -> str:
    """Why a translated sentence looks as it does: the reader's own, the glossary's, or an unsure one."""
    if pair.origin is SentenceOrigin.MEMORY:
        return strings.SENTENCE_FROM_MEMORY
    note = strings.SENTENCE_GLOSSARY_APPLIED if pair.origin is SentenceOrigin.GLOSSARY else ""
    if is_unsure(pair, threshold):
        unsure = strings.sentence_unsure(pair.score or 0.0)
        return f"{unsure}\n{note}" if note else unsure
    return note


def is_unsure(pair: SentencePair, threshold: float | None) -> bool:
    """A model sentence whose score (mean log-probability per token) is below the reader's threshold."""
    return (
        threshold is not None
        and pair.score is not None
        and pair.origin is not SentenceOrigin.MEMORY
        and pair.score < threshold
    )
