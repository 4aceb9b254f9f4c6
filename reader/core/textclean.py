"""Cleaning of text from outside: what ingest, import and the library keep of a title or a paragraph.

Pure functions with no heavy imports, so the store can clean an imported file's text exactly as ingest
cleans a page's, without loading the HTML extractor.
"""

from __future__ import annotations

import re
import unicodedata

# Control characters (C0 but tab and newlines, DEL, C1 with its one-byte CSI), zero-width characters and the
# bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069: "U+202E" makes "gpj.exe" read as
# "exe.jpg"). The marks U+200E/200F stay: right-to-left text needs them and they reorder nothing else.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)
# Whole terminal escape sequences (CSI "ESC [ … letter", OSC "ESC ] … BEL or ESC \\"), removed before the
# lone control characters so that no "]0;title" is left behind.
_TERMINAL_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
)
_SPACE = re.compile(r"\s+")


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences, control, zero-width or bidi-override characters."""
    return _CONTROL.sub("", _TERMINAL_ESCAPE.sub("", text))


def clean_text(text: str) -> str:
    """One-line text: NFC, no control or zero-width characters, whitespace collapsed."""
    return _SPACE.sub(" ", strip_controls(unicodedata.normalize("NFC", text))).strip()


def clean_preformatted(text: str) -> str:
    """Preformatted text keeps its lines and indentation; only trailing blank lines go."""
    text = strip_controls(unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
