"""The translation memory and glossary kept in the library: the engine's protocols, search, edits, TMX."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.errors import InputError, StoreError
from reader.core.tmx import read_tmx
from reader.core.translate.memory import GlossaryTerm, MemoryEntry
from reader.store.library import Library
from reader.store.memory import SqliteGlossary, SqliteTranslationMemory


def test_a_correction_is_found_again_by_its_normalized_sentence(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    stored = memory.add(MemoryEntry("de", "en", "Der Rat  tagte\nam Montag.", "The council sat on Monday."))
    assert stored.id is not None and stored.created_at > 0
    found = memory.lookup_many("de", "en", ["Der Rat tagte am Montag.", "Unbekannter Satz."])
    assert found == {"Der Rat tagte am Montag.": "The council sat on Monday."}
    # Per language pair: the same sentence towards French has no entry.
    assert memory.lookup_many("de", "fr", ["Der Rat tagte am Montag."]) == {}


def test_a_sentence_with_an_invisible_character_is_found_as_the_engine_looks_it_up(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    sentence = "Die Bundes\u200bregierung tagte."  # a zero-width space, as some sites put in long words
    stored = memory.add(MemoryEntry("de", "en", sentence, "The federal government met."))
    assert stored.source == "Die Bundesregierung tagte."  # shown and searched without it
    assert memory.lookup_many("de", "en", [sentence]) == {sentence: "The federal government met."}


def test_a_new_correction_of_the_same_sentence_replaces_the_old_one(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    first = memory.add(MemoryEntry("de", "en", "Guten Morgen.", "Good morning."))
    second = memory.add(MemoryEntry("de", "en", "Guten  Morgen.", "Morning!"))
    assert second.id == first.id
    assert memory.count() == 1
    assert memory.lookup_many("de", "en", ["Guten Morgen."]) == {"Guten Morgen.": "Morning!"}


def test_a_long_article_is_looked_up_in_chunks(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    memory.add_many(
        MemoryEntry("de", "en", f"Satz Nummer {i}.", f"Sentence number {i}.") for i in range(1200)
    )
    sentences = [f"Satz Nummer {i}." for i in range(0, 2400, 2)]  # half of them are in the memory
    found = memory.lookup_many("de", "en", sentences)
    assert len(found) == 600
    assert found["Satz Nummer 1198."] == "Sentence number 1198."


def test_an_entry_written_on_one_thread_is_seen_at_once_by_a_lookup_on_another(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    results: list[dict[str, str]] = []

    def lookup() -> None:
        results.append(memory.lookup_many("de", "en", ["Ein Satz."]))

    worker = threading.Thread(target=lookup)
    worker.start()
    worker.join()
    memory.add(MemoryEntry("de", "en", "Ein Satz.", "A sentence."))
    worker = threading.Thread(target=lookup)  # a new lookup (the model thread's next block)
    worker.start()
    worker.join()
    assert results == [{}, {"Ein Satz.": "A sentence."}]


def test_search_finds_entries_by_words_prefixes_and_without_diacritics(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    memory.add(MemoryEntry("de", "en", "Die Gespräche in Zürich gehen weiter.", "The talks in Zurich go on."))
    memory.add(MemoryEntry("de", "en", "Der Winter wird kalt.", "Winter will be cold."))
    memory.add(MemoryEntry("de", "fr", "Der Winter wird kalt.", "L'hiver sera froid."))
    assert [e.target for e in memory.list("zurich")] == ["The talks in Zurich go on."]
    assert [e.target for e in memory.list("Gesprä*")] == ["The talks in Zurich go on."]
    assert {e.target for e in memory.list("winter")} == {"Winter will be cold.", "L'hiver sera froid."}
    assert [e.target for e in memory.list("cold")] == ["Winter will be cold."]  # the target side too
    assert [e.target for e in memory.list("kalt", target_lang="fr")] == ["L'hiver sera froid."]
    assert memory.list('"go on" AND OR (') == []  # FTS syntax is plain text, never an error
    assert len(memory.list()) == 3
    assert len(memory.list(source_lang="de", target_lang="en")) == 2


def test_edit_and_delete_keep_the_search_index_true(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    entry = memory.add(MemoryEntry("de", "en", "Das Wetter ist schön.", "The weather is nice."))
    assert entry.id is not None
    edited = memory.update(entry.id, "The weather is lovely.")
    assert edited.target == "The weather is lovely." and edited.updated_at >= entry.updated_at
    assert memory.list("nice") == []
    assert [e.id for e in memory.list("lovely")] == [entry.id]
    assert memory.lookup_many("de", "en", ["Das Wetter ist schön."]) == {
        "Das Wetter ist schön.": "The weather is lovely."
    }
    assert memory.delete(entry.id) is True
    assert memory.delete(entry.id) is False
    assert memory.list("lovely") == [] and memory.count() == 0
    with pytest.raises(StoreError, match="no translation memory entry"):
        memory.update(entry.id, "Gone.")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (MemoryEntry("de", "en", "   ", "Something."), "source sentence is empty"),
        (MemoryEntry("de", "en", "Etwas.", ""), "translation is empty"),
        (MemoryEntry("deutsch", "en", "Etwas.", "Something."), "not a language code"),
        (MemoryEntry("de", "en", "Wort " * 3000, "Word."), "too long"),
    ],
)
def test_a_bad_entry_is_refused_with_a_clear_message(
    library: Library, entry: MemoryEntry, message: str
) -> None:
    memory = SqliteTranslationMemory(library)
    with pytest.raises(InputError, match=message):
        memory.add(entry)
    assert memory.count() == 0


def test_the_memory_goes_out_as_tmx_and_comes_back(library: Library, tmp_path: Path) -> None:
    memory = SqliteTranslationMemory(library)
    memory.add(
        MemoryEntry("de", "en", "Ein Satz mit <Zeichen> & Umlauten: äöü.", "A sentence with <signs> & …")
    )
    memory.add(MemoryEntry("pb", "en", "Bom dia.", "Good morning."))
    path = tmp_path / "memory.tmx"
    assert memory.export_tmx(path) == 2
    assert memory.export_tmx(tmp_path / "de.tmx", source_lang="de") == 1
    pairs = read_tmx(path)
    assert {(p.source_lang, p.source, p.target) for p in pairs} == {
        ("de", "Ein Satz mit <Zeichen> & Umlauten: äöü.", "A sentence with <signs> & …"),
        ("pb", "Bom dia.", "Good morning."),
    }
    other, _ = Library.open(tmp_path / "other.sqlite3")
    try:
        fresh = SqliteTranslationMemory(other)
        assert fresh.import_tmx(path) == 2
        assert fresh.lookup_many("pb", "en", ["Bom dia."]) == {"Bom dia.": "Good morning."}
        assert fresh.import_tmx(path) == 2  # importing again replaces, never duplicates
        assert fresh.count() == 2
    finally:
        other.close()


def test_a_sentence_translated_twice_in_a_tmx_file_is_one_entry(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "twice.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="de"/><body>'
        '<tu><tuv xml:lang="de"><seg>Ja.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>'
        '<tu><tuv xml:lang="de"><seg>Ja.</seg></tuv><tuv xml:lang="en"><seg>Yeah.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    memory = SqliteTranslationMemory(library)
    assert memory.import_tmx(path) == 1
    assert memory.lookup_many("de", "en", ["Ja."]) == {"Ja.": "Yeah."}


def test_a_broken_tmx_file_changes_nothing(library: Library, tmp_path: Path) -> None:
    memory = SqliteTranslationMemory(library)
    path = tmp_path / "broken.tmx"
    path.write_text("<tmx version='1.4'><body><tu><tuv xml:lang='de'><seg>Hallo", encoding="utf-8")
    with pytest.raises(InputError, match="not a valid TMX file"):
        memory.import_tmx(path)
    assert memory.count() == 0


def test_glossary_terms_per_pair_longest_first(library: Library) -> None:
    glossary = SqliteGlossary(library)
    bahn = glossary.add(GlossaryTerm("de", "en", "Bahn", "railway"))
    glossary.add(GlossaryTerm("de", "en", "Deutsche Bahn", None))  # a name: kept as is
    glossary.add(GlossaryTerm("de", "fr", "Bahn", "chemin de fer"))
    terms = glossary.terms("de", "en")
    assert [(t.source, t.rendering) for t in terms] == [
        ("Deutsche Bahn", "Deutsche Bahn"),
        ("Bahn", "railway"),
    ]
    assert len(glossary.all()) == 3
    # Adding the same term again replaces its translation.
    again = glossary.add(GlossaryTerm("de", "en", "Bahn", "train"))
    assert again.id == bahn.id
    assert glossary.terms("de", "en")[1].target == "train"
    assert again.id is not None
    updated = glossary.update(GlossaryTerm("de", "en", "Bahnhof", "station", again.id))
    assert [t.source for t in glossary.terms("de", "en")] == ["Deutsche Bahn", "Bahnhof"]
    with pytest.raises(InputError, match="already has a term"):
        glossary.update(GlossaryTerm("de", "en", "Deutsche Bahn", "DB", updated.id))
    assert updated.id is not None
    assert glossary.delete(updated.id) is True
    assert [t.source for t in glossary.terms("de", "en")] == ["Deutsche Bahn"]
    with pytest.raises(InputError, match="empty"):
        glossary.add(GlossaryTerm("de", "en", " ", "x"))


def test_matches_are_counted_as_the_search_finds_them_up_to_a_limit(library: Library) -> None:
    memory = SqliteTranslationMemory(library)
    for i in range(5):
        memory.add(MemoryEntry("de", "en", f"Die Brücke Nummer {i} ist zu.", f"Bridge {i} is shut."))
    memory.add(MemoryEntry("de", "en", "Der Zug fährt.", "The train runs."))
    assert memory.count("bridge") == len(memory.list("bridge")) == 5
    assert memory.count("Brücke", limit=3) == 3
    assert memory.count("nothing here") == 0 and memory.count('"') == 0
    assert memory.count() == 6
