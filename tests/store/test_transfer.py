"""Export the whole library to JSON and import it back, merging by source, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.document import BlockAnnotations, Span, SpanKind
from reader.core.errors import StoreError
from reader.store import transfer
from reader.store.library import Library
from tests.store.conftest import article, english


def fill(library: Library) -> int:
    first = library.save_article(
        article(),
        translations=[english("b0", "The ministers met in Zurich.")],
        annotations={"b0": BlockAnnotations("b0", (Span(45, 51, SpanKind.LOCATION, "Zürich", "Zürich"),))},
        target_lang="en",
    )
    library.set_tags(first, ["Energie", "Schweiz"])
    library.set_position(first, "b2", 7)
    library.set_favourite(first)
    library.set_block_language(first, "b1", "en")
    second = library.save_article(
        article(title="Zweiter", source="https://a.example/2", paragraphs=("Nur Text.",))
    )
    library.set_archived(second)
    gone = library.save_article(article(title="Weg", source="https://a.example/3", paragraphs=("Gelöscht.",)))
    library.delete(gone)
    return first


def test_round_trip_into_a_fresh_library(library: Library, tmp_path: Path) -> None:
    first = fill(library)
    out = tmp_path / "export.json"
    assert transfer.export_all(library, out) == 2  # the trash is not exported
    fresh, _ = Library.open(tmp_path / "other.sqlite3")
    result = transfer.import_file(fresh, out)
    assert (result.added, result.updated, result.skipped) == (2, 0, 0)
    before, after = library.get(first), fresh.get(fresh.find_by_source(before_source(library, first)) or 0)
    assert after.article == before.article
    assert after.translations == before.translations
    assert after.annotations == before.annotations
    assert (after.tags, after.position_block_id, after.position_offset) == (before.tags, "b2", 7)
    assert after.favourite and after.added == before.added
    assert fresh.search("Zurich")[0].title == before.article.title
    assert [s.title for s in fresh.list_articles(sort="title") if s.archived] == []
    fresh.close()


def before_source(library: Library, article_id: int) -> str:
    return library.get(article_id).article.source


def test_importing_twice_changes_nothing(library: Library, tmp_path: Path) -> None:
    fill(library)
    out = tmp_path / "export.json"
    transfer.export_all(library, out)
    result = transfer.import_file(library, out)
    assert (result.added, result.updated) == (0, 2)
    result = transfer.import_file(library, out)
    assert (result.added, result.updated) == (0, 2)
    assert library.count() == 2
    again = tmp_path / "again.json"
    transfer.export_all(library, again)
    articles = lambda p: json.loads(p.read_text(encoding="utf-8"))["articles"]  # noqa: E731
    assert articles(again) == articles(out)


def test_import_merges_tags_into_an_existing_article(library: Library, tmp_path: Path) -> None:
    first = fill(library)
    out = tmp_path / "export.json"
    transfer.export_all(library, out)
    library.set_tags(first, ["Lokal"])
    transfer.import_file(library, out)
    assert library.get(first).tags == ("Energie", "Lokal", "Schweiz")


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"format": "other"}', "not a Reader library export")],
)
def test_a_wrong_file_is_a_clear_message(
    library: Library, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        transfer.import_file(library, path)


def test_a_broken_entry_is_skipped_not_fatal(library: Library, tmp_path: Path) -> None:
    fill(library)
    out = tmp_path / "export.json"
    transfer.export_all(library, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["articles"].append({"title": "no blocks"})
    out.write_text(json.dumps(data), encoding="utf-8")
    fresh, _ = Library.open(tmp_path / "other.sqlite3")
    result = transfer.import_file(fresh, out)
    assert (result.added, result.skipped) == (2, 1)
    fresh.close()


def test_export_to_an_unwritable_place_is_a_clear_message(library: Library, tmp_path: Path) -> None:
    fill(library)
    with pytest.raises(StoreError, match="Could not write"):
        transfer.export_all(library, tmp_path / "missing-folder" / "export.json")


# -- hostile import files (issue 14 items 2, 4, 8) ----------------------------------------------------------
def _export_with(library: Library, tmp_path: Path, *entries: dict[str, object]) -> Path:
    fill(library)
    out = tmp_path / "export.json"
    transfer.export_all(library, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    good = data["articles"][0]
    data["articles"] = [
        {**good, "source": f"https://hostile.example/{i}", **entry} for i, entry in enumerate(entries)
    ]
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_entries_with_impossible_values_are_skipped_with_reasons_and_the_library_still_works(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    path = _export_with(
        library,
        tmp_path,
        {"added_at": 1e300},
        {"added_at": -1e15},
        {"opened_at": "yesterday"},
        {"source": "javascript://%0Aalert(1)//"},
        {"blocks": [{"id": "b0", "kind": "paragraph", "text": "x", "runs": [[0, 99, "de", 1.0]]}]},
        {"tags": [[[["deep"]]]]},
        {"title": "Fine \x1b]0;pwned\x07title \u202eexe.jpg"},
    )
    db = tmp_path / "fresh.sqlite3"
    assert main(["library", "--db", str(db), "import", str(path)]) == 0
    summary = capsys.readouterr().err
    assert "1 added, 0 updated, 6 skipped" in summary
    for reason in (
        "added_at is not a time between 1970 and 9999",
        "opened_at is not a number",
        "source is neither an http(s) address nor a file path",
        "a run end is out of range",
        "a tag is not text",
    ):
        assert reason in summary
    assert len(summary.splitlines()) == 1
    for command in (["list"], ["show", "1"], ["search", "Zürich"]):
        assert main(["library", "--db", str(db), *command]) == 0
    out = capsys.readouterr().out
    assert "Fine title exe.jpg" in out and "\x1b" not in out and "pwned" not in out


def test_a_bad_entry_leaves_what_is_stored_untouched(library: Library, tmp_path: Path) -> None:
    path = _export_with(
        library, tmp_path, {"source": "https://news.example.org/politik/gespraeche", "updated_at": 1e300}
    )
    before = library.get(1)
    result = transfer.import_file(library, path)
    assert (result.added, result.updated, result.skipped) == (0, 0, 1)
    assert library.get(1) == before


def test_a_deeply_nested_or_oversized_file_is_refused_with_one_line(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "reader-library", "articles": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(StoreError, match="nested too deeply"):
        transfer.import_file(library, deep)
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 1024)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "reader-library", "articles": [], "pad": "x" * 2048}))
    with pytest.raises(StoreError, match=r"too big to import .* the limit is"):
        transfer.import_file(library, big)
    assert library.count() == 0
