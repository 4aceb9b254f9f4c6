"""HTML → article metadata and structured text, with trafilatura and a careful fallback.

The page is parsed once with lxml and cleaned before extraction: executable and hidden content
(``<script>``, ``<style>``, ``<template>``, event handlers, ``javascript:`` links) is removed, since
trafilatura lets ``<template>`` text through. Figures become plain containers so their captions
survive, and runaway nesting is flattened so the parser's depth limit cannot swallow the text
(``markup_guard``).

trafilatura's XML output keeps headings, lists and quotes; when it finds almost nothing on a small
or simple page, a structural walk of the ``<body>`` that skips navigation, headers, footers,
sharing and ad containers takes over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime

import lxml.etree as etree
import lxml.html
import trafilatura

from reader.core.document import BlockKind
from reader.core.errors import InputError
from reader.core.ingest.markup_guard import flatten_deep_nesting, markup_size
from reader.core.textclean import clean_preformatted, clean_text, strip_controls

__all__ = [
    "MAX_MARKUP_BYTES",
    "ExtractedPage",
    "RawBlock",
    "clean_preformatted",
    "clean_text",
    "extract_page",
    "strip_controls",
]

# trafilatura needs ~2.8 s and ~70 MB per MB of dense markup here, more as pages grow (2 MB: 5.5 s,
# 180 MB; 2.9 MB: 12 s; 30 MB: ~70 s and ~1 GB; benchmarks/extract_limits.py). Real articles are well
# under 1 MB once scripts and styles are gone, so 2 MB keeps the worst case near five seconds.
# Counted in characters of markup (not in an ASCII serialization, where each Cyrillic letter would count
# as an 8-byte entity and an 816 KB Russian page as 2.53 MB).
MAX_MARKUP_CHARS = 2 * 1024 * 1024
MAX_MARKUP_BYTES = MAX_MARKUP_CHARS  # the former name, kept for callers
# Before parsing, the estimate still includes what sanitizing removes later (hidden blocks, svg, forms),
# so it is refused only when clearly over: 10 MiB of <br> no longer takes seconds and 778 MB to refuse.
_PRE_PARSE_FACTOR = 2

# Below this much text trafilatura has probably given up on a small page (its own minimum is 250).
_MIN_USEFUL_TEXT = 250

_DROP_TAGS = (
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "button", "input", "select", "option", "textarea", "dialog",
    "link", "base", "audio", "video", "source", "track", "map",
)  # fmt: skip
_JUNK_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
_JUNK_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_JUNK_NAMES = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|ad|ads|advert\w*|banner|"
    r"cookies?|consent|footer|header|masthead|sidebar|related|promo\w*|newsletter|subscribe|comments?|"
    r"widget|popup|modal|skip|toolbar|paywall)($|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class RawBlock:
    """A block before ids are assigned."""

    kind: BlockKind
    text: str
    level: int = 0


@dataclass
class ExtractedPage:
    """What a page yields: metadata (possibly missing) and its blocks in reading order."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    blocks: list[RawBlock] = field(default_factory=list)


def extract_page(text: str, *, url: str | None = None) -> ExtractedPage:
    """Extract metadata and blocks from decoded HTML.

    Raises:
        InputError: the page is too big to extract in reasonable time.
    """
    estimate = markup_size(text)
    if estimate > _PRE_PARSE_FACTOR * MAX_MARKUP_CHARS:
        raise InputError(_too_big(estimate))
    tree = _parse(text)
    _sanitize(tree)
    size = len(lxml.html.tostring(tree, encoding="unicode"))
    if size > MAX_MARKUP_CHARS:
        raise InputError(_too_big(size))
    captions, preformatted = _mark_figures_and_pre(tree)
    fallback = _fallback_blocks(tree, captions, preformatted)
    page = _trafilatura_extract(tree, url, captions, preformatted)
    if sum(len(b.text) for b in page.blocks) < _MIN_USEFUL_TEXT:
        # trafilatura's own last resort on such pages is the whole body's text, menus included;
        # the structural walk keeps headings and lists and leaves page chrome out.
        page.blocks = fallback
    if page.title is None:
        page.title = _page_title(tree)
    return page


def _too_big(size: int) -> str:
    return (
        f"This page is too big to read ({_millions(size)} characters of markup without scripts and styles; "
        f"the limit is {_millions(MAX_MARKUP_CHARS)})."
    )


def _millions(count: int) -> str:
    return f"{count / 1e6:.1f} million"


# -- parsing and cleaning ----------------------------------------------------------------------------
def _parse(text: str) -> lxml.html.HtmlElement:
    text = _XML_DECLARATION.sub("", text, count=1)
    text = flatten_deep_nesting(text)  # libxml2 would silently drop everything past depth 256
    if not text.strip():
        raise InputError("This page is empty.")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("This page could not be read as HTML.") from exc


def _sanitize(tree: lxml.html.HtmlElement) -> None:
    """Remove everything executable or invisible; keep JSON-LD (metadata only, never text)."""
    for el in list(tree.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop(el)
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.tag == "script" and (el.get("type") or "").strip().lower() == "application/ld+json":
            continue
        _drop(el)
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):
            continue
        if (
            el.get("hidden") is not None
            or el.get("aria-hidden") == "true"
            or _HIDDEN_STYLE.search(el.get("style") or "")
        ):
            if el.tag not in ("html", "body"):
                _drop(el)
                continue
        for name, value in list(el.attrib.items()):
            lowered = name.lower()
            if lowered.startswith("on") or (
                lowered in ("href", "src", "action", "formaction", "xlink:href", "data")
                and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                del el.attrib[name]


def _drop(el: etree._Element) -> None:
    """Remove an element and its content but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _mark_figures_and_pre(tree: lxml.html.HtmlElement) -> tuple[set[str], dict[str, str]]:
    """Turn figures into plain containers (trafilatura drops them) and remember captions and <pre>.

    Returns the normalised caption texts and, per normalised <pre> text, its original layout, so the
    extracted blocks can be given the right kind back.
    """
    captions: set[str] = set()
    for caption in tree.iter("figcaption"):
        text = clean_text(caption.text_content())
        if text:
            captions.add(text)
        caption.tag = "p"
    for figure in tree.iter("figure"):
        figure.tag = "div"
    preformatted: dict[str, str] = {}
    for pre in tree.iter("pre"):
        raw = pre.text_content()
        if raw.strip():
            preformatted[clean_text(raw)] = clean_preformatted(raw)
    return captions, preformatted


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    title = tree.find(".//title")
    text = clean_text(title.text_content()) if title is not None else ""
    return text or None


# -- trafilatura -------------------------------------------------------------------------------------
def _trafilatura_extract(
    tree: lxml.html.HtmlElement, url: str | None, captions: set[str], preformatted: dict[str, str]
) -> ExtractedPage:
    result = trafilatura.extract(
        tree,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_formatting=True,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_comments=False,
        deduplicate=False,
        # Only dates the page states in its markup (meta tags, <time>, URL): the extensive search
        # guesses from any year in the text and turns "Ausleihen 2023" into 2023-01-01.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
        },
    )
    if not result:
        return ExtractedPage(url=url)
    try:
        doc = etree.fromstring(
            result.encode("utf-8"), etree.XMLParser(huge_tree=True, resolve_entities=False)
        )
    except etree.XMLSyntaxError:
        return ExtractedPage(url=url)
    page = ExtractedPage(
        title=_meta(doc.get("title")),
        author=_meta(doc.get("author")),
        date=_meta(doc.get("date")),
        site=_meta(doc.get("sitename")) or _meta(doc.get("hostname")),
        url=_meta(doc.get("url")) or url,
    )
    main = doc.find("main")
    if main is not None:
        page.blocks = list(_xml_blocks(main, captions, preformatted))
    return page


def _meta(value: str | None) -> str | None:
    if not value:
        return None
    text = clean_text(value)
    if not text or text.lower().startswith(("javascript:", "vbscript:")):
        return None
    return text[:300]


def _xml_blocks(main: etree._Element, captions: set[str], preformatted: dict[str, str]) -> Iterator[RawBlock]:
    """Blocks from trafilatura's XML: head → HEADING, p → PARAGRAPH, quote, list/item, code, table."""
    if main.text and main.text.strip():
        yield from _loose_text(main)
        return
    for child in main:
        yield from _xml_element(child, captions, preformatted, depth=0)


def _loose_text(el: etree._Element) -> Iterator[RawBlock]:
    """Text trafilatura left without paragraphs (``<lb/>`` separated): one paragraph per line."""
    parts = [el.text or ""]
    for child in el.iter():
        if child is not el and child.tag == "lb":
            parts.append("\n")
        if child is not el:
            parts.append(child.text or "" if child.tag != "lb" else "")
            parts.append(child.tail or "")
    for line in "".join(parts).split("\n"):
        if text := clean_text(line):
            yield RawBlock(BlockKind.PARAGRAPH, text)


def _xml_element(
    el: etree._Element,
    captions: set[str],
    preformatted: dict[str, str],
    *,
    depth: int,
    in_quote: bool = False,
) -> Iterator[RawBlock]:
    tag = el.tag
    if not isinstance(tag, str) or depth > 40:
        return
    if tag == "head":
        rend = el.get("rend") or "h2"
        level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        if text := clean_text("".join(el.itertext())):
            yield RawBlock(BlockKind.HEADING, text, level)
    elif tag in ("p", "code"):
        yield from _text_block(
            el, captions, preformatted, BlockKind.QUOTE if in_quote else BlockKind.PARAGRAPH
        )
    elif tag == "quote":
        if any(isinstance(c.tag, str) and c.tag in ("p", "list", "head", "quote", "code") for c in el):
            for child in el:
                yield from _xml_element(child, captions, preformatted, depth=depth + 1, in_quote=True)
        else:
            yield from _text_block(el, captions, preformatted, BlockKind.QUOTE)
    elif tag == "list":
        yield from _list_items(el, captions, preformatted, depth=depth, level=0)
    elif tag == "table":
        for row in el.iter("row"):
            cells = [clean_text("".join(cell.itertext())) for cell in row.iter("cell")]
            if text := " · ".join(c for c in cells if c):
                yield RawBlock(BlockKind.PARAGRAPH, text)
    elif tag in ("div", "main", "section"):
        for child in el:
            yield from _xml_element(child, captions, preformatted, depth=depth + 1, in_quote=in_quote)


def _text_block(
    el: etree._Element, captions: set[str], preformatted: dict[str, str], kind: BlockKind
) -> Iterator[RawBlock]:
    raw = "".join(el.itertext())
    text = clean_text(raw)
    if not text:
        return
    if text in preformatted:
        yield RawBlock(BlockKind.PREFORMATTED, preformatted[text])
    elif text in captions:
        yield RawBlock(BlockKind.CAPTION, text)
    else:
        yield RawBlock(kind, text)


def _list_items(
    el: etree._Element, captions: set[str], preformatted: dict[str, str], *, depth: int, level: int
) -> Iterator[RawBlock]:
    for item in el:
        if item.tag != "item" or depth > 40:
            continue
        own = [item.text or ""]
        nested: list[etree._Element] = []
        for child in item:
            if child.tag == "list":
                nested.append(child)
            else:
                own.append("".join(child.itertext()))
            own.append(child.tail or "")
        if text := clean_text("".join(own)):
            yield RawBlock(BlockKind.LIST_ITEM, text, level)
        for sub in nested:
            yield from _list_items(sub, captions, preformatted, depth=depth + 1, level=level + 1)


# -- fallback: a structural walk of the body -------------------------------------------------------
_BLOCK_TAGS = ("p", "li", "blockquote", "pre", "dt", "dd", *_HEADINGS)
_CONTAINERS_OF_TEXT = {"p", "pre", "dt", "dd", *_HEADINGS}


def _fallback_blocks(
    tree: lxml.html.HtmlElement, captions: set[str], preformatted: dict[str, str]
) -> list[RawBlock]:
    """Blocks from the body's own structure, skipping page chrome (used for small, simple pages)."""
    body = tree.find("body")
    if body is None:
        return []
    body = _copy_without_junk(body)
    blocks: list[RawBlock] = []
    for el in body.iter(*_BLOCK_TAGS):
        if any(anc.tag in _CONTAINERS_OF_TEXT for anc in el.iterancestors()):
            continue  # its text belongs to the enclosing paragraph or heading
        tag = el.tag
        if tag == "blockquote":
            if any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
                continue  # its paragraphs and items are blocks of their own
            kind = BlockKind.QUOTE
        elif tag == "li":
            kind = BlockKind.LIST_ITEM
        elif tag in _HEADINGS:
            kind = BlockKind.HEADING
        elif tag == "pre":
            kind = BlockKind.PREFORMATTED
        else:
            kind = (
                BlockKind.QUOTE
                if any(a.tag == "blockquote" for a in el.iterancestors())
                else BlockKind.PARAGRAPH
            )
        if kind is BlockKind.PREFORMATTED:
            text = clean_preformatted(el.text_content())
            if text.strip():
                blocks.append(RawBlock(kind, text))
            continue
        text = clean_text(_own_text(el) if tag == "li" else el.text_content())
        if not text or _is_link_only(el, text):
            continue
        if text in captions:
            kind = BlockKind.CAPTION
        level = int(tag[1]) if kind is BlockKind.HEADING else 0
        if kind is BlockKind.LIST_ITEM:
            level = max(0, sum(1 for a in el.iterancestors() if a.tag in ("ul", "ol")) - 1)
        blocks.append(RawBlock(kind, text, level))
    if not blocks:
        blocks = _loose_body_text(body)
    return blocks


def _copy_without_junk(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    copy = deepcopy(body)
    for el in list(copy.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if (
            el.tag in _JUNK_TAGS
            or (el.get("role") or "").lower() in _JUNK_ROLES
            or (el.tag not in ("body", "article", "main") and _JUNK_NAMES.search(names))
        ):
            _drop(el)
    return copy


def _own_text(li: etree._Element) -> str:
    """A list item's text without its nested lists (they are items of their own)."""
    parts = [li.text or ""]
    for child in li:
        if child.tag not in ("ul", "ol") and isinstance(child.tag, str):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _is_link_only(el: etree._Element, text: str) -> bool:
    """Short blocks made only of links are menus and teasers, not article text."""
    if len(text) > 80:
        return False
    link_text = clean_text(" ".join(a.text_content() for a in el.iter("a")))
    return bool(link_text) and len(link_text) >= len(text) * 0.9


def _loose_body_text(body: lxml.html.HtmlElement) -> list[RawBlock]:
    """A page of bare text (no paragraphs): split on blank lines and double ``<br>``."""
    for br in body.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks: list[RawBlock] = []
    for chunk in re.split(r"\n\s*\n", body.text_content()):
        if text := clean_text(chunk):
            blocks.append(RawBlock(BlockKind.PARAGRAPH, text))
    return blocks
