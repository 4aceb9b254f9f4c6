"""The TaskRunner delivers results, errors, progress and streamed parts on the GUI thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reader.app.runner import IO_POOL, MODEL_POOL, TaskHandle, TaskRunner
from reader.core.errors import CancelledError


def test_result_and_error_arrive_on_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gui = QThread.currentThread()
    seen: list[tuple[object, object, bool]] = []
    worker_threads: list[int] = []

    def work(_handle: TaskHandle) -> int:
        worker_threads.append(threading.get_ident())
        return 42

    def fail(_handle: TaskHandle) -> int:
        raise ValueError("boom")

    for fn in (work, fail):
        runner.run(
            IO_POOL,
            fn,
            lambda r: seen.append((r, None, QThread.currentThread() is gui)),
            lambda e: seen.append((None, e, QThread.currentThread() is gui)),
        )
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert worker_threads[0] != threading.get_ident()
    results = {r for r, _e, _g in seen}
    assert 42 in results
    assert any(isinstance(e, ValueError) for _r, e, _g in seen)
    assert all(on_gui for _r, _e, on_gui in seen)
    assert runner.shutdown()


def test_streaming_progress_and_cancel(qtbot: QtBot) -> None:
    runner = TaskRunner()
    parts: list[int] = []
    progress: list[tuple[int, int | None]] = []
    outcome: list[BaseException | None] = []
    started = threading.Event()

    def stream(handle: TaskHandle) -> None:
        for i in range(1000):
            handle.cancel_token.raise_if_cancelled()
            handle.report(i, 1000)
            handle.call_soon(lambda i=i: parts.append(i))
            started.set()
            time.sleep(0.005)

    handle = runner.run(
        MODEL_POOL,
        stream,
        lambda _r: outcome.append(None),
        outcome.append,
        progress=lambda d, t: progress.append((d, t)),
    )
    qtbot.waitUntil(lambda: len(parts) >= 5, timeout=5000)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], CancelledError)
    assert parts == sorted(parts) and len(parts) < 1000
    assert progress and progress[-1][1] == 1000
    assert runner.shutdown()
