"""Fetching feeds and their articles politely: conditional requests and a per-host pace.

Everything goes through the one HTTP client (``reader.core.http``), so a feed obeys the same rules as a
link the user opens: http(s) only, five redirects, timeouts, a size cap, cancellation. On top
of it, a feed request sends the validators of the last answer (ETag → If-None-Match, Last-Modified →
If-Modified-Since), so an unchanged feed costs one short 304; and ``HostPacer`` keeps at most one request
in flight per host with a minimum gap between them, so fifty articles from one site are not fifty
simultaneous hits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.core import http
from reader.core.cancel import CancelToken
from reader.core.ingest.fetch import ACCEPTED_TYPES

FEED_TYPES = ACCEPTED_TYPES | frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/x-rss+xml",
    }
)
MAX_FEED_BYTES = 5 * 1024 * 1024
FEED_TIMEOUT = 20.0
DEFAULT_HOST_INTERVAL = 1.0


class HostPacer:
    """One request at a time per host, at least ``interval`` seconds apart (thread-safe)."""

    def __init__(self, interval: float = DEFAULT_HOST_INTERVAL) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Lock, list[float]]] = {}

    @contextmanager
    def slot(self, url: str, cancel: CancelToken | None = None) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            lock, last = self._hosts.setdefault(host, (threading.Lock(), [0.0]))
        with lock:
            wait = last[0] + self.interval - time.monotonic()
            while wait > 0:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                time.sleep(min(wait, 0.05))
                wait = last[0] + self.interval - time.monotonic()
            try:
                yield
            finally:
                last[0] = time.monotonic()


@dataclass(frozen=True, slots=True)
class Validators:
    """What the server said about the last copy: sent back to get a 304 when nothing changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def fetch_feed(
    url: str,
    validators: Validators | None = None,
    *,
    pacer: HostPacer | None = None,
    cancel: CancelToken | None = None,
    max_bytes: int = MAX_FEED_BYTES,
    total_timeout: float = FEED_TIMEOUT,
) -> http.Reply:
    """GET a feed, conditionally when ``validators`` are known: ``status`` 304 means unchanged.

    ``Reply.url`` is the address after redirects (relative links in the feed resolve against it).
    """
    limits = http.Limits(
        what=None,
        max_bytes=max_bytes,
        total_timeout=total_timeout,
        types=FEED_TYPES,
        accept=(
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
            "text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
        ),
    )
    headers = (validators or Validators()).headers()
    if pacer is None:
        return http.fetch(url, limits, cancel=cancel, headers=headers)
    with pacer.slot(url, cancel):
        return http.fetch(url, limits, cancel=cancel, headers=headers)
