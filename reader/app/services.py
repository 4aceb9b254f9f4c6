"""The engines and the library, built lazily on first use in a worker thread.

Constructing this object is free: nothing heavy (lingua, ctranslate2, spaCy, the gazetteer, SQLite) is
imported or loaded until a worker first asks for it, which keeps those off the startup path. In the app,
language detection and annotation run in a child process (``analysis_process.py``); ``in_process=True``
runs them in this process instead (tests of the core, the CLI). The window and ``reader export`` both build
their engines here and run them through the same ``reader.core.pipeline.Pipeline``, so the command line uses
the installed spaCy models and the library's translation cache exactly as the window does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from reader.app.analysis_process import AnalysisProcess
    from reader.core.annotate.annotator import Annotator
    from reader.core.annotate.ner_models import NerModelManager
    from reader.core.language import LanguageIdentifier
    from reader.core.pipeline import ArticleAnnotator, Identifier, Pipeline
    from reader.core.translate.engine import TranslationEngine
    from reader.core.translate.memory import Glossary, TranslationMemory
    from reader.core.translate.packages import PackageManager
    from reader.store.library import Library

T = TypeVar("T")


class Services:
    """Lazily built components, shared by the worker pools (each component is thread-safe)."""

    def __init__(
        self,
        *,
        library: Library | None = None,
        in_process: bool = False,
        packages_dir: Path | None = None,
        detection_languages: Sequence[str] | None = None,
        argos_index_url: str | None = None,
        spacy_models_url: str | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._built: dict[str, object] = {}
        self.library_notice: str | None = None  # what Library.open() had to tell the user (a moved file)
        if library is not None:
            self._built["library"] = library
        self._in_process = in_process
        self._packages_dir = packages_dir
        self._detection_languages = tuple(detection_languages) if detection_languages else None
        self._argos_index_url = argos_index_url
        self._spacy_models_url = spacy_models_url

    def _get(self, name: str, build: Callable[[], T]) -> T:
        with self._lock:
            if name not in self._built:
                self._built[name] = build()
            return cast(T, self._built[name])

    def is_built(self, name: str) -> bool:
        return name in self._built

    @property
    def library(self) -> Library:
        def build() -> Library:
            from reader.store.library import Library

            library, self.library_notice = Library.open()
            return library

        return self._get("library", build)

    @property
    def analysis(self) -> AnalysisProcess:
        def build() -> AnalysisProcess:
            from reader.app.analysis_process import AnalysisProcess

            return AnalysisProcess(self._detection_languages)

        return self._get("analysis", build)

    @property
    def pipeline(self) -> Pipeline:
        """Identify → translate → annotate over these engines (each built when its stage first runs)."""

        def build() -> Pipeline:
            from reader.core.pipeline import Pipeline

            return Pipeline(lambda: self.identifier, lambda: self.engine, lambda: self.annotator)

        return self._get("pipeline", build)

    @property
    def identifier(self) -> Identifier:
        if not self._in_process:
            return self.analysis

        def build() -> LanguageIdentifier:
            from reader.core.language import LanguageIdentifier

            return LanguageIdentifier(self._detection_languages)

        return self._get("identifier", build)

    @property
    def annotator(self) -> ArticleAnnotator:
        if not self._in_process:
            return self.analysis

        def build() -> Annotator:
            from reader.core.annotate.annotator import Annotator
            from reader.core.annotate.entities import EntityAnnotator

            return Annotator(EntityAnnotator(self.ner_models))

        return self._get("annotator", build)

    def set_detection_languages(self, languages: Sequence[str]) -> None:
        with self._lock:
            self._detection_languages = tuple(languages) or None
        self._drop("identifier", "analysis")

    def models_changed(self) -> None:
        """An NER model was installed or removed: annotators pick up the change on their next use."""
        self._drop("annotator", "analysis")

    def _drop(self, *names: str) -> None:
        with self._lock:
            dropped = [self._built.pop(name, None) for name in names]
        for old in dropped:
            close = getattr(old, "close", None)
            if callable(close):
                close()

    def close(self) -> None:
        """Stop the child process and close the library (at exit, when no worker uses them any more)."""
        self._drop("analysis", "library")

    @property
    def packages(self) -> PackageManager:
        def build() -> PackageManager:
            from reader.core.translate.packages import PackageManager

            return PackageManager(self._packages_dir, index_url=self._argos_index_url)

        return self._get("packages", build)

    @property
    def engine(self) -> TranslationEngine:
        def build() -> TranslationEngine:
            from reader.core.errors import StoreError
            from reader.core.translate.engine import TranslationEngine
            from reader.store.translation_cache import SqliteTranslationCache

            try:
                library = self.library
            except StoreError as error:  # translating needs no library: cache in memory instead
                self.library_notice = f"{error} Translations are not kept for next time."
                return TranslationEngine(self.packages, memory=self.memory, glossary=self.glossary)
            return TranslationEngine(
                self.packages, SqliteTranslationCache(library), memory=self.memory, glossary=self.glossary
            )

        return self._get("engine", build)

    @property
    def memory(self) -> TranslationMemory:
        """The reader's translation memory: their corrections, used before the model is asked. Kept in
        the library; in memory (for this run only) when there is no usable library, as the cache is."""

        def build() -> TranslationMemory:
            from reader.core.errors import StoreError
            from reader.core.translate.memory import MemoryTranslationMemory
            from reader.store.memory import SqliteTranslationMemory

            try:
                return SqliteTranslationMemory(self.library)
            except StoreError:
                return MemoryTranslationMemory()

        return self._get("memory", build)

    @property
    def glossary(self) -> Glossary:
        """The reader's glossary: terms the translations must honour (library, else in memory)."""

        def build() -> Glossary:
            from reader.core.errors import StoreError
            from reader.core.translate.memory import MemoryGlossary
            from reader.store.memory import SqliteGlossary

            try:
                return SqliteGlossary(self.library)
            except StoreError:
                return MemoryGlossary()

        return self._get("glossary", build)

    @property
    def ner_models(self) -> NerModelManager:
        def build() -> NerModelManager:
            from reader.core.annotate.ner_models import NerModelManager

            return NerModelManager(base_url=self._spacy_models_url)

        return self._get("ner_models", build)
