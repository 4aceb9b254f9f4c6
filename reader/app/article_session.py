"""The open article's state and the work behind it: open, detect, translate, annotate, save.

All blocking work goes to the TaskRunner's pools; results come back on the GUI thread as signals. Every
request carries the generation number of the article it belongs to, and answers for an older article are
dropped (the reader may open another article while the first is still translating).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.app.runner import IO_POOL, MODEL_POOL, WRITER_POOL, TaskHandle, TaskRunner
from reader.app.services import Services
from reader.core.document import Article, BlockAnnotations, Span, Translation, TranslationStatus
from reader.core.errors import CancelledError
from reader.ui import text

log = logging.getLogger(__name__)


def user_message(error: BaseException) -> str:
    return text.user_message(error, nothing_changed="The article is unchanged.")


class ArticleController(QObject):
    """Signals carry plain core objects; the window wires them to the view, outline and status bar."""

    article_opened = Signal(object)  # Article (blocks with languages)
    article_changed = Signal(object)  # Article (same article, e.g. a corrected block language)
    translation_arrived = Signal(object)  # Translation
    annotations_arrived = Signal(object)  # BlockAnnotations
    missing_pairs_found = Signal(object)  # list[tuple[str, str]]
    position_restored = Signal(str)  # block id
    status_changed = Signal(str)
    progress_changed = Signal(int, int)  # done, total (total 0: busy, unknown)
    busy_changed = Signal(bool)
    failed = Signal(str)
    saved = Signal(int)  # library id
    library_changed = Signal()

    def __init__(self, runner: TaskRunner, services: Services, reader_language: str = "en") -> None:
        super().__init__()
        self.runner = runner
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
    def _track(self, handle: TaskHandle) -> TaskHandle:
        self._handles.append(handle)
        self.busy_changed.emit(True)
        return handle

    def _untrack(self, handle: TaskHandle) -> None:
        if handle in self._handles:
            self._handles.remove(handle)
        if not self._handles:
            self.busy_changed.emit(False)
            self.progress_changed.emit(0, -1)

    @property
    def busy(self) -> bool:
        return bool(self._handles)

    def cancel(self) -> None:
        """Stop everything in flight for the current article (the status bar's Cancel, Escape)."""
        for handle in list(self._handles):
            handle.cancel()

    def _run(
        self,
        pool: str,
        fn: Callable[[TaskHandle], Any],
        on_result: Callable[[Any], None],
        *,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> TaskHandle:
        generation = self.generation
        holder: list[TaskHandle] = []

        def done(result: Any, error: BaseException | None) -> None:
            self._untrack(holder[0])
            if generation != self.generation:
                return  # an answer about an article the reader has left
            if error is None:
                on_result(result)
            elif isinstance(error, CancelledError):
                self.status_changed.emit("Cancelled.")
            else:
                self.failed.emit(user_message(error))

        handle = self.runner.run(pool, fn, done, pass_handle=True, progress=progress)
        holder.append(handle)
        return self._track(handle)

    # -- opening ----------------------------------------------------------------------------------------
    def open_source(self, source: str) -> None:
        """Open a file path or URL: fetch/extract (I/O pool), then detect languages (model pool)."""
        self.cancel()
        self.generation += 1
        self.status_changed.emit(f"Opening {source}…")
        self.progress_changed.emit(0, 0)

        def load(handle: TaskHandle) -> Article:
            from reader.core.ingest import load_source

            return load_source(
                source, cancel=handle.cancel_token, progress=lambda done, total: handle.report(done, total)
            )

        self._run(IO_POOL, load, self._detect_languages)

    def open_article(self, article: Article) -> None:
        """Show an article already in memory (the built-in sample, a test article)."""
        self.cancel()
        self.generation += 1
        self._detect_languages(article)

    def _detect_languages(self, article: Article) -> None:
        self.status_changed.emit("Detecting languages…")

        def detect(handle: TaskHandle) -> Article:
            handle.cancel_token.raise_if_cancelled()
            return self.services.identifier.identify(article)

        self._run(MODEL_POOL, detect, lambda detected: self._show(detected, None, {}, None))

    def open_stored(self, article_id: int) -> None:
        """Open an article from the library, with its stored translations and reading position."""
        self.cancel()
        self.generation += 1
        self.status_changed.emit("Opening from the library…")

        def load(handle: TaskHandle) -> Any:
            library = self.services.library
            stored = library.get(article_id)
            library.mark_opened(article_id)
            return stored

        def shown(stored: Any) -> None:
            translations = {t.block_id: t for t in stored.translations if t.target == self.reader_language}
            self._show(stored.article, article_id, translations, stored.position_block_id)
            self.tags = list(stored.tags)
            self.archived = bool(stored.archived)
            self.library_changed.emit()

        self._run(IO_POOL, load, shown)

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
        def annotate(handle: TaskHandle) -> dict[str, BlockAnnotations]:
            return self.services.annotator.annotate_article(article, cancel=handle.cancel_token)

        def arrived(result: dict[str, BlockAnnotations]) -> None:
            for block_id, ann in result.items():
                previous = self.annotations.get(block_id)
                merged = dataclasses.replace(ann, translation=previous.translation if previous else ())
                self.annotations[block_id] = merged
                self.annotations_arrived.emit(merged)

        self._run(IO_POOL, annotate, arrived)

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
        if not pending:
            if self.auto_save and self.article_id is None:
                self.save()
            return
        todo = article.with_blocks(tuple(pending))
        target = self.reader_language
        priority = list(self.visible_blocks())
        total = len(pending)
        generation = self.generation
        self.status_changed.emit("Translating…")

        def work(handle: TaskHandle) -> None:
            from reader.core.annotate.annotator import reference_date

            engine = self.services.engine
            missing = engine.missing_pairs(todo, target)
            if missing:
                handle.call_soon(lambda: self._emit_missing(generation, missing))
            annotator = self.services.annotator
            reference = reference_date(full)
            count = [0]

            def on_block(translation: Translation) -> None:
                count[0] += 1
                handle.report(count[0], total)
                spans: tuple[Span, ...] = ()
                if translation.status is TranslationStatus.TRANSLATED:
                    spans = annotator.annotate_translation(translation, reference)
                handle.call_soon(lambda: self._deliver_translation(generation, translation, spans))

            engine.translate_article(
                todo, target, on_block=on_block, priority=priority, cancel=handle.cancel_token
            )

        def finished(_result: Any) -> None:
            done = sum(1 for t in self.translations.values() if t.status is TranslationStatus.TRANSLATED)
            self.status_changed.emit(f"Ready · {done} paragraph{'s' if done != 1 else ''} translated")
            if self.article_id is not None:
                self.save_translations()
            elif self.auto_save:
                self.save()  # saved once its translations exist, so the library has them too

        self._run(
            MODEL_POOL, work, finished, progress=lambda done, of: self.progress_changed.emit(done, of or 0)
        )

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
            article_id = self.article_id
            self._run(
                WRITER_POOL,
                lambda h: self.services.library.set_block_language(article_id, block_id, lang),
                lambda _r: None,
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

    # -- library ----------------------------------------------------------------------------------------
    def save(self) -> None:
        article = self.article
        if article is None:
            return
        translations = list(self.translations.values())
        annotations = dict(self.annotations)
        target = self.reader_language

        def write(handle: TaskHandle) -> int:
            return int(
                self.services.library.save_article(
                    article, translations=translations, annotations=annotations, target_lang=target
                )
            )

        def saved(article_id: int) -> None:
            self.article_id = article_id
            self.status_changed.emit("Saved to the library.")
            self.saved.emit(article_id)
            self.library_changed.emit()

        self._run(WRITER_POOL, write, saved)

    def save_translations(self) -> None:
        if self.article_id is None:
            return
        article_id, target = self.article_id, self.reader_language
        translations = list(self.translations.values())
        self._run(
            WRITER_POOL,
            lambda h: self.services.library.save_translations(article_id, translations, target),
            lambda _r: None,
        )

    def save_position(self, block_id: str) -> None:
        if self.article_id is None:
            return
        article_id = self.article_id
        self._run(
            WRITER_POOL,
            lambda h: self.services.library.set_position(article_id, block_id, 0),
            lambda _r: None,
        )
