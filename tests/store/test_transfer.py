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
