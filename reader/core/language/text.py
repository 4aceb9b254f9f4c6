"""Text helpers for language identification: word counts, sentence and quotation spans, runs.

Pure Python (no detector): which blocks are too short to judge, how a block splits into spans that
may each be in another language, and how labelled spans become LanguageRuns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reader.core.document import Block, LanguageRun

# A block with fewer words or letters than this is "very short" (a label, a byline, "SHARE:"):
# it takes its neighbours' language unless the detector is confident about it.
SHORT_WORDS = 3
SHORT_LETTERS = 16

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Quotations are split out first so a quoted sentence in another language becomes its own run.
_QUOTE = re.compile(r"„[^„“”\"]+[“”\"]|“[^“”]+”|«[^«»]+»|»[^«»]+«|‹[^‹›]+›|\"[^\"]+\"")
# A sentence ends at . ! ? or … followed by space and something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"„“«»¿¡(\[]?[^\W\d_])")


def merge_runs(
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


_NOT_LETTER = re.compile(r"[\W\d_]+")


def count_letters(text: str) -> int:
    """How many letters ``text`` has (one regex pass: a per-character loop took seconds on a 2 MiB line)."""
    return len(_NOT_LETTER.sub("", text))


def is_short(text: str, words: int = SHORT_WORDS, letters: int = SHORT_LETTERS) -> bool:
    if len(text) > 400 and not is_short(text[:400], words, letters):
        return False  # enough words and letters already in its start: no need to count a long text
    return len(_WORD.findall(text)) < words or count_letters(text) < letters


def is_piece_short(text: str) -> bool:
    """A sentence too short to be told apart from its block's language on its own."""
    return is_short(text, words=4, letters=20)


def segments(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into quotation and sentence spans that together cover it."""
    cuts = {0, len(text)}
    for match in _QUOTE.finditer(text):
        cuts.update((match.start(), match.end()))
    for match in _SENTENCE_END.finditer(text):
        cuts.add(match.end())
    ordered = sorted(cuts)
    spans = [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if text[a:b].strip()]
    return spans


def fill(labels: list[tuple[str, float] | None], default: tuple[str, float]) -> list[tuple[str, float]]:
    """Unlabelled (short) segments take the label of the previous segment, else the next one."""
    filled: list[tuple[str, float]] = []
    for i, label in enumerate(labels):
        if label is None:
            label = filled[-1] if filled else next((x for x in labels[i + 1 :] if x), default)
        filled.append(label)
    return filled


def dominant_run(runs: Sequence[LanguageRun]) -> tuple[str, float]:
    sizes: dict[str, int] = {}
    for run in runs:
        sizes[run.lang] = sizes.get(run.lang, 0) + (run.end - run.start)
    lang = max(sizes, key=sizes.__getitem__)
    total = sum(run.end - run.start for run in runs)
    confidence = sum(run.confidence * (run.end - run.start) for run in runs) / total if total else 0.0
    return lang, round(confidence, 4)


def dominant(blocks: Sequence[Block]) -> str | None:
    """The language holding the most characters, counting mixed blocks run by run."""
    sizes: dict[str, int] = {}
    for block in blocks:
        if block.runs:
            for run in block.runs:
                sizes[run.lang] = sizes.get(run.lang, 0) + (run.end - run.start)
        elif block.lang:
            sizes[block.lang] = sizes.get(block.lang, 0) + len(block.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None
