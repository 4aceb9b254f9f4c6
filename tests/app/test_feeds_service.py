"""Subscribing and refreshing against a real local news site (tests/fixtures/feeds_site.py), real engines.

Language detection, translation (the tiny real de→en Argos package) and annotation run for real; the
library is a real SQLite file. The server is a real http.server on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app.feeds import FeedService
from reader.app.services import Services
from reader.core.document import TranslationStatus
from reader.core.errors import InputError
from reader.core.feeds.discover import normalise_address
from reader.core.feeds.fetch import HostPacer
from reader.core.feeds.parse import FeedError
from reader.store.feeds import SourceSettings
from reader.store.library import Library
from tests.fixtures.feeds_site import ARTICLES, FeedSite, article_page
from tests.fixtures.http_server import LocalHTTPServer


@pytest.fixture
def site(http_server: LocalHTTPServer) -> FeedSite:
    return FeedSite(http_server)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib, _notice = Library.open(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


@pytest.fixture
def feeds(library: Library, argos_packages_dir: Path) -> FeedService:
    services = Services(library=library, in_process=True, packages_dir=argos_packages_dir)
    return FeedService(services, pacer=HostPacer(0.0))


def test_subscribe_finds_the_feed_from_a_page_a_feed_or_a_common_path(
    feeds: FeedService, site: FeedSite, http_server: LocalHTTPServer
) -> None:
    source, created = feeds.subscribe(site.url("/de/"))  # the page's <link rel="alternate">
    assert created and source.url == site.url("/de/rss.xml")
    assert source.title == "Stadtanzeiger & Nachrichten"
    again, created = feeds.subscribe(site.url("/de/rss.xml"))
    assert not created and again.id == source.id
    atom, _ = feeds.subscribe(site.url("/en/atom.xml"))
    assert atom.title == "The Harbour Gazette"
    http_server.route("/", body=b"<html><body><p>A site with no feed link.</p></body></html>")
    http_server.route("/feed.json", body=site.document("feed.json"), content_type="application/feed+json")
    found, _ = feeds.subscribe(site.url("/"))  # no link on the page: the common paths are tried
    assert found.url == site.url("/feed.json")
    assert normalise_address(" news.example.org/de ") == "https://news.example.org/de"


def test_subscribe_without_a_feed_says_so(
    feeds: FeedService, site: FeedSite, http_server: LocalHTTPServer
) -> None:
    http_server.route("/nofeed/", body=b"<html><body><p>Nothing here.</p></body></html>")
    with pytest.raises(FeedError, match="No feed found"):
        feeds.subscribe(site.url("/nofeed/"))
    with pytest.raises(InputError, match="not a web address"):
        feeds.subscribe("ftp://example.org/feed")
    assert feeds.sources() == []


def test_refresh_saves_extracted_detected_translated_annotated_articles(
    feeds: FeedService, site: FeedSite, library: Library
) -> None:
    source, _ = feeds.store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    [report] = feeds.refresh(target_lang="en")
    assert (report.new, report.failed_items, report.error) == (3, 0, None)
    entries = {e.title: e for e in feeds.store.entries(source.id)}
    assert set(entries) == {
        "Neue Brücke über den Fluss eröffnet",
        "Bibliothek verlängert die Öffnungszeiten",
        "Markt auf dem Rathausplatz",
    }
    bridge = library.get(entries["Neue Brücke über den Fluss eröffnet"].article_id)
    # The full page, not the one-line feed summary: all three paragraphs, German, translated, highlighted.
    assert [b.text for b in bridge.article.blocks] == ARTICLES["/de/bruecke.html"][2]
    assert bridge.article.lang == "de" and {b.lang for b in bridge.article.blocks} == {"de"}
    assert bridge.article.published == "2026-11-30"
    assert bridge.translations and all(t.status is TranslationStatus.TRANSLATED for t in bridge.translations)
    assert any(a.original for a in bridge.annotations.values())
    assert entries["Neue Brücke über den Fluss eröffnet"].title_translated  # title in the reader's language
    assert entries["Neue Brücke über den Fluss eröffnet"].languages[0] == "de"
    # /de/gone.html answers 404: the feed's own content is used instead.
    market = library.get(entries["Markt auf dem Rathausplatz"].article_id)
    assert "Wochenmarkt" in market.article.blocks[0].text
    [listed] = feeds.sources()
    assert (listed.unread, listed.total) == (3, 3)
    library.mark_opened(bridge.id)
    assert feeds.sources()[0].unread == 2
    assert len(feeds.store.entries(unread_only=True)) == 2


def test_second_refresh_is_a_conditional_request_answered_304(
    feeds: FeedService, site: FeedSite, http_server: LocalHTTPServer
) -> None:
    feeds.store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    feeds.refresh(translate=False, annotate=False)
    assert feeds.sources()[0].etag == site.rss_etag
    page_requests = len([p for p in http_server.requests if p.endswith(".html")])
    [report] = feeds.refresh(translate=False, annotate=False)
    assert report.unchanged and report.new == 0
    assert site.not_modified == 1
    assert len([p for p in http_server.requests if p.endswith(".html")]) == page_requests
    assert feeds.sources()[0].succeeded_at is not None


def test_the_same_article_from_two_feeds_or_updated_is_one_entry(
    feeds: FeedService, site: FeedSite, library: Library, http_server: LocalHTTPServer
) -> None:
    german, _ = feeds.store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    harbour, _ = feeds.store.add_source(site.url("/en/atom.xml"), "Harbour")
    feeds.refresh(translate=False, annotate=False)
    bridge_de = next(e for e in feeds.store.entries(german.id) if "Brücke" in e.title)
    bridge_en = next(e for e in feeds.store.entries(harbour.id) if "bridge" in e.title)
    assert bridge_de.article_id == bridge_en.article_id
    assert library.count() == 4  # three German articles and the ferry; the bridge once
    ferry = next(e for e in feeds.store.entries(harbour.id) if "Ferry" in e.title)
    # The publisher corrects the ferry story: the feed's <updated> changes, the entry is read again.
    lang, title, paragraphs = ARTICLES["/en/ferry.html"]
    http_server.route(
        "/en/ferry.html",
        body=article_page(
            lang,
            title,
            [
                *paragraphs,
                "Correction: the "
                "first boat leaves at a quarter past six, not at half past six as first reported.",
            ],
        ),
    )
    atom = site.document("atom.xml").replace(b"2026-11-30T09:30:00Z", b"2026-11-30T11:00:00Z")
    http_server.route("/en/atom.xml", body=atom, content_type="application/atom+xml")
    reports = feeds.refresh([harbour.id], translate=False, annotate=False)
    assert reports[0].updated == 1 and reports[0].new == 0
    assert library.count() == 4
    updated = library.get(ferry.article_id)
    assert updated.article.blocks[-1].text.startswith("Correction")


def test_a_failing_source_shows_its_error_and_the_others_refresh(
    feeds: FeedService, site: FeedSite, http_server: LocalHTTPServer
) -> None:
    feeds.store.add_source(site.url("/broken.xml"), "Broken")
    feeds.store.add_source(site.url("/huge.xml"), "Huge")
    feeds.store.add_source(site.url("/missing.xml"), "Missing")
    feeds.store.add_source(site.url("/latin/rss.xml"), "Latin")
    feeds.store.add_source(site.url("/old/rss"), "Moved")
    http_server.route("/latin/creme.html", status=500)
    reports = {r.title: r for r in feeds.refresh(translate=False, annotate=False)}
    assert "did not send a feed" in (reports["Broken"].error or "")
    assert "too big" in (reports["Huge"].error or "")
    assert "not found" in (reports["Missing"].error or "").lower()
    assert reports["Latin"].error is None and reports["Latin"].new == 1  # summary used after the 500
    assert reports["Moved"].error is None and reports["Moved"].new == 3  # followed the redirect
    rows = {s.title: s for s in feeds.sources()}
    assert rows["Broken"].error and rows["Broken"].error_count == 1
    assert rows["Café du Nord"].error is None  # the feed's own title replaces the given one
    feeds.refresh(translate=False, annotate=False)
    assert {s.title: s for s in feeds.sources()}["Broken"].error_count == 2


def test_retention_keeps_starred_tagged_and_shared_articles(
    feeds: FeedService, site: FeedSite, library: Library
) -> None:
    german, _ = feeds.store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    feeds.refresh(translate=False, annotate=False)
    by_title = {e.title: e.article_id for e in feeds.store.entries(german.id)}
    library.set_favourite(by_title["Bibliothek verlängert die Öffnungszeiten"])
    feeds.store.update_settings(german.id, SourceSettings(keep_articles=1, keep_days=0))
    assert feeds.store.apply_retention(german.id) == 1  # the market (oldest, not starred) goes
    assert {e.title for e in feeds.store.entries(german.id)} == {
        "Neue Brücke über den Fluss eröffnet",
        "Bibliothek verlängert die Öffnungszeiten",
    }
    assert library.count() == 2  # the market is in the trash, not gone for good
    # Days: everything older than a day, but the tagged one stays.
    library.set_tags(by_title["Neue Brücke über den Fluss eröffnet"], ["Stadt"])
    feeds.store.update_settings(german.id, SourceSettings(keep_articles=0, keep_days=1))
    assert feeds.store.apply_retention(german.id, now=2_000_000_000.0) == 0
    assert len(feeds.store.entries(german.id)) == 2
    # A trashed entry is not brought back by the next refresh.
    site.rss_etag = '"v2"'
    feeds.refresh(translate=False, annotate=False)
    assert len(feeds.store.entries(german.id)) == 2


def test_opml_round_trip_and_unsafe_opml(feeds: FeedService, site: FeedSite, tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_bytes(site.document("subscriptions.opml"))
    result = feeds.import_opml(opml)
    assert (result.added, result.already) == (2, 0)
    assert feeds.import_opml(opml).already == 2
    out = tmp_path / "out.opml"
    assert feeds.export_opml(out) == 2
    other = FeedService(Services(library=Library.open(tmp_path / "other.sqlite3")[0], in_process=True))
    assert other.import_opml(out).added == 2
    assert {(s.url, s.title) for s in other.sources()} == {(s.url, s.title) for s in feeds.sources()}
    evil = tmp_path / "evil.opml"
    evil.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&x;" xmlUrl="http://a.test/f"/></body></opml>'
    )
    with pytest.raises(InputError, match="refuses for safety"):
        feeds.import_opml(evil)
    (tmp_path / "bad.opml").write_text("<opml><body>")
    with pytest.raises(InputError, match="not a valid OPML"):
        feeds.import_opml(tmp_path / "bad.opml")
    other.services.library.close()


def test_host_pacer_spaces_requests_to_one_host() -> None:
    import time

    pacer = HostPacer(0.2)
    stamps = []
    for url in ("http://a.test/1", "http://a.test/2", "http://b.test/1"):
        with pacer.slot(url):
            stamps.append(time.monotonic())
    assert stamps[1] - stamps[0] >= 0.2
    assert stamps[2] - stamps[1] < 0.1


def test_an_article_saved_by_hand_is_never_removed_by_retention(
    feeds: FeedService, site: FeedSite, library: Library
) -> None:
    from reader.core.ingest import load_url

    kept = library.save_article(load_url(site.url("/de/bibliothek.html")))  # the reader saved it first
    german, _ = feeds.store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    feeds.refresh(translate=False, annotate=False)
    assert kept in {e.article_id for e in feeds.store.entries(german.id)}  # linked, not duplicated
    assert library.count() == 3
    feeds.store.update_settings(german.id, SourceSettings(keep_articles=0, keep_days=1))
    assert feeds.store.apply_retention(german.id, now=2_000_000_000.0) == 2
    assert [e.article_id for e in feeds.store.entries(german.id)] == [kept]
