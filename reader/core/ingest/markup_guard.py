"""Checks on raw HTML before the parser sees it: a size estimate and the flattening of deep nesting.

Both are single left-to-right passes (string searches and one tag regex), so they stay linear on any
input. They exist because of what libxml2 does with hostile markup:

- It builds the whole tree before Reader can measure it: 10 MiB of ``<br>`` took 4.8 s and 778 MB just
  to be refused afterwards. ``markup_size`` estimates the markup left once scripts, styles and comments
  are gone, so an oversized page is refused before parsing.
- It stops at depth 256 and silently drops everything inside and after (``blockquote``, ``q``, ``dl``,
  ``ul > li``, ``table``, any tag), so the reader would see a different article than the browser.
  ``flatten_deep_nesting`` drops the container tags nested deeper than MAX_DEPTH (keeping paragraphs,
  headings and items) and keeps all of their text, which the parser then reads in place.
"""

from __future__ import annotations

import re

# Real pages nest a few dozen levels. The parser adds levels of its own (html, body, tbody), so the
# limit here stays well below libxml2's 256.
MAX_DEPTH = 100
# Past MAX_DEPTH the tags that make a block of text (a paragraph, a heading, an item) are still kept, so
# the text keeps its place as a paragraph, up to this much more depth; containers are dropped.
_TEXT_BLOCK_ALLOWANCE = 20
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "tr", "td", "th"})

_HIDDEN_START = re.compile(r"<!--|<script|<style")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*>")
# Elements whose content is not markup (skipped whole) and elements that never have content.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext", "noscript"})
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# The open element (key) that libxml2 closes when one of these tags starts (its implied end tags, as
# measured on lxml 6: it does close <p> on <p> and <dd> on <dt>, but nests <dd> in <dd>).
_CLOSED_BY = {
    "p": frozenset({"p"}),
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt"}),
    "option": frozenset({"option"}),
    "tr": frozenset({"tr"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
}


def _raw_text_end(lowered: str, name: str, start: int) -> int:
    """Where the raw-text element opened before ``start`` ends (after its closing tag), or the text end."""
    close = lowered.find(f"</{name}", start)
    if close == -1:
        return len(lowered)
    end = lowered.find(">", close)
    return len(lowered) if end == -1 else end + 1


def markup_size(text: str) -> int:
    """Characters of ``text`` outside scripts, styles and comments: what the markup limit is about."""
    lowered = text.lower()
    hidden = 0
    position = 0
    while (match := _HIDDEN_START.search(lowered, position)) is not None:
        start = match.start()
        if match.group(0) == "<!--":
            close = lowered.find("-->", start + 4)
            end = len(lowered) if close == -1 else close + 3
        else:
            end = _raw_text_end(lowered, match.group(0)[1:], match.end())
        hidden += end - start
        position = end
    return len(text) - hidden


def flatten_deep_nesting(text: str, max_depth: int = MAX_DEPTH) -> str:
    """``text`` with the tags nested deeper than ``max_depth`` removed and their text kept."""
    lowered = text.lower()
    stack: list[str] = []
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    position = 0
    while (match := _TAG.search(text, position)) is not None:
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2).lower()
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                cuts.append(match.span())
            elif name in stack:
                while stack and stack.pop() != name:
                    pass
            continue
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        if name in _RAW_TEXT:
            position = _raw_text_end(lowered, name, position)
            continue
        if stack and name in _CLOSED_BY.get(stack[-1], ()):
            stack.pop()
        if len(stack) >= max_depth and (
            name not in _TEXT_BLOCKS or len(stack) >= max_depth + _TEXT_BLOCK_ALLOWANCE
        ):
            dropped[name] = dropped.get(name, 0) + 1
            cuts.append(match.span())
            continue
        stack.append(name)
    if not cuts:
        return text
    parts: list[str] = []
    previous = 0
    for start, end in cuts:
        parts.append(text[previous:start])
        previous = end
    parts.append(text[previous:])
    return "".join(parts)
