"""Relevance is ranked among the newest matches (bounded work), and that never loses or hides results."""

from __future__ import annotations

import pytest

from reader.store import search
from reader.store.library import Library, LibraryFilter
from tests.store.conftest import article


@pytest.fixture
def many(library: Library, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    for i in range(8):
        title = "Ukraine Ukraine Ukraine" if i == 0 else f"Bericht {i}"  # the oldest is the most relevant
        saved = library.save_article(
            article(title=title, source=f"https://news.example.org/{i}", paragraphs=(f"Ukraine Nummer {i}.",))
        )
        if i % 2 == 0:
            library.add_tag(saved, "even")
    return library


def test_every_match_is_found_and_pages_do_not_overlap(many: Library) -> None:
    first = many.search("ukraine", limit=5)
    second = many.search("ukraine", limit=5, offset=5)
    ids = [hit.id for hit in first + second]
    assert len(ids) == 8 and len(set(ids)) == 8


def test_a_filter_that_empties_the_window_still_fills_the_page(many: Library) -> None:
    hits = many.search("ukraine", filter=LibraryFilter(tag="even"), limit=4)
    assert len(hits) == 4
    # Every match was ranked here: the old, most relevant article comes first.
    assert hits[0].title == "Ukraine Ukraine Ukraine"


def test_within_the_window_relevance_orders_the_page(many: Library) -> None:
    hits = many.search("ukraine", limit=3)
    assert len(hits) == 3
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
