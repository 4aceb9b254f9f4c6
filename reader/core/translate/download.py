"""Streaming HTTP downloads for packages and the index: progress, cancel, timeouts, checksums.

The body is streamed to a file in 64 KiB chunks; the caller's progress callback gets the bytes so far
and the Content-Length (None when the server sends none). A connection that drops before
Content-Length bytes arrived, a stall longer than ``timeout``, a wrong checksum or a body larger than
``max_bytes`` are all a FetchError, and the next mirror link is tried. The caller owns the output
path and removes it on failure (it lives in a temporary directory).
"""

from __future__ import annotations

import hashlib
import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from reader import __version__
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import FetchError

CHUNK = 64 * 1024
USER_AGENT = f"Reader/{__version__} (offline translation package manager)"
_ALGORITHMS = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}


@dataclass(frozen=True, slots=True)
class Checksum:
    algorithm: str
    hexdigest: str

    @classmethod
    def parse(cls, text: str) -> Checksum:
        """``sha256:<hex>``, ``<algo>=<hex>`` or bare hex (algorithm from its length)."""
        algorithm, _, digest = text.strip().replace("=", ":", 1).rpartition(":")
        digest = digest.lower()
        algorithm = algorithm.lower().replace("-", "") or _ALGORITHMS.get(len(digest), "sha256")
        if algorithm not in hashlib.algorithms_available:
            algorithm = _ALGORITHMS.get(len(digest), "sha256")
        return cls(algorithm, digest)


def http_download(
    urls: list[str],
    dest: Path,
    *,
    what: str,
    timeout: float,
    max_bytes: int,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    checksum: Checksum | None = None,
) -> None:
    """Download the first URL that works into ``dest``; raise FetchError naming ``what`` otherwise."""
    last: FetchError | None = None
    for url in urls:
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            _fetch_one(url, dest, what, timeout, max_bytes, progress, cancel, checksum)
            return
        except FetchError as error:
            last = error
            dest.unlink(missing_ok=True)
    raise last or FetchError(f"No download address for {what}.")


def _fetch_one(
    url: str,
    dest: Path,
    what: str,
    timeout: float,
    max_bytes: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    checksum: Checksum | None,
) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.new(checksum.algorithm) if checksum else None
    done = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, dest.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > max_bytes:
                raise FetchError(f"The download of {what} is unexpectedly large ({total} bytes).")
            if progress is not None:
                progress(0, total)
            while True:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                done += len(chunk)
                if done > max_bytes:
                    raise FetchError(f"The download of {what} is unexpectedly large.")
                out.write(chunk)
                if digest is not None:
                    digest.update(chunk)
                if progress is not None:
                    progress(done, total)
            if total is not None and done < total:
                raise FetchError(f"The download of {what} was interrupted; try again.")
    except urllib.error.HTTPError as error:
        error.close()  # it holds the response socket
        raise FetchError(f"Could not download {what}: the server answered {error.code}.") from error
    except urllib.error.URLError as error:
        raise FetchError(f"Could not download {what}: {_network_reason(error.reason)}.") from error
    except TimeoutError as error:
        raise FetchError(f"The download of {what} stalled and timed out; try again.") from error
    except (http.client.HTTPException, ConnectionError) as error:
        raise FetchError(f"The download of {what} was interrupted; try again.") from error
    except OSError as error:
        raise FetchError(f"Could not save {what}: {error.strerror or error}.") from error
    if digest is not None and checksum is not None and digest.hexdigest() != checksum.hexdigest:
        raise FetchError(f"The download of {what} is corrupt (checksum mismatch); try again.")


def _network_reason(reason: object) -> str:
    """Why a connection failed, in words a reader understands."""
    if isinstance(reason, socket.gaierror):
        return "the server's name could not be looked up (are you offline?)"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, socket.timeout | TimeoutError):
        return "the connection timed out"
    if isinstance(reason, str):
        return reason
    return f"no connection ({type(reason).__name__}); check the network"
