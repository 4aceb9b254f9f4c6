"""spaCy entity models: download from a local server, atomic install, load through spacy.load, remove."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.core.annotate.entities import EntityAnnotator
from reader.core.annotate.ner_models import NerModelManager, NerModelSource, spacy_minor_version
from reader.core.cancel import CancelToken
from reader.core.document import SpanKind
from reader.core.errors import CancelledError, FetchError, ModelError
from tests.fixtures.http_server import LocalHTTPServer
from tests.fixtures.spacy_models import TEST_MODEL, TEST_VERSION

WHEEL_PATH = f"/{TEST_MODEL}-{TEST_VERSION}/{TEST_MODEL}-{TEST_VERSION}-py3-none-any.whl"


def serve(http_server: LocalHTTPServer, wheel: Path, **route: Any) -> NerModelManager:
    table = {"spacy": {spacy_minor_version(): {TEST_MODEL: [TEST_VERSION]}}}
    http_server.route("/compatibility.json", body=json.dumps(table).encode(), content_type="application/json")
    http_server.route(WHEEL_PATH, body=wheel.read_bytes(), content_type="application/zip", **route)
    return NerModelManager(base_url=http_server.url("/").rstrip("/"))


@pytest.fixture
def manager_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "data" / "spacy-models"


def test_download_install_and_use_a_model_with_progress(
    http_server: LocalHTTPServer, spacy_test_wheel: Path, manager_dir: Path
) -> None:
    manager = serve(http_server, spacy_test_wheel)
    seen: list[tuple[int, int | None]] = []
    model = manager.download_and_install(TEST_MODEL, progress=lambda done, total: seen.append((done, total)))
    assert model.name == TEST_MODEL and model.lang == "de" and model.version == TEST_VERSION
    assert (manager_dir / TEST_MODEL / "config.cfg").is_file()
    assert seen[-1] == (spacy_test_wheel.stat().st_size, spacy_test_wheel.stat().st_size)
    assert [m.name for m in manager.installed()] == [TEST_MODEL]
    assert manager.model_for("de") == model and manager.model_for("en") is None

    annotator = EntityAnnotator(manager)
    spans = annotator.recognize("Erika Mustermann besucht am Montag die Beispiel AG in Musterstadt.", "de")
    assert [(s.text, s.kind, s.detail) for s in spans] == [
        ("Erika Mustermann", SpanKind.PERSON, f"spacy:{TEST_MODEL}"),
        ("Beispiel AG", SpanKind.ORGANIZATION, f"spacy:{TEST_MODEL}"),
        ("Musterstadt", SpanKind.LOCATION, f"spacy:{TEST_MODEL}"),
    ]  # DATE is left to the date recognizer
    # English has no model: the built-in recognizer answers
    assert annotator.recognize("Talks in Berlin.", "en")[0].detail == "builtin"

    manager.remove(TEST_MODEL)
    assert manager.installed() == [] and manager.model_for("de") is None


def test_install_from_file_replaces_the_old_copy(spacy_test_wheel: Path, manager_dir: Path) -> None:
    manager = NerModelManager()
    manager.install_file(spacy_test_wheel)
    (manager_dir / TEST_MODEL / "stale.txt").write_text("old")
    model = manager.install_file(spacy_test_wheel)
    assert not (model.path / "stale.txt").exists()
    assert [p.name for p in manager_dir.iterdir()] == [TEST_MODEL]  # no staging folders left


def test_cancel_stops_the_download_and_installs_nothing(
    http_server: LocalHTTPServer, spacy_test_wheel: Path, manager_dir: Path
) -> None:
    manager = serve(http_server, spacy_test_wheel)
    token = CancelToken()

    def progress(done: int, total: int | None) -> None:
        if done:
            token.cancel()

    with pytest.raises(CancelledError):
        manager.download_and_install(TEST_MODEL, progress=progress, cancel=token)
    assert manager.installed() == []
    assert [p.name for p in manager_dir.iterdir()] == []


def test_missing_release_and_dead_server_are_calm_errors(
    http_server: LocalHTTPServer, spacy_test_wheel: Path, manager_dir: Path
) -> None:
    manager = serve(http_server, spacy_test_wheel)
    with pytest.raises(FetchError, match="404"):
        manager.download_and_install("de_core_news_sm")  # not served; version from the fallback table
    dead = NerModelManager(base_url="http://127.0.0.1:9", timeout=2)
    with pytest.raises(FetchError) as info:
        dead.download_and_install("de_core_news_sm")
    assert "\n" not in str(info.value)
    assert manager.installed() == []


def test_not_a_model_package_is_refused(tmp_path: Path, manager_dir: Path) -> None:
    manager = NerModelManager()
    text = tmp_path / "x.whl"
    text.write_text("not a zip")
    with pytest.raises(ModelError, match="not a spaCy model"):
        manager.install_file(text)
    evil = tmp_path / "evil.whl"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../evil/evil-1/config.cfg", "")
    with pytest.raises(ModelError, match="unsafe"):
        manager.install_file(evil)
    with pytest.raises(ModelError):
        manager.remove("de_core_news_sm")
    assert manager.installed() == []


def test_listing_and_catalog_stay_offline(
    no_network: list[str], spacy_test_wheel: Path, manager_dir: Path
) -> None:
    source = NerModelSource()
    assert source.installed_rows() == []
    rows = source.available_rows(refresh=False)
    assert {"de_core_news_sm", "en_core_web_sm", "xx_ent_wiki_sm"} <= {row[0] for row in rows}
    assert source.install(str(spacy_test_wheel), lambda done, total: None).startswith(
        f"installed {TEST_MODEL}"
    )
    assert source.installed_rows()[0][:3] == [TEST_MODEL, "de", TEST_VERSION]
    assert source.remove(TEST_MODEL) == f"removed {TEST_MODEL}"
