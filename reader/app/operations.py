"""Background operations, as Anki's ``qt/aqt/operations``: the one way the app runs blocking work.

A user action builds one operation and runs it::

    QueryOp(ops, lambda handle: library.get(article_id)).success(show).run_in_background()

``QueryOp`` reads (I/O pool), ``WriteOp`` writes the library (the one-thread writer pool) and after it
succeeds broadcasts ``Operations.library_changed`` once, ``ModelOp`` uses the loaded models (the one-thread
model pool, at lower priority). Every operation's function gets the ``TaskHandle`` (cancel token, progress,
streaming with ``call_soon``). Results are typed (``QueryOp[Article]``). An error goes to the one default
route, ``Operations.failed`` (the window shows it in the status bar), unless ``.failure(...)`` takes it;
a cancellation is reported as a plain status, not as an error. ``.generation(current)`` drops an answer
that arrives after the thing it was about was left (another article opened, a newer listing asked for).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from reader.app.runner import IO_POOL, MODEL_POOL, WRITER_POOL, TaskHandle, TaskRunner
from reader.app.strings import user_message
from reader.core.errors import CancelledError

T = TypeVar("T")


class LibraryChange(enum.Enum):
    """What a write changed, so views refresh only when it concerns them (Anki's ``OpChanges``)."""

    ARTICLES = "articles"  # what the library list shows: articles, titles, tags, flags, read state
    READING_POSITION = "reading-position"  # only where the reader stopped
    MEMORY = "memory"  # only the reader's translation memory or glossary


class Operations(QObject):
    """What every operation shares: the pools, the default error route, the library-changed broadcast.

    Signals:
        failed(str): an operation failed and nobody handled it; the one place errors are shown.
        cancelled(str): an operation was cancelled by the user (a status, not an error).
        library_changed(LibraryChange): a write to the library succeeded.
    """

    failed = Signal(str)
    cancelled = Signal(str)
    library_changed = Signal(object)  # LibraryChange

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self.runner = runner

    def report(self, error: BaseException, nothing_changed: str = "Nothing was changed.") -> None:
        """The default error route."""
        if isinstance(error, CancelledError):
            self.cancelled.emit(str(error))
        else:
            self.failed.emit(user_message(error, nothing_changed=nothing_changed))


class Operation(Generic[T]):
    pool = IO_POOL
    change: LibraryChange | None = None

    def __init__(self, ops: Operations, op: Callable[[TaskHandle], T]) -> None:
        self._ops = ops
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[int, int | None], None] | None = None
        self._finally: Callable[[], None] | None = None
        self._current: Callable[[], int] | None = None
        self._nothing_changed = "Nothing was changed."

    def success(self, fn: Callable[[T], None]) -> Operation[T]:
        """Run ``fn(result)`` on the GUI thread when the operation succeeds."""
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Operation[T]:
        """Handle errors here instead of the default route (e.g. a dialog with its own message line)."""
        self._failure = fn
        return self

    def with_progress(self, fn: Callable[[int, int | None], None]) -> Operation[T]:
        """Receive ``handle.report(done, total)`` on the GUI thread (coalesced)."""
        self._progress = fn
        return self

    def finally_(self, fn: Callable[[], None]) -> Operation[T]:
        """Run ``fn()`` on the GUI thread after the operation ended in any way (also when stale)."""
        self._finally = fn
        return self

    def generation(self, current: Callable[[], int]) -> Operation[T]:
        """Drop the outcome when ``current()`` has changed between start and end (a stale answer)."""
        self._current = current
        return self

    def unchanged_message(self, text: str) -> Operation[T]:
        """What the default error route adds to an unexpected error ("The article is unchanged.")."""
        self._nothing_changed = text
        return self

    def run_in_background(self) -> TaskHandle:
        ops = self._ops
        current = self._current
        started = current() if current is not None else 0
        success, failure, after = self._success, self._failure, self._finally
        change, nothing_changed = self.change, self._nothing_changed

        def stale() -> bool:
            return current is not None and current() != started

        def succeeded(result: T) -> None:
            try:
                if change is not None:
                    ops.library_changed.emit(change)  # the write happened, whoever is still interested
                if not stale() and success is not None:
                    success(result)
            finally:
                if after is not None:
                    after()

        def failed(error: BaseException) -> None:
            try:
                if stale():
                    return
                if failure is not None:
                    failure(error)
                else:
                    ops.report(error, nothing_changed)
            finally:
                if after is not None:
                    after()

        return ops.runner.run(self.pool, self._op, succeeded, failed, progress=self._progress)


class QueryOp(Operation[T]):
    """Reads and other I/O (fetch, extract, library queries, files): the I/O pool."""

    pool = IO_POOL


class WriteOp(Operation[T]):
    """A write to the library: the one-thread writer pool; ``library_changed`` after it succeeds."""

    pool = WRITER_POOL

    def __init__(
        self,
        ops: Operations,
        op: Callable[[TaskHandle], T],
        change: LibraryChange = LibraryChange.ARTICLES,
    ) -> None:
        super().__init__(ops, op)
        self.change = change


class ModelOp(Operation[T]):
    """Work on the loaded models (translation, detection): the one-thread model pool, lower priority."""

    pool = MODEL_POOL


__all__ = ["LibraryChange", "ModelOp", "Operations", "QueryOp", "WriteOp"]
