"""Render an article, its translations and its highlights as the rich text the article view shows.

Pure Python (no widgets), so the layout of every mode can be tested directly. Every piece of article text
is escaped: the article is untrusted input. The only links produced are Reader's own (``lang:<block>``
for the language badge) and the article's http(s) source, which the view opens only on a click.

Highlighted spans carry an anchor name ``e<N>`` on their first character; ``RenderResult.spans`` maps N to
the span, its block and column, so the view can find what is under the mouse and mark counterparts.
"""

from __future__ import annotations

import bisect
import functools
import html
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from reader.app import strings
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.core.highlight_style import span_tooltip
from reader.ui.reading_layout import ReadingLayout, hyphenate
from reader.ui.sentence_marks import (
    ORIGINAL_ANCHOR,
    TRANSLATION_ANCHOR,
    BodyPlacement,
    is_unsure,
    record_shifts,
)
from reader.ui.view_palette import DARK as DARK
from reader.ui.view_palette import LIGHT as LIGHT
from reader.ui.view_palette import PALETTES as PALETTES
from reader.ui.view_palette import SEPIA as SEPIA
from reader.ui.view_palette import Palette

HEADLINE_LINE = "margin-top:0; margin-bottom:0.3em;"  # the line under the title (its translation, a note)


class ViewMode(StrEnum):
    SIDE_BY_SIDE = "side-by-side"
    INTERLINEAR = "interlinear"
    ORIGINAL = "original"
    TRANSLATION = "translation"


class Column(StrEnum):
    ORIGINAL = "original"
    TRANSLATION = "translation"


@dataclass(frozen=True, slots=True)
class PlacedSpan:
    """A rendered highlight: which span, in which block and column."""

    span: Span
    block_id: str
    column: Column

    @property
    def key(self) -> str:
        """What links a mention to its counterparts: type plus normalized value (or surface)."""
        value = self.span.value or self.span.text.casefold()
        return f"{self.span.kind.value}:{value}"


@dataclass
class RenderResult:
    html: str
    spans: list[PlacedSpan] = field(default_factory=list)


def _unchanged(source: str) -> str:
    return source


def highlight(
    source: str,
    spans: Sequence[Span],
    visible: Collection[SpanKind],
    palette: Palette,
    placed: list[PlacedSpan],
    block_id: str,
    column: Column,
    prepare: Callable[[str], str] = _unchanged,
    shifts: list[int] | None = None,
    marks: Sequence[tuple[int, int]] = (),
    mark_style: str = "",
) -> str:
    """Escape ``source`` and wrap the visible spans; overlapping spans after the first are skipped.

    ``prepare`` is applied to the text between highlights (hyphenation); highlighted names stay whole.
    Where it inserted soft hyphens is appended to ``shifts`` (source offsets), so sentences can be found.
    ``marks`` (ascending, disjoint (start, end) ranges: the unsure sentences) are set in ``mark_style``,
    in the HTML itself: styling them afterwards would lay the whole document out a second time.
    """
    out: list[str] = []
    cursor = 0
    cuts = sorted({offset for mark in marks for offset in mark})
    mark_starts = [start for start, _end in marks]

    def in_mark(position: int) -> bool:
        index = bisect.bisect_right(mark_starts, position) - 1
        return index >= 0 and position < marks[index][1]

    def styled(start: int, end: int, render: Callable[[int, int], str]) -> str:
        """``render`` of [start, end), cut where a mark begins or ends, the marked parts in its style."""
        if not marks:
            return render(start, end)
        bounds = [start, *cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)], end]
        parts = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            text = render(a, b)
            parts.append(f'<span style="{mark_style}">{text}</span>' if text and in_mark(a) else text)
        return "".join(parts)

    def hyphenated(start: int, end: int) -> str:
        text = prepare(source[start:end])
        if shifts is not None and len(text) != end - start:
            record_shifts(source[start:end], text, start, shifts)
        return html.escape(text)

    def prepared(start: int, end: int) -> str:
        return styled(start, end, hyphenated)

    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.kind not in visible or span.start < cursor or not 0 <= span.start < span.end <= len(source):
            continue
        out.append(prepared(cursor, span.start))
        index = len(placed)
        placed.append(PlacedSpan(span, block_id, column))
        underline = "text-decoration: underline dotted;" if span.kind is SpanKind.DATE else ""
        out.append(
            f'<a name="e{index}"></a><span title="{html.escape(span_tooltip(span))}" '
            f'style="background-color:{palette.colour(span.kind)};{underline}">'
            f"{styled(span.start, span.end, lambda a, b: html.escape(source[a:b]))}</span>"
        )
        cursor = span.end
    out.append(prepared(cursor, len(source)))
    return "".join(out)


def _badge(block: Block, palette: Palette) -> str:
    if block.runs:
        langs = []
        for run in block.runs:
            if run.lang not in langs:
                langs.append(run.lang)
        label = "+".join(code.upper() for code in langs)
    else:
        label = (block.lang or "?").upper()
    return (
        f'<a href="lang:{html.escape(block.id)}" title="{html.escape(strings.BADGE_TOOLTIP)}" '
        f'style="color:{palette.badge}; text-decoration:none; font-size:small;">'
        f"{html.escape(label)}</a>&nbsp; "
    )


_TAGS = {
    BlockKind.HEADING: "h{level}",
    BlockKind.PARAGRAPH: "p",
    BlockKind.LIST_ITEM: "p",
    BlockKind.QUOTE: "blockquote",
    BlockKind.CAPTION: "p",
    BlockKind.PREFORMATTED: "pre",
}


def _wrap(
    block: Block,
    inner: str,
    palette: Palette,
    *,
    muted: bool = False,
    note: bool = False,
    line_height: int = 150,
) -> str:
    """One block as its tag. A ``note`` (a placeholder or status in place of a translation) is set as
    small body text even beside a heading: a "Translating…" in headline type would shout."""
    tag = "p" if note else _TAGS[block.kind].format(level=min(max(block.level, 2), 4))
    style = f"white-space:pre-wrap; margin-top:0; margin-bottom:0.6em; line-height:{line_height}%;"
    if note:
        style += " font-size:small;"
    if block.kind is BlockKind.LIST_ITEM:
        inner = "•&nbsp;" + inner
        style += f" margin-left:{12 + 14 * block.level}px;"
    if block.kind is BlockKind.CAPTION or muted:
        style += f" color:{palette.muted};"
    if block.kind is BlockKind.CAPTION:
        style += " font-style:italic;"
    return f'<{tag} style="{style}">{inner}</{tag.split()[0]}>'


def notice_html(title: str, message: str, palette: Palette, *, error: bool = False) -> str:
    """A page in place of an article: what is being opened and how far it got, or why it failed."""
    colour = palette.error if error else palette.muted
    return (
        f'<html><body style="color:{palette.text}; background-color:{palette.background};">'
        f'<h1 style="margin-bottom:0.3em;">{html.escape(title or strings.UNTITLED)}</h1>'
        f'<p style="color:{colour};">{html.escape(message)}</p></body></html>'
    )


class ArticleRenderer:
    """Builds the view's HTML for one article state. Cheap to call again as translations stream in."""

    def __init__(
        self,
        article: Article,
        translations: Mapping[str, Translation],
        annotations: Mapping[str, BlockAnnotations],
        *,
        mode: ViewMode,
        visible: Collection[SpanKind],
        palette: Palette,
        reader_language: str,
        layout: ReadingLayout | None = None,
        show_dropped: bool = False,
        unsure_below: float | None = None,
    ) -> None:
        self.article = article
        self.translations = translations
        self.annotations = annotations
        self.mode = mode
        self.visible = visible
        self.palette = palette
        self.reader_language = reader_language
        self.layout = layout or ReadingLayout()
        self.show_dropped = show_dropped
        self.unsure_below = unsure_below  # translated sentences scoring below it get a dotted underline
        # Where each rendered text sits (filled as HTML is made): the view maps sentences through it.
        self.bodies: dict[tuple[str, Column], BodyPlacement] = {}
        self.rendered_headline_line = ""  # what render() put under the title (side by side, interlinear)

    def render(self) -> RenderResult:
        result = RenderResult(html="")
        parts = [self._header(result.spans)]
        if self.mode is ViewMode.SIDE_BY_SIDE:
            parts.append(self._side_by_side(result.spans))
        else:
            for block in self.article.blocks:
                parts.append(self._flow_block(block, result.spans))
        result.html = (
            f'<html><body style="color:{self.palette.text}; background-color:{self.palette.background};">'
            + "".join(parts)
            + "</body></html>"
        )
        return result

    # -- pieces -----------------------------------------------------------------------------------------
    def _header(self, placed: list[PlacedSpan]) -> str:
        a = self.article
        meta = [part for part in (a.byline, a.site, a.published) if part]
        line = " · ".join(html.escape(part) for part in meta)
        source = ""
        if a.source.startswith(("http://", "https://")):
            source = (
                f'<br><a href="{html.escape(a.source, quote=True)}" style="color:{self.palette.muted};">'
                f"{html.escape(a.source)}</a>"
            )
        elif a.source:
            source = f"<br>{html.escape(a.source)}"
        if a.dropped:
            source += self._dropped_note()
        return (
            self._headline(placed)
            + f'<p style="color:{self.palette.muted}; margin-top:0; font-size:small;">{line}{source}</p>'
            f'<hr style="color:{self.palette.rule};">'
        )

    def _headline(self, placed: list[PlacedSpan]) -> str:
        """The title and, unless the mode is original only, its translation on the line under it (in
        translation only, the translation is the headline and the original sits under it)."""
        a = self.article
        h1 = '<h1 style="margin-bottom:0.2em;">{}</h1>'
        if not a.title:
            return h1.format(html.escape(strings.UNTITLED))
        title_notes = self.annotations.get(TITLE_BLOCK_ID)
        original = self._body(
            TITLE_BLOCK_ID, Column.ORIGINAL, a.title, title_notes.original if title_notes else (), placed
        )
        if self.mode is ViewMode.ORIGINAL:
            return h1.format(original)
        translated = self._title_translation()
        if self.mode is ViewMode.TRANSLATION and translated is not None:
            body = self._body(TITLE_BLOCK_ID, Column.TRANSLATION, translated, self._title_spans(), placed)
            small = f'<span style="color:{self.palette.muted}; font-size:small; font-style:italic;">'
            return h1.format(body) + f'<p style="{HEADLINE_LINE}">{small}{original}</span></p>'
        line = self.headline_line(placed)
        self.rendered_headline_line = line
        return h1.format(original) + (f'<p style="{HEADLINE_LINE}">{line}</p>' if line else "")

    def _title_spans(self) -> tuple[Span, ...]:
        """Highlights in the title's translation."""
        notes = self.annotations.get(TITLE_BLOCK_ID)
        return notes.translation if notes else ()

    def _title_translation(self) -> str | None:
        translation = self.translations.get(TITLE_BLOCK_ID)
        if translation is not None and translation.status is TranslationStatus.TRANSLATED:
            return translation.text or None
        return None

    def headline_line(self, placed: list[PlacedSpan]) -> str:
        """The line under the original title, as inline HTML: its translation, or a note in body type
        (pending, unavailable; never a second headline), or nothing. The view replaces just this line
        when the title's translation streams in, as it replaces a translation cell."""
        translated = self._title_translation()
        if translated is not None:
            body = self._body(TITLE_BLOCK_ID, Column.TRANSLATION, translated, self._title_spans(), placed)
            return f'<span style="color:{self.palette.muted}; font-size:x-large;">{body}</span>'
        translation = self.translations.get(TITLE_BLOCK_ID)
        note = ""
        if translation is not None and translation.status is not TranslationStatus.SAME_LANGUAGE:
            note = strings.translation_status_note(translation)
        elif translation is None and self._translation_pending():
            note = strings.TRANSLATION_PENDING
        if not note:
            return ""
        style = f"color:{self.palette.muted}; font-size:small; font-style:italic;"
        return f'<span style="{style}">{html.escape(note)}</span>'

    def _translation_pending(self) -> bool:
        """Some block still waits for its translation: the title's is then on its way too (it is asked
        for first). Once every block has one, a title without a translation gets no note at all."""
        return any(
            block.id not in self.translations and self._needs_translation(block)
            for block in self.article.blocks
        )

    def _body(
        self,
        block_id: str,
        column: Column,
        text: str,
        spans: Sequence[Span],
        placed: list[PlacedSpan],
        prepare: Callable[[str], str] = _unchanged,
    ) -> str:
        """``text`` highlighted, with the anchor and placement the view finds its sentences by (and, in
        a translation, the unsure sentences dot-underlined)."""
        if not text:
            return ""
        placement = BodyPlacement(len(text))
        marks: list[tuple[int, int]] = []
        translation = self.translations.get(block_id)
        if column is Column.TRANSLATION and translation is not None:
            marks = [pair.target for pair in translation.sentences if is_unsure(pair, self.unsure_below)]
        style = f"text-underline-style:dotted; text-decoration-color:{self.palette.muted};"
        body = highlight(
            text, spans, self.visible, self.palette, placed, block_id, column, prepare, placement.shifts,
            marks, style,
        )  # fmt: skip
        self.bodies[(block_id, column)] = placement
        prefix = ORIGINAL_ANCHOR if column is Column.ORIGINAL else TRANSLATION_ANCHOR
        return f'<a name="{prefix}{html.escape(block_id, quote=True)}"></a>{body}'

    def _hyphenator(self, lang: str | None) -> Callable[[str], str]:
        if not self.layout.hyphenate or not lang:
            return _unchanged
        return functools.partial(hyphenate, lang=lang)

    def _block(self, block: Block, inner: str, *, muted: bool = False, note: bool = False) -> str:
        return _wrap(block, inner, self.palette, muted=muted, note=note, line_height=self.layout.line_height)

    def _translation_block(self, block: Block, body: str, real: bool, *, muted: bool = False) -> str:
        return self._block(block, body, muted=muted, note=not real)

    def _dropped_note(self) -> str:
        """ "N lines of page furniture left out · Show" (and, when shown, the lines themselves)."""
        lines = self.article.dropped
        link = "Hide" if self.show_dropped else "Show"
        note = (
            f"<br>{strings.dropped_summary(len(lines))} · "
            f'<a href="furniture:toggle" style="color:{self.palette.muted};">{link}</a>'
        )
        if self.show_dropped:
            note += "".join(f"<br>&nbsp;&nbsp;– {html.escape(line)}" for line in lines)
        return note

    def _needs_translation(self, block: Block) -> bool:
        translation = self.translations.get(block.id)
        if translation is not None:
            return translation.status is not TranslationStatus.SAME_LANGUAGE
        if block.runs:
            return any(run.lang != self.reader_language for run in block.runs)
        return block.lang is not None and block.lang != self.reader_language

    def _original(self, block: Block, placed: list[PlacedSpan]) -> str:
        ann = self.annotations.get(block.id)
        spans = ann.original if ann else ()
        body = self._body(block.id, Column.ORIGINAL, block.text, spans, placed, self._hyphenator(block.lang))
        return f'<a name="blk-{html.escape(block.id)}"></a>' + _badge(block, self.palette) + body

    def _translation(self, block: Block, placed: list[PlacedSpan]) -> tuple[str, bool]:
        """HTML of the block's translation and whether it is real translated text (vs. a status note)."""
        translation = self.translations.get(block.id)
        muted = f'<span style="color:{self.palette.muted}; font-style:italic;">{{}}</span>'
        if translation is None:
            return muted.format(html.escape(strings.TRANSLATION_PENDING)), False
        if translation.status is TranslationStatus.TRANSLATED and translation.text is not None:
            ann = self.annotations.get(block.id)
            spans = ann.translation if ann else ()
            body = self._body(
                block.id,
                Column.TRANSLATION,
                translation.text,
                spans,
                placed,
                self._hyphenator(translation.target),
            )
            return body, True
        note = strings.translation_status_note(translation)
        return muted.format(html.escape(note)), False

    def translation_cell(self, block: Block, placed: list[PlacedSpan]) -> str | None:
        """The HTML of one block's translation cell in side by side, or None when its row changes shape.

        Lets the view replace one cell as a translation streams in, instead of rebuilding the document
        (which costs ~200 ms for a 10,000-word article). New highlights are appended to ``placed``.
        """
        if self.mode is not ViewMode.SIDE_BY_SIDE or not self._needs_translation(block):
            return None
        body, real = self._translation(block, placed)
        return self._translation_block(block, body, real)

    def two_column_blocks(self) -> set[str]:
        """In side by side: the blocks whose row has a translation column."""
        return {block.id for block in self.article.blocks if self._needs_translation(block)}

    def _side_by_side(self, placed: list[PlacedSpan]) -> str:
        rows = []
        cell = 'style="padding:4px 10px 8px 0; vertical-align:top;"'
        for block in self.article.blocks:
            original = self._block(block, self._original(block, placed))
            if not self._needs_translation(block):
                rows.append(f"<tr><td colspan=2 {cell}>{original}</td></tr>")
                continue
            body, real = self._translation(block, placed)
            rows.append(
                f'<tr><td width="50%" {cell}>{original}</td>'
                f'<td width="50%" {cell}>{self._translation_block(block, body, real)}</td></tr>'
            )
        return '<table width="100%" cellspacing="0" cellpadding="0">' + "".join(rows) + "</table>"

    def _flow_block(self, block: Block, placed: list[PlacedSpan]) -> str:
        needs = self._needs_translation(block)
        if self.mode is ViewMode.ORIGINAL or not needs:
            return self._block(block, self._original(block, placed))
        body, real = self._translation(block, placed)
        anchor = f'<a name="blk-{html.escape(block.id)}"></a>'
        if self.mode is ViewMode.TRANSLATION:
            if not real:  # a reader who chose translation-only still gets the text, with the note
                return self._block(block, self._original(block, placed)) + self._translation_block(
                    block, body, real, muted=True
                )
            return self._block(block, anchor + body)
        original = self._block(block, self._original(block, placed))
        note = (
            f'<div style="margin-left:18px; margin-bottom:0.9em; color:{self.palette.muted};">'
            f"{self._translation_block(block, body, real, muted=True)}</div>"
        )
        return original + note
