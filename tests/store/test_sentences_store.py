"""Sentence pairs and the translated title in the library: saved, loaded, validated, listed and searched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    SentenceOrigin,
    SentencePair,
    Translation,
    TranslationStatus,
)
from reader.store.library import Library
from reader.store.models import LibraryFilter
from tests.store.conftest import article, english
from tests.store.old_schema import insert_article, old_library

B0_TEXT = "Die Außenminister trafen sich am Dienstag in Zürich. Sie sprachen lange."
B0_TRANSLATION = "The foreign ministers met in Zurich on Tuesday. They talked for a long time."


def _two_sentences() -> Translation:
    pairs = (
        SentencePair((0, 52), (0, 47), -0.31, SentenceOrigin.MODEL),
        SentencePair((53, 72), (48, 76), None, SentenceOrigin.MEMORY),
    )
    return Translation("b0", "en", TranslationStatus.TRANSLATED, B0_TRANSLATION, "de", "de→en", pairs)


def _title(text: str = "Talks in Zurich about the winter") -> Translation:
    pairs = (SentencePair((0, 35), (0, len(text)), -0.12, SentenceOrigin.GLOSSARY),)
    return Translation(TITLE_BLOCK_ID, "en", TranslationStatus.TRANSLATED, text, "de", None, pairs)


def _article_with_b0() -> Article:
    return article(paragraphs=(B0_TEXT, "Officials said the talks would continue next week in Geneva."))


def test_sentence_pairs_scores_and_origins_survive_a_save_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    library, _ = Library.open(path)
    saved = library.save_article(
        _article_with_b0(), translations=[_two_sentences(), _title()], target_lang="en"
    )
    library.close()
    reopened, _ = Library.open(path)
    stored = reopened.get(saved)
    by_block = {t.block_id: t for t in stored.translations}
    assert by_block["b0"].sentences == _two_sentences().sentences
    assert by_block[TITLE_BLOCK_ID].sentences == _title().sentences
    # The title comes first, as it is shown and translated first.
    assert stored.translations[0].block_id == TITLE_BLOCK_ID
    reopened.close()


def test_a_corrected_sentence_replaces_the_stored_pairs(library: Library) -> None:
    saved = library.save_article(_article_with_b0(), translations=[_two_sentences()], target_lang="en")
    corrected = Translation(
        "b0",
        "en",
        TranslationStatus.TRANSLATED,
        "Ministers met in Zurich. They talked for a long time.",
        "de",
        None,
        (SentencePair((0, 52), (0, 24), None, SentenceOrigin.MEMORY), SentencePair((53, 72), (25, 53))),
    )
    library.save_translations(saved, [corrected], "en")
    (stored,) = [t for t in library.get(saved).translations if t.block_id == "b0"]
    assert stored.sentences == corrected.sentences
    assert stored.text == corrected.text


def test_pairs_that_do_not_fit_their_texts_are_dropped_on_load_not_crashing(library: Library) -> None:
    saved = library.save_article(_article_with_b0(), translations=[_two_sentences()], target_lang="en")
    broken = [
        '[[0,52,0,4700,-0.3,"model"]]',  # target offset past the translation's end
        '[[0,52,0,47,-0.3,"oracle"]]',  # unknown origin
        '[[0,52,0,47,"high","model"]]',  # score not a number
        '{"not": "a list"}',
        "not json at all",
    ]
    for data in broken:
        library.write(
            lambda conn, data=data: conn.execute(
                "UPDATE article_translations SET sentences = ? WHERE article_id = ? AND block_id = 'b0'",
                (data, saved),
            )
        )
        (stored,) = [t for t in library.get(saved).translations if t.block_id == "b0"]
        assert stored.sentences == ()
        assert stored.text == B0_TRANSLATION  # the translation itself is kept


def test_the_translated_title_shows_in_the_list_and_in_search_results(library: Library) -> None:
    saved = library.save_article(
        _article_with_b0(), translations=[_title(), english("b1", "Offizielle sagten...")], target_lang="en"
    )
    other = library.save_article(article(title="Ohne Übersetzung", source="https://example.org/2"))
    rows = {s.id: s for s in library.list_articles()}
    assert rows[saved].title_translation == "Talks in Zurich about the winter"
    assert rows[other].title_translation is None
    # A word only the translated title has finds the article, shown with its translated title.
    hits = library.search("winter talks")
    assert [h.id for h in hits] == [saved]
    assert hits[0].summary.title_translation == "Talks in Zurich about the winter"


def test_the_title_translation_follows_the_language_it_was_last_read_in(library: Library) -> None:
    french = Translation(TITLE_BLOCK_ID, "fr", TranslationStatus.TRANSLATED, "Pourparlers à Zurich", "de")
    saved = library.save_article(_article_with_b0(), translations=[_title(), french], target_lang="en")
    assert library.list_articles()[0].title_translation == "Talks in Zurich about the winter"
    library.save_translations(saved, [french], "fr")
    assert library.list_articles()[0].title_translation == "Pourparlers à Zurich"
    # The same-language "translation" of a title (no text) shows no translated title.
    same = Translation(TITLE_BLOCK_ID, "de", TranslationStatus.SAME_LANGUAGE, None, "de")
    library.save_translations(saved, [same], "de")
    assert library.list_articles()[0].title_translation is None


def test_a_changed_title_drops_the_old_title_translation(library: Library) -> None:
    saved = library.save_article(_article_with_b0(), translations=[_title()], target_lang="en")
    library.save_article(article(title="Neue Gespräche in Genf", paragraphs=(B0_TEXT, "Officials said.")))
    assert TITLE_BLOCK_ID not in {t.block_id for t in library.get(saved).translations}
    assert library.list_articles()[0].title_translation is None
    assert library.search("winter") == []


def test_a_schema_3_library_is_migrated_keeping_everything(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = old_library(path, 3)
    article_id = insert_article(
        conn,
        "Alte Nachrichten aus Bern",
        ("Der Rat tagte am Montag.", "Es gab keine Einigung."),
        translations=("The council met on Monday.", "There was no agreement."),
    )
    conn.close()
    library, notice = Library.open(path)
    assert notice is None
    stored = library.get(article_id)
    assert [b.text for b in stored.article.blocks] == ["Der Rat tagte am Montag.", "Es gab keine Einigung."]
    assert [t.text for t in stored.translations] == ["The council met on Monday.", "There was no agreement."]
    assert all(t.sentences == () for t in stored.translations)  # none were kept before schema 5
    assert [h.id for h in library.search("agreement")] == [article_id]
    assert library.count(LibraryFilter()) == 1
    assert len(list(tmp_path.glob("library.sqlite3.v3-*.bak"))) == 1  # backed up before migrating
    # The new tables work on the migrated file.
    with library.reading() as reader:
        tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"translation_memory", "translation_memory_fts", "glossary"} <= tables
    library.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
