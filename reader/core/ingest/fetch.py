"""Fetch one web page safely: http(s) only, bounded in time and size, cancellable.

The transfer itself (redirects, deadline, decompression, caps, cancel) is ``reader.core.http``, the one
HTTP client Reader has; this module sets the limits for a page and the content types an article can be.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core import http
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.http import MAX_REDIRECTS, megabytes

__all__ = ["ACCEPTED_TYPES", "MAX_DOWNLOAD_BYTES", "MAX_REDIRECTS", "FetchedPage", "fetch_url", "megabytes"]

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 30.0
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/xml",
        "text/xml",
    }
)


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the requested and final URL, its type and declared charset, the body bytes."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


def fetch_url(
    url: str,
    *,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    connect_timeout: float = CONNECT_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
) -> FetchedPage:
    """GET ``url`` following up to five redirects; returns the body of an HTML or text page.

    Args:
        cancel: set from another thread to abort (raises CancelledError promptly).
        progress: called with (bytes received, Content-Length or None) as the body streams in.
        max_bytes: the largest body accepted (after decompression).
        connect_timeout: seconds to wait for each TCP/TLS connection.
        total_timeout: seconds for the whole fetch, redirects included.

    Raises:
        FetchError: bad address or scheme, DNS failure, refused, timeout, HTTP error, wrong type, too big.
        CancelledError: cancelled by the user.
    """
    limits = http.Limits(
        what=None,
        max_bytes=max_bytes,
        total_timeout=total_timeout,
        connect_timeout=connect_timeout,
        types=ACCEPTED_TYPES,
        accept="text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    )
    reply = http.fetch(url, limits, cancel=cancel, progress=progress)
    return FetchedPage(url, reply.url, reply.content_type or "text/html", reply.charset, reply.body)
