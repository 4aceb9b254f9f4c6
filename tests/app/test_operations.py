"""Operations: typed results on the GUI thread, one error route, one broadcast per write, stale dropped."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reader.app.operations import LibraryChange, ModelOp, Operations, QueryOp, WriteOp
from reader.app.runner import TaskHandle, TaskRunner
from reader.core.errors import CancelledError, InputError

WAIT = 5000


@pytest.fixture
def ops() -> Iterator[Operations]:
    runner = TaskRunner()
    yield Operations(runner)
    assert runner.shutdown()


def test_success_arrives_on_the_gui_thread_with_progress(qtbot: QtBot, ops: Operations) -> None:
    gui = QThread.currentThread()
    results: list[tuple[int, bool]] = []
    progress: list[tuple[int, int | None]] = []

    def count(handle: TaskHandle) -> int:
        for i in range(1, 4):
            handle.report(i, 3)
        return 42

    op = QueryOp(ops, count).success(lambda n: results.append((n, QThread.currentThread() is gui)))
    with qtbot.assertNotEmitted(ops.failed):
        op.with_progress(lambda done, total: progress.append((done, total))).run_in_background()
        qtbot.waitUntil(lambda: bool(results), timeout=WAIT)
    assert results == [(42, True)]
    assert progress and progress[-1] == (3, 3)


def test_errors_take_the_one_default_route_unless_handled(qtbot: QtBot, ops: Operations) -> None:
    def bad_input(_handle: TaskHandle) -> None:
        raise InputError("That file is empty.")

    with qtbot.waitSignal(ops.failed, timeout=WAIT) as failed:
        QueryOp(ops, bad_input).run_in_background()
    assert failed.args == ["That file is empty."]

    def bug(_handle: TaskHandle) -> None:
        raise KeyError("oops")

    with qtbot.waitSignal(ops.failed, timeout=WAIT) as failed:
        ModelOp(ops, bug).unchanged_message("The article is unchanged.").run_in_background()
    assert "went wrong inside Reader (KeyError). The article is unchanged." in failed.args[0]

    def cancelled(_handle: TaskHandle) -> None:
        raise CancelledError()

    with qtbot.assertNotEmitted(ops.failed), qtbot.waitSignal(ops.cancelled, timeout=WAIT):
        QueryOp(ops, cancelled).run_in_background()

    handled: list[BaseException] = []
    with qtbot.assertNotEmitted(ops.failed):
        QueryOp(ops, bad_input).failure(handled.append).run_in_background()
        qtbot.waitUntil(lambda: bool(handled), timeout=WAIT)
    assert isinstance(handled[0], InputError)


def test_every_successful_write_broadcasts_once(qtbot: QtBot, ops: Operations) -> None:
    changes: list[LibraryChange] = []
    ops.library_changed.connect(changes.append)
    done: list[str] = []
    writer_threads: set[int] = set()

    def write(_handle: TaskHandle) -> str:
        writer_threads.add(threading.get_ident())
        return "saved"

    WriteOp(ops, write).success(done.append).run_in_background()
    WriteOp(ops, write, LibraryChange.READING_POSITION).run_in_background()
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=WAIT)
    assert done == ["saved"]
    assert sorted(changes, key=lambda c: c.value) == [LibraryChange.ARTICLES, LibraryChange.READING_POSITION]
    assert len(writer_threads) == 1  # the one-thread writer pool

    def fail(_handle: TaskHandle) -> None:
        raise InputError("No such article.")

    with qtbot.waitSignal(ops.failed, timeout=WAIT):
        WriteOp(ops, fail).run_in_background()
    assert len(changes) == 2  # a failed write changed nothing


def test_a_stale_answer_is_dropped(qtbot: QtBot, ops: Operations) -> None:
    generation = [1]
    release = threading.Event()
    answered: list[str] = []
    ended: list[bool] = []

    def slow(_handle: TaskHandle) -> str:
        release.wait(WAIT / 1000)
        return "about the old article"

    op = QueryOp(ops, slow).success(answered.append).generation(lambda: generation[0])
    op.finally_(lambda: ended.append(True)).run_in_background()
    generation[0] += 1  # the reader opened another article meanwhile
    release.set()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT)
    assert answered == []
