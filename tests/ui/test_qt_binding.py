"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 dropped one reference to None (and to True/False) on every call into Qt
that returns nothing and on every signal emission; None is not immortal before Python 3.12, so a long
reading session ended in "Fatal Python error: none_dealloc". pyproject.toml excludes that release; this
test fails on any binding that brings the fault back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(bool)


def test_thousands_of_qt_calls_leave_none_true_and_false_alone(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    emitter = _Emitter()
    received = [0]

    def count(_: bool) -> None:
        received[0] += 1

    emitter.fired.connect(count)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2_000):
        app.processEvents()
        emitter.fired.emit(i % 2 == 0)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert received[0] == 2_000
    # Small drift from the test's own objects is fine; the fault lost 2,000 or more.
    assert all(abs(a - b) < 100 for a, b in zip(after, before, strict=True)), (before, after)
