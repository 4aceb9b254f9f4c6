"""Plain-text page dumps: the headline becomes the title, page furniture is left out (and listed), and a
page with no article text says so."""

from __future__ import annotations

from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.ingest import parse_html, parse_text

SAVED_PAGE = """Vernetzen Sie sich mit uns

Verkehr

Neue Rheinbrücke soll im Frühjahr eröffnet werden

SHARE:

Veröffentlicht

on

Die neue Brücke über den Rhein wird nach Angaben der Stadt im April für den Verkehr freigegeben.

The bridge, which took six years to build, replaces a crossing from 1951.

Werbung

Die Kosten lagen mit 210 Millionen Euro leicht über dem Plan.

Hintergrund

Die alte Brücke wird im Sommer abgerissen.

Teile diesen Artikel:

Trending
"""


def test_a_saved_page_gets_its_headline_as_title_and_loses_its_furniture() -> None:
    article = parse_text(SAVED_PAGE, fallback_title="page")
    assert article.title == "Neue Rheinbrücke soll im Frühjahr eröffnet werden"
    texts = [block.text for block in article.blocks]
    assert texts == [
        "Die neue Brücke über den Rhein wird nach Angaben der Stadt im April für den Verkehr freigegeben.",
        "The bridge, which took six years to build, replaces a crossing from 1951.",
        "Die Kosten lagen mit 210 Millionen Euro leicht über dem Plan.",
        "Hintergrund",  # a real subheading stays
        "Die alte Brücke wird im Sommer abgerissen.",
    ]
    assert article.dropped == (
        "Vernetzen Sie sich mit uns",
        "Verkehr",
        "SHARE:",
        "Veröffentlicht",
        "on",
        "Werbung",
        "Teile diesen Artikel:",
        "Trending",
    )


def test_the_shared_example_page_dump(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[4] / "shared" / "examples" / "mixed-de-en-news.txt"
    if not example.exists():
        pytest.skip("the shared examples are not next to this checkout")
    from reader.core.ingest import load_file

    article = load_file(example)
    assert article.title == "NATO-Chef plant Sondertreffen mit Russland inmitten der Ukraine-Krise"
    texts = {block.text for block in article.blocks}
    assert {"SHARE:", "Veröffentlicht", "on", "Teile diesen Artikel:", "Trending", "Werbung"}.isdisjoint(
        texts
    )
    assert "Vernetzen Sie sich mit uns" in article.dropped and len(article.blocks) >= 14


def test_ordinary_text_keeps_its_short_lines() -> None:
    article = parse_text(
        "Heute regnet es in Hamburg.\n\nMorgen auch.\n\nAm Montag: Sonne.", fallback_title="w"
    )
    assert [b.text for b in article.blocks] == [
        "Heute regnet es in Hamburg.",
        "Morgen auch.",
        "Am Montag: Sonne.",
    ]
    assert article.dropped == ()


def test_a_directory_listing_says_it_has_no_article_text(tmp_path: Path) -> None:
    for name in ("a.txt", "b.html", "notizen.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    class Listing:  # just enough of a request handler to render http.server's own listing page
        path = "/"

        def send_response(self, *_args: object) -> None: ...
        def send_header(self, *_args: object) -> None: ...
        def end_headers(self) -> None: ...

    page = SimpleHTTPRequestHandler.list_directory(Listing(), str(tmp_path))  # type: ignore[arg-type]
    assert page is not None
    with pytest.raises(InputError, match="No article text"):
        parse_html(page.read(), url="http://127.0.0.1:8000/")
