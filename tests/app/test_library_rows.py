"""Library rows: the title in the reader's language, the original under it."""

from __future__ import annotations

from dataclasses import replace

from reader.app.library_rows import library_row
from reader.store.models import ArticleSummary

SUMMARY = ArticleSummary(
    id=7, title="Gipfel in Brüssel", site="Testzeitung", source="https://example.org/a",
    languages=("de", "en"), published="2022-01-04", added=0.0, opened=None, progress=0.0,
    archived=False, favourite=False, deleted=False, tags=("eu",),
)  # fmt: skip


def test_a_translated_title_comes_first_with_the_original_under_it() -> None:
    row = library_row(replace(SUMMARY, title_translation="Summit in Brussels"))
    assert (row.title, row.original_title) == ("Summit in Brussels", "Gipfel in Brüssel")
    assert row.detail == "Testzeitung · DE/EN · 2022-01-04" and row.tags == ("eu",)


def test_without_a_translation_or_with_the_same_text_the_original_stands_alone() -> None:
    for translation in (None, "", "  ", "Gipfel in Brüssel"):
        row = library_row(replace(SUMMARY, title_translation=translation))
        assert (row.title, row.original_title) == ("Gipfel in Brüssel", "")
    assert library_row(replace(SUMMARY, title="")).title == "Untitled article"
