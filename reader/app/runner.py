"""Run blocking work off the GUI thread and bring results back to it through signals.

Three pools, as docs/ARCHITECTURE.md lays out: ``io`` (fetch, extract, queries; a few threads), ``model``
(one thread: the loaded CTranslate2/lingua/spaCy models; requests queue), ``writer`` (one thread: library
writes, which the store then serialises on its own writer thread).
Model-pool threads run at a lower OS priority, so heavy compute never starves the GUI thread.
``run(pool, fn, on_success, on_failure)`` runs ``fn(handle)`` in the pool and then one of the two callbacks
on the GUI thread. The rest of the app does not call it directly: it builds operations (``operations.py``).
Nothing here calls ``processEvents()``: results arrive through a queued signal on a QObject that lives in the
GUI thread.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from reader.core.cancel import CancelToken

T = TypeVar("T")
log = logging.getLogger(__name__)

IO_POOL = "io"
MODEL_POOL = "model"
WRITER_POOL = "writer"


class _Relay(QObject):
    """Lives in the GUI thread; anything emitted through it runs there (queued)."""

    invoke = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.invoke.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _call(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # a bug in a callback must not take the event loop down
            log.exception("callback on the GUI thread failed")


class TaskHandle:
    """What the caller and the worker share about one task: cancellation, progress, streaming."""

    def __init__(self, relay: _Relay, progress: Callable[[int, int | None], None] | None) -> None:
        self.cancel_token = CancelToken()
        self._relay = relay
        self._progress = progress
        self._lock = threading.Lock()
        self._pending: tuple[int, int | None] | None = None
        self.finished = False

    def cancel(self) -> None:
        self.cancel_token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled

    def report(self, done: int, total: int | None) -> None:
        """Thread-safe progress; coalesced so a fast worker cannot flood the GUI thread."""
        if self._progress is None:
            return
        with self._lock:
            already_scheduled = self._pending is not None
            self._pending = (done, total)
        if not already_scheduled:
            self._relay.invoke.emit(self._deliver_progress)

    def _deliver_progress(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        if pending is not None and self._progress is not None and not self.finished:
            self._progress(*pending)

    def call_soon(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread (used to stream partial results, e.g. one translated block)."""
        self._relay.invoke.emit(fn)


BACKGROUND_NICENESS = 10
_lowered = threading.local()


def lower_thread_priority() -> None:
    """Make this thread (and threads it starts later, e.g. CTranslate2's) yield the CPU to the GUI thread.

    On two cores, two busy translation threads otherwise delay the GUI thread by 100 ms and more. Linux
    keeps a nice value per thread, and new threads inherit it from the thread that creates them.
    """
    if getattr(_lowered, "done", False):
        return
    _lowered.done = True
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        try:
            current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), max(current, BACKGROUND_NICENESS))
        except OSError:
            pass


class _Task(QRunnable, Generic[T]):
    def __init__(
        self,
        fn: Callable[[TaskHandle], T],
        handle: TaskHandle,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        background: bool = False,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._handle = handle
        self._on_success = on_success
        self._on_failure = on_failure
        self._background = background

    def run(self) -> None:
        if self._background:
            lower_thread_priority()
        handle = self._handle
        try:
            result = self._fn(handle)
        except BaseException as caught:  # delivered to on_failure; the pool thread must survive
            on_failure = self._on_failure

            def fail(error: BaseException = caught) -> None:
                handle.finished = True
                on_failure(error)

            handle.call_soon(fail)
            return
        on_success = self._on_success

        def succeed() -> None:
            handle.finished = True
            on_success(result)

        handle.call_soon(succeed)


class TaskRunner(QObject):
    """Owns the worker pools; injected into whoever needs background work (no global instance)."""

    def __init__(self, io_threads: int = 3) -> None:
        super().__init__()
        self._relay = _Relay()
        self._pools: dict[str, QThreadPool] = {}
        for name, size in ((IO_POOL, io_threads), (MODEL_POOL, 1), (WRITER_POOL, 1)):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(size)
            pool.setExpiryTimeout(-1 if size == 1 else 30_000)
            self._pools[name] = pool
        self._handles: set[TaskHandle] = set()

    def run(
        self,
        pool: str,
        fn: Callable[[TaskHandle], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        *,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> TaskHandle:
        """Run ``fn(handle)`` in ``pool``; then ``on_success`` or ``on_failure`` on the GUI thread.

        The worker gets the TaskHandle to check cancellation, report progress and stream partial results
        with ``handle.call_soon``.
        """
        handle = TaskHandle(self._relay, progress)
        self._handles.add(handle)

        def succeeded(result: T) -> None:
            self._handles.discard(handle)
            on_success(result)

        def failed(error: BaseException) -> None:
            self._handles.discard(handle)
            on_failure(error)

        self._pools[pool].start(_Task(fn, handle, succeeded, failed, background=pool == MODEL_POOL))
        return handle

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for the pools to drain (at exit). Returns True when all stopped."""
        for handle in list(self._handles):
            handle.cancel()
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())


__all__ = ["IO_POOL", "MODEL_POOL", "WRITER_POOL", "TaskHandle", "TaskRunner"]
