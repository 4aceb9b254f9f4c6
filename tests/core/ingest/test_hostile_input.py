"""Hostile input to ingest (issue 14): control characters, quadratic Markdown, deep nesting, markup caps."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.ingest import load_file, parse_html, parse_markdown

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\u2066"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_control_characters_and_bidi_overrides_are_stripped_by_every_ingest(
    tmp_path: Path, suffix: str
) -> None:
    title = f"Breaking{ESCAPES} news"
    body = f"The council met on Tuesday{ESCAPES} to discuss the new budget for the city schools."
    path = tmp_path / f"page{suffix}"
    if suffix == ".html":
        path.write_text(f"<html><head><title>{title}</title></head><body><p>{body}</p></body></html>")
    elif suffix == ".md":
        path.write_text(f"# {title}\n\n{body}\n")
    else:
        path.write_text(f"{title}\n\n{body}\n")
    article = load_file(path)
    seen = article.title + "".join(b.text for b in article.blocks)
    assert article.title == "Breaking news"
    assert not any(char in seen for char in "\x1b\x07\x9b\u202e\u2066") and "pwned" not in seen
    assert "The council met on Tuesday to discuss" in seen


HOSTILE_MARKDOWN = {
    "open brackets": "[" * 200_000,
    "unclosed links": "[a](" * 50_000,
    "unclosed emphasis": "**a " * 50_000,
    "backticks": "`" * 200_000,
    "unclosed scripts": "<script " * 25_000,
    "spaces in a heading": "# " + " " * 200_000 + "x",
    "nested quotes": ">" * 200_000 + " text",
    "spaces then text": " " * 200_000 + "x",
}


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_hostile_markdown_paragraphs_are_parsed_in_linear_time(name: str) -> None:
    """Each of these took minutes with the old quadratic rules (a 199 KB paragraph of "[": 586 s)."""
    started = time.perf_counter()
    try:
        parse_markdown(HOSTILE_MARKDOWN[name] + "\n\nA closing paragraph that must survive.\n")
    except InputError:
        pass
    assert time.perf_counter() - started < 20  # linear: well under a second here; quadratic: minutes


def test_markdown_inline_markup_still_reads_as_a_person_sees_it() -> None:
    article = parse_markdown(
        "# The *title* #\n\n"
        'Read [a link](javascript:alert(3)) and [the docs](https://x.example/f(x) "Docs"), '
        "**bold**, *it*, `code`, ~~gone~~ and <script>alert(1)</script>done.\n\n"
        "> > Nested quote.\n"
    )
    assert article.title == "The title"
    assert [b.text for b in article.blocks] == [
        "Read a link and the docs, bold, it, code, gone and done.",
        "Nested quote.",
    ]


NESTINGS = {
    "div": ("<div>", "</div>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "q": ("<q>", "</q>"),
    "center": ("<center>", "</center>"),
    "sub": ("<sub>", "</sub>"),
    "dl": ("<dl><dd>", "</dd></dl>"),
    "ul > li": ("<ul><li>", "</li></ul>"),
    "ol > li": ("<ol><li>", "</li></ol>"),
    "table": ("<table><tr><td>", "</td></tr></table>"),
    "63 divs and a section": ("<div>" * 63 + "<section>", "</section>" + "</div>" * 63),
}
BEFORE = "The paragraph before the nested part of the page tells the reader what happened."
INSIDE = "The innermost paragraph holds the sentence the browser shows and the reader must show too."
AFTER = "The paragraph after the nested part closes the article with a last plain sentence."


@pytest.mark.parametrize("name", NESTINGS)
def test_deep_nesting_of_any_tag_loses_no_text(name: str) -> None:
    opening, closing = NESTINGS[name]
    depth = 400 if name != "63 divs and a section" else 6
    html = (
        f"<html><body><article><p>{BEFORE}</p>"
        + opening * depth
        + f"<p>{INSIDE}</p>"
        + closing * depth
        + f"<p>{AFTER}</p></article></body></html>"
    )
    text = " ".join(b.text for b in parse_html(html.encode()).blocks)
    assert BEFORE in text and INSIDE in text and AFTER in text


def test_the_markup_limit_counts_characters_not_entities() -> None:
    """Russian text is 2 bytes a letter in UTF-8 and 7-8 as an ASCII entity: neither is what is read."""
    sentence = "Москва сообщила о новых переговорах по энергетике и ценам на газ. "
    paragraphs = "".join(f"<p>Часть {i}. {sentence * 12}</p>\n" for i in range(700))
    html = "<html><body><article>" + paragraphs + "</article></body></html>"
    assert len(html.encode("ascii", "xmlcharrefreplace")) > 3 * 2**20  # refused before as "3.1 MB"
    article = parse_html(html.encode())
    assert len(article.blocks) > 600


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>" + "Ein sehr langer Absatz ohne Ende. " * 300_000 + "</p></body></html>",  # 9.9 MiB
        "<html><body>" + "<br>" * (10 * 2**18) + "</body></html>",  # 10 MiB of <br>
    ],
    ids=["one 9.9 MiB paragraph", "10 MiB of br"],
)
def test_oversized_markup_is_refused_before_parsing_with_the_limit_named(html: str) -> None:
    started = time.perf_counter()
    with pytest.raises(
        InputError, match=r"too big to read \(.* million characters .*the limit is 2.1 million\)"
    ):
        parse_html(html.encode())
    assert time.perf_counter() - started < 10  # not parsed: a fraction of a second (parsing took 4.8 s)


def test_a_file_without_a_suffix_is_named_once(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("Some text.")
    with pytest.raises(InputError) as caught:
        load_file(path)
    assert str(caught.value).startswith("Reader cannot open files without a suffix (")
