"""Saving, updating, reading state and deleting articles in the library."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.document import BlockAnnotations, Span, SpanKind
from reader.core.errors import StoreError
from reader.store import transfer
from reader.store.library import Library, LibraryFilter
from tests.store.conftest import article, english


def test_a_saved_article_comes_back_complete(library: Library) -> None:
    original = article()
    notes = {"b0": BlockAnnotations("b0", (Span(32, 38, SpanKind.LOCATION, "Zürich", "Zürich"),))}
    article_id = library.save_article(
        original,
        translations=[english("b0", "The foreign ministers met in Zurich.")],
        annotations=notes,
        target_lang="en",
    )
    stored = library.get(article_id)
    assert stored.article.title == original.title
    assert [b.text for b in stored.article.blocks] == [b.text for b in original.blocks]
    assert [b.lang for b in stored.article.blocks] == ["de", "en", "de"]
    assert stored.translations[0].text == "The foreign ministers met in Zurich."
    assert stored.annotations["b0"].original[0].text == "Zürich"
    assert stored.target_lang == "en"
    assert not stored.archived and not stored.deleted and stored.opened is None


def test_the_page_furniture_left_out_comes_back_from_the_library(library: Library, tmp_path: Path) -> None:
    """ "Show what was left out" works on an article opened from the library, not only from its file."""
    from dataclasses import replace

    page = replace(article(), dropped=("Vernetzen Sie sich mit uns", "SHARE:", "Trending"))
    article_id = library.save_article(page)
    assert library.get(article_id).article.dropped == page.dropped
    library.save_article(replace(page, dropped=("SHARE:",)))  # saved again: the newer list wins
    assert library.get(article_id).article.dropped == ("SHARE:",)
    backup = tmp_path / "backup.json"  # and a library backup keeps it
    transfer.export_all(library, backup)
    restored, _ = Library.open(tmp_path / "restored.sqlite3")
    transfer.import_file(restored, backup)
    assert restored.get(restored.stored_ids()[0]).article.dropped == ("SHARE:",)
    restored.close()


def test_saving_the_same_url_again_updates_and_keeps_tags_and_position(library: Library) -> None:
    first = library.save_article(
        article(source="https://News.Example.org:443/politik/gespraeche?utm_source=rss")
    )
    library.set_tags(first, ["Politik", "Schweiz"])
    library.set_position(first, "b2", 14)
    changed = article(
        title="Gespräche in Zürich (aktualisiert)", source="https://news.example.org/politik/gespraeche#top"
    )
    second = library.save_article(changed)
    assert second == first
    assert library.count() == 1
    stored = library.get(first)
    assert stored.article.title == "Gespräche in Zürich (aktualisiert)"
    assert stored.tags == ("Politik", "Schweiz")
    assert (stored.position_block_id, stored.position_offset) == ("b2", 14)


def test_identical_content_from_another_place_is_not_duplicated(library: Library) -> None:
    first = library.save_article(article(source="/tmp/saved-page.html"))
    assert library.save_article(article(source="https://mirror.example.net/copy")) == first
    assert library.count() == 1


def test_an_edited_paragraph_loses_only_its_own_translation(library: Library) -> None:
    article_id = library.save_article(
        article(), translations=[english("b0", "Ministers met."), english("b2", "An open conflict.")]
    )
    edited = article(
        paragraphs=(
            "Die Außenminister trafen sich am Dienstag in Zürich zu neuen Gesprächen.",
            "Officials said the talks would continue next week in Geneva.",
            "Ein Sprecher sprach von einem Streit über die Energiepreise.",
        )
    )
    library.save_article(edited)
    assert [t.block_id for t in library.get(article_id).translations] == ["b0"]


def test_language_correction_is_applied_when_loading(library: Library) -> None:
    article_id = library.save_article(article(), translations=[english("b0", "Ministers met.")])
    library.set_block_language(article_id, "b0", "nl")
    block = library.get(article_id).article.block("b0")
    assert (block.lang, block.confidence, block.runs) == ("nl", 1.0, ())
    assert library.get(article_id).translations == ()  # translated from the wrong language: dropped
    library.set_block_language(article_id, "b0", None)
    assert library.get(article_id).article.block("b0").lang == "de"


def test_list_shows_progress_unread_and_sorts(library: Library) -> None:
    older = library.save_article(article(title="Zebra", source="https://a.example/1", published="2020-01-01"))
    newer = library.save_article(
        article(title="Alpaka", source="https://a.example/2", published="2023-06-01")
    )
    library.set_position(older, "b1")
    library.mark_opened(older)
    rows = library.list_articles()
    assert [r.id for r in rows] == [newer, older]
    assert rows[1].progress == pytest.approx(2 / 3) and not rows[1].unread and rows[0].unread
    assert rows[0].languages == ("de", "en")
    assert [r.title for r in library.list_articles(sort="title")] == ["Alpaka", "Zebra"]
    assert [r.id for r in library.list_articles(sort="published")] == [newer, older]
    assert [r.id for r in library.list_articles(filter=LibraryFilter(unread=True))] == [newer]


def test_archive_tags_and_filters(library: Library) -> None:
    a = library.save_article(article(source="https://a.example/1"))
    b = library.save_article(
        article(title="Other", source="https://a.example/2", paragraphs=("Only English here.",))
    )
    library.add_tag(a, "Energie")
    library.add_tag(a, "energie")  # same tag, any case
    library.set_archived(b)
    assert [r.id for r in library.list_articles()] == [a]
    assert [r.id for r in library.list_articles(filter=LibraryFilter(archived=True))] == [b]
    assert {r.id for r in library.list_articles(filter=LibraryFilter(archived=None))} == {a, b}
    assert [r.id for r in library.list_articles(filter=LibraryFilter(tag="ENERGIE"))] == [a]
    assert library.list_articles(filter=LibraryFilter(language="en", archived=None))[0].id in (a, b)
    assert library.all_tags() == ["Energie"]
    library.remove_tag(a, "Energie")
    assert library.all_tags() == []


def test_delete_undo_and_purge(library: Library) -> None:
    article_id = library.save_article(article())
    library.delete(article_id)
    assert library.list_articles() == [] and library.search("Zürich") == []
    assert library.find_by_source("https://news.example.org/politik/gespraeche") is None
    library.undelete(article_id)
    assert [r.id for r in library.list_articles()] == [article_id]
    library.delete(article_id)
    assert library.purge_deleted() == 1
    with pytest.raises(StoreError, match="no article"):
        library.get(article_id)


def test_threads_share_one_library(library: Library) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(5):
                library.save_article(article(title=f"T{n}-{i}", source=f"https://t.example/{n}/{i}"))
                library.search("Zürich")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert library.count() == 15
