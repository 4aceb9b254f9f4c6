"""`reader export` runs on the window's assembly: installed spaCy models, the library's translation cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from tests.fixtures.spacy_models import TEST_MODEL

GERMAN_TEXT = (
    "Erika Mustermann besucht die Beispiel AG in Musterstadt.\n\n"
    "Die Gespräche mit der Regierung dauerten bis in die Nacht, und die Opposition kritisierte die "
    "Beschlüsse der Minister ausdrücklich.\n"
)


@pytest.fixture
def reader_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A private data dir for this test (library, packages, spaCy models)."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "data"


@pytest.fixture
def german_text(tmp_path: Path) -> Path:
    path = tmp_path / "besuch.txt"
    path.write_text(GERMAN_TEXT, encoding="utf-8")
    return path


def export(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["export", *args]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def entity_details(data: dict[str, Any]) -> set[tuple[str, str]]:
    return {(e["text"], e["detail"]) for block in data["blocks"] for e in block["entities"]}


def test_export_uses_an_installed_spacy_model(
    reader_home: Path, german_text: Path, spacy_test_wheel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = export(capsys, str(german_text))
    assert ("Musterstadt", f"spacy:{TEST_MODEL}") not in entity_details(before)
    assert main(["models", "install", str(spacy_test_wheel), "--kind", "ner"]) == 0
    capsys.readouterr()
    after = export(capsys, str(german_text))
    found = entity_details(after)
    assert ("Erika Mustermann", f"spacy:{TEST_MODEL}") in found
    assert ("Musterstadt", f"spacy:{TEST_MODEL}") in found


def test_second_export_is_answered_from_the_librarys_translation_cache(
    reader_home: Path, german_text: Path, argos_packages_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packages = reader_home / "argos-packages"
    shutil.copytree(argos_packages_dir, packages)
    first = export(capsys, str(german_text), "--to", "en")
    translated = [b["translation"] for b in first["blocks"] if b["translation"]["status"] == "translated"]
    assert translated, first
    assert (reader_home / "library.sqlite3").exists()
    # Break the models: the second export can only succeed if nothing is translated again.
    for weights in packages.rglob("model.bin"):
        weights.write_bytes(b"not a model")
    second = export(capsys, str(german_text), "--to", "en")
    assert [b["translation"] for b in second["blocks"]] == [b["translation"] for b in first["blocks"]]


def test_without_a_usable_library_export_still_translates(
    reader_home: Path,
    german_text: Path,
    argos_packages_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copytree(argos_packages_dir, reader_home / "argos-packages")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr("reader.store.library.library_path", lambda: blocker / "library.sqlite3")
    data = export(capsys, str(german_text), "--to", "en")
    assert any(b["translation"]["status"] == "translated" for b in data["blocks"])
    assert main(["export", str(german_text), "--to", "en", "--save"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Cannot create the library folder" in err[0]
