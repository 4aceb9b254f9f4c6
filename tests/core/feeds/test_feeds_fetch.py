"""Conditional feed requests through the one HTTP client, against the local news site."""

from __future__ import annotations

import pytest

from reader.core.errors import FetchError
from reader.core.feeds.fetch import Validators, fetch_feed
from tests.fixtures.feeds_site import RSS_MODIFIED, FeedSite
from tests.fixtures.http_server import LocalHTTPServer


@pytest.fixture
def site(http_server: LocalHTTPServer) -> FeedSite:
    return FeedSite(http_server)


def test_validators_turn_an_unchanged_feed_into_a_304(site: FeedSite) -> None:
    first = fetch_feed(site.url("/de/rss.xml"))
    assert first.status == 200 and first.body == site.rss_body
    assert (first.etag, first.last_modified) == (site.rss_etag, RSS_MODIFIED)
    again = fetch_feed(site.url("/de/rss.xml"), Validators(first.etag, first.last_modified))
    assert again.status == 304 and again.body == b""
    by_date = fetch_feed(site.url("/de/rss.xml"), Validators(None, RSS_MODIFIED))
    assert by_date.status == 304
    site.rss_etag = '"v2"'  # the publisher changed the feed: the old ETag no longer matches
    changed = fetch_feed(site.url("/de/rss.xml"), Validators('"stadtanzeiger-v1"'))
    assert changed.status == 200 and changed.etag == '"v2"'
    assert site.not_modified == 2


def test_feed_types_are_accepted_and_other_types_refused(
    site: FeedSite, http_server: LocalHTTPServer
) -> None:
    assert fetch_feed(site.url("/fr/feed.json")).content_type == "application/feed+json"
    assert fetch_feed(site.url("/old/rss")).url == site.url("/de/rss.xml")  # redirect followed
    http_server.route("/logo.png", body=b"\x89PNG....", content_type="image/png")
    with pytest.raises(FetchError, match="image/png"):
        fetch_feed(site.url("/logo.png"))


def test_a_304_without_asking_is_not_taken_for_unchanged(http_server: LocalHTTPServer) -> None:
    http_server.route("/odd.xml", status=304, body=b"")
    with pytest.raises(FetchError):
        fetch_feed(http_server.url("/odd.xml"))
