"""The one HTTP client: web pages, the package index, packages and spaCy models all come through here.

Every limit is ours: http(s) only (on every redirect too), at most ``MAX_REDIRECTS`` redirects, a
connect timeout, a total deadline that covers a server dripping bytes, an optional low-speed limit
(curl's ``--speed-time``), a body cap enforced while streaming and after gzip/deflate decompression, a
cancel token, and progress. The loop is trafilatura's ``downloads.py`` shape (bounded, decompressing,
size-capped). It is written on ``http.client`` rather than urllib3 because cancelling a stalled read
from another thread needs the socket itself (a watcher thread shuts it down), and urllib3's timeouts
are per socket operation, not per transfer. Each failure is a ``FetchError`` with one calm line.
``reader.core.downloads`` adds what packages need on top: retries with back-off, fallback across
mirrors, checksums, sizes by HEAD.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from reader import __version__
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import CancelledError, FetchError
from reader.core.urls import join_location, normalize_url

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
USER_AGENT = f"Reader/{__version__} (offline article reader)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class RetryableFetchError(FetchError):
    """A failure that another try may not meet (timeout, dropped connection, HTTP 5xx or 429)."""


@dataclass(frozen=True)
class Limits:
    """The bounds of one transfer.

    Args:
        what: ``None`` for a web page ("This page is too big to read"), else what is downloaded
            ("the package index"), named in every message.
        max_bytes: the largest body accepted (after decompression).
        total_timeout: seconds for the whole transfer, redirects and retries included.
        connect_timeout: seconds to wait for each TCP/TLS connection.
        stall_timeout: with ``min_bytes``, a low-speed limit: fewer than ``min_bytes`` in any window of
            this many seconds fails the transfer (and a read silent that long times out).
        types: accepted content types (pages); ``None`` accepts any.
        accept: the Accept header.
    """

    what: str | None = None
    max_bytes: int = 10 * 1024 * 1024
    total_timeout: float = 30.0
    connect_timeout: float = CONNECT_TIMEOUT
    stall_timeout: float | None = None
    min_bytes: int = 1024
    types: frozenset[str] | None = None
    accept: str = "*/*"


@dataclass(frozen=True)
class Reply:
    """The final answer: URL (after redirects), type, charset, length, body; 304 (empty) = unchanged."""

    url: str
    content_type: str
    charset: str | None
    length: int | None
    body: bytes
    status: int = 200  # 304 only answers a conditional request (``headers`` with If-None-Match …)
    etag: str | None = None  # the validators to send next time
    last_modified: str | None = None


def fetch(
    url: str,
    limits: Limits,
    *,
    cancel: CancelToken | None = None,
    progress: ProgressCallback | None = None,
    sink: Callable[[bytes], None] | None = None,
    method: str = "GET",
    deadline: float | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """One GET (or HEAD) following up to five redirects. The body goes to ``sink`` when one is given
    (``Reply.body`` is then empty), else into memory.

    Args:
        deadline: a ``time.monotonic()`` time shared with other requests (retries); by default
            ``limits.total_timeout`` seconds from now.

    Raises:
        FetchError: bad address or scheme, DNS failure, refused, timeout, HTTP error, wrong type, too big.
        CancelledError: cancelled by the user.
    """
    if deadline is None:
        deadline = time.monotonic() + limits.total_timeout
    current = normalize_url(url)
    for _ in range(MAX_REDIRECTS + 1):
        result = _Exchange(current, limits, deadline, cancel, progress, sink, method, headers or {}).run()
        if isinstance(result, Reply):
            return result
        current = join_location(current, result)
    raise FetchError(f"Too many redirects (more than {MAX_REDIRECTS}) from {url}.")


class _Watcher:
    """Shuts the socket down when the user cancels or the deadline passes, waking a blocked read."""

    def __init__(self, cancel: CancelToken | None, deadline: float) -> None:
        self.cancel, self.deadline = cancel, deadline
        self.sock: socket.socket | None = None
        self.fired: str | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="http-watcher", daemon=True)
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


class _Exchange:
    """One request and its response: the reply, or the Location of a redirect."""

    def __init__(
        self,
        url: str,
        limits: Limits,
        deadline: float,
        cancel: CancelToken | None,
        progress: ProgressCallback | None,
        sink: Callable[[bytes], None] | None,
        method: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.headers = headers or {}
        self.url, self.limits, self.deadline = url, limits, deadline
        self.cancel, self.progress, self.sink, self.method = cancel, progress, sink, method
        parts = urlsplit(url)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname or "", parts.port
        self.target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def run(self) -> Reply | str:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout()
        timeout = min(self.limits.connect_timeout, remaining)
        conn: http.client.HTTPConnection
        if self.scheme == "https":
            context = ssl.create_default_context()
            conn = http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        watcher = _Watcher(self.cancel, self.deadline)
        try:
            try:
                conn.connect()
                watcher.sock = conn.sock
                read_timeout = self.deadline - time.monotonic()
                if self.limits.stall_timeout is not None:
                    read_timeout = min(read_timeout, self.limits.stall_timeout)
                conn.sock.settimeout(max(0.01, read_timeout))
                conn.putrequest(self.method, self.target, skip_accept_encoding=True)
                conn.putheader("User-Agent", USER_AGENT)
                conn.putheader("Accept", self.limits.accept)
                conn.putheader("Accept-Encoding", "gzip, deflate" if self.method == "GET" else "identity")
                for name, value in self.headers.items():  # e.g. a feed's If-None-Match
                    conn.putheader(name, value)
                conn.endheaders()
                response = conn.getresponse()
                try:
                    result = self._handle(response)
                except FetchError:
                    self._raise_if_fired(watcher)
                    raise
                self._raise_if_fired(watcher)  # a shut-down socket reads as a short body
                return result
            except (OSError, http.client.HTTPException) as exc:
                if watcher.fired == "cancel" or (self.cancel is not None and self.cancel.cancelled):
                    raise CancelledError() from exc
                if watcher.fired == "timeout":
                    raise self._timeout() from exc
                if isinstance(exc, TimeoutError | socket.timeout):
                    if watcher.sock is None and self.limits.what is not None:  # no connection yet
                        raise RetryableFetchError(
                            f"Could not download {self.limits.what}: {self.host} did not answer "
                            f"within {self.limits.connect_timeout:g} s."
                        ) from exc
                    if self.limits.stall_timeout is not None and time.monotonic() < self.deadline:
                        raise self._stalled() from exc
                    raise self._timeout() from exc
                raise self._network_error(exc) from exc
        finally:
            watcher.stop()
            conn.close()

    def _raise_if_fired(self, watcher: _Watcher) -> None:
        if watcher.fired == "cancel":
            raise CancelledError()
        if watcher.fired == "timeout":
            raise self._timeout()

    def _handle(self, response: http.client.HTTPResponse) -> Reply | str:
        status = response.status
        if status != 200:
            _drain(response)
        if status in _REDIRECTS:
            location = response.getheader("Location")
            if not location:
                raise FetchError(f"The server redirected without saying where (HTTP {status}).")
            return location
        etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
        if status == 304 and self.headers:  # only ever the answer to a conditional request
            return Reply(self.url, "", None, None, b"", 304, etag, modified)
        if status != 200:
            raise self._status_error(status, response.reason)
        raw_type = response.getheader("Content-Type")
        message = Message()
        message["Content-Type"] = raw_type or ""
        mime = message.get_content_type() if raw_type else ""
        if self.limits.types is not None and mime and mime not in self.limits.types:
            raise FetchError(f"This link is not a web page (it is {mime}).")
        charset = message.get_param("charset")
        length_header = (response.getheader("Content-Length") or "").strip()
        total = int(length_header) if length_header.isdigit() and len(length_header) < 19 else None
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if self.method == "HEAD":
            return Reply(self.url, mime, None, total, b"")
        if total is not None and total > self.limits.max_bytes and encoding == "identity":
            raise FetchError(self._too_big(total))
        body = self._read_body(response, encoding, total)
        charset = charset if isinstance(charset, str) else None
        return Reply(self.url, mime, charset, total, body, 200, etag, modified)

    def _read_body(self, response: http.client.HTTPResponse, encoding: str, total: int | None) -> bytes:
        """Stream the body, decompressing as it arrives and stopping as soon as it exceeds the cap."""
        limit = self.limits.max_bytes
        decoder = self._decoder(encoding)
        chunks: list[bytes] = []
        size = received = 0
        window_start, window_bytes = time.monotonic(), 0
        if self.progress is not None:
            self.progress(0, total)
        while True:
            if self.cancel is not None:
                self.cancel.raise_if_cancelled()
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            received += len(chunk)
            window_bytes += len(chunk)
            if (
                self.limits.stall_timeout is not None
                and time.monotonic() - window_start >= self.limits.stall_timeout
            ):
                if window_bytes < self.limits.min_bytes:
                    raise self._stalled()
                window_start, window_bytes = time.monotonic(), 0
            if decoder is not None:
                try:
                    chunk = decoder.decompress(chunk, limit - size + 1)
                except zlib.error as exc:
                    raise FetchError(f"The server sent {self._subject()} damaged (bad compression).") from exc
                if decoder.unconsumed_tail:
                    raise FetchError(self._too_big(None))
            size += len(chunk)
            if size > limit:
                raise FetchError(self._too_big(None))
            if self.sink is not None:
                self.sink(chunk)
            else:
                chunks.append(chunk)
            if self.progress is not None:
                self.progress(received, total)
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        if total is not None and received < total:
            raise RetryableFetchError(self._interrupted())
        return b"".join(chunks)

    def _decoder(self, encoding: str) -> zlib._Decompress | None:
        """A streaming decompressor for the Content-Encoding, or None for identity."""
        if encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if encoding == "deflate":
            return zlib.decompressobj()
        if encoding == "identity":
            return None
        raise FetchError(f"The server sent {self._subject()} in an unsupported encoding ({encoding}).")

    # -- messages ------------------------------------------------------------------------------------
    def _subject(self) -> str:
        return "the page" if self.limits.what is None else self.limits.what

    def _interrupted(self) -> str:
        if self.limits.what is None:
            return "The connection closed before the whole page arrived."
        return f"The download of {self.limits.what} was interrupted; try again."

    def _timeout(self) -> FetchError:
        limit = f"{self.limits.total_timeout:g}"
        if self.limits.what is None:
            return FetchError(f"{self.host} did not answer in time (limit {limit} s).")
        return RetryableFetchError(f"The download of {self.limits.what} took too long (limit {limit} s).")

    def _stalled(self) -> FetchError:
        return RetryableFetchError(
            f"The download of {self._subject()} stalled ({self.host} sent almost nothing for "
            f"{self.limits.stall_timeout:g} s); try again."
        )

    def _too_big(self, size: int | None) -> str:
        limit = megabytes(self.limits.max_bytes)
        if self.limits.what is None:
            if size is not None:
                return f"This page is too big to read ({megabytes(size)}; the limit is {limit})."
            return f"This page is too big to read (more than the {limit} limit)."
        return f"The download of {self.limits.what} is unexpectedly large (more than the {limit} limit)."

    def _status_error(self, status: int, reason: str) -> FetchError:
        retry = status >= 500 or status in (408, 429)
        kind = RetryableFetchError if retry else FetchError
        if self.limits.what is not None:
            return kind(f"Could not download {self.limits.what}: the server answered HTTP {status}.")
        if status in (404, 410):
            return kind(f"Page not found (HTTP {status}): {self.url}")
        if status in (401, 403):
            return kind(f"The server refused access to this page (HTTP {status}).")
        if status == 429:
            return kind("The server is rate-limiting requests (HTTP 429); try again later.")
        if status >= 500:
            return kind(
                f"The server had a problem (HTTP {status} {reason}); try again later.".replace(" )", ")")
            )
        return kind(f"The server answered HTTP {status} {reason}.".replace(" .", "."))

    def _network_error(self, exc: BaseException) -> FetchError:
        host, port = self.host, self.port
        where = f"{host}:{port}" if port else host
        retry = True
        if isinstance(exc, socket.gaierror):
            text = f"Could not find the server {host} (check the address and your connection)."
        elif isinstance(exc, ConnectionRefusedError):
            text = f"The server at {where} refused the connection."
        elif isinstance(exc, ssl.SSLCertVerificationError):
            text, retry = (
                f"The secure connection to {host} failed: its certificate could not be verified.",
                False,
            )
        elif isinstance(exc, ssl.SSLError):
            text = f"The secure connection to {host} failed ({exc.reason or 'TLS error'})."
        elif isinstance(
            exc, ConnectionResetError | http.client.RemoteDisconnected | http.client.IncompleteRead
        ):
            text = f"The connection to {host} was cut off."
        elif isinstance(exc, http.client.HTTPException):
            text = f"The server at {host} sent an invalid answer."
        else:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            text = f"Could not connect to {where}: {reason}."
        if self.limits.what is not None:
            text = f"Could not download {self.limits.what}: {text[0].lower()}{text[1:]}"
        return (RetryableFetchError if retry else FetchError)(text)


def _drain(response: http.client.HTTPResponse) -> None:
    """Read a short error or redirect body so closing the connection does not reset it mid-send."""
    try:
        response.read(_CHUNK)
    except (OSError, http.client.HTTPException):
        pass


def megabytes(size: int) -> str:
    """A size for messages, in MB of 2**20 bytes (what file managers show): ``2 MB``, ``2.37 MB``."""
    return f"{size / 2**20:.2f}".rstrip("0").rstrip(".") + " MB"
