"""User-facing strings of the window and the article session, in one place so they can be translated later.

Qt-free: it lives in ``app`` so the article session can use it without importing ``ui``.
"""

from __future__ import annotations

import logging

from reader.core.document import SpanKind, Translation, TranslationStatus
from reader.core.errors import ReaderError
from reader.core.highlight_style import SPAN_KIND_LABELS as SPAN_KIND_LABELS  # shared with exports

log = logging.getLogger(__name__)

APP_NAME = "Reader"
UNTITLED = "Untitled article"
TRANSLATION_PENDING = "Translating…"
BADGE_TOOLTIP = "Detected language: click to correct it"
# Sentence-level reading (the article view): why a translated sentence looks as it does.
SENTENCE_FROM_MEMORY = "Your translation"
SENTENCE_GLOSSARY_APPLIED = "Glossary applied"
EDIT_SENTENCE = "Edit Translation of This Sentence…"
SENTENCE_ALTERNATIVES = "Alternative Translations…"
NEXT_SENTENCE = "Next Sentence"
PREVIOUS_SENTENCE = "Previous Sentence"
SENTENCES_GROUP = "Sentences"


def sentence_unsure(score: float) -> str:
    """The tooltip of a dotted-underlined sentence; the score is the model's mean log-prob per token."""
    return f"The model was unsure of this sentence (score {score:.1f})".replace("-", "\u2212")


def add_to_glossary(term: str) -> str:
    return f"Add “{term}” to Glossary"


SPAN_KIND_PLURALS = {
    SpanKind.PERSON: "People",
    SpanKind.ORGANIZATION: "Organisations",
    SpanKind.LOCATION: "Places",
    SpanKind.MISC: "Other names",
    SpanKind.DATE: "Dates",
}


def dropped_summary(count: int) -> str:
    return f"{count} line{'s' if count != 1 else ''} of page furniture left out"


def translation_status_note(translation: Translation) -> str:
    if translation.status is TranslationStatus.UNAVAILABLE:
        return f"No translation: {translation.detail or 'no model for this language'}"
    if translation.status is TranslationStatus.FAILED:
        return f"Translation failed: {translation.detail or 'unknown error'}"
    if translation.status is TranslationStatus.SAME_LANGUAGE:
        return "Already in your language"
    return ""


def user_message(error: BaseException, *, nothing_changed: str = "Nothing was changed.") -> str:
    """One calm line for the status bar: ReaderErrors speak for themselves; anything else is our bug."""
    if isinstance(error, ReaderError):
        return str(error)
    if isinstance(error, OSError):
        return f"The disk refused the operation: {error.strerror or error}."
    log.error("unexpected error", exc_info=error)
    return f"Something went wrong inside Reader ({type(error).__name__}). {nothing_changed}"
