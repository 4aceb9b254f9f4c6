"""The value that links the same entity across an original text and its translation.

Every entity span carries ``Span.value``: the gazetteer's language-independent id when the name is known
(``loc:RU`` for "Russland", "Russia" and "Russie"; ``loc:g2867714`` for "München" and "Munich";
``org:nato``), otherwise a normalized name (``per:stoltenberg``: casefolded, accents and possessives
stripped; people by surname so "Jens Stoltenberg" and "Stoltenberg" link). The article view marks spans
with equal values as the same entity.
"""

from __future__ import annotations

import unicodedata

from reader.core.document import SpanKind

_PREFIX = {
    SpanKind.PERSON: "per",
    SpanKind.ORGANIZATION: "org",
    SpanKind.LOCATION: "loc",
    SpanKind.MISC: "misc",
    SpanKind.DATE: "date",
}
_POSSESSIVES = ("'s", "’s", "'", "’")


def fold(surface: str) -> str:
    """Casefolded, accent-free, possessive-free, single-spaced form of a name ("Erdoğan's" → "erdogan")."""
    text = " ".join(surface.split())
    for suffix in _POSSESSIVES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalized_value(kind: SpanKind, surface: str, ident: str | None = None) -> str:
    """The value an entity span carries: the gazetteer id if known, else ``<type>:<folded name>``."""
    if ident:
        return ident
    folded = fold(surface)
    if kind is SpanKind.PERSON and " " in folded:
        folded = folded.rsplit(" ", 1)[1]
    return f"{_PREFIX[kind]}:{folded}"
