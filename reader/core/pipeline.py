"""Identify → translate → annotate: the one pipeline the window and the command line both run.

The stages take plain immutable data and return plain data. Which engines run them is not decided here:
``reader.app.services.Services`` builds them (lingua in a child process or in process, the translation
engine over the library's cache, the entity recognizer with the installed spaCy models) and hands them in
as callables, so building this object loads nothing. The window calls the stages one by one from its
worker pools, streaming per block; ``reader export`` calls ``run()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from reader.core.cancel import CancelToken
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    Span,
    Translation,
    TranslationStatus,
)

if TYPE_CHECKING:  # the engine and the recognizers stay off the startup path until a stage runs
    from reader.core.translate.engine import TranslationEngine
    from reader.core.translate.sentence_pairs import Alternative


class Identifier(Protocol):
    """What detects block languages: ``LanguageIdentifier`` or the analysis child process."""

    def identify(self, article: Article) -> Article: ...


class ArticleAnnotator(Protocol):
    """What finds entities and dates: ``Annotator`` or the analysis child process."""

    def annotate_article(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> dict[str, BlockAnnotations]: ...

    def annotate_translation(
        self, translation: Translation, reference: dt.date | None
    ) -> tuple[Span, ...]: ...


@dataclass(frozen=True)
class PipelineResult:
    """An article with its languages, its translations (when a target was asked for) and its highlights."""

    article: Article
    translations: list[Translation] = field(default_factory=list)
    annotations: dict[str, BlockAnnotations] | None = None

    @property
    def title_translation(self) -> Translation | None:
        """The title's translation (the ``TITLE_BLOCK_ID`` pseudo-block), when it was translated."""
        return next((t for t in self.translations if t.block_id == TITLE_BLOCK_ID), None)


class Pipeline:
    """The stages over engines built elsewhere; each getter is called when its stage first runs."""

    def __init__(
        self,
        identifier: Callable[[], Identifier],
        engine: Callable[[], TranslationEngine],
        annotator: Callable[[], ArticleAnnotator],
    ) -> None:
        self._identifier = identifier
        self._engine = engine
        self._annotator = annotator

    def identify(self, article: Article, cancel: CancelToken | None = None) -> Article:
        """The article with the language of every block (and of runs inside mixed blocks) and of its
        title (``Article.title_lang``).

        The title goes to the identifier as a first pseudo-block in the same call: it is judged with the
        article around it, as a heading is (a short line alone is easily mistaken), at no extra round
        trip to the analysis process.
        """
        if cancel is not None:
            cancel.raise_if_cancelled()
        if not article.title.strip():
            return self._identifier().identify(article)
        title = Block(TITLE_BLOCK_ID, BlockKind.HEADING, article.title, 1)
        identified = self._identifier().identify(article.with_blocks((title, *article.blocks)))
        blocks = identified.blocks
        if blocks and blocks[0].id == TITLE_BLOCK_ID:
            return identified.with_blocks(blocks[1:], title_lang=blocks[0].lang)
        return identified.with_blocks(tuple(b for b in blocks if b.id != TITLE_BLOCK_ID))

    def missing_pairs(self, article: Article, target: str) -> list[tuple[str, str]]:
        """Language pairs the article needs and no installed package (or pivot) provides."""
        return self._engine().missing_pairs(article, target)

    def translate(
        self,
        article: Article,
        target: str,
        *,
        on_block: Callable[[Translation, tuple[Span, ...]], None] | None = None,
        priority: Sequence[str] | None = None,
        cancel: CancelToken | None = None,
        reference_article: Article | None = None,
        include_title: bool = True,
    ) -> list[Translation]:
        """Translate the title and every block not in ``target``: ``[title translation] + one per block``
        (see ``TranslationEngine.translate_article``); ``on_block`` gets each one with its highlights,
        the title first.

        Highlights of a translation are found as it arrives (so the view can show them with it);
        ``reference_article`` is the whole article when ``article`` holds only some of its blocks, so
        relative dates resolve against its published date.
        """
        deliver: Callable[[Translation], None] | None = None
        if on_block is not None:
            from reader.core.annotate.annotator import reference_date

            annotator = self._annotator()
            reference = reference_date(reference_article or article)
            callback = on_block

            def deliver(translation: Translation) -> None:
                spans: tuple[Span, ...] = ()
                if translation.status is TranslationStatus.TRANSLATED:
                    spans = annotator.annotate_translation(translation, reference)
                callback(translation, spans)

        return self._engine().translate_article(
            article, target, on_block=deliver, priority=priority, cancel=cancel, include_title=include_title
        )

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
        """Up to ``count`` other translations of one sentence (``TranslationEngine.alternatives``)."""
        return self._engine().alternatives(
            sentence, source_lang, target, current=current, count=count, cancel=cancel
        )

    def annotate(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> dict[str, BlockAnnotations]:
        """Entities and dates of every block (and of the given translations)."""
        return self._annotator().annotate_article(article, translations, cancel=cancel)

    def run(self, article: Article, target: str | None = None, *, annotate: bool = True) -> PipelineResult:
        """All stages at once, as ``reader export`` needs them."""
        identified = self.identify(article)
        translations = self.translate(identified, target) if target else []
        annotations = None
        if annotate:
            annotations = self.annotate(identified, {t.block_id: t for t in translations})
        return PipelineResult(identified, translations, annotations)
