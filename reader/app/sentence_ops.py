"""The reader's work on single sentences of the open article: correct one, ask for alternatives, keep one.

A correction (or a chosen alternative) replaces the sentence in the session's translation at once
(``replace_sentence``: later offsets shift, the pair is marked ``SentenceOrigin.MEMORY``), the view shows
it through the session's ``translation_arrived``, the library keeps the article's translation when the
article is in the library, and the translation memory stores the pair (a ``WriteOp``), so the same
sentence is translated the reader's way wherever it appears again.

Alternatives come from the translation model (``Pipeline.alternatives``) in the model worker. Only the
newest request counts: asking again, or closing the popup, cancels the one before, and an answer for an
older request, or for an article no longer open, is dropped.

QtCore only: the window shows the editor and the popup (``reader.ui``) and calls these methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from reader.app.article_session import ArticleSession
from reader.app.operations import ModelOp, Operations, QueryOp, WriteOp
from reader.app.runner import TaskHandle
from reader.app.strings import user_message
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    SentenceOrigin,
    Translation,
    TranslationStatus,
)
from reader.core.errors import CancelledError
from reader.core.translate.memory import MemoryEntry, TranslationMemory
from reader.core.translate.sentence_pairs import Alternative, replace_sentence

if TYPE_CHECKING:
    from reader.core.pipeline import Pipeline

ALTERNATIVES = 3  # how many the popup offers (the "up to three")


class SentenceRef(Protocol):
    """Which pair: ``reader.ui.sentence_ref.SentenceRef`` (the app layer does not import the ui)."""

    @property
    def block_id(self) -> str: ...

    @property
    def index(self) -> int: ...


@dataclass(frozen=True, slots=True)
class SentenceText:
    """One sentence pair of the open article as the reader sees it."""

    block_id: str
    index: int
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: SentenceOrigin
    score: float | None


def sentence_text(session: ArticleSession, block_id: str, index: int) -> SentenceText | None:
    """Pair ``index`` of block ``block_id`` (``TITLE_BLOCK_ID``: the headline), None when it has none."""
    translation = session.translations.get(block_id)
    original = session.source_text(block_id)
    if translation is None or original is None or translation.status is not TranslationStatus.TRANSLATED:
        return None
    if not 0 <= index < len(translation.sentences):
        return None
    pair = translation.sentences[index]
    source_lang = translation.source_lang or _block_lang(session, block_id)
    if not source_lang:
        return None
    text = translation.text or ""
    return SentenceText(
        block_id,
        index,
        source_lang,
        translation.target,
        original[pair.source[0] : pair.source[1]],
        text[pair.target[0] : pair.target[1]],
        pair.origin,
        pair.score,
    )


def _block_lang(session: ArticleSession, block_id: str) -> str | None:
    article = session.article
    if article is None:
        return None
    if block_id == TITLE_BLOCK_ID:
        return article.title_lang or article.lang
    try:
        return article.block(block_id).lang
    except KeyError:
        return None


class SentenceOps(QObject):
    """Corrections and alternatives for the open article's sentences.

    Signals:
        alternatives_found(object, object): (SentenceRef, list[Alternative]) for the newest request.
        alternatives_failed(object, str): (SentenceRef, one line saying why) for the newest request.
        sentence_kept(object): the MemoryEntry the translation memory stored.
    """

    alternatives_found = Signal(object, object)
    alternatives_failed = Signal(object, str)
    sentence_kept = Signal(object)

    def __init__(
        self,
        ops: Operations,
        session: ArticleSession,
        memory: Callable[[], TranslationMemory],
        pipeline: Callable[[], Pipeline],
        parent: QObject | None = None,
    ) -> None:
        """``memory`` and ``pipeline`` are called in the workers (building them may take time)."""
        super().__init__(parent)
        self.ops = ops
        self.session = session
        self._memory = memory
        self._pipeline = pipeline
        self._request = 0  # the newest alternatives request; older answers are dropped
        self._handle: TaskHandle | None = None

    def sentence(self, ref: SentenceRef) -> SentenceText | None:
        return sentence_text(self.session, ref.block_id, ref.index)

    # -- corrections ------------------------------------------------------------------------------------
    def keep(self, ref: SentenceRef, text: str) -> Translation | None:
        """Translate sentence ``ref`` as ``text`` from now on: here, in the library and in the memory.

        Returns the changed translation, or None when there is nothing to change (no such sentence, an
        empty text, the same text as before).
        """
        current = self.sentence(ref)
        text = " ".join(text.split())  # one sentence: no line breaks, no stray spaces
        if current is None or not text or text == current.target:
            return None
        translation = self.session.translations[ref.block_id]
        changed = replace_sentence(translation, ref.index, text, SentenceOrigin.MEMORY, None)
        self.session.apply_translation(changed)
        entry = MemoryEntry(current.source_lang, current.target_lang, current.source, text)
        memory = self._memory

        def write(_handle: TaskHandle) -> MemoryEntry:
            return memory().add(entry)

        WriteOp(self.ops, write).success(self.sentence_kept.emit).unchanged_message(
            "Your translation is shown but was not kept for other articles."
        ).run_in_background()
        return changed

    # -- alternatives -----------------------------------------------------------------------------------
    def ask_alternatives(self, ref: SentenceRef, count: int = ALTERNATIVES) -> bool:
        """Start computing alternatives for ``ref`` in the model worker; False when it has no translation."""
        current = self.sentence(ref)
        if current is None:
            return False
        self.cancel_alternatives()
        generation = self.session.generation
        pipeline = self._pipeline

        def work(handle: TaskHandle) -> list[Alternative]:
            return pipeline().alternatives(
                current.source,
                current.source_lang,
                current.target_lang,
                current=current.target,
                count=count,
                cancel=handle.cancel_token,
            )

        def newest() -> int:
            # Another request or another article makes this answer stale.
            return self._request if self.session.generation == generation else -1

        def failed(error: BaseException) -> None:
            if isinstance(error, CancelledError):
                return  # the reader closed the popup
            message = user_message(error, nothing_changed="The sentence is unchanged.")
            self.alternatives_failed.emit(ref, message)

        op = ModelOp(self.ops, work).generation(newest)
        op.success(lambda found: self.alternatives_found.emit(ref, found)).failure(failed)
        self._handle = op.run_in_background()
        return True

    def cancel_alternatives(self) -> None:
        """The popup closed: stop the computation (if it still runs) and forget its answer."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._request += 1


def export_sentence_pairs(
    ops: Operations,
    path: Path,
    fmt: str,
    article: Article,
    translations: Sequence[Translation],
    annotations: Mapping[str, BlockAnnotations],
    target: str,
) -> QueryOp[int]:
    """Write the article's sentence pairs into ``target`` to ``path`` as ``fmt`` (tsv | tmx | anki-csv);
    the result is how many pairs were written. Highlighted names are marked on the Anki cards."""
    chosen, marks = list(translations), dict(annotations)

    def write(_handle: TaskHandle) -> int:
        from reader.core import parallel_text

        rows = parallel_text.sentence_rows(article, chosen, marks, target=target)
        writers = {
            "tsv": parallel_text.write_tsv,
            "tmx": parallel_text.write_tmx,
            "anki-csv": parallel_text.write_anki_csv,
        }
        writers[fmt](rows, path)
        return len(rows)

    return QueryOp(ops, write)


__all__ = ["ALTERNATIVES", "SentenceOps", "SentenceText", "export_sentence_pairs", "sentence_text"]
