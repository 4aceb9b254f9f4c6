"""`reader models list | available | install | remove` against a local index server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.display import file_size, index_age
from reader.core.translate.display import package_summary
from reader.core.translate.packages import AvailablePackage
from tests.fixtures.http_server import LocalHTTPServer


@pytest.fixture
def reader_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_models_commands_end_to_end(
    reader_home: Path,
    http_server: LocalHTTPServer,
    tiny_argos_de_en: Path,
    tiny_argos_en_fr: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    link = http_server.route("/de_en.argosmodel", body=tiny_argos_de_en.read_bytes())
    index = [
        {"from_code": "de", "to_code": "en", "from_name": "German", "to_name": "English",
         "package_version": "1.0", "type": "translate", "links": [link]},
    ]  # fmt: skip
    monkeypatch.setenv(
        "READER_ARGOS_INDEX_URL", http_server.route("/index.json", body=json.dumps(index).encode())
    )

    assert main(["models", "list"]) == 0
    assert "no translation models installed" in capsys.readouterr().out

    assert main(["models", "available"]) == 0
    out = capsys.readouterr().out
    assert "de→en" in out and "German → English" in out and "installed" not in out

    assert main(["models", "install", "de-en"]) == 0
    captured = capsys.readouterr()
    assert "installed de→en" in captured.out and "downloading" in captured.err
    assert main(["models", "install", str(tiny_argos_en_fr)]) == 0
    assert "installed en→fr" in capsys.readouterr().out

    assert main(["models", "list"]) == 0
    listed = capsys.readouterr().out
    assert "de→en" in listed and "en→fr" in listed

    assert main(["models", "available", "--cached"]) == 0
    assert "installed" in capsys.readouterr().out

    assert main(["models", "remove", "de→en"]) == 0
    assert main(["models", "remove", "de→en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: No installed package") and err.count("\n") == 1

    bad = reader_home / "bad.argosmodel"
    bad.write_text("not a zip")
    assert main(["models", "install", str(bad)]) == 2
    assert "not a zip archive" in capsys.readouterr().err


def test_readable_labels_for_the_model_manager() -> None:
    package = AvailablePackage(
        "translate-de_en", "de", "en", "German", "English", "1.9", (), size_bytes=96_000_000
    )
    assert package_summary(package) == "German → English · version 1.9 · 96 MB"
    assert package_summary(package, locale="de") == "Deutsch → Englisch · version 1.9 · 96 MB"
    assert file_size(1_300_000, locale="en") == "1.3 MB" and file_size(None) == ""
    assert index_age(None) == "never downloaded"
    assert index_age(7300) == "updated 2 hours ago"
