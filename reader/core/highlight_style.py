"""How highlights look and are named for people, shared by the window and the exports.

One table, so an exported HTML page shows each entity type in the same colour as the window's light
theme, with the same readable tooltip ("Person", "Date: 2022-01-04"), never an internal id.
"""

from __future__ import annotations

from reader.core.document import Span, SpanKind

SPAN_KIND_LABELS = {
    SpanKind.PERSON: "Person",
    SpanKind.ORGANIZATION: "Organisation",
    SpanKind.LOCATION: "Place",
    SpanKind.MISC: "Other name",
    SpanKind.DATE: "Date",
}

# Light backgrounds under dark text (contrast with #1d1d1f above 12:1, see tests/ui/test_theme.py).
LIGHT_SPAN_COLOURS = {
    SpanKind.PERSON: "#d6e6ff",
    SpanKind.ORGANIZATION: "#ffe2c2",
    SpanKind.LOCATION: "#d3f2d8",
    SpanKind.MISC: "#eadcff",
    SpanKind.DATE: "#fff1a8",
}


def span_tooltip(span: Span) -> str:
    """The type in words, and for a date its standard form. Entity values are internal link keys
    ("per:muti"), which mean nothing to a reader, so they are left out."""
    label = SPAN_KIND_LABELS[span.kind]
    if span.kind is SpanKind.DATE and span.value:
        return f"{label}: {span.value}"
    return label
