"""A real main window on a private library, with the tiny real translation packages installed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from reader.store.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.settings import Settings
from reader.workers.runner import TaskRunner
from reader.workers.services import Services

GERMAN_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Gipfel in Brüssel</title><meta name="author" content="Anna Beispiel">
<meta property="og:site_name" content="Testzeitung"><meta name="date" content="2022-01-04"></head>
<body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav><article>
<h1>Gipfel in Brüssel</h1>
<p>Die Außenminister der Europäischen Union trafen sich am Dienstag in Brüssel, um über die Lage in der
Ukraine zu sprechen. Die Gespräche dauerten bis in die Nacht.</p>
<p>"We will not accept any change of borders by force," said the Foreign Minister of Ireland after the
meeting in Brussels on Tuesday evening.</p>
<p>Nach Angaben von Diplomaten soll das nächste Treffen am 12. Januar in Genf stattfinden. Die Regierung
in Berlin begrüßte die Einigung ausdrücklich.</p>
<p>Die Opposition im Bundestag kritisierte dagegen, dass die Beschlüsse zu spät kämen und zu wenig
konkrete Schritte enthielten.</p>
</article><footer>Impressum</footer></body></html>"""


@pytest.fixture
def german_page(tmp_path: Path) -> Path:
    path = tmp_path / "gipfel.html"
    path.write_text(GERMAN_PAGE, encoding="utf-8")
    return path


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, argos_packages_dir: Path
) -> Iterator[Callable[..., MainWindow]]:
    """Build windows on one library and one settings file (a second window = a restart)."""
    runners: list[TaskRunner] = []
    services_made: list[Services] = []
    ini = str(tmp_path / "settings.ini")

    def make(*, in_process: bool = True, reader_language: str = "en") -> MainWindow:
        settings = Settings(QSettings(ini, QSettings.Format.IniFormat))
        settings.reader_language = reader_language
        library, _notice = Library.open(tmp_path / "library.sqlite3")
        services = Services(
            library=library,
            in_process=in_process,
            packages_dir=argos_packages_dir,
            detection_languages=("de", "en", "fr", "es", "it"),
        )
        runner = TaskRunner()
        runners.append(runner)
        services_made.append(services)
        window = MainWindow(runner, services, settings)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        return window

    yield make
    for runner in runners:
        runner.shutdown()
    for services in services_made:
        services.close()
