"""The reader's translation memory and glossary in the engine, on real tiny packages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.core.document import Article, Block, BlockKind, SentenceOrigin, Translation
from reader.core.translate.cache import MemoryTranslationCache
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.glossary_apply import find_terms, honoured
from reader.core.translate.memory import GlossaryTerm, MemoryEntry, MemoryGlossary, MemoryTranslationMemory
from reader.core.translate.packages import PackageManager

SETTINGS = EngineSettings(beam_size=2)
TEXT = "Der Minister plant eine Brücke. Die Stadt sagte heute nichts. Die Deutsche Bahn fährt nach Berlin."


def article(text: str = TEXT, lang: str = "de") -> Article:
    return Article("", (Block("b0", BlockKind.PARAGRAPH, text, lang=lang, confidence=0.9),))


def target_of(translation: Translation, index: int) -> str:
    start, end = translation.sentences[index].target
    return (translation.text or "")[start:end]


def test_a_memory_entry_is_used_verbatim_and_wins_over_the_cache(argos_packages: PackageManager) -> None:
    cache = MemoryTranslationCache()
    memory = MemoryTranslationMemory()
    engine = TranslationEngine(argos_packages, cache, SETTINGS, memory=memory)
    (before,) = engine.translate_article(article(), "en")
    assert [p.origin for p in before.sentences] == [SentenceOrigin.MODEL] * 3

    # The reader corrects the second sentence (typed with other spacing: keys are normalized).
    memory.add(MemoryEntry("de", "en", "Die Stadt  sagte heute\nnichts.", "The city said nothing today."))
    fresh = TranslationEngine(argos_packages, cache, SETTINGS, memory=memory)
    (after,) = fresh.translate_article(article(), "en")
    assert fresh.loaded_packages() == []  # the other sentences came from the cache, this one from memory
    assert target_of(after, 1) == "The city said nothing today."
    assert after.sentences[1].origin is SentenceOrigin.MEMORY and after.sentences[1].score is None
    assert target_of(after, 0) == target_of(before, 0) and target_of(after, 2) == target_of(before, 2)
    assert after.sentences[0].score == before.sentences[0].score
    # Another article with the same sentence gets the reader's text too; another language pair does not.
    (elsewhere,) = fresh.translate_article(article("Die Stadt sagte heute nichts."), "en")
    assert elsewhere.text == "The city said nothing today."
    (french,) = fresh.translate_article(article("Die Stadt sagte heute nichts."), "fr")
    assert french.sentences[0].origin is SentenceOrigin.MODEL


def test_glossary_terms_appear_in_the_output(argos_packages: PackageManager) -> None:
    glossary = MemoryGlossary(
        [
            GlossaryTerm("de", "en", "Minister", "Secretary of State"),
            GlossaryTerm("de", "en", "deutsche bahn"),  # keep as is: written as in the text
        ]
    )
    cache = MemoryTranslationCache()
    plain = TranslationEngine(argos_packages, cache, SETTINGS).translate_article(article(), "en")[0]
    # The random-weight model writes neither term by itself.
    assert "Secretary of State" not in (plain.text or "") and "Deutsche Bahn" not in (plain.text or "")

    engine = TranslationEngine(argos_packages, cache, SETTINGS, glossary=glossary)
    (result,) = engine.translate_article(article(), "en")
    assert "Secretary of State" in target_of(result, 0)
    assert "Deutsche Bahn" in target_of(result, 2)
    assert [p.origin for p in result.sentences] == [
        SentenceOrigin.GLOSSARY,
        SentenceOrigin.MODEL,  # no term in it: the model's output, untouched
        SentenceOrigin.GLOSSARY,
    ]
    assert target_of(result, 1) == target_of(plain, 1)
    # Offsets still hold after the insertion.
    for pair in result.sentences:
        assert 0 <= pair.target[0] <= pair.target[1] <= len(result.text or "")


def test_glossary_matches_whole_words_case_insensitively() -> None:
    terms = [GlossaryTerm("de", "en", "Deutsche Bahn"), GlossaryTerm("de", "en", "Bahn", "railway")]
    hits = find_terms("Die DEUTSCHE  BAHN baut am Bahnhof eine Bahn.", terms)
    assert [(h.start, h.end, h.rendering) for h in hits] == [(4, 18, "DEUTSCHE  BAHN"), (40, 44, "railway")]
    assert honoured("The Railway is late", hits[1]) and not honoured("The railways are late", hits[1])


def test_glossary_on_an_opus_mt_package_with_source_eos(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    manager.install_file(layout_package("C"))  # fr→en, Marian shape: the source gets an end token
    glossary = MemoryGlossary([GlossaryTerm("fr", "en", "ministre", "minister")])
    engine = TranslationEngine(manager, settings=SETTINGS, glossary=glossary)
    (result,) = engine.translate_article(
        article("Le ministre dit hier que la ville prévoit un pont.", "fr"), "en"
    )
    assert "minister" in (result.text or "").lower().split()
    assert result.sentences[0].origin is SentenceOrigin.GLOSSARY


def test_a_term_added_later_is_put_into_a_cached_sentence(argos_packages: PackageManager) -> None:
    cache = MemoryTranslationCache()
    glossary = MemoryGlossary()
    engine = TranslationEngine(argos_packages, cache, SETTINGS, glossary=glossary)
    engine.translate_article(article(), "en")
    glossary.add(GlossaryTerm("de", "en", "Brücke", "bridge"))
    (result,) = engine.translate_article(article(), "en")
    assert "bridge" in target_of(result, 0).split() and result.sentences[0].origin is SentenceOrigin.GLOSSARY


def test_glossary_terms_through_a_pivot(argos_packages: PackageManager) -> None:
    """de→en→fr: the two hops' attentions are chained, so the term still lands in the French output."""
    glossary = MemoryGlossary(
        [GlossaryTerm("de", "fr", "Brücke", "pont"), GlossaryTerm("de", "fr", "Deutsche Bahn")]
    )
    engine = TranslationEngine(argos_packages, settings=SETTINGS, glossary=glossary)
    (result,) = engine.translate_article(article(), "fr")
    assert result.detail == "de→en→fr"
    assert "pont" in target_of(result, 0).split() and "Deutsche Bahn" in target_of(result, 2)
    assert [p.origin for p in result.sentences] == [
        SentenceOrigin.GLOSSARY,
        SentenceOrigin.MODEL,
        SentenceOrigin.GLOSSARY,
    ]


def test_a_bpe_package_translates_but_cannot_place_terms(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    """Argos's BPE tokenizer does not say where its pieces lie: the sentence is the model's, marked so."""
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    manager.install_file(layout_package("D"))  # de→en, subword-nmt BPE
    glossary = MemoryGlossary([GlossaryTerm("de", "en", "Brücke", "bridge")])
    (result,) = TranslationEngine(manager, settings=SETTINGS, glossary=glossary).translate_article(
        article("Der Minister plant eine Brücke."), "en"
    )
    assert result.text and result.sentences[0].origin is SentenceOrigin.MODEL
    assert result.sentences[0].score is not None
