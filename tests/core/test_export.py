"""Article export: JSON shape, bilingual Markdown and self-contained bilingual HTML with highlights."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from reader.core import export
from reader.core.document import (
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    LanguageRun,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)

TEXT = "Am 4. Januar sprach Olaf Scholz in Berlin über <Sicherheit> & Energie."
ARTICLE = Article(
    title="Scholz <in> Berlin",
    blocks=(
        Block("b0", BlockKind.HEADING, "Neue Gespräche", level=1, lang="de", confidence=0.97),
        Block("b1", BlockKind.PARAGRAPH, TEXT, lang="de", confidence=0.99),
        Block(
            "b2",
            BlockKind.PARAGRAPH,
            "He said: Wir schaffen das.",
            lang="en",
            confidence=0.8,
            runs=(LanguageRun(0, 9, "en", 0.9), LanguageRun(9, 26, "de", 0.95)),
        ),
        Block("b3", BlockKind.LIST_ITEM, "# not a heading *really*", level=1, lang="en"),
    ),
    source="https://news.example.org/scholz",
    site="Example News",
    published="2024-01-05",
    lang="de",
)
TRANSLATIONS = [
    Translation("b0", "en", TranslationStatus.TRANSLATED, "New talks", "de"),
    Translation("b1", "en", TranslationStatus.TRANSLATED, "On 4 January Olaf Scholz spoke in Berlin.", "de"),
    Translation("b2", "en", TranslationStatus.UNAVAILABLE, None, "de", "de→en not installed"),
    Translation("b3", "en", TranslationStatus.SAME_LANGUAGE, None, "en"),
]
ANNOTATIONS = {
    "b1": BlockAnnotations(
        "b1",
        original=(
            Span(3, 12, SpanKind.DATE, "4. Januar", "2024-01-04", "day-month"),
            Span(20, 31, SpanKind.PERSON, "Olaf Scholz", "Olaf Scholz"),
            Span(35, 41, SpanKind.LOCATION, "Berlin", "Berlin"),
        ),
        translation=(Span(3, 12, SpanKind.DATE, "4 January", "2024-01-04"),),
    )
}


def test_json_has_every_block_with_language_translation_and_spans() -> None:
    data = json.loads(export.to_json(ARTICLE, TRANSLATIONS, ANNOTATIONS))
    assert data["title"] == "Scholz <in> Berlin" and data["published"] == "2024-01-05"
    b1 = data["blocks"][1]
    assert (b1["id"], b1["kind"], b1["lang"], b1["confidence"]) == ("b1", "paragraph", "de", 0.99)
    assert b1["translation"]["text"] == "On 4 January Olaf Scholz spoke in Berlin."
    assert b1["dates"] == [
        {
            "start": 3,
            "end": 12,
            "type": "DATE",
            "text": "4. Januar",
            "value": "2024-01-04",
            "detail": "day-month",
        }
    ]
    assert [e["type"] for e in b1["entities"]] == ["PER", "LOC"]
    assert b1["translation"]["dates"][0]["value"] == "2024-01-04"
    assert data["blocks"][2]["runs"][1] == {"start": 9, "end": 26, "lang": "de", "confidence": 0.95}
    assert data["blocks"][2]["translation"]["status"] == "unavailable"
    assert "entities" not in data["blocks"][0]


def test_translations_for_another_target_are_left_out() -> None:
    french = Translation("b1", "fr", TranslationStatus.TRANSLATED, "Le 4 janvier…", "de")
    data = export.article_to_dict(ARTICLE, [*TRANSLATIONS, french], target="en")
    assert data["blocks"][1]["translation"]["target"] == "en"


def test_markdown_is_bilingual_paragraph_by_paragraph_and_escaped() -> None:
    text = export.to_markdown(ARTICLE, TRANSLATIONS, ANNOTATIONS)
    lines = text.splitlines()
    assert lines[0] == r"# Scholz \<in\> Berlin"
    original = lines.index(r"Am 4. Januar sprach Olaf Scholz in Berlin über \<Sicherheit\> & Energie.")
    assert lines[original + 2] == "> EN: On 4 January Olaf Scholz spoke in Berlin."
    assert "## Neue Gespräche" in lines and "> EN: New talks" in lines
    assert "> *(de→en not installed)*" in lines
    assert r"- \# not a heading \*really\*" in lines


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str]] = []
        self.tags: set[str] = set()
        self._mark: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "mark":
            self._mark = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self.marks.append((str(self._mark.get("class")), data))
            self._mark = None


def test_html_is_self_contained_escaped_and_keeps_highlights() -> None:
    page = export.to_html(ARTICLE, TRANSLATIONS, ANNOTATIONS)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "&lt;Sicherheit&gt; &amp; Energie" in page and "<Sicherheit>" not in page
    parser = _Collect()
    parser.feed(page)
    assert {"script", "link", "img", "iframe"}.isdisjoint(parser.tags)
    assert parser.marks == [
        ("date", "4. Januar"),
        ("per", "Olaf Scholz"),
        ("loc", "Berlin"),
        ("date", "4 January"),
    ]
    # Readable tooltips (no internal ids) and the window's light-theme colour per entity type.
    assert 'title="Date: 2024-01-04"' in page and 'title="Person"' in page and "PER:" not in page
    from reader.ui.article_html import LIGHT  # pure Python: the window's article colours

    for kind, css in (("per", LIGHT.person), ("org", LIGHT.organization), ("date", LIGHT.date)):
        assert f"mark.{kind} {{ background: {css}; }}" in page
    assert '<td class="translation" lang="en"><p>On <mark class="date"' in page
    assert "de→en not installed" in page


def test_overlapping_or_stray_spans_never_break_the_text() -> None:
    spans = (
        Span(0, 5, SpanKind.PERSON, "Olaf "),
        Span(2, 8, SpanKind.LOCATION, "af Sch"),
        Span(40, 99, SpanKind.MISC, ""),
    )
    assert export.highlight("Olaf Scholz", spans) == '<mark class="per" title="Person">Olaf </mark>Scholz'


# -- hostile sources and text (issue 14 items 2, 3, 20) ----------------------------------------------------
def _render_markdown(text: str) -> str:
    """What a CommonMark renderer (markdown-it-py, with raw HTML allowed, as many are) makes of it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(text)


def _with(
    source: str = "https://example.org/a", *blocks: Block, title: str = "T", byline: str = ""
) -> Article:
    return Article(
        title=title,
        blocks=blocks or (Block("b0", BlockKind.PARAGRAPH, "Text."),),
        source=source,
        byline=byline or None,
    )


def test_html_export_links_only_http_sources() -> None:
    page = export.to_html(_with("javascript://%0Aalert(1)//"))
    parser = _Collect()
    parser.feed(page)
    assert "a" not in parser.tags and "javascript://%0Aalert(1)//" in page
    assert '<a href="https://example.org/a">' in export.to_html(_with())


def test_markdown_source_url_cannot_become_html_or_a_script_link() -> None:
    hostile = "http://host/news><script>alert(1)</script><!--"
    rendered = _render_markdown(export.to_markdown(_with(hostile)))
    assert "<script>" not in rendered and "<!--" not in rendered
    assert 'href="http://host/news%3E%3Cscript%3Ealert(1)%3C/script%3E%3C!--"' in rendered
    script_link = _render_markdown(export.to_markdown(_with("javascript://%0Aalert(1)//")))
    assert "href" not in script_link and "javascript://%0Aalert(1)//" in script_link


def test_markdown_keeps_text_as_written_without_stray_backslashes() -> None:
    blocks = (
        Block("b0", BlockKind.PARAGRAPH, "2024. A year of change."),
        Block("b1", BlockKind.PARAGRAPH, "~~~ not a fence"),
        Block("b2", BlockKind.PARAGRAPH, "The last paragraph."),
        Block("b3", BlockKind.PREFORMATTED, "code with ``` inside\n````"),
        Block("b4", BlockKind.LIST_ITEM, "# not a heading", level=1),
    )
    text = export.to_markdown(
        _with("https://example.org/a", *blocks, title="2024. Review", byline="127.0.0.1")
    )
    assert "# 2024. Review" in text.splitlines() and "*127.0.0.1*" in text.splitlines()
    rendered = _render_markdown(text)
    assert "<h1>2024. Review</h1>" in rendered and "<em>127.0.0.1</em>" in rendered
    assert "<p>2024. A year of change.</p>" in rendered
    assert "<p>~~~ not a fence</p>" in rendered and "<p>The last paragraph.</p>" in rendered
    assert "<code>code with ``` inside\n````\n</code>" in rendered
    assert "<li>\n<h1>" not in rendered and "# not a heading</li>" in rendered
