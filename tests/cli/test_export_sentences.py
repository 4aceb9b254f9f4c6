"""`reader export --format json` carries the translated title and every block's sentence pairs (issue 11's
contract for scripts), through the real command with the tiny Argos packages installed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

TITLE = "Die Regierung plant eine neue Brücke"
PAGE = f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><article><h1>{TITLE}</h1>
<p>Die Gespräche mit der Regierung dauerten bis in die Nacht. Die Opposition kritisierte die Beschlüsse
der Minister ausdrücklich.</p>
<p>Der Minister sagte am Dienstag, die Brücke über den Fluss werde im nächsten Jahr gebaut. Die Stadt plant
dafür einen neuen Markt.</p>
</article></body></html>
"""


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argos_packages_dir: Path) -> Path:
    """A private data dir with the tiny de→en and en→fr packages installed; returns the page to export."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(argos_packages_dir, tmp_path / "data" / "argos-packages")
    page = tmp_path / "regierung.html"
    page.write_text(PAGE, encoding="utf-8")
    return page


def export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["export", *args]) == 0
    return capsys.readouterr().out


def test_json_has_the_title_translation_and_sentence_pairs(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data: dict[str, Any] = json.loads(export(capsys, str(installed), "--to", "en", "--no-annotate"))
    title = data["title_translation"]
    assert set(title) == {"status", "text"} and title["status"] == "translated" and title["text"]
    assert data["title"] == TITLE
    for block in data["blocks"]:
        translation = block["translation"]
        assert translation["status"] == "translated"
        sentences = translation["sentences"]
        assert len(sentences) == 2
        source_end = target_end = 0
        covered = []
        for pair in sentences:
            assert set(pair) == {"source", "target", "score", "origin"}
            (s0, s1), (t0, t1) = pair["source"], pair["target"]
            assert source_end <= s0 < s1 <= len(block["text"]) and target_end <= t0 <= t1
            assert pair["origin"] == "model" and isinstance(pair["score"], float) and pair["score"] < 0
            covered.append(block["text"][s0:s1])
            source_end, target_end = s1, t1
        # Together the source spans cover every sentence of the block, in order, and nothing else.
        assert " ".join(covered) == " ".join(block["text"].split())
        assert target_end == len(translation["text"])


def test_without_a_target_there_is_no_title_translation(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(export(capsys, str(installed), "--no-annotate"))
    assert data["title_translation"] is None
    assert all("translation" not in block for block in data["blocks"])


def test_markdown_and_html_show_the_translated_title(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(export(capsys, str(installed), "--to", "en", "--no-annotate"))
    translated = data["title_translation"]["text"]
    markdown = export(capsys, str(installed), "--to", "en", "--no-annotate", "--format", "md")
    lines = markdown.splitlines()
    assert (
        lines[0] == f"# {TITLE}"
        and lines[2].startswith("> ")
        and lines[2][2:].replace("\\", "") == translated
    )
    page = export(capsys, str(installed), "--to", "en", "--no-annotate", "--format", "html")
    assert '<p class="title-translation" lang="en">' in page
    assert page.index("<h1>") < page.index('<p class="title-translation"') < page.index("<table>")


def test_the_librarys_memory_and_glossary_shape_the_export(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction and a glossary term kept in the library are used by `reader export` (Services wires the
    library's SQLite memory and glossary into the engine)."""
    from reader.core.translate.memory import GlossaryTerm, MemoryEntry
    from reader.store.library import Library
    from reader.store.memory import SqliteGlossary, SqliteTranslationMemory

    first = json.loads(export(capsys, str(installed), "--to", "en", "--no-annotate"))
    sentence = "Die Gespräche mit der Regierung dauerten bis in die Nacht."
    library, _notice = Library.open()
    try:
        SqliteTranslationMemory(library).add(
            MemoryEntry("de", "en", sentence, "The talks went on all night.")
        )
        SqliteGlossary(library).add(GlossaryTerm("de", "en", "Markt", "market square"))
    finally:
        library.close()
    data = json.loads(export(capsys, str(installed), "--to", "en", "--no-annotate"))
    corrected, with_term = (block["translation"] for block in data["blocks"])
    pair = corrected["sentences"][0]
    assert pair["origin"] == "memory" and pair["score"] is None
    assert corrected["text"][pair["target"][0] : pair["target"][1]] == "The talks went on all night."
    assert corrected["sentences"][1] == first["blocks"][0]["translation"]["sentences"][1] | {
        "target": corrected["sentences"][1]["target"]
    }
    last = with_term["sentences"][-1]
    assert last["origin"] == "glossary"
    assert "market square" in with_term["text"][last["target"][0] : last["target"][1]]
