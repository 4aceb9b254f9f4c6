"""Entities and dates for a whole article, in the original and in its translations.

Annotation is deterministic given a text, its language and the article's published date, and the built-in
recognizers take a few milliseconds per block; so annotations are recomputed on open rather than kept in
sync in the database (a translation corrected later, or a better recognizer, then shows at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from reader.core.annotate.dates import find_article_dates, find_dates
from reader.core.cancel import CancelToken
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    Span,
    Translation,
    TranslationStatus,
)

if TYPE_CHECKING:
    from reader.core.annotate.entities import EntityAnnotator


def reference_date(article: Article) -> dt.date | None:
    """The article's published date, which relative dates ("on Tuesday") resolve against."""
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def merge_spans(*groups: Iterable[Span]) -> tuple[Span, ...]:
    """Non-overlapping union: where two spans overlap the longer one wins (then the earlier group)."""
    ranked = sorted(
        ((span, order) for order, group in enumerate(groups) for span in group),
        key=lambda item: (-(item[0].end - item[0].start), item[1], item[0].start),
    )
    taken: list[Span] = []
    for span, _order in ranked:
        if all(span.end <= other.start or span.start >= other.end for other in taken):
            taken.append(span)
    return tuple(sorted(taken, key=lambda s: s.start))


class Annotator:
    """Finds entities (built-in recognizer or spaCy per language) and dates in an article."""

    def __init__(self, entities: EntityAnnotator | None = None) -> None:
        if entities is None:
            from reader.core.annotate.entities import EntityAnnotator

            entities = EntityAnnotator()
        self.entities = entities

    def annotate_article(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> dict[str, BlockAnnotations]:
        """Entities and dates of every block, keyed by block id, and of the title (``TITLE_BLOCK_ID``,
        when there is one), each with those of its translation when ``translations`` holds it."""
        reference = reference_date(article)
        # The title is read as the article's first text: it names what the body then names again, and
        # the recognizer's whole-article evidence (a name seen elsewhere) serves it too.
        texts = [(block.id, block.text, block.lang) for block in article.blocks]
        if article.title.strip():
            texts.insert(0, (TITLE_BLOCK_ID, article.title, article.title_lang or article.lang))
        entity_spans = self.entities.recognize_article([(text, lang) for _, text, lang in texts])
        # Dates in one pass over the article: "9. Mai" takes its year from "1945" in an earlier block.
        date_spans = find_article_dates([(text, lang) for _, text, lang in texts], reference=reference)
        result: dict[str, BlockAnnotations] = {}
        for (block_id, _text, _lang), entities, dates in zip(texts, entity_spans, date_spans, strict=True):
            if cancel is not None:
                cancel.raise_if_cancelled()
            translated: tuple[Span, ...] = ()
            translation = (translations or {}).get(block_id)
            if translation is not None:
                translated = self.annotate_translation(translation, reference)
            result[block_id] = BlockAnnotations(block_id, merge_spans(dates, entities), translated)
        return result

    def annotate_translation(self, translation: Translation, reference: dt.date | None) -> tuple[Span, ...]:
        if translation.status is not TranslationStatus.TRANSLATED or not translation.text:
            return ()
        dates = find_dates(translation.text, translation.target, reference=reference)
        entities = self.entities.recognize(translation.text, translation.target)
        return merge_spans(dates, entities)
