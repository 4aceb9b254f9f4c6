"""Language identification and annotation in a child process, for the window.

lingua holds the GIL while it loads its models (measured here: single calls of 350-480 ms on the first
article, a 584 ms freeze of the main thread), and the built-in entity recognizer and gazetteer load are
GIL-bound Python. Either would stall the window however the work is threaded. So the app runs the same
``LanguageIdentifier`` and ``Annotator`` in one long-lived child process; the worker thread waiting for it
releases the GIL (measured: worst main-thread gap 9 ms during the first detection). The headless CLI runs
them in-process, where nothing needs to stay responsive.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from reader.core.cancel import CancelToken
from reader.core.document import Article, BlockAnnotations, Span, Translation
from reader.core.errors import ReaderError

T = TypeVar("T")
_state: dict[str, Any] = {}


def _init(languages: tuple[str, ...] | None) -> None:
    _state["languages"] = languages
    if hasattr(os, "nice"):
        os.nice(10)  # the window's process comes first for the CPU


def _identifier() -> Any:
    if "identifier" not in _state:
        from reader.core.language import LanguageIdentifier

        _state["identifier"] = LanguageIdentifier(_state.get("languages"))
    return _state["identifier"]


def _annotator() -> Any:
    if "annotator" not in _state:
        from reader.core.annotate.annotator import Annotator
        from reader.core.annotate.entities import EntityAnnotator
        from reader.core.annotate.ner_models import NerModelManager

        _state["annotator"] = Annotator(EntityAnnotator(NerModelManager()))
    return _state["annotator"]


def _identify(article: Article) -> Article:
    return _identifier().identify(article)


def _detect(text: str) -> tuple[str | None, float]:
    return _identifier().detect(text)


def _annotate_article(args: tuple[Article, Mapping[str, Translation] | None]) -> dict[str, BlockAnnotations]:
    return _annotator().annotate_article(args[0], args[1])


def _annotate_translation(args: tuple[Translation, dt.date | None]) -> tuple[Span, ...]:
    return _annotator().annotate_translation(*args)


class AnalysisProcess:
    """The interfaces of ``LanguageIdentifier`` and ``Annotator``, answered by a child process."""

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        self._languages = tuple(languages) if languages else None
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init,
                    initargs=(self._languages,),
                )
            return self._pool

    def _call(self, fn: Callable[[Any], T], arg: object) -> T:
        for attempt in range(2):
            try:
                return self._executor().submit(fn, arg).result()
            except BrokenProcessPool as error:
                with self._lock:
                    self._pool = None  # the child died (killed, out of memory): start a fresh one once
                if attempt:
                    raise ReaderError("Language detection stopped unexpectedly; try again.") from error
        raise AssertionError("unreachable")

    # -- LanguageIdentifier -----------------------------------------------------------------------------
    def identify(self, article: Article) -> Article:
        return self._call(_identify, article)

    def detect(self, text: str) -> tuple[str | None, float]:
        return self._call(_detect, text)

    # -- Annotator --------------------------------------------------------------------------------------
    def annotate_article(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> dict[str, BlockAnnotations]:
        if cancel is not None:
            cancel.raise_if_cancelled()
        result = self._call(_annotate_article, (article, dict(translations) if translations else None))
        if cancel is not None:
            cancel.raise_if_cancelled()
        return result

    def annotate_translation(self, translation: Translation, reference: dt.date | None) -> tuple[Span, ...]:
        return self._call(_annotate_translation, (translation, reference))

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
