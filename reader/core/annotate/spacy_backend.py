"""Entities from an installed spaCy pipeline, mapped to Reader's PER/ORG/LOC/MISC.

spaCy is imported here only, and only when a pipeline is loaded (the import takes 1-2 s), so Reader starts
without it and uses the built-in recognizer until a model is installed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from reader.core.annotate.linking import normalized_value
from reader.core.document import Span, SpanKind
from reader.core.errors import ModelError

# OntoNotes (en), WikiNER (de/fr/es/it/pt/xx) and a few other label sets. Dates, numbers and amounts are
# left to the date recognizer (None = dropped).
LABELS: dict[str, SpanKind | None] = {
    "PER": SpanKind.PERSON,
    "PERSON": SpanKind.PERSON,
    "ORG": SpanKind.ORGANIZATION,
    "NORP": SpanKind.MISC,
    "LOC": SpanKind.LOCATION,
    "GPE": SpanKind.LOCATION,
    "FAC": SpanKind.LOCATION,
    "MISC": SpanKind.MISC,
    "EVENT": SpanKind.MISC,
    "PRODUCT": SpanKind.MISC,
    "WORK_OF_ART": SpanKind.MISC,
    "LAW": SpanKind.MISC,
    "LANGUAGE": SpanKind.MISC,
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
}


def map_label(label: str) -> SpanKind | None:
    """Reader's type for a spaCy label; unknown labels become MISC."""
    return LABELS.get(label.upper(), SpanKind.MISC)


class SpacyRecognizer:
    """Wraps one loaded pipeline. Calls are serialized (a spaCy ``nlp`` is not documented as thread-safe)."""

    def __init__(self, nlp: Any, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.detail = f"spacy:{name}"
        self._lock = threading.Lock()

    @classmethod
    def from_path(cls, path: Path, *, name: str | None = None) -> SpacyRecognizer:
        """Load the pipeline directory (the one holding ``config.cfg``) with ``spacy.load(path)``.

        Only the components that find entities are run; the others (parser, lemmatizer, …) are disabled.
        """
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - spaCy is a dependency
            raise ModelError("spaCy is not installed; using the built-in recognizer.") from exc
        try:
            nlp = spacy.load(path)
        except Exception as exc:  # spaCy raises OSError, ValueError, ConfigValidationError …
            raise ModelError(
                f"The entity model in {path} could not be loaded ({type(exc).__name__})."
            ) from exc
        keep = {"ner", "entity_ruler", "tok2vec", "transformer", "span_ruler"}
        for pipe in list(nlp.pipe_names):
            if pipe not in keep:
                nlp.disable_pipe(pipe)
        return cls(nlp, name or path.name)

    def recognize(self, text: str, lang: str | None) -> tuple[Span, ...]:
        if not text.strip():
            return ()
        with self._lock:
            doc = self.nlp(text)
        spans = []
        for ent in doc.ents:
            kind = map_label(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            surface = text[start:end]
            for suffix in ("'s", "’s"):  # "Russia's": the entity is "Russia"
                if surface.endswith(suffix) and len(surface) > len(suffix):
                    end -= len(suffix)
                    surface = surface[: -len(suffix)]
            spans.append(Span(start, end, kind, surface, normalized_value(kind, surface), self.detail))
        spans.sort(key=lambda s: s.start)
        out: list[Span] = []
        for span in spans:  # spaCy's ents never overlap; keep the guarantee for the possessive trim
            if not out or span.start >= out[-1].end:
                out.append(span)
        return tuple(out)
