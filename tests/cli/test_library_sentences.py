"""`reader library export --format tsv|tmx|anki-csv`, memory entries in `library search`, `reader memory`
and `reader glossary`, through the real command line on a real library file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document import TITLE_BLOCK_ID, SentencePair, Translation, TranslationStatus
from reader.core.tmx import read_tmx
from reader.store.library import Library
from tests.store.conftest import article

PARAGRAPH = "Die Außenminister trafen sich in Zürich. Sie sprachen über Energie."
TRANSLATED = "The foreign ministers met in Zurich. They talked about energy."
SPLIT, SPLIT_EN = PARAGRAPH.index(" Sie"), TRANSLATED.index(" They")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite3"
    library, _ = Library.open(path)
    title = "Talks in Zurich about the winter"
    library.save_article(
        article(paragraphs=(PARAGRAPH,)),
        translations=[
            Translation(
                TITLE_BLOCK_ID,
                "en",
                TranslationStatus.TRANSLATED,
                title,
                "de",
                sentences=(SentencePair((0, 35), (0, len(title)), -0.1),),
            ),
            Translation(
                "b0",
                "en",
                TranslationStatus.TRANSLATED,
                TRANSLATED,
                "de",
                sentences=(
                    SentencePair((0, SPLIT), (0, SPLIT_EN), -0.2),
                    SentencePair((SPLIT + 1, len(PARAGRAPH)), (SPLIT_EN + 1, len(TRANSLATED)), -1.5),
                ),
            ),
        ],
        target_lang="en",
    )
    library.save_article(
        article(title="Unübersetzt", source="https://a.example/2", paragraphs=("Nur Text.",))
    )
    library.close()
    return path


def test_export_sentence_pairs_as_tsv_tmx_and_anki_csv(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "--db", str(db), "export", "1", "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Gespräche in Zürich über den Winter\tTalks in Zurich about the winter",
        "Die Außenminister trafen sich in Zürich.\tThe foreign ministers met in Zurich.",
        "Sie sprachen über Energie.\tThey talked about energy.",
    ]
    tmx_path = tmp_path / "pairs.tmx"
    assert main(["library", "--db", str(db), "export", "1", "--format", "tmx", "-o", str(tmx_path)]) == 0
    assert [(p.source_lang, p.target_lang, p.target) for p in read_tmx(tmx_path)][2] == (
        "de",
        "en",
        "They talked about energy.",
    )
    anki = tmp_path / "cards.csv"
    assert main(["library", "--db", str(db), "export", "1", "--format", "anki-csv", "-o", str(anki)]) == 0
    lines = anki.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["#separator:comma", "#html:true", "#columns:Front,Back,Title,Source"]
    cards = list(csv.reader(io.StringIO("\n".join(lines[3:]))))
    assert cards[1] == [
        "Die Außenminister trafen sich in Zürich.",
        "The foreign ministers met in Zurich.",
        "Gespräche in Zürich über den Winter",
        "https://news.example.org/politik/gespraeche",
    ]


def test_show_gives_the_translated_title(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "--db", str(db), "show", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "Title:       Gespräche in Zürich über den Winter",
        "Title (en):  Talks in Zurich about the winter",
    ]


def test_an_article_without_translated_sentences_is_one_clear_error(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "--db", str(db), "export", "2", "--format", "tsv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: Article 2 has no translated sentences") and err.count("\n") == 1
    assert main(["library", "--db", str(db), "export", "1", "--format", "anki-csv", "--to", "fr"]) == 2
    assert "into fr" in capsys.readouterr().err


def test_corrections_from_the_command_line_are_found_by_library_search_and_travel_as_tmx(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = ["memory", "--db", str(db)]
    assert (
        main(
            [
                *memory,
                "add",
                "--from",
                "de",
                "--to",
                "en",
                "Sie sprachen über Energie.",
                "They discussed energy.",
            ]
        )
        == 0
    )
    assert main([*memory, "add", "--from", "de", "--to", "en", "Ein anderer Satz.", "Another sentence."]) == 0
    capsys.readouterr()
    # Full-text search finds the article and the memory entry ("energ*" matches both).
    assert main(["library", "--db", str(db), "search", "energ*"]) == 0
    out = capsys.readouterr().out
    assert "Gespräche in Zürich" in out
    assert "Translation memory: 1 matching entry" in out and "They discussed energy." in out
    # A word only the memory has: no article, but the entry (exit 0).
    assert main(["library", "--db", str(db), "search", "discussed"]) == 0
    captured = capsys.readouterr()
    assert "They discussed energy." in captured.out and "No articles match." in captured.err
    assert main([*memory, "list", "diskussion"]) == 1
    assert main([*memory, "list", "energie"]) == 0
    assert "They discussed energy." in capsys.readouterr().out
    exported = tmp_path / "memory.tmx"
    assert main([*memory, "export", str(exported)]) == 0
    other = tmp_path / "other.sqlite3"
    assert main(["memory", "--db", str(other), "import", str(exported)]) == 0
    assert "Imported 2 translation pairs" in capsys.readouterr().err
    assert main(["memory", "--db", str(other), "list"]) == 0
    assert "Another sentence." in capsys.readouterr().out
    assert main([*memory, "remove", "1"]) == 0
    assert main([*memory, "remove", "1"]) == 2
    assert capsys.readouterr().err.endswith("reader: There is no translation memory entry 1.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["memory", "import", "/nonexistent/file.tmx"], "Could not read"),
        (["memory", "add", "--from", "deutsch", "--to", "en", "Satz.", "Sentence."], "not a language code"),
        (["memory", "add", "--from", "de", "--to", "en", " ", "Sentence."], "source sentence is empty"),
        (["memory", "export", "/nonexistent/folder/out.tmx"], "Could not write"),
        (["glossary", "remove", "7"], "There is no glossary term 7"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(
    db: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([args[0], "--db", str(db), *args[1:]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_glossary_terms_from_the_command_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = ["glossary", "--db", str(db)]
    assert main([*glossary, "list"]) == 1
    assert main([*glossary, "add", "--from", "de", "--to", "en", "Deutsche Bahn"]) == 0
    assert main([*glossary, "add", "--from", "de", "--to", "en", "Bahn", "railway"]) == 0
    capsys.readouterr()
    assert main([*glossary, "list", "--to", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["     2  de→en  Bahn  →  railway", "     1  de→en  Deutsche Bahn  →  (kept as is)"]
    library, _ = Library.open(db)
    from reader.store.memory import SqliteGlossary

    assert [t.source for t in SqliteGlossary(library).terms("de", "en")] == ["Deutsche Bahn", "Bahn"]
    library.close()
    assert main([*glossary, "remove", "1"]) == 0
