"""The translation cache: nothing is translated twice.

The key names exactly what determines the output: which package (or pivot chain) and which model
content produced it, for which target, from which source sentence. The engine reads and writes through
the ``TranslationCache`` protocol; ``MemoryTranslationCache`` lives for one process, and the library
stores the same keys in SQLite (``reader.store``) so reopening an article never retranslates.

One entry is one sentence (as the engine's splitter cut it) and the model's raw output for it, with its
score: the engine translates sentence by sentence anyway, so a sentence is the unit that is reused, in
another article as well, and a block's sentence pairs are rebuilt exactly from its cached sentences.
What the reader's translation memory and glossary make of a sentence is never cached (they change).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

_WHITESPACE = re.compile(r"\s+")


def normalize_source(text: str) -> str:
    """NFC, whitespace collapsed and trimmed: equal texts as a reader sees them share a key."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True, slots=True)
class TranslationKey:
    """Identity of one cached translation.

    Attributes:
        package: the package identity, e.g. ``translate-de_en``; a pivot chain joins them with
            ``+`` (``translate-de_en+translate-en_fr``).
        version: what identifies the model(s), an opaque string: each package's version and the
            hash of its model files (``InstalledPackage.model_id``), joined with ``+`` for a chain.
            A model changed under the same version string gets a new key.
        target: target language code.
        text: the source sentence, already passed through ``normalize_source``.
    """

    package: str
    version: str
    target: str
    text: str


@dataclass(frozen=True, slots=True)
class CachedSentence:
    """The model's translation of one sentence and its score (mean log-probability per token)."""

    text: str
    score: float


class TranslationCache(Protocol):
    def get_many(self, keys: Iterable[TranslationKey]) -> dict[TranslationKey, CachedSentence]:
        """Return the cached translations among ``keys`` (missing keys are absent)."""
        ...

    def put_many(self, items: Mapping[TranslationKey, CachedSentence]) -> None:
        """Store translations; existing keys are overwritten."""
        ...


class MemoryTranslationCache:
    """A process-lifetime cache, safe to share between threads."""

    def __init__(self) -> None:
        self._items: dict[TranslationKey, CachedSentence] = {}
        self._lock = threading.Lock()

    def get_many(self, keys: Iterable[TranslationKey]) -> dict[TranslationKey, CachedSentence]:
        with self._lock:
            return {key: self._items[key] for key in keys if key in self._items}

    def put_many(self, items: Mapping[TranslationKey, CachedSentence]) -> None:
        with self._lock:
            self._items.update(items)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
