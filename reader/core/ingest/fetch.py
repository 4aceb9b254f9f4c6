"""Fetch one web page safely: http(s) only, bounded in time and size, cancellable.

Built on ``http.client`` (stdlib) so every limit is ours: a connect timeout, a total deadline that
covers a server dripping bytes, at most ``MAX_REDIRECTS`` redirects, a body cap enforced while
streaming (also after gzip decompression), and a content-type check. A small watcher thread closes
the socket when the user cancels or the deadline passes, so neither waits for a stalled read.
Each failure is a ``FetchError`` with one calm line for the user.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.message import Message
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import CancelledError, FetchError

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 30.0
USER_AGENT = f"Reader/{__version__} (offline article reader)"
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
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the requested and final URL, its type and declared charset, the body bytes.

    ``status`` is 304 (and the body empty) when a conditional request found the page unchanged;
    ``etag`` and ``last_modified`` are the validators to send next time (feeds use them).
    """

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def fetch_url(
    url: str,
    *,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    connect_timeout: float = CONNECT_TIMEOUT,
    total_timeout: float = TOTAL_TIMEOUT,
    headers: Mapping[str, str] | None = None,
    accepted_types: frozenset[str] = ACCEPTED_TYPES,
) -> FetchedPage:
    """GET ``url`` following up to five redirects; returns the body of an HTML or text page.

    Args:
        cancel: set from another thread to abort (raises CancelledError promptly).
        progress: called with (bytes received, Content-Length or None) as the body streams in.
        max_bytes: the largest body accepted (after decompression).
        connect_timeout: seconds to wait for each TCP/TLS connection.
        total_timeout: seconds for the whole fetch, redirects included.
        headers: extra request headers (a feed's If-None-Match / If-Modified-Since: 304 is then a result).
        accepted_types: the content types accepted (feeds add their XML and JSON types).

    Raises:
        FetchError: bad scheme, DNS failure, refused, timeout, HTTP error, wrong type, too big.
        CancelledError: cancelled by the user.
    """
    deadline = time.monotonic() + total_timeout
    current = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        _check_url(current)
        result = _request(
            current,
            cancel,
            progress,
            max_bytes,
            connect_timeout,
            deadline,
            total_timeout,
            headers or {},
            accepted_types,
        )
        if isinstance(result, FetchedPage):
            return replace(result, url=url, final_url=current)
        current = urljoin(current, result)
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS}) from {url}.")


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "this kind of"
        raise FetchError(f"Only http and https links can be opened, not {shown} links.")
    if not parts.hostname:
        raise FetchError(f"{url} is not a valid web address.")


class _Watcher:
    """Shuts the socket down when the user cancels or the deadline passes, waking a blocked read."""

    def __init__(self, cancel: CancelToken | None, deadline: float) -> None:
        self.cancel, self.deadline = cancel, deadline
        self.sock: socket.socket | None = None
        self.fired: str | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fetch-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(0.05):
            if self.cancel is not None and self.cancel.cancelled:
                self.fired = "cancel"
            elif time.monotonic() >= self.deadline:
                self.fired = "timeout"
            else:
                continue
            sock = self.sock
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            return

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _request(
    url: str,
    cancel: CancelToken | None,
    progress: ProgressCallback | None,
    max_bytes: int,
    connect_timeout: float,
    deadline: float,
    total_timeout: float,
    headers: Mapping[str, str],
    accepted_types: frozenset[str],
) -> FetchedPage | str:
    """One GET: the page, or the Location of a redirect."""
    if cancel is not None:
        cancel.raise_if_cancelled()
    parts = urlsplit(url)
    host = parts.hostname or ""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"{host} did not answer within {total_timeout:g} seconds.")
    conn: http.client.HTTPConnection
    timeout = min(connect_timeout, remaining)
    if parts.scheme.lower() == "https":
        conn = http.client.HTTPSConnection(
            host, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    watcher = _Watcher(cancel, deadline)
    try:
        try:
            conn.connect()
            watcher.sock = conn.sock
            conn.sock.settimeout(max(0.01, deadline - time.monotonic()))
            path = parts.path or "/"
            if parts.query:
                path += "?" + parts.query
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.putheader("User-Agent", USER_AGENT)
            conn.putheader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
            conn.putheader("Accept-Encoding", "gzip, deflate")
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            try:
                result = _handle_response(url, response, cancel, progress, max_bytes, accepted_types)
            except FetchError:
                _raise_if_fired(watcher, host, total_timeout)
                raise
            _raise_if_fired(watcher, host, total_timeout)  # a shut-down socket reads as a short body
            return result
        except (OSError, http.client.HTTPException) as exc:
            if watcher.fired == "cancel" or (cancel is not None and cancel.cancelled):
                raise CancelledError() from exc
            if watcher.fired == "timeout" or isinstance(exc, TimeoutError | socket.timeout):
                raise FetchError(f"{host} did not answer in time (limit {total_timeout:g} s).") from exc
            raise FetchError(_describe(exc, host, parts.port)) from exc
    finally:
        watcher.stop()
        conn.close()


def _drain(response: http.client.HTTPResponse) -> None:
    """Read a short error or redirect body so closing the connection does not reset it mid-send."""
    try:
        response.read(_CHUNK)
    except (OSError, http.client.HTTPException):
        pass


def _raise_if_fired(watcher: _Watcher, host: str, total_timeout: float) -> None:
    if watcher.fired == "cancel":
        raise CancelledError()
    if watcher.fired == "timeout":
        raise FetchError(f"{host} did not answer in time (limit {total_timeout:g} s).")


def _handle_response(
    url: str,
    response: http.client.HTTPResponse,
    cancel: CancelToken | None,
    progress: ProgressCallback | None,
    max_bytes: int,
    accepted_types: frozenset[str] = ACCEPTED_TYPES,
) -> FetchedPage | str:
    status = response.status
    if status != 200:
        _drain(response)
    if status in _REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise FetchError(f"The server redirected without saying where (HTTP {status}).")
        return location
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    if status == 304:  # only ever an answer to a conditional request: the caller's copy is current
        return FetchedPage(url, url, "", None, b"", 304, etag, modified)
    if status >= 400:
        raise FetchError(_status_message(status, response.reason, url))
    if status != 200:
        raise FetchError(f"The server sent an unexpected answer (HTTP {status}).")
    message = Message()
    message["Content-Type"] = response.getheader("Content-Type") or ""
    mime = message.get_content_type() if response.getheader("Content-Type") else ""
    if mime and mime not in accepted_types:
        raise FetchError(f"This link is not a web page (it is {mime}).")
    charset = message.get_param("charset")
    charset = charset if isinstance(charset, str) else None
    length_header = response.getheader("Content-Length")
    total = int(length_header) if length_header and length_header.isdigit() else None
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if total is not None and total > max_bytes and encoding == "identity":
        raise FetchError(_too_big(total, max_bytes))
    body = _read_body(response, encoding, total, cancel, progress, max_bytes)
    return FetchedPage(url, url, mime or "text/html", charset, body, 200, etag, modified)


def _read_body(
    response: http.client.HTTPResponse,
    encoding: str,
    total: int | None,
    cancel: CancelToken | None,
    progress: ProgressCallback | None,
    max_bytes: int,
) -> bytes:
    """Stream the body, decompressing as it arrives and stopping as soon as it exceeds the cap."""
    if encoding in ("gzip", "x-gzip"):
        decoder: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding == "identity":
        decoder = None
    else:
        raise FetchError(f"The server sent the page in an unsupported encoding ({encoding}).")
    chunks: list[bytes] = []
    size = received = 0
    if progress is not None:
        progress(0, total)
    while True:
        if cancel is not None:
            cancel.raise_if_cancelled()
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, max_bytes - size + 1)
            except zlib.error as exc:
                raise FetchError("The server sent a damaged compressed page.") from exc
            if decoder.unconsumed_tail:
                raise FetchError(_too_big(None, max_bytes))
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(_too_big(None, max_bytes))
        chunks.append(chunk)
        if progress is not None:
            progress(received, total)
    if cancel is not None:
        cancel.raise_if_cancelled()
    if total is not None and received < total:
        raise FetchError("The connection closed before the whole page arrived.")
    return b"".join(chunks)


def megabytes(size: int) -> str:
    """A size for messages, in MB of 2**20 bytes (what file managers show): ``2 MB``, ``2.37 MB``."""
    return f"{size / 2**20:.2f}".rstrip("0").rstrip(".") + " MB"


def _too_big(size: int | None, limit: int) -> str:
    if size is not None:
        return f"This page is too big to read ({megabytes(size)}; the limit is {megabytes(limit)})."
    return f"This page is too big to read (more than the {megabytes(limit)} limit)."


def _status_message(status: int, reason: str, url: str) -> str:
    if status == 404 or status == 410:
        return f"Page not found (HTTP {status}): {url}"
    if status in (401, 403):
        return f"The server refused access to this page (HTTP {status})."
    if status == 429:
        return "The server is rate-limiting requests (HTTP 429); try again later."
    if status >= 500:
        return f"The server had a problem (HTTP {status} {reason}); try again later.".replace(" )", ")")
    return f"The server answered HTTP {status} {reason}.".replace(" .", ".")


def _describe(exc: BaseException, host: str, port: int | None) -> str:
    where = f"{host}:{port}" if port else host
    if isinstance(exc, socket.gaierror):
        return f"Could not find the server {host} (check the address and your connection)."
    if isinstance(exc, ConnectionRefusedError):
        return f"The server at {where} refused the connection."
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"The secure connection to {host} failed: its certificate could not be verified."
    if isinstance(exc, ssl.SSLError):
        return f"The secure connection to {host} failed ({exc.reason or 'TLS error'})."
    if isinstance(exc, ConnectionResetError | http.client.RemoteDisconnected | http.client.IncompleteRead):
        return f"The connection to {host} was cut off."
    if isinstance(exc, http.client.HTTPException):
        return f"The server at {host} sent an invalid answer."
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"Could not connect to {where}: {reason}."
