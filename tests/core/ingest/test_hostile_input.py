"""Hostile input to ingest (issue 14): control characters, quadratic Markdown, deep nesting, markup caps."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.ingest import load_file

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
