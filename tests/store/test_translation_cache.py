"""The engine's translation cache kept in the library survives reopening."""

from __future__ import annotations

from pathlib import Path

from reader.core.translate.cache import CachedSentence, TranslationCache, TranslationKey, normalize_source
from reader.store.library import Library
from reader.store.translation_cache import SqliteTranslationCache


def test_translations_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    library, _ = Library.open(path)
    cache: TranslationCache = SqliteTranslationCache(library)
    keys = [
        TranslationKey("translate-de_en", "1.9", "en", normalize_source(f"Satz Nummer {i} über Zürich."))
        for i in range(450)
    ]
    cache.put_many(
        {
            key: CachedSentence(f"Sentence number {i} about Zurich.", -0.25 - i / 1000)
            for i, key in enumerate(keys)
        }
    )
    cache.put_many({keys[0]: CachedSentence("Sentence number zero about Zurich.", -1.5)})  # overwritten
    library.close()

    reopened, _ = Library.open(path)
    cache = SqliteTranslationCache(reopened)
    other = TranslationKey("translate-de_en", "2.0", "en", keys[1].text)  # another package version: a miss
    found = cache.get_many([*keys, other])
    assert len(found) == 450 and other not in found
    assert found[keys[0]] == CachedSentence("Sentence number zero about Zurich.", -1.5)
    assert found[keys[449]] == CachedSentence("Sentence number 449 about Zurich.", -0.25 - 449 / 1000)
    reopened.close()


def test_rows_from_before_sentence_keys_are_never_served(tmp_path: Path) -> None:
    """A schema-3 library cached whole paragraphs without scores: after migration 0004 none of it is
    returned (a one-sentence paragraph's key equals a sentence key, but it had no score to give)."""
    from tests.store.old_schema import old_library

    path = tmp_path / "library.sqlite3"
    conn = old_library(path, 3)
    sentence = normalize_source("Der Minister sagte heute nichts.")
    conn.execute(
        "INSERT INTO translation_cache (package, version, target, source_text, translation, created_at) "
        "VALUES ('translate-de_en', '1.9', 'en', ?, 'The minister said nothing today.', 1700000000)",
        (sentence,),
    )
    conn.commit()
    conn.close()
    library, _notice = Library.open(path)
    cache = SqliteTranslationCache(library)
    key = TranslationKey("translate-de_en", "1.9", "en", sentence)
    assert cache.get_many([key]) == {} and len(cache) == 0
    cache.put_many({key: CachedSentence("The minister said nothing.", -0.7)})
    assert cache.get_many([key]) == {key: CachedSentence("The minister said nothing.", -0.7)}
    library.close()
