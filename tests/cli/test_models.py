"""`reader models` lists and installs both kinds of model: translation packages and NER pipelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main


def test_models_install_list_remove_both_kinds(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tiny_argos_de_en: Path,
    spacy_test_wheel: Path,
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["models", "install", str(tiny_argos_de_en)]) == 0
    assert main(["models", "install", str(spacy_test_wheel), "--kind", "ner"]) == 0
    capsys.readouterr()
    assert main(["models", "list"]) == 0
    listing = capsys.readouterr().out
    assert "de" in listing and "en" in listing and "de_test_ner" in listing
    assert main(["models", "remove", "de_test_ner", "--kind", "ner"]) == 0
    capsys.readouterr()
    assert main(["models", "list", "--kind", "ner"]) == 0
    assert "de_test_ner" not in capsys.readouterr().out


def test_installing_a_non_model_is_one_line_and_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    bogus = tmp_path / "not-a-model.argosmodel"
    bogus.write_bytes(b"hello")
    assert main(["models", "install", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", [[], ["--kind", "ner"]])
def test_install_from_the_home_of_nobody_is_one_line(
    kind: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["models", "install", "~nouser-reader-test/x.argosmodel", *kind]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1 and "Traceback" not in err
