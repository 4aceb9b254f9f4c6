"""The library's one writer: a thread that owns the only writable connection (Datasette's ``database.py``).

Every write is a function queued to this thread and run there in one ``BEGIN IMMEDIATE`` transaction;
the caller waits for its result (or its exception). Whichever thread writes (the app's writer pool, the
model pool storing translations in the cache, the I/O pool marking an article opened, the command line),
the writes are serialised here, not by WAL and ``busy_timeout``. A write queued from inside a write runs
at once, nested as a savepoint. We write this small queue ourselves: the standard library has no
single-thread executor that runs re-entrant calls inline, and that is all this needs.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Generic, TypeVar

from reader.store import db

T = TypeVar("T")


@dataclass(frozen=True)
class _Job(Generic[T]):
    fn: Callable[[sqlite3.Connection], T]
    future: Future[T]
    in_transaction: bool


class Writer:
    """Start with the function that opens the writable connection; ``close()`` stops the thread."""

    def __init__(
        self, connect: Callable[[], sqlite3.Connection], name: str = "reader-library-writer"
    ) -> None:
        self._jobs: queue.SimpleQueue[_Job[object] | None] = queue.SimpleQueue()
        self._connect = connect
        self._conn: sqlite3.Connection | None = None
        opened: Future[None] = Future()
        self._thread = threading.Thread(target=self._loop, args=(opened,), name=name, daemon=True)
        self._thread.start()
        opened.result()  # an unopenable file raises here, in the caller

    def run(self, fn: Callable[[sqlite3.Connection], T], *, in_transaction: bool = True) -> T:
        """Run ``fn(connection)`` on the writer thread (in a transaction) and return what it returns."""
        if threading.current_thread() is self._thread:
            conn = self._conn
            assert conn is not None
            if not in_transaction:
                return fn(conn)
            with db.transaction(conn):
                return fn(conn)
        if not self._thread.is_alive():
            raise RuntimeError("the library writer was closed")
        future: Future[T] = Future()
        self._jobs.put(_Job(fn, future, in_transaction))  # type: ignore[arg-type]
        return future.result()

    def close(self, timeout: float = 10.0) -> None:
        """Finish the queued writes, close the connection, stop the thread."""
        if self._thread.is_alive():
            self._jobs.put(None)
            if threading.current_thread() is not self._thread:
                self._thread.join(timeout)

    def _loop(self, opened: Future[None]) -> None:
        try:
            conn = self._conn = self._connect()
        except BaseException as error:  # delivered to the constructor's caller
            opened.set_exception(error)
            return
        opened.set_result(None)
        try:
            while (job := self._jobs.get()) is not None:
                try:
                    if job.in_transaction:
                        with db.transaction(conn):
                            result = job.fn(conn)
                    else:
                        result = job.fn(conn)
                except BaseException as error:  # the caller gets it; the writer thread lives on
                    job.future.set_exception(error)
                else:
                    job.future.set_result(result)
        finally:
            conn.close()
