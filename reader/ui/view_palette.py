"""The article view's colours, per theme: text, highlights, the hover underline and the sentence marks.

Pure data (no Qt), so exports and tests can use the same colours as the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.document import SpanKind
from reader.core.highlight_style import LIGHT_SPAN_COLOURS


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours of the article view, per theme."""

    text: str = "#1d1d1f"
    muted: str = "#6e6e73"
    background: str = "#ffffff"
    rule: str = "#e3e3e8"
    badge: str = "#6e6e73"
    person: str = LIGHT_SPAN_COLOURS[SpanKind.PERSON]
    organization: str = LIGHT_SPAN_COLOURS[SpanKind.ORGANIZATION]
    location: str = LIGHT_SPAN_COLOURS[SpanKind.LOCATION]
    misc: str = LIGHT_SPAN_COLOURS[SpanKind.MISC]
    date: str = LIGHT_SPAN_COLOURS[SpanKind.DATE]
    counterpart: str = "#c25e00"  # the hover underline: 3:1 on the background, like any control
    error: str = "#b3261e"
    # The hovered sentence and its counterpart, and the pinned pair (a stronger, cooler shade, told from a
    # passing hover at a glance). Marked text is drawn in ``text``, so muted text (interlinear translations,
    # captions) never loses contrast on a tint.
    sentence: str = "#ebebf1"
    pinned: str = "#d9e3f7"

    def colour(self, kind: SpanKind) -> str:
        return {
            SpanKind.PERSON: self.person,
            SpanKind.ORGANIZATION: self.organization,
            SpanKind.LOCATION: self.location,
            SpanKind.MISC: self.misc,
            SpanKind.DATE: self.date,
        }[kind]


LIGHT = Palette()
DARK = Palette(
    text="#e8e8ea",
    muted="#a0a0a8",
    background="#1e1e20",
    rule="#3a3a3e",
    badge="#a0a0a8",
    person="#24406b",
    organization="#5c3b12",
    location="#1f4d2b",
    misc="#47306b",
    date="#5a4d10",
    counterpart="#ff9f0a",
    error="#ff8a80",
    sentence="#36363c",
    pinned="#34425f",
)
SEPIA = Palette(
    text="#3b2f22",
    muted="#6b5c48",
    background="#f4ecd8",
    rule="#e0d3b5",
    badge="#6b5c48",
    person="#d9e2f0",
    organization="#f3d7b0",
    location="#d5e8c8",
    misc="#e4d6ee",
    date="#f5e49a",
    counterpart="#9c4f00",
    sentence="#e9dec3",
    pinned="#dccda3",
)
PALETTES = {"light": LIGHT, "dark": DARK, "sepia": SEPIA}
