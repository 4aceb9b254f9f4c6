"""The plain, immutable data that flows between Reader's stages.

Every stage (ingest, language, translate, annotate, store, ui) takes and returns these frozen
dataclasses, so a snapshot can be handed to a worker thread without copying or locking.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is in the article's structure."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"
    PREFORMATTED = "preformatted"


@dataclass(frozen=True, slots=True)
class LanguageRun:
    """A stretch of a block's text in one language (for blocks that mix languages).

    Offsets are character offsets into ``Block.text``; ``end`` is exclusive.
    """

    start: int
    end: int
    lang: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of an article.

    Attributes:
        id: stable within the article (``b0``, ``b1``, ... in reading order); the library stores
            reading positions and translations against it.
        kind: structural role.
        text: plain text, no markup.
        level: heading level (1-6) for headings, nesting depth for list items, else 0.
        lang: ISO 639-1 code, or None before detection / when undetermined.
        confidence: detector confidence for ``lang`` in [0, 1].
        runs: language runs when the block mixes languages; empty when it is all ``lang``.
    """

    id: str
    kind: BlockKind
    text: str
    level: int = 0
    lang: str | None = None
    confidence: float = 0.0
    runs: tuple[LanguageRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A clean, structured article: metadata plus ordered blocks."""

    title: str
    blocks: tuple[Block, ...]
    source: str = ""
    byline: str | None = None
    site: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    lang: str | None = None  # the article's dominant language, once detected
    dropped: tuple[str, ...] = ()  # page furniture left out at ingest ("SHARE:"), shown on request
    title_lang: str | None = None  # the title's own language, once detected (else ``lang`` stands for it)

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def with_blocks(self, blocks: tuple[Block, ...], **changes: object) -> Article:
        return replace(self, blocks=blocks, **changes)  # type: ignore[arg-type]


class SpanKind(StrEnum):
    """What a highlighted span is."""

    PERSON = "PER"
    ORGANIZATION = "ORG"
    LOCATION = "LOC"
    MISC = "MISC"
    DATE = "DATE"


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of text: an entity or a date expression.

    Attributes:
        start, end: character offsets into the annotated text; ``end`` exclusive.
        kind: entity type or DATE.
        text: the covered text (``text[start:end]`` of the annotated string).
        value: for DATE the normalized ISO 8601 value (partial when the year is unknown,
            e.g. ``--01-04``); for entities a normalized name used to link the same entity
            across original and translation.
        detail: for DATE the expression kind (date, day-month, weekday, month, year, relative,
            range, time); for entities the recognizer that found it.
    """

    start: int
    end: int
    kind: SpanKind
    text: str
    value: str | None = None
    detail: str | None = None


class SentenceOrigin(StrEnum):
    """Where a translated sentence came from."""

    MODEL = "model"  # the translation model
    MEMORY = "memory"  # the reader's own correction (translation memory), or an alternative they chose
    GLOSSARY = "glossary"  # the model's output with the reader's glossary terms put in


@dataclass(frozen=True, slots=True)
class SentencePair:
    """One sentence of a block and its translation: what links them on screen and in exports.

    Attributes:
        source: (start, end) character offsets into ``Block.text``; ``end`` exclusive.
        target: (start, end) character offsets into ``Translation.text``; ``end`` exclusive.
        score: the model's mean log-probability per token (CTranslate2 ``return_scores``; 0 is
            certain, more negative is less sure); None when no model produced it (memory).
        origin: see SentenceOrigin.
    """

    source: tuple[int, int]
    target: tuple[int, int]
    score: float | None = None
    origin: SentenceOrigin = SentenceOrigin.MODEL


# The article's title travels as a pseudo-block with this id: translated (first), cached, stored and
# exported like a block, but shown in the header, the window title and the library list.
TITLE_BLOCK_ID = "title"


class TranslationStatus(StrEnum):
    TRANSLATED = "translated"
    SAME_LANGUAGE = "same-language"
    UNAVAILABLE = "unavailable"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Translation:
    """The outcome of translating one block.

    Attributes:
        block_id: the block translated.
        target: target language code.
        status: see TranslationStatus.
        text: the translated text when status is TRANSLATED.
        source_lang: the language translated from.
        detail: a user-facing note, e.g. ``de→en not installed`` or the pivot path ``de→en→fr``.
        sentences: the block's sentences and their translations, in order, when status is
            TRANSLATED; their ``source`` spans cover every sentence of the block (text left as is,
            e.g. a run in the reader's language, has no pair).
    """

    block_id: str
    target: str
    status: TranslationStatus
    text: str | None = None
    source_lang: str | None = None
    detail: str | None = None
    sentences: tuple[SentencePair, ...] = ()


@dataclass(frozen=True, slots=True)
class BlockAnnotations:
    """Highlights of one block, in its original text and in its translation."""

    block_id: str
    original: tuple[Span, ...] = ()
    translation: tuple[Span, ...] = field(default=())
