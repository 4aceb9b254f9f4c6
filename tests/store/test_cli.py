"""`reader library …` end to end through the CLI entry point, on a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.store.library import Library
from tests.store.conftest import article, english


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    library, _ = Library.open(path)
    first = library.save_article(
        article(), translations=[english("b2", "A spokesman spoke of an open conflict.")], target_lang="en"
    )
    library.add_tag(first, "Energie")
    library.save_article(
        article(title="Second <story>", source="https://a.example/2", paragraphs=("Nur Text.",))
    )
    library.close()
    return path


def run(db: Path, *args: str) -> int:
    return main(["library", "--db", str(db), *args])


def test_list_and_search(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "list") == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2 and "Second <story>" in rows[0] and "[Energie]" in rows[1]
    assert run(db, "search", "konflikt") == 0
    out = capsys.readouterr().out
    assert "Gespräche in Zürich" in out and "[Konflikt]" in out
    assert run(db, "list", "--tag", "energie") == 0
    assert "Second" not in capsys.readouterr().out
    assert run(db, "search", "nothing-like-this") == 1


def test_show_and_export(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "show", "1") == 0
    out = capsys.readouterr().out
    assert "Tags:        Energie" in out and "Translated:  en" in out
    assert run(db, "export", "1", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["blocks"][2]["translation"]["text"] == "A spokesman spoke of an open conflict."
    target = tmp_path / "a.html"
    assert run(db, "export", "2", "--format", "html", "-o", str(target)) == 0
    assert "Second &lt;story&gt;" in target.read_text(encoding="utf-8")
    assert run(db, "export", "1", "--format", "md") == 0
    assert "> EN: A spokesman spoke of an open conflict." in capsys.readouterr().out


def test_remove_restore_and_missing_ids(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db, "remove", "2") == 0
    assert run(db, "list") == 0
    assert "Second" not in capsys.readouterr().out
    assert run(db, "restore", "2") == 0
    assert run(db, "remove", "2", "--purge") == 0
    assert run(db, "show", "2") == 2
    assert "There is no article 2 in the library." in capsys.readouterr().err


def test_export_all_and_import(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.json"
    assert run(db, "export-all", str(out)) == 0
    other = tmp_path / "other.sqlite3"
    assert run(other, "import", str(out)) == 0
    assert "2 added, 0 updated" in capsys.readouterr().err
    assert run(other, "import", str(out)) == 0
    assert "0 added, 2 updated" in capsys.readouterr().err
    assert run(other, "import", str(tmp_path / "missing.json")) == 2
    assert "Could not read" in capsys.readouterr().err


def test_ids_and_limits_too_big_for_sqlite_are_one_clear_error(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = str(2**64)
    for args in (["show", huge], ["remove", huge], ["export", huge], ["list", "--limit", huge]):
        with pytest.raises(SystemExit) as caught:
            run(db, *args)
        assert caught.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and ("no article has the id" in err or "whole number from 1" in err)
    assert run(db, "show", str(2**63 - 1)) == 2  # a valid number that names nothing: the usual message
    assert "Traceback" not in capsys.readouterr().err
