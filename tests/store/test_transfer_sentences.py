"""Library backups carry sentence pairs, the translated title, the translation memory and the glossary."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.document import TITLE_BLOCK_ID, SentenceOrigin, SentencePair, Translation, TranslationStatus
from reader.core.translate.memory import GlossaryTerm, MemoryEntry
from reader.store import transfer
from reader.store.library import Library
from reader.store.memory import SqliteGlossary, SqliteTranslationMemory
from tests.store.conftest import article

PARAGRAPH = "Die Außenminister trafen sich in Zürich. Sie sprachen lange."
TRANSLATED = "The foreign ministers met in Zurich. They talked for a long time."
TITLE_EN = "Talks in Zurich about the winter"


def _fill(library: Library) -> int:
    split, split_en = PARAGRAPH.index(" Sie"), TRANSLATED.index(" They")
    saved = library.save_article(
        article(paragraphs=(PARAGRAPH,)),
        translations=[
            Translation(
                TITLE_BLOCK_ID,
                "en",
                TranslationStatus.TRANSLATED,
                TITLE_EN,
                "de",
                sentences=(SentencePair((0, 35), (0, len(TITLE_EN)), -0.1),),
            ),
            Translation(
                "b0",
                "en",
                TranslationStatus.TRANSLATED,
                TRANSLATED,
                "de",
                sentences=(
                    SentencePair((0, split), (0, split_en), -0.25, SentenceOrigin.GLOSSARY),
                    SentencePair(
                        (split + 1, len(PARAGRAPH)),
                        (split_en + 1, len(TRANSLATED)),
                        None,
                        SentenceOrigin.MEMORY,
                    ),
                ),
            ),
        ],
        target_lang="en",
    )
    SqliteTranslationMemory(library).add(
        MemoryEntry("de", "en", "Sie sprachen lange.", "They talked for a long time.")
    )
    glossary = SqliteGlossary(library)
    glossary.add(GlossaryTerm("de", "en", "Deutsche Bahn"))
    glossary.add(GlossaryTerm("de", "en", "Bahn", "railway"))
    return saved


def test_a_backup_restores_sentences_title_memory_and_glossary(library: Library, tmp_path: Path) -> None:
    saved = _fill(library)
    out = tmp_path / "backup.json"
    transfer.export_all(library, out)
    fresh, _ = Library.open(tmp_path / "fresh.sqlite3")
    try:
        result = transfer.import_file(fresh, out)
        assert (result.added, result.skipped, result.memory, result.glossary) == (1, 0, 1, 2)
        assert "1 translation memory entry, 2 glossary terms" in str(result)
        (restored,) = fresh.list_articles()
        assert restored.title_translation == TITLE_EN
        assert fresh.get(restored.id).translations == library.get(saved).translations
        assert SqliteTranslationMemory(fresh).lookup_many("de", "en", ["Sie  sprachen lange."]) == {
            "Sie sprachen lange.": "They talked for a long time."
        }
        assert [t.rendering for t in SqliteGlossary(fresh).terms("de", "en")] == ["Deutsche Bahn", "railway"]
        assert [e.target for e in SqliteTranslationMemory(fresh).list("lange")] == [
            "They talked for a long time."
        ]
        # Importing again changes nothing.
        again = transfer.import_file(fresh, out)
        assert (again.added, again.updated, again.memory, again.glossary) == (0, 1, 0, 0)
        assert SqliteTranslationMemory(fresh).count() == 1
    finally:
        fresh.close()


def test_restoring_an_old_backup_never_undoes_a_later_correction(library: Library, tmp_path: Path) -> None:
    _fill(library)
    out = tmp_path / "backup.json"
    transfer.export_all(library, out)
    memory = SqliteTranslationMemory(library)
    memory.add(MemoryEntry("de", "en", "Sie sprachen lange.", "They spoke at length."))
    SqliteGlossary(library).add(GlossaryTerm("de", "en", "Bahn", "train"))
    transfer.import_file(library, out)
    assert memory.lookup_many("de", "en", ["Sie sprachen lange."]) == {
        "Sie sprachen lange.": "They spoke at length."
    }
    assert SqliteGlossary(library).terms("de", "en")[1].target == "train"


def test_bad_memory_items_and_sentence_pairs_are_checked_on_import(library: Library, tmp_path: Path) -> None:
    _fill(library)
    out = tmp_path / "backup.json"
    transfer.export_all(library, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    # Pairs pointing past the text are dropped (the translation is kept); a malformed list skips the entry.
    data["articles"][0]["translations"][1]["sentences"] = [[0, 10, 0, 99999, -0.1, "model"]]
    data["translation_memory"] += [
        {"source_lang": "german", "target_lang": "en", "source": "x", "target": "y"},
        {"source_lang": "de", "target_lang": "en", "source": "", "target": "y"},
        {
            "source_lang": "de",
            "target_lang": "en",
            "source": "Satz.",
            "target": "Sentence.",
            "updated_at": 1e300,
        },
        "not an object",
        {"source_lang": "de", "target_lang": "en", "source": "Gut.", "target": "Good."},
    ]
    data["glossary"] = [{"source_lang": "de", "target_lang": "en", "source": "x" * 5000, "target": None}]
    out.write_text(json.dumps(data), encoding="utf-8")
    fresh, _ = Library.open(tmp_path / "fresh.sqlite3")
    try:
        result = transfer.import_file(fresh, out)
        assert (result.added, result.memory, result.glossary, result.skipped) == (1, 2, 0, 5)
        reasons = dict(result.reasons)
        assert reasons["a memory entry's source language is not a language code"] == 1
        assert reasons["a glossary term is too long"] == 1
        (b0,) = [t for t in fresh.get(fresh.list_articles()[0].id).translations if t.block_id == "b0"]
        assert b0.text == TRANSLATED and b0.sentences == ()
        assert SqliteTranslationMemory(fresh).lookup_many("de", "en", ["Gut."]) == {"Gut.": "Good."}
    finally:
        fresh.close()


def test_a_backup_from_before_schema_5_still_imports(library: Library, tmp_path: Path) -> None:
    _fill(library)
    out = tmp_path / "backup.json"
    transfer.export_all(library, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    del data["translation_memory"], data["glossary"]
    for translation in data["articles"][0]["translations"]:
        del translation["sentences"]
    out.write_text(json.dumps(data), encoding="utf-8")
    fresh, _ = Library.open(tmp_path / "fresh.sqlite3")
    try:
        result = transfer.import_file(fresh, out)
        assert (result.added, result.skipped, result.memory) == (1, 0, 0)
        assert all(t.sentences == () for t in fresh.get(fresh.list_articles()[0].id).translations)
    finally:
        fresh.close()
