"""Parsing real feed documents (tests/data/feeds): RSS 2.0, Atom, JSON Feed, a wrong encoding, broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.feeds.parse import MAX_ITEMS, FeedError, looks_like_feed, parse_feed
from tests.fixtures.feeds_site import big_rss

DATA = Path(__file__).resolve().parents[2] / "data" / "feeds"
BASE = "http://news.test"


def document(name: str) -> bytes:
    return (DATA / name).read_bytes().replace(b"{base}", BASE.encode())


def test_rss2_items_with_guids_dates_and_content() -> None:
    feed = parse_feed(document("rss2.xml"), f"{BASE}/de/rss.xml", "application/rss+xml")
    assert feed.kind == "rss"
    assert feed.title == "Stadtanzeiger & Nachrichten"
    assert feed.site_url == f"{BASE}/de/"
    assert [item.key for item in feed.items] == [
        "stadtanzeiger-1001",
        "stadtanzeiger-1002",
        "stadtanzeiger-1003",
    ]
    first = feed.items[0]
    assert first.url == f"{BASE}/de/bruecke.html"
    assert first.title == "Neue Brücke über den Fluss eröffnet"
    assert first.published == "2026-11-30T07:15:00Z"  # +0100 normalised to UTC
    assert "Rathausplatz" in feed.items[2].summary_html  # content:encoded is preferred to description


def test_atom_relative_links_and_html_titles() -> None:
    feed = parse_feed(document("atom.xml"), f"{BASE}/en/atom.xml", "application/atom+xml")
    assert feed.kind == "atom"
    ferry = feed.items[0]
    assert ferry.url == f"{BASE}/en/ferry.html"  # resolved against the feed's address
    assert ferry.title == "Ferry timetable changes for winter"  # markup removed
    assert ferry.published == "2026-11-30T06:00:00Z"
    assert ferry.updated == "2026-11-30T09:30:00Z"


def test_json_feed_skips_invalid_items() -> None:
    feed = parse_feed(document("feed.json"), f"{BASE}/fr/feed.json", "application/feed+json")
    assert feed.kind == "json"
    assert feed.title == "Le Journal du Port"
    assert [item.key for item in feed.items] == ["port-42", "43"]
    market, brief = feed.items
    assert market.url == f"{BASE}/fr/marche.html"
    assert market.summary_html.count("<p>") == 2  # content_text paragraphs become HTML paragraphs
    assert market.published == "2026-11-29T17:00:00Z"
    assert brief.url is None and "bibliothèques" in brief.summary_html


def test_declared_utf8_but_latin1_still_reads() -> None:
    feed = parse_feed(document("wrong-encoding.xml"), f"{BASE}/latin/rss.xml", "text/xml")
    assert feed.title == "Café du Nord"
    assert feed.items[0].title == "Crème brûlée à la cantine"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (document("broken.xml"), "application/rss+xml", "did not send a feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json", "damaged"),
        (b'{"name": "not a feed"}', "application/json", "not a JSON Feed"),
        (b"", "text/xml", "did not send a feed"),
    ],
)
def test_broken_documents_are_one_line_errors(body: bytes, content_type: str, message: str) -> None:
    with pytest.raises(FeedError, match=message) as caught:
        parse_feed(body, f"{BASE}/x", content_type)
    assert "\n" not in str(caught.value)


def test_a_feed_with_thousands_of_items_is_capped() -> None:
    feed = parse_feed(big_rss(BASE, MAX_ITEMS + 300), f"{BASE}/big.xml", "application/rss+xml")
    assert len(feed.items) == MAX_ITEMS


def test_feed_sniffing() -> None:
    assert looks_like_feed(document("rss2.xml"))
    assert looks_like_feed(document("atom.xml"), "text/xml")
    assert looks_like_feed(document("feed.json"))
    assert not looks_like_feed(document("site.html"), "text/html")
