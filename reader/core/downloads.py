"""Downloads of packages, models and indexes over the one HTTP client (``reader.core.http``).

What a download needs beyond one request: each link tried up to three times when the failure may be
passing (argos does the same), with a pause between tries, then the next mirror; one total deadline over
all of it; a checksum; the file written only to the caller's temporary path and removed on failure; and
the size a download will have, from a HEAD request, to show before the user confirms.
"""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from reader.core import http
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import CancelledError, FetchError
from reader.core.http import Limits

RETRY_DELAYS = (0.5, 1.5)  # seconds before the second and the third try of a link
_PROBE_THREADS = 8
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


def content_length(url: str, *, timeout: float = 15.0, cancel: CancelToken | None = None) -> int | None:
    """The size a download would have, from a HEAD request's Content-Length (None when not given)."""
    reply = http.fetch(url, Limits(what="the size", total_timeout=timeout), cancel=cancel, method="HEAD")
    return reply.length


def first_size(
    links: tuple[str, ...] | list[str], *, timeout: float, cancel: CancelToken | None = None
) -> int | None:
    """The size of the first link that gives one (HEAD), None when none does."""
    for link in links:
        try:
            size = content_length(link, timeout=timeout, cancel=cancel)
        except FetchError:
            continue
        if size:
            return size
    return None


def probe_sizes(
    mirrors: list[tuple[str, ...]], *, timeout: float, deadline: float, cancel: CancelToken | None = None
) -> dict[str, int]:
    """``{first link: size}`` for each list of mirror links, asked in parallel; whatever has not
    answered within ``deadline`` seconds is left out (its threads end within ``timeout``)."""
    if not mirrors:
        return {}
    pool = ThreadPoolExecutor(_PROBE_THREADS, thread_name_prefix="size-probe")
    futures = {pool.submit(first_size, links, timeout=timeout, cancel=cancel): links[0] for links in mirrors}
    done, _late = wait(futures, timeout=deadline)
    pool.shutdown(wait=False, cancel_futures=True)
    sizes = {}
    for future in done:
        size = future.result() if future.exception() is None else None
        if size:
            sizes[futures[future]] = size
    return sizes


def download(
    urls: list[str] | tuple[str, ...],
    dest: Path,
    limits: Limits,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    checksum: Checksum | None = None,
    retry_delays: tuple[float, ...] = RETRY_DELAYS,
) -> None:
    """Download the first of ``urls`` that works into ``dest``: each link is tried up to
    ``len(retry_delays) + 1`` times when the failure may be passing, then the next link. One total
    deadline covers every try. ``dest`` is removed after a failure (the caller owns its folder)."""
    deadline = time.monotonic() + limits.total_timeout
    last: FetchError | None = None
    for url in urls:
        for attempt in range(len(retry_delays) + 1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            try:
                _download_once(url, dest, limits, deadline, progress, cancel, checksum)
                return
            except FetchError as error:
                dest.unlink(missing_ok=True)
                if isinstance(error, CancelledError):
                    raise
                last = error
                if not isinstance(error, http.RetryableFetchError) or attempt == len(retry_delays):
                    break
                if not _pause(retry_delays[attempt], deadline, cancel):
                    raise error from None
    raise last or FetchError(f"No download address for {limits.what}.")


def _download_once(
    url: str,
    dest: Path,
    limits: Limits,
    deadline: float,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    checksum: Checksum | None,
) -> None:
    digest = hashlib.new(checksum.algorithm) if checksum else None
    try:
        with dest.open("wb") as out:

            def write(chunk: bytes) -> None:
                out.write(chunk)
                if digest is not None:
                    digest.update(chunk)

            http.fetch(url, limits, cancel=cancel, progress=progress, sink=write, deadline=deadline)
    except OSError as error:
        raise FetchError(f"Could not save {limits.what}: {error.strerror or error}.") from error
    if digest is not None and checksum is not None and digest.hexdigest() != checksum.hexdigest:
        raise http.RetryableFetchError(
            f"The download of {limits.what} is corrupt (checksum mismatch); try again."
        )


def _pause(seconds: float, deadline: float, cancel: CancelToken | None) -> bool:
    """Wait before a retry; False when the deadline would pass first. Raises CancelledError."""
    end = time.monotonic() + seconds
    if end >= deadline:
        return False
    while time.monotonic() < end:
        if cancel is not None:
            cancel.raise_if_cancelled()
        time.sleep(min(0.05, max(0.0, end - time.monotonic())))
    return True
