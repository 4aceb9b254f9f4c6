"""The open article's state and the work behind it: open, detect, translate, annotate, save.

QtCore only (no widgets, no ``reader.ui``). All blocking work runs as operations (``operations.py``) through
the shared ``Pipeline`` (identify → translate → annotate), the same one ``reader export`` runs; results come
back on the GUI thread as signals. Every operation carries the generation number of the article it belongs
to, and answers for an older article are dropped (the reader may open another article while the first is
still translating). Errors take the operations' default route; writes broadcast ``library_changed`` there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from reader.app.operations import LibraryChange, ModelOp, Operation, Operations, QueryOp, WriteOp
from reader.app.runner import TaskHandle
from reader.app.services import Services
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    Span,
    Translation,
    TranslationStatus,
)
from reader.core.errors import FetchError
from reader.store.models import StoredArticle

T = TypeVar("T")
UNCHANGED = "The article is unchanged."


class ArticleSession(QObject):
    """Signals carry plain core objects; the window wires them to the view, outline and status bar."""

    opening = Signal(str)  # what is being opened (a path, an address, "the library"), before any answer
    article_loaded = Signal(object)  # Article as extracted, before its languages are known
    article_opened = Signal(object)  # Article (blocks with languages)
    article_changed = Signal(object)  # Article (same article, e.g. a corrected block language)
    translation_arrived = Signal(object)  # Translation
    annotations_arrived = Signal(object)  # BlockAnnotations
    missing_pairs_found = Signal(object)  # list[tuple[str, str]]
    position_restored = Signal(str)  # block id
    status_changed = Signal(str)
    progress_changed = Signal(int, int)  # done, total (total 0: busy, unknown)
    busy_changed = Signal(bool)
    saved = Signal(int)  # library id

    def __init__(self, ops: Operations, services: Services, reader_language: str = "en") -> None:
        super().__init__()
        self.ops = ops
        self.services = services
        self.reader_language = reader_language
        self.article: Article | None = None
        self.article_id: int | None = None
        self.tags: list[str] = []  # of the stored article
        self.archived = False
        self.translations: dict[str, Translation] = {}
        self.annotations: dict[str, BlockAnnotations] = {}
        self.generation = 0
        self._handles: list[TaskHandle] = []
        self.visible_blocks: Callable[[], Sequence[str]] = lambda: ()
        self.auto_save = False

    # -- helpers ----------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._handles)

    def cancel(self) -> None:
        """Stop everything in flight for the current article (the status bar's Cancel, Escape)."""
        for handle in list(self._handles):
            handle.cancel()

    def _start(self, op: Operation[T]) -> TaskHandle:
        """Run an operation of this article: tracked for busy/cancel, its answer dropped when stale."""
        holder: list[TaskHandle] = []

        def untrack() -> None:
            if holder and holder[0] in self._handles:
                self._handles.remove(holder[0])
            if not self._handles:
                self.busy_changed.emit(False)
                self.progress_changed.emit(0, -1)

        op.generation(lambda: self.generation).unchanged_message(UNCHANGED).finally_(untrack)
        handle = op.run_in_background()
        holder.append(handle)
        self._handles.append(handle)
        self.busy_changed.emit(True)
        return handle

    # -- opening ----------------------------------------------------------------------------------------
    def open_source(self, source: str, *, http_fallback: str | None = None) -> None:
        """Open a file path or URL: fetch/extract (I/O pool), then detect languages (model pool).

        ``http_fallback``: an address typed without a scheme is tried over https first; if that cannot
        be fetched, over http before the error is reported.
        """
        self.cancel()
        self.generation += 1
        self.opening.emit(source)
        self.status_changed.emit(f"Opening {source}…")
        self.progress_changed.emit(0, 0)

        def load(handle: TaskHandle) -> Article:
            from reader.core.ingest import load_source

            return load_source(source, cancel=handle.cancel_token, progress=handle.report)

        op = QueryOp(self.ops, load).success(self._detect_languages)
        if http_fallback:

            def retry(error: BaseException) -> None:
                if isinstance(error, FetchError):
                    self.open_source(http_fallback)
                else:
                    self.ops.report(error, UNCHANGED)

            op.failure(retry)
        self._start(op)

    def open_article(self, article: Article) -> None:
        """Show an article already in memory (the built-in sample, a test article)."""
        self.cancel()
        self.generation += 1
        self._detect_languages(article)

    def _detect_languages(self, article: Article) -> None:
        self.article_loaded.emit(article)
        self.status_changed.emit("Detecting languages…")
        pipeline = self.services.pipeline

        def detect(handle: TaskHandle) -> Article:
            return pipeline.identify(article, handle.cancel_token)

        self._start(ModelOp(self.ops, detect).success(lambda detected: self._show(detected, None, {}, None)))

    def open_stored(self, article_id: int) -> None:
        """Open an article from the library, with its stored translations and reading position."""
        self.cancel()
        self.generation += 1
        self.opening.emit("")
        self.status_changed.emit("Opening from the library…")
        services = self.services

        def shown(stored: StoredArticle) -> None:
            translations = {t.block_id: t for t in stored.translations if t.target == self.reader_language}
            self._show(stored.article, article_id, translations, stored.position_block_id)
            self.tags = list(stored.tags)
            self.archived = bool(stored.archived)
            self._start(WriteOp(self.ops, lambda _h: services.library.mark_opened(article_id)))

        self._start(QueryOp(self.ops, lambda _h: services.library.get(article_id)).success(shown))

    def _show(
        self,
        article: Article,
        article_id: int | None,
        translations: dict[str, Translation],
        position: str | None,
    ) -> None:
        self.article = article
        self.article_id = article_id
        self.tags, self.archived = [], False
        self.translations = dict(translations)
        self.annotations = {}
        self.article_opened.emit(article)
        for translation in translations.values():
            self.translation_arrived.emit(translation)
        if position:
            self.position_restored.emit(position)
        self.status_changed.emit(article.title)
        self._annotate(article)
        self.translate()

    # -- annotation -------------------------------------------------------------------------------------
    def _annotate(self, article: Article) -> None:
        pipeline = self.services.pipeline

        def annotate(handle: TaskHandle) -> dict[str, BlockAnnotations]:
            return pipeline.annotate(article, cancel=handle.cancel_token)

        def arrived(result: dict[str, BlockAnnotations]) -> None:
            for block_id, ann in result.items():
                previous = self.annotations.get(block_id)
                merged = dataclasses.replace(ann, translation=previous.translation if previous else ())
                self.annotations[block_id] = merged
                self.annotations_arrived.emit(merged)

        # The I/O pool: annotation runs in the analysis child process, so it must not wait behind translation.
        self._start(QueryOp(self.ops, annotate).success(arrived))

    def _translation_spans_arrived(self, block_id: str, spans: tuple[Span, ...]) -> None:
        previous = self.annotations.get(block_id) or BlockAnnotations(block_id)
        merged = dataclasses.replace(previous, translation=spans)
        self.annotations[block_id] = merged
        self.annotations_arrived.emit(merged)

    # -- translation ------------------------------------------------------------------------------------
    def translate(self, article: Article | None = None) -> None:
        """Translate what is not yet translated, visible blocks first, streaming block by block."""
        full = self.article
        if full is None:
            return
        article = article or full
        pending = [b for b in article.blocks if b.id not in self.translations]
        # The title too when it has no translation yet (an article saved before titles were translated).
        title = TITLE_BLOCK_ID not in self.translations and bool(full.title.strip())
        if not pending and not title:
            if self.auto_save and self.article_id is None:
                self.save()
            return
        todo = article.with_blocks(tuple(pending))
        target = self.reader_language
        priority = list(self.visible_blocks())
        total = len(pending) + int(title)
        generation = self.generation
        pipeline = self.services.pipeline
        self.status_changed.emit("Translating…")

        def work(handle: TaskHandle) -> None:
            missing = pipeline.missing_pairs(todo, target)
            if missing:
                handle.call_soon(lambda: self._emit_missing(generation, missing))
            count = [0]

            def on_block(translation: Translation, spans: tuple[Span, ...]) -> None:
                count[0] += 1
                handle.report(count[0], total)
                handle.call_soon(lambda: self._deliver_translation(generation, translation, spans))

            pipeline.translate(
                todo,
                target,
                on_block=on_block,
                priority=priority,
                cancel=handle.cancel_token,
                reference_article=full,
                include_title=title,
            )

        def finished(_result: None) -> None:
            done = sum(1 for t in self.translations.values() if t.status is TranslationStatus.TRANSLATED)
            self.status_changed.emit(f"Ready · {done} paragraph{'s' if done != 1 else ''} translated")
            if self.article_id is not None:
                self.save_translations()
            elif self.auto_save:
                self.save()  # saved once its translations exist, so the library has them too

        op = ModelOp(self.ops, work).success(finished)
        self._start(op.with_progress(lambda done, of: self.progress_changed.emit(done, of or 0)))

    def _emit_missing(self, generation: int, missing: list[tuple[str, str]]) -> None:
        if generation == self.generation:
            self.missing_pairs_found.emit(missing)

    def _deliver_translation(
        self, generation: int, translation: Translation, spans: tuple[Span, ...]
    ) -> None:
        if generation != self.generation:
            return
        self.translations[translation.block_id] = translation
        self.translation_arrived.emit(translation)
        if spans:
            self._translation_spans_arrived(translation.block_id, spans)

    def set_block_language(self, block_id: str, lang: str) -> None:
        """The reader corrected a block's language: record it and translate that block again."""
        if self.article is None:
            return
        blocks = tuple(
            dataclasses.replace(b, lang=lang, confidence=1.0, runs=()) if b.id == block_id else b
            for b in self.article.blocks
        )
        self.article = self.article.with_blocks(blocks)
        self.translations.pop(block_id, None)
        self.article_changed.emit(self.article)
        if self.article_id is not None:
            article_id, services = self.article_id, self.services
            self._start(
                WriteOp(self.ops, lambda _h: services.library.set_block_language(article_id, block_id, lang))
            )
        changed = self.article.with_blocks(tuple(b for b in blocks if b.id == block_id))
        self.translate(changed)

    def set_reader_language(self, lang: str) -> None:
        if lang == self.reader_language:
            return
        self.reader_language = lang
        self.translations.clear()
        if self.article is not None:
            self.article_changed.emit(self.article)
            self.translate()

    def retry_translation(self) -> None:
        """After a model was installed: translate again what had no model."""
        self.translations = {
            k: t for k, t in self.translations.items() if t.status is not TranslationStatus.UNAVAILABLE
        }
        if self.article is not None:
            self.article_changed.emit(self.article)
        self.translate()

    # -- sentences (the reader's corrections, chosen alternatives, glossary terms) ------------------------
    def source_text(self, block_id: str) -> str | None:
        """The original text a translation's ``source`` offsets index: the block's, or the title's."""
        if self.article is None:
            return None
        if block_id == TITLE_BLOCK_ID:
            return self.article.title
        try:
            return self.article.block(block_id).text
        except KeyError:
            return None

    def apply_translation(self, translation: Translation) -> None:
        """A translation the reader changed (a corrected sentence): shown at once, kept in the library.

        The translation's highlights are dropped: their offsets belonged to the text before the edit
        (the next annotation of the translation finds them again).
        """
        self.translations[translation.block_id] = translation
        previous = self.annotations.get(translation.block_id)
        if previous is not None and previous.translation:
            self._translation_spans_arrived(translation.block_id, ())
        self.translation_arrived.emit(translation)
        if self.article_id is not None:
            article_id, target, services = self.article_id, self.reader_language, self.services

            def write(_handle: TaskHandle) -> None:
                services.library.save_translations(article_id, [translation], target)

            self._start(WriteOp(self.ops, write))

    def retranslate(self, block_ids: Sequence[str]) -> None:
        """Translate these blocks again (after a glossary term was added); the rest stays as it is."""
        article = self.article
        if article is None:
            return
        wanted = {b for b in block_ids if b in self.translations}
        if not wanted:
            return
        for block_id in wanted:
            del self.translations[block_id]
        blocks = tuple(b for b in article.blocks if b.id in wanted)
        self.translate(article.with_blocks(blocks) if blocks else None)

    # -- library ----------------------------------------------------------------------------------------
    def save(self) -> None:
        article = self.article
        if article is None:
            return
        translations = list(self.translations.values())
        annotations = dict(self.annotations)
        target = self.reader_language
        services = self.services

        def write(_handle: TaskHandle) -> int:
            return services.library.save_article(
                article, translations=translations, annotations=annotations, target_lang=target
            )

        def saved(article_id: int) -> None:
            self.article_id = article_id
            self.status_changed.emit("Saved to the library.")
            self.saved.emit(article_id)

        self._start(WriteOp(self.ops, write).success(saved))

    def save_translations(self) -> None:
        if self.article_id is None:
            return
        article_id, target, services = self.article_id, self.reader_language, self.services
        translations = list(self.translations.values())
        self._start(
            WriteOp(self.ops, lambda _h: services.library.save_translations(article_id, translations, target))
        )

    def save_position(self, block_id: str) -> None:
        if self.article_id is None:
            return
        article_id, services = self.article_id, self.services

        def write(_handle: TaskHandle) -> None:
            services.library.set_position(article_id, block_id, 0)

        self._start(WriteOp(self.ops, write, LibraryChange.READING_POSITION))
