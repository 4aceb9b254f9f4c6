"""An article with its translations and highlights as JSON, bilingual Markdown or bilingual HTML.

Pure functions of the core data model (no store, no Qt): ``reader export``, ``reader library export``
and the window's Export menu all render through here. The bilingual formats go paragraph by paragraph:
each block of the original followed (Markdown) or flanked (HTML) by its translation. HTML is one
self-contained file (inline style, no scripts, everything escaped) with entities and dates as
``<mark class="…" title="Person">`` (dates: ``"Date: 2024-01-04"``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    SentencePair,
    Span,
    SpanKind,
    Translation,
)
from reader.core.document import TranslationStatus as Status
from reader.core.highlight_style import LIGHT_SPAN_COLOURS, span_tooltip

Translations = Iterable[Translation] | Mapping[str, Translation]
FORMAT_VERSION = 1


def _by_block(translations: Translations | None, target: str | None) -> dict[str, Translation]:
    items = translations.values() if isinstance(translations, Mapping) else (translations or ())
    return {t.block_id: t for t in items if target is None or t.target == target}


def span_to_dict(span: Span) -> dict[str, Any]:
    """The JSON shape of a highlighted span."""
    return {
        "start": span.start,
        "end": span.end,
        "type": span.kind.value,
        "text": span.text,
        "value": span.value,
        "detail": span.detail,
    }


def span_from_dict(data: Mapping[str, Any]) -> Span:
    return Span(
        int(data["start"]),
        int(data["end"]),
        SpanKind(data["type"]),
        str(data.get("text", "")),
        data.get("value"),
        data.get("detail"),
    )


def _split_spans(spans: Iterable[Span]) -> dict[str, list[dict[str, Any]]]:
    return {
        "entities": [span_to_dict(s) for s in spans if s.kind is not SpanKind.DATE],
        "dates": [span_to_dict(s) for s in spans if s.kind is SpanKind.DATE],
    }


def sentence_to_dict(pair: SentencePair) -> dict[str, Any]:
    """The JSON shape of a sentence pair: offsets into the block's text and the translation's text."""
    return {
        "source": [pair.source[0], pair.source[1]],
        "target": [pair.target[0], pair.target[1]],
        "score": pair.score,
        "origin": pair.origin.value,
    }


def _translated_title(by_block: Mapping[str, Translation]) -> str | None:
    title = by_block.get(TITLE_BLOCK_ID)
    if title is not None and title.status is Status.TRANSLATED and title.text:
        return title.text
    return None


def article_to_dict(
    article: Article,
    translations: Translations | None = (),
    annotations: Mapping[str, BlockAnnotations] | None = None,
    *,
    target: str | None = None,
) -> dict[str, Any]:
    """Metadata plus every block with its language, runs, translation (with its sentence pairs), entities
    and dates; ``title_translation`` is the title's (``{"status", "text"}``, null when not translated,
    with its ``entities`` and ``dates`` when annotated), and ``title_entities`` / ``title_dates`` the
    title's own highlights (present when the article was annotated)."""
    by_block = _by_block(translations, target)
    notes = annotations or {}
    blocks = []
    for block in article.blocks:
        item: dict[str, Any] = {
            "id": block.id,
            "kind": block.kind.value,
            "level": block.level,
            "text": block.text,
            "lang": block.lang,
            "confidence": round(block.confidence, 4),
            "runs": [
                {"start": r.start, "end": r.end, "lang": r.lang, "confidence": round(r.confidence, 4)}
                for r in block.runs
            ],
        }
        translation = by_block.get(block.id)
        note = notes.get(block.id)
        if translation is not None:
            item["translation"] = {
                "text": translation.text,
                "target": translation.target,
                "status": translation.status.value,
                "detail": translation.detail,
                "source_lang": translation.source_lang,
                "sentences": [sentence_to_dict(pair) for pair in translation.sentences],
            }
            if note is not None:
                item["translation"].update(_split_spans(note.translation))
        if note is not None:
            item.update(_split_spans(note.original))
        blocks.append(item)
    return {
        "format": "reader-article",
        "version": FORMAT_VERSION,
        "title": article.title,
        "source": article.source,
        "byline": article.byline,
        "site": article.site,
        "published": article.published,
        "lang": article.lang,
        "title_translation": _title_dict(by_block.get(TITLE_BLOCK_ID), notes.get(TITLE_BLOCK_ID)),
        **_title_spans(notes.get(TITLE_BLOCK_ID)),
        "blocks": blocks,
    }


def _title_dict(title: Translation | None, note: BlockAnnotations | None) -> dict[str, Any] | None:
    if title is None:
        return None
    out: dict[str, Any] = {"status": title.status.value, "text": title.text}
    if note is not None and title.status is Status.TRANSLATED:
        out.update(_split_spans(note.translation))
    return out


def _title_spans(note: BlockAnnotations | None) -> dict[str, list[dict[str, Any]]]:
    """``title_entities`` and ``title_dates``, offsets into ``title``, when the article was annotated."""
    if note is None:
        return {}
    split = _split_spans(note.original)
    return {"title_entities": split["entities"], "title_dates": split["dates"]}


def to_json(
    article: Article,
    translations: Translations | None = (),
    annotations: Mapping[str, BlockAnnotations] | None = None,
    *,
    target: str | None = None,
) -> str:
    return json.dumps(
        article_to_dict(article, translations, annotations, target=target), ensure_ascii=False, indent=2
    )


# -- Markdown ---------------------------------------------------------------------------------------------
# Escaped anywhere in a line: inline syntax (emphasis, code, links, raw HTML, tables, strikethrough).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Escaped only where a line starts: block syntax. The backslash goes before the punctuation itself
# ("2024\." not "\2024."), because only punctuation can be escaped in CommonMark.
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([#>+\-=])|(\d+)([.)]))", re.MULTILINE)
# Characters a URL may keep as they are inside Markdown's <…> (RFC 3986 reserved and unreserved, and
# existing %-escapes); everything else, `<`, `>`, spaces, quotes and non-ASCII included, is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
_BACKTICK_RUN = re.compile(r"`+")


def md_escape(text: str, *, line_start: bool = True) -> str:
    """Escape Markdown syntax so the text renders as written.

    Args:
        line_start: the text begins a line of the output (paragraphs, quotes), so block markers such as
            ``#``, ``>``, ``-`` and ``1.`` at the start of its lines are escaped too. Text that follows a
            marker that leaves it inline (a heading, ``*…*``) passes False, so it gets no stray backslash.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return text
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), text
    )


def md_url(url: str) -> str:
    """``url`` percent-encoded so that nothing in it can end or leave Markdown's ``<…>`` (no raw HTML)."""
    return quote(url, safe=_URL_SAFE)


def is_web_link(url: str) -> bool:
    """True for an http(s) URL with a host: the only sources an export turns into links."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text`` (CommonMark closes on an equal run)."""
    longest = max((len(m.group(0)) for m in _BACKTICK_RUN.finditer(text)), default=0)
    return "`" * max(3, longest + 1)


def _md_block(block: Block, text: str) -> str:
    if block.kind is BlockKind.HEADING:
        level = min(6, max(2, block.level + 1 if block.level else 2))
        return "#" * level + " " + md_escape(text.replace("\n", " "), line_start=False)
    if block.kind is BlockKind.LIST_ITEM:
        # An item's text starts a line of its own in Markdown ("- # x" holds a heading), so it is escaped so.
        return "  " * max(0, block.level - 1) + "- " + md_escape(text.replace("\n", " "))
    if block.kind is BlockKind.QUOTE:
        return "\n".join("> " + line for line in md_escape(text).splitlines())
    if block.kind is BlockKind.PREFORMATTED:
        fence = _fence_for(text)
        return f"{fence}\n{text}\n{fence}"
    if block.kind is BlockKind.CAPTION:
        return f"*{md_escape(text, line_start=False)}*"
    return md_escape(text)


def _md_translation(translation: Translation | None) -> str | None:
    if translation is None or translation.status is Status.SAME_LANGUAGE:
        return None
    if translation.status is Status.TRANSLATED and translation.text:
        label = f"{translation.target.upper()}: " if translation.target else ""
        return "\n".join(
            f"> {label if i == 0 else ''}{md_escape(line)}"
            for i, line in enumerate(translation.text.splitlines() or [""])
        )
    note = translation.detail or translation.status.value
    return f"> *({md_escape(note, line_start=False)})*"


def to_markdown(
    article: Article,
    translations: Translations | None = (),
    annotations: Mapping[str, BlockAnnotations] | None = None,
    *,
    target: str | None = None,
) -> str:
    """Bilingual Markdown: each block, then its translation as a quote. Highlights are not kept."""
    by_block = _by_block(translations, target)
    out = [f"# {md_escape(article.title or 'Untitled article', line_start=False)}"]
    translated_title = _translated_title(by_block)
    if translated_title:
        out.append(f"> {md_escape(translated_title.replace(chr(10), ' '))}")
    meta = [part for part in (article.byline, article.site, article.published) if part]
    if meta:
        out.append("*" + md_escape(" · ".join(meta), line_start=False) + "*")
    if article.source:
        out.append(
            f"<{md_url(article.source)}>" if is_web_link(article.source) else md_escape(article.source)
        )
    for block in article.blocks:
        out.append(_md_block(block, block.text))
        rendered = _md_translation(by_block.get(block.id))
        if rendered:
            out.append(rendered)
    return "\n\n".join(out) + "\n"


# -- HTML -------------------------------------------------------------------------------------------------
_STYLE = (
    """
body { font: 16px/1.5 Georgia, serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
header p { color: #555; margin: .2rem 0; }
header p.title-translation { color: #333; font-size: 1.3rem; }
table { border-collapse: collapse; width: 100%; }
td { vertical-align: top; padding: .4rem .8rem; width: 50%; }
tr + tr td { border-top: 1px solid #eee; }
td.translation { color: #333; background: #fafafa; }
td.note { color: #666; font-style: italic; }
h2, h3, h4 { margin: .2rem 0; }
mark { border-radius: 2px; padding: 0 1px; }
""".strip()
    + "\n"
    + " ".join(  # the window's colours per entity type (reader/core/highlight_style.py)
        f"mark.{kind.value.lower()} {{ background: {colour}; }}"
        for kind, colour in LIGHT_SPAN_COLOURS.items()
    )
)


def highlight(text: str, spans: Iterable[Span]) -> str:
    """Escaped text with each span wrapped in ``<mark class=type title="type: value">``."""
    parts: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < position or span.end > len(text) or span.start >= span.end:
            continue  # overlapping or out of range: keep the text, drop the mark
        parts.append(html.escape(text[position : span.start]))
        title = span_tooltip(span)
        parts.append(
            f'<mark class="{span.kind.value.lower()}" title="{html.escape(title)}">'
            f"{html.escape(text[span.start : span.end])}</mark>"
        )
        position = span.end
    parts.append(html.escape(text[position:]))
    return "".join(parts).replace("\n", "<br>")


def _html_cell(block: Block, body: str) -> str:
    if block.kind is BlockKind.HEADING:
        level = min(6, max(2, block.level + 1 if block.level else 2))
        return f"<h{level}>{body}</h{level}>"
    if block.kind is BlockKind.PREFORMATTED:
        return f"<pre>{body}</pre>"
    if block.kind is BlockKind.QUOTE:
        return f"<blockquote>{body}</blockquote>"
    if block.kind is BlockKind.LIST_ITEM:
        return f"• {body}"
    if block.kind is BlockKind.CAPTION:
        return f"<em>{body}</em>"
    return f"<p>{body}</p>"


def _lang_attr(lang: str | None) -> str:
    return f' lang="{html.escape(lang)}"' if lang else ""


def to_html(
    article: Article,
    translations: Translations | None = (),
    annotations: Mapping[str, BlockAnnotations] | None = None,
    *,
    target: str | None = None,
) -> str:
    """A self-contained bilingual HTML page: original and translation side by side, highlights kept."""
    by_block = _by_block(translations, target)
    notes = annotations or {}
    title_note = notes.get(TITLE_BLOCK_ID)
    title = html.escape(article.title or "Untitled article")
    headline = highlight(article.title, title_note.original if title_note else ()) or title
    title_row = by_block.get(TITLE_BLOCK_ID)
    translated_title = _translated_title(by_block)
    subtitle = (
        f'<p class="title-translation"{_lang_attr(title_row.target if title_row else None)}>'
        f"{highlight(translated_title, title_note.translation if title_note else ())}</p>\n"
        if translated_title
        else ""
    )
    meta = [html.escape(part) for part in (article.byline, article.site, article.published) if part]
    rows = []
    for block in article.blocks:
        note = notes.get(block.id)
        original = _html_cell(block, highlight(block.text, note.original if note else ()))
        translation = by_block.get(block.id)
        if translation is not None and translation.status is Status.TRANSLATED and translation.text:
            spans = note.translation if note else ()
            right = (
                f'<td class="translation"{_lang_attr(translation.target)}>'
                f"{_html_cell(block, highlight(translation.text, spans))}</td>"
            )
        elif translation is not None and translation.status is not Status.SAME_LANGUAGE:
            right = f'<td class="note">{html.escape(translation.detail or translation.status.value)}</td>'
        else:
            right = '<td class="translation"></td>'
        rows.append(
            f'<tr id="{html.escape(block.id)}"><td{_lang_attr(block.lang)}>{original}</td>{right}</tr>'
        )
    source = ""
    if article.source:
        escaped = html.escape(article.source)
        # Only http(s) becomes a link, as in the article view: `javascript://%0A…` would run on click.
        source = (
            f'<p><a href="{escaped}">{escaped}</a></p>'
            if is_web_link(article.source)
            else f"<p>{escaped}</p>"
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html{_lang_attr(article.lang)}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="Reader">\n'
        f"<title>{title}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{headline}</h1>\n"
        + subtitle
        + (f"<p>{' · '.join(meta)}</p>\n" if meta else "")
        + source
        + "\n</header>\n<table>\n"
        + "\n".join(rows)
        + "\n</table>\n</body>\n</html>\n"
    )
