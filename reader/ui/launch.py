"""Start the window: ``reader [PATH | URL]``.

With an empty library and nothing to open, the first start shows the built-in sample article, so a new
reader sees at once what Reader does. Nothing heavy is imported here: the engines load in workers later.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import __version__
from reader.core.errors import ReaderError
from reader.resources import resource_path, sample_article_path


def _parse(args: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reader", add_help=False)
    parser.add_argument("source", nargs="?")
    known, _qt_args = parser.parse_known_args(list(args))
    return known


def _process_age() -> float:
    """Seconds since this process started (for the startup benchmark)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def run_app(args: Sequence[str]) -> int:
    options = _parse(args)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "reader"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reader")
    icon = resource_path("icons", "reader.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))

    from reader.app.operations import QueryOp
    from reader.app.runner import TaskRunner
    from reader.app.services import Services
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import Settings

    settings = Settings()
    services = Services(detection_languages=settings.detection_languages)
    try:
        library = services.library  # opened here, before the window, so a broken library is one line
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    notice = services.library_notice
    runner = TaskRunner()
    window = MainWindow(runner, services, settings)
    window.show()
    if notice:
        window.status.show_text(notice, error=True)

    if options.source:
        window.open_source(options.source)
    elif not window.reopen_last():

        def open_sample_if_empty(count: int) -> None:
            if count == 0:
                window.open_source(str(sample_article_path()))

        QueryOp(window.ops, lambda _h: library.count()).success(open_sample_if_empty).run_in_background()

    probe = os.environ.get("READER_EXIT_AFTER_SHOW")
    if probe:
        # Startup benchmark hook: report when the window is on screen, then idle memory after a pause.
        QTimer.singleShot(0, lambda: print(f"window_shown_s={_process_age():.3f}", flush=True))

        def report_idle_and_quit() -> None:
            print(f"idle_rss_mb={_rss_mb():.1f}", flush=True)
            heavy = sorted(
                m for m in ("ctranslate2", "spacy", "lingua", "argostranslate") if m in sys.modules
            )
            print(f"heavy_modules={','.join(heavy)}", flush=True)
            print(f"window_title={window.windowTitle()}", flush=True)
            app.quit()

        QTimer.singleShot(int(float(probe) * 1000), report_idle_and_quit)

    code = app.exec()
    runner.shutdown()
    services.close()
    return int(code)
