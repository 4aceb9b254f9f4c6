"""Link the same entity across an original text and its translation.

Every entity span carries ``Span.value``: the gazetteer's language-independent id when the name is known
(``loc:RU`` for "Russland", "Russia" and "Russie"; ``loc:g2867714`` for "München" and "Munich";
``org:nato``), otherwise a normalized name (``per:stoltenberg``: casefolded, accents and possessives
stripped; people by surname so "Jens Stoltenberg" and "Stoltenberg" link). Two spans are counterparts
when their values are equal, or when their normalized surfaces are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from reader.core.document import Span, SpanKind

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


def link_key(span: Span) -> str:
    return span.value or normalized_value(span.kind, span.text)


def link_entities(original: Sequence[Span], translated: Sequence[Span]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: ``original[i]`` and ``translated[j]`` name the same entity.

    Matching is by link key (gazetteer id or normalized name), then by folded surface (names that a
    translation keeps as they are, when the two recognizers typed them differently). Each original span
    pairs with every translated span of the same entity, so a name said twice is marked twice.
    """
    pairs: list[tuple[int, int]] = []
    by_key: dict[str, list[int]] = {}
    by_surface: dict[str, list[int]] = {}
    for j, span in enumerate(translated):
        if span.kind is SpanKind.DATE:
            continue
        by_key.setdefault(link_key(span), []).append(j)
        by_surface.setdefault(fold(span.text), []).append(j)
    for i, span in enumerate(original):
        if span.kind is SpanKind.DATE:
            continue
        matches = by_key.get(link_key(span)) or by_surface.get(fold(span.text)) or []
        pairs.extend((i, j) for j in matches)
    return pairs
