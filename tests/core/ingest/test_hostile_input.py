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
        "Read [a link](javascript:alert(3)) and [the docs](https://x.example/f(x) \"Docs\"), "
        "**bold**, *it*, `code`, ~~gone~~ and <script>alert(1)</script>done.\n\n"
        "> > Nested quote.\n"
    )
    assert article.title == "The title"
    assert [b.text for b in article.blocks] == [
        "Read a link and the docs, bold, it, code, gone and done.",
        "Nested quote.",
    ]
