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


def test_a_pasted_page_as_query_is_cut_with_a_note_and_still_finds(
    filled: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    """14,000 terms took 564 s (cost grows with the square of the terms); the query is cut to its start."""
    import time

    from reader.cli import main
    from reader.store.search_query import MAX_WORDS, parse, query_note

    pasted = "Ukraine " + " ".join(f"word{i}" for i in range(14_000))
    assert sum(len(term.words) for term in parse(pasted)) == MAX_WORDS
    assert sum(len(term.words) for term in parse('"' + pasted)) == MAX_WORDS  # one giant phrase too
    started = time.perf_counter()
    assert filled.search(pasted) == []  # every term must match: the extra words match nothing
    assert filled.search("Ukraine " * 5_000)[0].summary.title == "Ukrainian grain exports resume"
    assert time.perf_counter() - started < 10
    assert query_note(pasted) is not None and query_note("Ukraine grain") is None
    assert main(["library", "--db", str(filled.path), "search", "Ukraine " * 5_000]) == 0
    assert capsys.readouterr().err.strip() == f"reader: {query_note('Ukraine ' * 5_000)}"
