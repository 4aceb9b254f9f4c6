"""Per-block (and, for mixed blocks, per-sentence) language identification with lingua.

Importing this package loads no model and does not import lingua: detectors are built on the
first ``detect``/``identify`` call. See ``identifier`` for how memory is kept in bounds.
"""

from __future__ import annotations

from reader.core.language.identifier import DEFAULT_LANGUAGES, LanguageIdentifier

__all__ = ["DEFAULT_LANGUAGES", "LanguageIdentifier"]
