"""Editing a translation sentence by sentence, keeping its sentence pairs true.

A correction or a chosen alternative replaces one sentence's target text; every later pair's target
offsets shift by the difference, and the changed pair records where its text now comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.core.document import SentenceOrigin, SentencePair, Translation, TranslationStatus


@dataclass(frozen=True, slots=True)
class Alternative:
    """One alternative translation of a sentence and the model's score for it (mean log-prob/token)."""

    text: str
    score: float | None = None


def sentence_texts(source_text: str, translation: Translation, index: int) -> tuple[str, str]:
    """The source sentence and its translation for pair ``index``."""
    pair = translation.sentences[index]
    target = translation.text or ""
    return source_text[pair.source[0] : pair.source[1]], target[pair.target[0] : pair.target[1]]


def replace_sentence(
    translation: Translation,
    index: int,
    text: str,
    origin: SentenceOrigin = SentenceOrigin.MEMORY,
    score: float | None = None,
) -> Translation:
    """``translation`` with sentence ``index`` translated as ``text`` (later offsets shifted)."""
    if translation.status is not TranslationStatus.TRANSLATED or translation.text is None:
        raise ValueError("only a translated block has sentences to replace")
    if not 0 <= index < len(translation.sentences):
        raise IndexError(index)
    pair = translation.sentences[index]
    start, end = pair.target
    shift = len(text) - (end - start)
    new_text = translation.text[:start] + text + translation.text[end:]
    pairs = list(translation.sentences)
    pairs[index] = SentencePair(pair.source, (start, start + len(text)), score, origin)
    for i in range(index + 1, len(pairs)):
        later = pairs[i]
        pairs[i] = replace(later, target=(later.target[0] + shift, later.target[1] + shift))
    return replace(translation, text=new_text, sentences=tuple(pairs))
