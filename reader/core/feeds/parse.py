"""Feed documents → ``ParsedFeed``: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed through json.

feedparser handles the quirks of real feeds (a dozen date formats, wrong declared encodings, relative
links, HTML in titles); it is only ever given bytes here, never a URL, so it cannot reach the network.
It does not read JSON Feed (https://jsonfeed.org/version/1.1), which is small enough to validate by
hand. A document that is neither is a ``FeedError`` with one line for the user.
"""

from __future__ import annotations

import calendar
import html
import json
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.core.errors import InputError

# A feed lists the newest items; more than this is a dump (or an attack), and the rest is dropped.
MAX_ITEMS = 500
MAX_TITLE_CHARS = 1000
JSON_TYPES = frozenset({"application/feed+json", "application/json"})
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


class FeedError(InputError):
    """The document is not a feed Reader can read."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed.

    Attributes:
        key: what identifies the entry across refreshes: its guid/id, else its link, else its title.
        url: the article's address (absolute), when the entry has one.
        title: plain text.
        summary_html: the entry's content (or summary) as HTML: the fallback when the page can't be read.
        published: ISO 8601 (UTC) when the feed gives a date.
        updated: ISO 8601 of the entry's last update, which makes Reader fetch it again.
    """

    key: str
    url: str | None
    title: str
    summary_html: str
    published: str | None = None
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    site_url: str | None
    kind: str  # "rss", "atom" or "json"
    items: tuple[FeedItem, ...]


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """A cheap test used by discovery: does this response look like a feed rather than a page?"""
    if content_type in JSON_TYPES or content_type.endswith(("rss+xml", "atom+xml", "rdf+xml")):
        return True
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org" in body[:4096]
    return any(marker in head for marker in (b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(body: bytes, url: str, content_type: str = "", charset: str | None = None) -> ParsedFeed:
    """Parse a feed document fetched from ``url``.

    Raises:
        FeedError: not RSS, Atom or JSON Feed, or broken beyond what feedparser can recover.
    """
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if content_type in JSON_TYPES or stripped.startswith(b"{"):
        return _parse_json_feed(body, url)
    return _parse_xml_feed(body, url, content_type, charset)


def _parse_xml_feed(body: bytes, url: str, content_type: str, charset: str | None) -> ParsedFeed:
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    version = str(parsed.get("version") or "")
    if not version:
        where = _host(url)
        raise FeedError(f"{where} did not send a feed (RSS, Atom or JSON Feed) Reader can read.")
    channel = parsed.get("feed", {})
    items = []
    for entry in parsed.get("entries", [])[:MAX_ITEMS]:
        item = _xml_item(entry, url)
        if item is not None:
            items.append(item)
    title = _plain(channel.get("title", "")) or _host(url)
    site = channel.get("link")
    kind = "atom" if version.startswith("atom") else "rss"
    return ParsedFeed(title[:MAX_TITLE_CHARS], _absolute(url, site), kind, tuple(items))


def _xml_item(entry: Any, base: str) -> FeedItem | None:
    link = _absolute(base, entry.get("link"))
    title = _plain(entry.get("title", ""))
    content = ""
    for part in entry.get("content", []) or []:
        if part.get("value"):
            content = str(part["value"])
            break
    summary = content or str(entry.get("summary", "") or "")
    key = str(entry.get("id") or link or title).strip()
    if not key:
        return None
    return FeedItem(
        key=key[:2000],
        url=link,
        title=title[:MAX_TITLE_CHARS] or (link or ""),
        summary_html=summary,
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
        published=_iso(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")),
        updated=_iso(dict.get(entry, "updated_parsed")),
    )


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"The JSON feed from {_host(url)} is damaged ({_reason(exc)}).") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/"):
        raise FeedError(f"{_host(url)} sent JSON that is not a JSON Feed.")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise FeedError(f"The JSON feed from {_host(url)} has no list of items.")
    items = []
    for raw in raw_items[:MAX_ITEMS]:
        if not isinstance(raw, dict):
            continue
        link = _absolute(url, _text(raw.get("url")) or _text(raw.get("external_url")))
        title = _plain(_text(raw.get("title")))
        if raw.get("content_html"):
            summary = _text(raw.get("content_html"))
        else:
            plain = _text(raw.get("content_text")) or _text(raw.get("summary"))
            summary = "".join(f"<p>{html.escape(p)}</p>" for p in plain.split("\n\n") if p.strip())
        raw_id = raw.get("id")
        key = (str(raw_id) if isinstance(raw_id, str | int) and str(raw_id) else link or title).strip()
        if not key:
            continue
        published = _json_date(raw.get("date_published"))
        items.append(
            FeedItem(
                key=key[:2000],
                url=link,
                title=title[:MAX_TITLE_CHARS] or (link or ""),
                summary_html=summary,
                published=published or _json_date(raw.get("date_modified")),
                updated=_json_date(raw.get("date_modified")),
            )
        )
    title = _plain(_text(data.get("title"))) or _host(url)
    site = _absolute(url, _text(data.get("home_page_url")) or None)
    return ParsedFeed(title[:MAX_TITLE_CHARS], site, "json", tuple(items))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _plain(value: str) -> str:
    """Titles may carry markup and entities; the library wants plain text on one line."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


def _absolute(base: str, link: object) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    absolute = urljoin(base, link.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))
    except (OverflowError, ValueError, TypeError):
        return None


def _json_date(value: object) -> str | None:
    """JSON Feed dates are RFC 3339; normalised to UTC like feedparser's."""
    if not isinstance(value, str) or not value.strip():
        return None
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}: {exc.msg}"
    return "not UTF-8"
