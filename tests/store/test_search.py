"""Full-text search: folded diacritics, prefixes, phrases, translations, safe input, filters and sorting."""

from __future__ import annotations

import pytest

from reader.store.library import Library, LibraryFilter
from reader.store.search_query import fts_query
from tests.store.conftest import article, english


@pytest.fixture
def filled(library: Library) -> Library:
    first = library.save_article(
        article(), translations=[english("b2", "A spokesman spoke of an open conflict over energy prices.")]
    )
    library.add_tag(first, "Energie")
    library.save_article(
        article(
            title="Ukrainian grain exports resume",
            source="https://news.example.org/grain",
            paragraphs=("Ships left Odesa on Monday.", "Die Ukraine exportiert wieder Getreide."),
            published="2022-08-01",
        )
    )
    return library


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("zurich", ["Gespräche in Zürich über den Winter"]),  # diacritics folded
        ("ZÜRICH", ["Gespräche in Zürich über den Winter"]),
        ("ukrai*", ["Ukrainian grain exports resume"]),  # prefix
        ('"offenen Konflikt"', ["Gespräche in Zürich über den Winter"]),  # phrase
        ('"Konflikt offenen"', []),  # a phrase keeps its order
        ("energy prices", ["Gespräche in Zürich über den Winter"]),  # found through the translation
        ("Odesa Getreide", ["Ukrainian grain exports resume"]),  # every word must match
        ("Odesa Zürich", []),
    ],
)
def test_queries(filled: Library, query: str, titles: list[str]) -> None:
    assert [hit.title for hit in filled.search(query)] == titles


@pytest.mark.parametrize(
    "query", ['"', "-", "AND", "a OR", "(Zürich", "NEAR(", "*", "col:x", "'; DROP TABLE articles;--"]
)
def test_anything_typed_is_safe(filled: Library, query: str) -> None:
    filled.search(query)  # no FTS or SQL syntax error reaches the user
    assert filled.count() == 2


def test_operators_are_plain_words() -> None:
    assert fts_query("krieg AND frieden") == '"krieg" "AND" "frieden"'
    assert fts_query('ukrai* "offenen Konflikt"') == '"ukrai" * "offenen Konflikt"'


def test_snippet_marks_the_match(filled: Library) -> None:
    [hit] = filled.search("Konflikt")
    assert "[Konflikt]" in hit.snippet
    [hit] = filled.search("Konflikt", markers=("<b>", "</b>"))
    assert "<b>Konflikt</b>" in hit.snippet


def test_filters_and_sorting(filled: Library) -> None:
    assert [h.title for h in filled.search("die", filter=LibraryFilter(tag="energie"))] == [
        "Gespräche in Zürich über den Winter"
    ]
    early = LibraryFilter(published_to="2023-01-01")
    assert [h.title for h in filled.search("die", filter=early)] == ["Ukrainian grain exports resume"]
    assert [h.title for h in filled.search("die", sort="published")] == [
        "Gespräche in Zürich über den Winter",
        "Ukrainian grain exports resume",
    ]
    assert [h.title for h in filled.search("die", sort="title")][0] == "Gespräche in Zürich über den Winter"
    grain = filled.search("grain")[0].id
    filled.set_archived(grain)
    assert filled.search("grain") == []
    assert [h.id for h in filled.search("grain", filter=LibraryFilter(archived=True))] == [grain]


def test_title_matches_rank_first(library: Library) -> None:
    library.save_article(
        article(title="Wetter", source="https://x.example/1", paragraphs=("Regen in Bern.",) * 3)
    )
    library.save_article(
        article(title="Bern wählt", source="https://x.example/2", paragraphs=("Wahlen heute.",))
    )
    assert [h.title for h in library.search("bern")][0] == "Bern wählt"
