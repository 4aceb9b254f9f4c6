"""Take the README's screenshots of the main window in each view mode, in a real window under Xvfb.

    xvfb-run -a -s "-screen 0 1440x900x24" uv run python tools/screenshots.py

Reader opens its built-in sample article with tiny de→en and fr→en packages installed. Those are the test
suite's random-weight models (nothing else can be installed on a machine without the Argos index), so the
translated column shows what the machinery does (layout, streaming, highlights) with nonsense words; a real
Argos package puts real English there. One more picture shows the first start without any package.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
HOME = Path(tempfile.mkdtemp(prefix="reader-shots-"))
os.environ.update(
    READER_DATA_DIR=str(HOME / "data"),
    READER_CACHE_DIR=str(HOME / "cache"),
    XDG_CONFIG_HOME=str(HOME / "config"),
)
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.app.runner import TaskRunner  # noqa: E402
from reader.app.services import Services  # noqa: E402
from reader.core.translate.packages import PackageManager  # noqa: E402
from reader.resources import sample_article_path  # noqa: E402
from reader.store.library import Library  # noqa: E402
from reader.ui.article_html import ViewMode  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.settings import Settings  # noqa: E402
from tests.fixtures.argos_models import build_argos_package, training_text  # noqa: E402


def wait(app: QApplication, condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.01)


def make_window(app: QApplication, packages: Path, name: str) -> MainWindow:
    settings = Settings(QSettings(str(HOME / f"{name}.ini"), QSettings.Format.IniFormat))
    settings.reader_language = "en"
    settings.theme = "light"
    library, _ = Library.open(HOME / f"{name}.sqlite3")
    services = Services(library=library, packages_dir=packages)
    window = MainWindow(TaskRunner(), services, settings)
    window.resize(1440, 880)
    window.show()
    window.splitter.setSizes([250, 900, 290])
    return window


def ready(window: MainWindow) -> bool:
    article = window.view.article
    return (
        article is not None
        and all(block.id in window.view.translations for block in article.blocks)
        and not window.session.busy
        and bool(window.view.placed_spans())
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    builds = HOME / "builds"
    packages = HOME / "packages"
    manager = PackageManager(packages, cache_dir=HOME / "cache")
    for source in ("de", "fr"):
        lines = training_text(source, 600) + training_text("en", 600)
        manager.install_file(build_argos_package(builds, source, "en", training_lines=lines, seed=2))

    empty = make_window(app, HOME / "no-packages", "first")
    empty.open_source(str(sample_article_path()))
    wait(app, lambda: ready(empty) and empty.banner.isVisible())
    empty.view.flush()
    app.processEvents()
    empty.grab().save(str(OUT / "first-start.png"))
    empty.close()

    window = make_window(app, packages, "main")
    window.open_source(str(sample_article_path()))
    wait(app, lambda: ready(window))
    with_save = window.session
    with_save.save()
    wait(app, lambda: window.library_panel.list.count() == 1)
    for mode in ViewMode:
        window.set_mode(mode)
        window.view.flush()
        window.view.verticalScrollBar().setValue(0)
        app.processEvents()
        time.sleep(0.2)
        app.processEvents()
        save(window, mode.value)
    window.set_mode(ViewMode.SIDE_BY_SIDE)
    settle(app, window)
    order = window.view.sentence_order()
    if len(order) > 3:  # a linked sentence pair, pinned as a click pins it
        window.view.pin_sentence(order[3])
        app.processEvents()
        save(window, "sentence-pinned")
        window.view.pin_sentence(None)
    for theme in ("dark", "sepia"):
        window.settings.theme = theme
        window._apply_theme()
        settle(app, window)
        save(window, f"side-by-side-{theme}")
    window.settings.theme = "light"
    window._apply_theme()
    window.resize(560, 820)  # a narrow window: the panels fold away and the columns become interlinear
    settle(app, window)
    save(window, "narrow")
    window.close()


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(3):
        app.processEvents()
        time.sleep(0.2)
    window.view.flush()
    window.view.verticalScrollBar().setValue(0)
    app.processEvents()


def save(window: MainWindow, name: str) -> None:
    window.grab().save(str(OUT / f"{name}.png"))
    print(f"saved {OUT / (name + '.png')}")


if __name__ == "__main__":
    main()
