"""Cooperative cancellation and progress reporting shared by long-running core operations."""

from __future__ import annotations

import threading
from collections.abc import Callable

from reader.core.errors import CancelledError

# progress(done, total); total is None when unknown (e.g. a download without Content-Length).
ProgressCallback = Callable[[int, "int | None"], None]


class CancelToken:
    """Set from any thread (the GUI's Cancel button); checked by workers between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()
