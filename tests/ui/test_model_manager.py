"""The model manager dialog on the real PackageManager, a real tiny package and a local HTTP server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reader.app.operations import Operations
from reader.app.runner import TaskRunner
from reader.core.display import download_size
from reader.ui.model_manager import ModelManagerDialog, ModelTab, age_text
from tests.fixtures.http_server import LocalHTTPServer

pytest.importorskip("reader.core.translate.packages")
from reader.core.translate.packages import PackageManager

WAIT_MS = 15_000


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _entry(from_code: str, to_code: str, from_name: str, to_name: str, url: str) -> dict[str, Any]:
    return {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_name,
        "to_code": to_code,
        "to_name": to_name,
        "type": "translate",
        "links": [url],
    }


@pytest.fixture
def served_index(
    http_server: LocalHTTPServer, tiny_argos_de_en: Path, tiny_argos_en_fr: Path
) -> LocalHTTPServer:
    """An index with three pairs; de→en and en→fr link to real tiny packages, es→en to nothing."""
    package_url = http_server.route(
        "/packages/de_en.argosmodel",
        body=tiny_argos_de_en.read_bytes(),
        content_type="application/zip",
        chunk_delay=0.005,
    )
    http_server.route(
        "/packages/en_fr.argosmodel", body=tiny_argos_en_fr.read_bytes(), content_type="application/zip"
    )
    index = [
        {**_entry("de", "en", "German", "English", package_url), "size": tiny_argos_de_en.stat().st_size},
        _entry("en", "fr", "English", "French", http_server.url("/packages/en_fr.argosmodel")),
        _entry("es", "en", "Spanish", "English", http_server.url("/packages/es_en.argosmodel")),
    ]
    http_server.route("/index.json", body=json.dumps(index).encode(), content_type="application/json")
    return http_server


def _size(server: LocalHTTPServer) -> int:
    return len(server.routes["/packages/de_en.argosmodel"].body)


def _manager(tmp_path: Path, index_url: str) -> PackageManager:
    return PackageManager(tmp_path / "packages", index_url=index_url, cache_dir=tmp_path / "index-cache")


def _dialog(qtbot: QtBot, manager: PackageManager, runner: TaskRunner) -> ModelManagerDialog:
    dialog = ModelManagerDialog(manager, None, Operations(runner))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait_listed(qtbot: QtBot, tab: ModelTab) -> None:
    """The initial (offline) listings have arrived."""
    qtbot.waitUntil(lambda: not tab._loading_available and tab.index_label.text() != "", timeout=WAIT_MS)


def answer_question(qtbot: QtBot, *, yes: bool) -> list[str]:
    """Click Yes or No in the next question box, when it opens (a real QMessageBox, run modally)."""
    asked: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()

    QTimer.singleShot(20, click)
    return asked


def _refresh(qtbot: QtBot, tab: ModelTab) -> None:
    with qtbot.waitSignal(tab.operation_finished, timeout=WAIT_MS):
        tab.refresh_button.click()


def _select(tab: ModelTab, label: str) -> None:
    for i in range(tab.available_list.topLevelItemCount()):
        item = tab.available_list.topLevelItem(i)
        if item is not None and item.text(0) == label:
            tab.available_list.setCurrentItem(item)
            return
    raise AssertionError(f"{label} not in {tab.visible_available()}")


def test_size_and_age_wording() -> None:
    assert download_size(97_300_000) == "about 97 MB"
    assert download_size(104_000_000) == "about 100 MB"
    assert download_size(None) == "size unknown"
    assert age_text(None) == "index not downloaded yet"
    assert age_text(3 * 86400 + 60) == "index from 3 days ago"


def test_install_from_file_then_remove(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, tiny_argos_de_en: Path, no_network: None
) -> None:
    manager = _manager(tmp_path, "http://127.0.0.1:9/index.json")
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    assert tab.installed_labels() == []
    assert tab.index_label.text() == "index not downloaded yet"

    with qtbot.waitSignal(dialog.models_changed, timeout=WAIT_MS):
        tab.install_file(tiny_argos_de_en)
    qtbot.waitUntil(lambda: tab.installed_labels() == ["German → English"], timeout=WAIT_MS)
    assert tab.message.text() == "Installed German → English."
    row = tab.installed_list.topLevelItem(0)
    assert row is not None and row.text(2).endswith(("MB", "kB"))

    tab.installed_list.setCurrentItem(row)
    assert tab.remove_button.isEnabled()
    dialog.activateWindow()
    tab.installed_list.setFocus()
    qtbot.waitUntil(tab.installed_list.hasFocus)
    asked = answer_question(qtbot, yes=False)
    qtbot.keyClick(tab.installed_list, Qt.Key.Key_Delete)  # the keyboard is enough
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0].startswith("Remove German → English (") and tab.installed_labels() == ["German → English"]
    dialog.activateWindow()  # the question box had the focus
    tab.installed_list.setFocus()
    qtbot.waitUntil(tab.installed_list.hasFocus)
    answer_question(qtbot, yes=True)
    with qtbot.waitSignal(dialog.models_changed, timeout=WAIT_MS):
        qtbot.keyClick(tab.installed_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tab.installed_labels() == [], timeout=WAIT_MS)
    assert manager.installed() == []
    assert tab.message.text() == "Removed German → English."


def test_a_broken_file_gives_one_line_in_the_dialog(qtbot: QtBot, tmp_path: Path, runner: TaskRunner) -> None:
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(b"this is not a zip file")
    dialog = _dialog(qtbot, _manager(tmp_path, "http://127.0.0.1:9/index.json"), runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    with qtbot.waitSignal(tab.operation_finished, timeout=WAIT_MS) as finished:
        tab.install_file(broken)
    text = finished.args[0]
    assert text and "\n" not in text and "Traceback" not in text
    assert tab.message.text() == text and tab.message.property("error") is True
    assert tab.installed_labels() == []


def test_refresh_lists_the_index_with_names_and_the_filter_narrows_it(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer
) -> None:
    dialog = _dialog(qtbot, _manager(tmp_path, served_index.url("/index.json")), runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    assert tab.visible_available() == []
    assert "/index.json" not in served_index.requests  # opening the dialog never goes online

    _refresh(qtbot, tab)
    assert tab.visible_available() == ["English → French", "German → English", "Spanish → English"]
    assert tab.index_label.text() == "index from just now"
    assert tab.message.text() == "3 models available."
    de_en = next(
        tab.available_list.topLevelItem(i)
        for i in range(tab.available_list.topLevelItemCount())
        if tab.available_list.topLevelItem(i).text(0) == "German → English"
    )
    assert de_en.text(1) == download_size(_size(served_index)) and de_en.text(1).endswith("MB")
    assert de_en.text(2) == "1.0"

    tab.filter_field.setText("span")
    assert tab.visible_available() == ["Spanish → English"]
    tab.filter_field.setText("english")
    assert len(tab.visible_available()) == 3
    tab.filter_field.setText("fr")
    assert tab.visible_available() == ["English → French"]


def test_download_shows_progress_to_100_percent_and_installs(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer
) -> None:
    manager = _manager(tmp_path, served_index.url("/index.json"))
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    _refresh(qtbot, tab)
    _select(tab, "German → English")
    values: list[int] = []
    tab.progress_bar.valueChanged.connect(values.append)

    with qtbot.waitSignal(tab.operation_finished, timeout=WAIT_MS) as finished:
        tab.download_button.click()
        assert tab.cancel_button.isVisible() and not tab.download_button.isEnabled()
    assert finished.args == ["Installed German → English."]
    assert tab.progress_bar.value() == 100 and max(values) == 100
    assert any(0 < v < 100 for v in values)  # real intermediate progress, not a jump
    assert not tab.cancel_button.isVisible()
    qtbot.waitUntil(lambda: tab.installed_labels() == ["German → English"], timeout=WAIT_MS)
    assert [(p.from_code, p.to_code) for p in manager.installed()] == [("de", "en")]


def test_cancel_mid_download_leaves_nothing_installed(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer, tiny_argos_de_en: Path
) -> None:
    served_index.route(
        "/packages/de_en.argosmodel",
        body=tiny_argos_de_en.read_bytes(),
        content_type="application/zip",
        chunk_delay=0.25,
    )
    manager = _manager(tmp_path, served_index.url("/index.json"))
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    _refresh(qtbot, tab)
    _select(tab, "German → English")
    tab.download_button.click()
    qtbot.waitUntil(lambda: 0 < tab.progress_bar.value() < 100, timeout=WAIT_MS)
    with qtbot.waitSignal(tab.operation_finished, timeout=WAIT_MS) as finished:
        tab.cancel_button.click()
    assert finished.args[0].startswith("Cancelled")
    assert tab.message.property("error") is False
    assert manager.installed() == []
    assert tab.installed_labels() == []
    leftovers = (
        [p for p in (tmp_path / "packages").rglob("*") if p.is_file()]
        if (tmp_path / "packages").exists()
        else []
    )
    assert leftovers == []
    assert tab.download_button.isEnabled()  # ready to try again


def _dead_url() -> str:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/index.json"


def test_a_dead_server_shows_one_calm_line(qtbot: QtBot, tmp_path: Path, runner: TaskRunner) -> None:
    dialog = _dialog(qtbot, _manager(tmp_path, _dead_url()), runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    _refresh(qtbot, tab)
    text = tab.message.text()
    assert text and "\n" not in text and "Traceback" not in text and len(text) < 200
    assert tab.message.property("error") is True
    assert tab.refresh_button.isEnabled() and tab.visible_available() == []


def test_offer_pair_fetches_the_index_and_installs_the_missing_pair(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer
) -> None:
    manager = _manager(tmp_path, served_index.url("/index.json"))
    dialog = _dialog(qtbot, manager, runner)
    received: list[bool] = []
    dialog.models_changed.connect(lambda: received.append(True))
    dialog.offer_pair("de", "en")
    qtbot.waitUntil(lambda: tab_installed(dialog) == ["German → English"], timeout=WAIT_MS)
    assert received
    assert dialog.tabs.currentWidget() is dialog.translation_tab
    tab = dialog.translation_tab
    selected = tab.available_list.selectedItems()
    assert [item.text(0) for item in selected] == ["German → English"]
    qtbot.waitUntil(lambda: _available_status(tab, "German → English") == "installed", timeout=WAIT_MS)


def test_offer_pair_missing_from_the_index_says_so(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer
) -> None:
    manager = _manager(tmp_path, served_index.url("/index.json"))
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    dialog.offer_pair("de", "ja")
    qtbot.waitUntil(lambda: "No German → Japanese package" in tab.message.text(), timeout=WAIT_MS)
    assert manager.installed() == []
    assert served_index.requests.count("/index.json") == 1  # fetched once, no retry loop


def _available_status(tab: ModelTab, label: str) -> str:
    for i in range(tab.available_list.topLevelItemCount()):
        item = tab.available_list.topLevelItem(i)
        if item.text(0) == label:
            return item.text(3)
    return ""


def tab_installed(dialog: ModelManagerDialog) -> list[str]:
    return dialog.translation_tab.installed_labels()


def test_offer_pair_without_a_direct_package_installs_both_legs_through_english(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, served_index: LocalHTTPServer
) -> None:
    manager = _manager(tmp_path, served_index.url("/index.json"))
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    dialog.offer_pair("de", "fr")
    qtbot.waitUntil(
        lambda: tab.installed_labels() == ["English → French", "German → English"] and not tab.busy,
        timeout=WAIT_MS,
    )
    assert manager.find_path("de", "fr") is not None
    assert served_index.requests.count("/packages/de_en.argosmodel") == 1
    assert served_index.requests.count("/packages/en_fr.argosmodel") == 1


# -- entity recognition tab --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def ner_test_wheel(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny spaCy pipeline packed like an official model wheel: the shared session fixture when
    ``tests.fixtures.spacy_models`` is registered, else built here once."""
    try:
        return Path(request.getfixturevalue("spacy_test_wheel"))
    except pytest.FixtureLookupError:
        pass
    fixtures = pytest.importorskip("tests.fixtures.spacy_models")
    return Path(fixtures.build_test_wheel(tmp_path_factory.mktemp("ner-wheel")))


def _ner_dialog(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, base_url: str
) -> tuple[Any, ModelManagerDialog]:
    ner_models = pytest.importorskip("reader.core.annotate.ner_models")
    manager = ner_models.NerModelManager(tmp_path / "spacy-models", base_url=base_url)
    dialog = ModelManagerDialog(
        _manager(tmp_path, "http://127.0.0.1:9/index.json"), manager, Operations(runner)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ner_tab is not None
    tab = dialog.ner_tab
    qtbot.waitUntil(lambda: tab.available_list.topLevelItemCount() > 0, timeout=WAIT_MS)
    return manager, dialog


def test_ner_tab_lists_the_catalogue_and_installs_from_file_then_removes(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, ner_test_wheel: Path, no_network: None
) -> None:
    manager, dialog = _ner_dialog(qtbot, tmp_path, runner, "http://127.0.0.1:9/models")
    tab = dialog.ner_tab
    assert tab is not None and not tab.refresh_button.isVisibleTo(dialog)
    tab.filter_field.setText("german")
    assert all("German" in label for label in tab.visible_available()) and tab.visible_available()
    with qtbot.waitSignal(dialog.models_changed, timeout=WAIT_MS):
        tab.install_file(ner_test_wheel)
    qtbot.waitUntil(lambda: tab.installed_labels() == ["de_test_ner (German)"], timeout=WAIT_MS)
    assert [m.name for m in manager.installed()] == ["de_test_ner"]
    row = tab.installed_list.topLevelItem(0)
    assert row is not None
    tab.installed_list.setCurrentItem(row)
    answer_question(qtbot, yes=True)
    with qtbot.waitSignal(dialog.models_changed, timeout=WAIT_MS):
        tab.remove_button.click()
    qtbot.waitUntil(lambda: tab.installed_labels() == [], timeout=WAIT_MS)
    assert manager.installed() == []


def test_ner_tab_downloads_a_model_with_progress(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, ner_test_wheel: Path, http_server: LocalHTTPServer
) -> None:
    name = "de_core_news_sm"
    base = http_server.url("/models")
    from reader.core.annotate.ner_models import spacy_minor_version

    table = {"spacy": {spacy_minor_version(): {name: ["0.0.1"]}}}
    http_server.route(
        "/models/compatibility.json", body=json.dumps(table).encode(), content_type="application/json"
    )
    manager, dialog = _ner_dialog(qtbot, tmp_path, runner, base)
    version = manager.compatible_version(name)  # what the manager will ask for (its cache is shared)
    wheel_path = manager.wheel_url(name, version).removeprefix(http_server.url(""))
    http_server.route(
        wheel_path, body=ner_test_wheel.read_bytes(), content_type="application/zip", chunk_delay=0.005
    )
    tab = dialog.ner_tab
    assert tab is not None
    _select(tab, f"{name} (German)")
    values: list[int] = []
    tab.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(tab.operation_finished, timeout=WAIT_MS) as finished:
        tab.download_button.click()
    assert finished.args[0].startswith("Installed "), finished.args
    assert max(values) == 100
    qtbot.waitUntil(lambda: len(tab.installed_labels()) == 1, timeout=WAIT_MS)


def test_reopening_the_dialog_shows_models_installed_meanwhile_without_old_messages(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, tiny_argos_de_en: Path, no_network: None
) -> None:
    manager = _manager(tmp_path, "http://127.0.0.1:9/index.json")
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    _wait_listed(qtbot, tab)
    tab.show_message("Something from last time.", error=True)
    dialog.hide()
    manager.install_file(tiny_argos_de_en)  # as `reader models install FILE` does, in another process
    dialog.show()
    qtbot.waitUntil(lambda: tab.installed_labels() == ["German → English"], timeout=WAIT_MS)
    assert tab.message.text() == ""


def test_installing_an_older_version_over_a_newer_one_asks_first(
    qtbot: QtBot, tmp_path: Path, runner: TaskRunner, no_network: None
) -> None:
    from tests.fixtures.argos_models import build_argos_package

    newer = build_argos_package(tmp_path / "v2", "de", "en", version="2.0", seed=1)
    older = build_argos_package(tmp_path / "v1", "de", "en", version="1.0", seed=1)
    manager = _manager(tmp_path, "http://127.0.0.1:9/index.json")
    manager.install_file(newer)
    dialog = _dialog(qtbot, manager, runner)
    tab = dialog.translation_tab
    qtbot.waitUntil(lambda: tab.installed_labels() == ["German → English"], timeout=WAIT_MS)
    _wait_listed(qtbot, tab)
    asked = answer_question(qtbot, yes=False)
    tab.install_file(older)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert "older version 1.0" in asked[0] and "2.0 is installed" in asked[0]
    qtbot.wait(200)
    assert [p.version for p in manager.installed()] == ["2.0"]  # nothing was replaced
    answer_question(qtbot, yes=True)
    with qtbot.waitSignal(dialog.models_changed, timeout=WAIT_MS):
        tab.install_file(older)
    assert [p.version for p in manager.installed()] == ["1.0"]
