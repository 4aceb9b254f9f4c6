"""Find a site's feed from the address the user pasted: the feed itself, a page that links to it, or a site.

In order: the address is a feed; the page names its feeds in ``<link rel="alternate">`` (read with
trafilatura's ``determine_feed``, which also catches ``<a>`` links to feed-looking URLs); the site has one at
a common path (``/feed``, ``/rss.xml``, …). Every request goes through ``fetch_feed`` (the same fetch rules as
opening a link). trafilatura's own ``find_feed_urls`` is not used because it fetches with its own client.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader.core.cancel import CancelToken
from reader.core.errors import FetchError, InputError
from reader.core.feeds.fetch import HostPacer, fetch_feed
from reader.core.feeds.parse import FeedError, ParsedFeed, looks_like_feed, parse_feed
from reader.core.http import Reply
from reader.core.ingest.decode import decode_bytes

COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json")
MAX_CANDIDATES = 4


@dataclass(frozen=True, slots=True)
class Discovered:
    """The feed found: its address, the parsed document and the answer it came in (for its validators)."""

    url: str
    feed: ParsedFeed
    page: Reply


def normalise_address(address: str) -> str:
    """What the user typed → an http(s) URL (``example.org/news`` gets ``https://``)."""
    address = address.strip()
    if not address:
        raise InputError("Give the address of a site or of its feed.")
    if "://" not in address:
        address = "https://" + address
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{address} is not a web address (http or https).")
    return address


def discover_feed(
    address: str, *, pacer: HostPacer | None = None, cancel: CancelToken | None = None
) -> Discovered:
    """The feed behind ``address``.

    Raises:
        InputError / FeedError: the address is not a web address, or no feed was found there.
        FetchError: the address itself could not be fetched.
    """
    url = normalise_address(address)
    page = fetch_feed(url, pacer=pacer, cancel=cancel)
    if looks_like_feed(page.body, page.content_type):
        return Discovered(url, parse_feed(page.body, page.url, page.content_type, page.charset), page)
    tried = {url, page.url}
    for candidate in _linked_feeds(page)[:MAX_CANDIDATES]:
        found = _try(candidate, tried, pacer, cancel)
        if found is not None:
            return found
    root = f"{urlsplit(page.url).scheme}://{urlsplit(page.url).netloc}"
    for path in COMMON_PATHS:
        found = _try(urljoin(root, path), tried, pacer, cancel)
        if found is not None:
            return found
    raise FeedError(f"No feed found at {url}: paste the address of the feed itself.")


def _linked_feeds(page: Reply) -> list[str]:
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(page.url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", page.url)
    html = decode_bytes(page.body, page.charset)
    return [url for url in determine_feed(html, params) if urlsplit(url).scheme in ("http", "https")]


def _try(url: str, tried: set[str], pacer: HostPacer | None, cancel: CancelToken | None) -> Discovered | None:
    if url in tried:
        return None
    tried.add(url)
    try:
        page = fetch_feed(url, pacer=pacer, cancel=cancel)
        if not looks_like_feed(page.body, page.content_type):
            return None
        return Discovered(url, parse_feed(page.body, page.url, page.content_type, page.charset), page)
    except (FetchError, FeedError):
        return None
