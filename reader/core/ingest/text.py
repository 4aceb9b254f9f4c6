"""Plain text and Markdown → blocks, with small line-level parsers (no Markdown dependency).

Reader only needs the structure a reader sees (headings, paragraphs, list items, quotes, code),
not HTML rendering, so a line-at-a-time parser is enough and stays fast on huge single lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.document import BlockKind
from reader.core.ingest.html import RawBlock, clean_preformatted, clean_text

_BLANK_SPLIT = re.compile(r"\n[ \t\f\v]*\n")
_BULLET = re.compile(r"^\s*(?:[-*+•–·▪]|\d{1,3}[.)])\s+")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_QUOTES = re.compile(r"^(?: {0,3}>[ \t]?)+")
_TABLE_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")

# Inline Markdown → plain text, applied in this order. Every pattern runs in linear time on any input
# (a 199 KB paragraph of "[" once took 586 s): a match may not cross the delimiter that would start the
# next attempt ([^\[\]], [^*], [^`]), backtick runs are possessive, and nothing else scans unboundedly.
# The price: emphasis or link text containing its own delimiter ("**a*b**") keeps its markers.
_LINK_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"  # one level of parentheses: f(x)
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\[\]]*)\]" + _LINK_TARGET), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]" + _LINK_TARGET), r"\1"),  # [text](url)
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^<>]{0,500}>"), ""),  # inline HTML tags
    (re.compile(r"(?<!`)(`++)([^`]+)\1(?!`)"), r"\2"),
    (re.compile(r"\*\*(?=[^\s*])([^*]+)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=[^\s_])([^_]+)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=[^\s~])([^~]+)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])"), r"\1"),
)
_RAW_BLOCKS = ("script", "style", "template")


@dataclass
class ParsedText:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    blocks: list[RawBlock] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # page furniture left out (the reader can show it)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


# -- plain text --------------------------------------------------------------------------------------
def text_blocks(text: str) -> ParsedText:
    """Paragraphs split on blank lines (wrapped lines joined); bullet-only chunks become list items.

    A saved web page keeps its furniture ("SHARE:", "Werbung", "Trending"): such lines are left out
    (and listed in ``dropped``), and of the short lines before the text the headline becomes the title.
    """
    parsed = ParsedText()
    chunks = [c for c in _BLANK_SPLIT.split(_normalize_newlines(text).strip("\n")) if c.strip()]
    chunks = _drop_furniture(chunks, parsed.dropped)
    if chunks:
        headline = _headline(chunks)
        if headline is not None:
            parsed.title = clean_text(chunks[headline])
            parsed.dropped.extend(clean_text(c) for c in chunks[:headline])  # site name, section label
            chunks = chunks[headline + 1 :]
    if chunks and parsed.title is None:
        first_lines = chunks[0].strip("\n").split("\n")
        rest = [line for line in first_lines[1:] if line.strip()]
        candidate = clean_text(first_lines[0])
        if _looks_like_title(candidate, rest, more_chunks=len(chunks) > 1):
            parsed.title = candidate
            chunks[0] = "\n".join(rest)
    for chunk in chunks:
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and all(_BULLET.match(line) for line in lines):
            for line in lines:
                if item := clean_text(_BULLET.sub("", line, count=1)):
                    parsed.blocks.append(RawBlock(BlockKind.LIST_ITEM, item))
        elif paragraph := clean_text(" ".join(lines)):
            parsed.blocks.append(RawBlock(BlockKind.PARAGRAPH, paragraph))
    parsed.dropped.sort(key=lambda line: text.find(line.split()[0]) if line else 0)  # in reading order
    return parsed


# Labels of share buttons, ads, teasers and navigation as they land in a page saved as text, in the
# languages Reader meets most. Compared case-folded, without a trailing colon.
FURNITURE = frozenset(
    """share;share this;share this article;share on;teilen;teile diesen artikel;artikel teilen;
    veröffentlicht;published;posted;on;am;by;von;werbung;anzeige;advertisement;advertising;ad;sponsored;
    trending;trending now;related;related articles;related stories;read more;read next;mehr lesen;
    weiterlesen;mehr zum thema;das könnte sie auch interessieren;newsletter;follow us;connect with us;
    folgen sie uns;vernetzen sie sich mit uns;comments;kommentare;print;drucken;email;e-mail;facebook;
    twitter;whatsapp;linkedin;tweet;menu;menü;home;startseite;subscribe;abonnieren;login;anmelden;
    search;suche;top stories;most read;meistgelesen;tags;partager;publicité;à lire aussi;condividi;
    pubblicità;compartir;publicidad;delen;advertentie""".split(";")
)
FURNITURE = frozenset(label.strip() for label in FURNITURE)
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "“", "»", "«", ")")


def _is_furniture(chunk: str) -> bool:
    """A one-line chunk that is a button, label or teaser heading rather than article text."""
    if "\n" in chunk.strip():
        return False
    line = clean_text(chunk)
    words = line.split()
    if not words or len(words) > 6:
        return False
    label = line.rstrip(": ").casefold()
    if label in FURNITURE:
        return True
    if line.endswith(":") and len(words) <= 4:  # "SHARE:", "Teile diesen Artikel:" with nothing after
        return True
    # A stray lower-case fragment ("on", "via") cannot be a heading or a sentence.
    return len(words) <= 2 and line[:1].islower() and not line.endswith(_SENTENCE_END)


def _drop_furniture(chunks: list[str], dropped: list[str]) -> list[str]:
    kept = []
    for chunk in chunks:
        if _is_furniture(chunk):
            dropped.append(clean_text(chunk))
        else:
            kept.append(chunk)
    return kept


def _headline(chunks: list[str]) -> int | None:
    """The headline among several short one-line chunks before the text (a saved page starts with its
    site's slogan, a section label, then the headline): the one with the most words. None when the
    text does not start with at least two such chunks (the first-line rule then applies)."""
    leading: list[int] = []
    for index, chunk in enumerate(chunks[:6]):
        line = chunk.strip()
        if "\n" in line or not _looks_like_title(clean_text(line), [], more_chunks=True):
            break
        leading.append(index)
    if len(leading) < 2 or len(leading) == len(chunks):
        return None
    return max(leading, key=lambda i: (len(chunks[i].split()), -i))


def _looks_like_title(line: str, rest_of_chunk: list[str], *, more_chunks: bool) -> bool:
    """Short, not a sentence (no final period or comma), and followed by more text."""
    if not line or len(line) > 150 or len(line.split()) > 20 or line.endswith((".", ",", ";", ":", "…")):
        return False
    if _BULLET.match(line):
        return False
    if not rest_of_chunk:
        return more_chunks
    # No blank line after it: only a title if it is clearly shorter than the wrapped text below.
    return len(line) <= 0.6 * max(len(r.strip()) for r in rest_of_chunk)


# -- Markdown ----------------------------------------------------------------------------------------
def inline_text(text: str) -> str:
    """Markdown inline markup removed: emphasis, code ticks, links (their text), images, HTML tags."""
    text = _without_raw_blocks(text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return clean_text(text)


def _without_closing_hashes(content: str) -> str:
    """An ATX heading's text without its optional closing ``###`` (string methods: no regex backtracking)."""
    content = content.rstrip(" \t")
    stripped = content.rstrip("#")
    if stripped != content and (not stripped or stripped[-1] in " \t"):
        return stripped.rstrip(" \t")
    return content


def _without_raw_blocks(text: str) -> str:
    """``<script>…</script>`` (and style, template) removed with their content, in one pass.

    A regular expression with a lazy ``.*?`` would rescan to the end of the text from every unclosed
    ``<script``: quadratic on a hostile paragraph. Here each tag name is searched once, left to right.
    """
    lowered = text.lower()
    if "<" not in text:
        return text
    for name in _RAW_BLOCKS:
        opening, closing = f"<{name}", f"</{name}"
        if opening not in lowered:
            continue
        kept: list[str] = []
        position = 0
        while (start := lowered.find(opening, position)) != -1:
            after = lowered[start + len(opening) : start + len(opening) + 1]
            if after and (after.isalnum() or after in "-_"):  # <scripts>, <style-guide>: other tags
                kept.append(text[position : start + 1])
                position = start + 1
                continue
            end = lowered.find(closing, start)
            if end == -1:
                break  # unclosed: the rest stays text, as a browser would show it
            close = lowered.find(">", end)
            if close == -1:
                break
            kept.append(text[position:start])
            position = close + 1
        kept.append(text[position:])
        text = "".join(kept)
        lowered = text.lower()
    return text


def markdown_blocks(text: str) -> ParsedText:  # noqa: C901 - one pass over lines reads best as one loop
    """Parse Markdown line by line into blocks; a leading H1 becomes the title."""
    parsed = ParsedText()
    lines = _normalize_newlines(text).split("\n")
    i = _front_matter(lines, parsed)
    blocks = parsed.blocks
    paragraph: list[str] = []
    kind = BlockKind.PARAGRAPH
    level = 0

    def flush() -> None:
        nonlocal paragraph, kind, level
        if paragraph and (body := inline_text(" ".join(paragraph))):
            blocks.append(RawBlock(kind, body, level))
        paragraph, kind, level = [], BlockKind.PARAGRAPH, 0

    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            flush()
            continue
        if fence := _FENCE.match(line):
            flush()
            marker = fence.group(1)
            code: list[str] = []
            while i < len(lines) and not lines[i].strip().startswith(marker):
                code.append(lines[i])
                i += 1
            i += 1  # the closing fence
            if body := clean_preformatted("\n".join(code)):
                blocks.append(RawBlock(BlockKind.PREFORMATTED, body))
            continue
        if heading := _ATX.match(line):
            flush()
            content = _without_closing_hashes(line[heading.end() :])
            if body := inline_text(content):
                blocks.append(RawBlock(BlockKind.HEADING, body, len(heading.group(1))))
            continue
        if (
            paragraph
            and kind is BlockKind.PARAGRAPH
            and (setext := _SETEXT.match(line))
            and (len(paragraph) == 1 or setext.group(1)[0] == "=")
        ):
            body = inline_text(" ".join(paragraph))
            paragraph = []
            if body:
                blocks.append(RawBlock(BlockKind.HEADING, body, 1 if setext.group(1)[0] == "=" else 2))
            continue
        if _RULE.match(line) or _REF_DEFINITION.match(line) or _TABLE_SEPARATOR.match(line):
            flush()
            continue
        if _QUOTE.match(line):
            if kind is not BlockKind.QUOTE:
                flush()
                kind = BlockKind.QUOTE
            inner = _QUOTES.sub("", line, count=1)
            if inner.strip():
                paragraph.append(inner)
            else:
                flush()
                kind = BlockKind.QUOTE
            continue
        if item := _MD_ITEM.match(line):
            flush()
            kind, level = BlockKind.LIST_ITEM, len(item.group(1).expandtabs(4)) // 2
            paragraph = [item.group(2) or ""]
            continue
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            flush()
            cells = [inline_text(c) for c in line.strip().strip("|").split("|")]
            if row := " · ".join(c for c in cells if c):
                blocks.append(RawBlock(BlockKind.PARAGRAPH, row))
            continue
        if kind is BlockKind.QUOTE:  # a line after a quote without '>' ends it (no lazy continuation)
            flush()
        paragraph.append(line)
    flush()
    if parsed.title is None and blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].level == 1:
        parsed.title = blocks.pop(0).text
    return parsed


def _front_matter(lines: list[str], parsed: ParsedText) -> int:
    """Read a YAML-style front matter block (title, author, date); returns the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, min(len(lines), 100)):
        if lines[end].strip() in ("---", "..."):
            for line in lines[1:end]:
                if match := _FRONT_MATTER_KEY.match(line):
                    key, value = match.group(1).lower(), clean_text(match.group(2).strip().strip("\"'"))
                    if key == "title" and value:
                        parsed.title = value
                    elif key in ("author", "authors", "byline") and value:
                        parsed.author = value
                    elif key in ("date", "published") and value:
                        parsed.date = value
            return end + 1
    return 0
