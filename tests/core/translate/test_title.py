"""The article's title is translated first, with the first paragraph, cached, and returned first."""

from __future__ import annotations

from typing import Any

import pytest

from reader.core.document import TITLE_BLOCK_ID, Article, Block, BlockKind, TranslationStatus
from reader.core.translate.cache import MemoryTranslationCache
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.packages import PackageManager
from reader.core.translate.runtime import Hypothesis, LoadedModel

TITLE = "Die Regierung plant eine neue Brücke"


def article(title: str = TITLE, title_lang: str | None = None) -> Article:
    blocks = tuple(
        Block(f"b{i}", BlockKind.PARAGRAPH, text, lang="de")
        for i, text in enumerate(
            [
                "Die Stadt sagte heute nichts. Der Zug fährt.",
                "Gestern trifft er die Leute.",
                "Das Wetter ist gut.",
                "Der Minister sagte nichts.",
            ]
        )
    )
    return Article(title, blocks, lang="de", title_lang=title_lang)


def test_title_first_and_in_the_first_model_call_with_the_first_paragraph(
    argos_packages: PackageManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    original = LoadedModel.translate

    def recording(self: LoadedModel, sentences: list[str], *args: Any, **kwargs: Any) -> list[Hypothesis]:
        calls.append(list(sentences))
        return original(self, sentences, *args, **kwargs)

    monkeypatch.setattr(LoadedModel, "translate", recording)
    streamed: list[str] = []
    cache = MemoryTranslationCache()
    # One replica: sub-batches run in the order they are posted, so the streaming order is fixed.
    engine = TranslationEngine(argos_packages, cache, EngineSettings(beam_size=1, inter_threads=1))
    result = engine.translate_article(article(), "en", on_block=lambda t: streamed.append(t.block_id))
    assert [t.block_id for t in result] == [TITLE_BLOCK_ID, "b0", "b1", "b2", "b3"]
    assert streamed[:2] == [TITLE_BLOCK_ID, "b0"]
    # One model call for the title and the first paragraph together: the paragraph is not held back.
    assert calls[0] == [TITLE, "Die Stadt sagte heute nichts.", "Der Zug fährt."]
    title = result[0]
    assert title.status is TranslationStatus.TRANSLATED and title.source_lang == "de"
    assert title.sentences[0].source == (0, len(TITLE)) and title.sentences[0].score is not None
    # Cached like a block: a second engine answers it without a model.
    fresh = TranslationEngine(argos_packages, cache, EngineSettings(beam_size=1))
    assert fresh.translate_article(article(), "en")[0] == title and fresh.loaded_packages() == []


def test_the_titles_own_language_decides(argos_packages: PackageManager) -> None:
    engine = TranslationEngine(argos_packages, settings=EngineSettings(beam_size=1))
    english = engine.translate_article(article("Minister meets the people", title_lang="en"), "en")
    assert english[0].block_id == TITLE_BLOCK_ID and english[0].status is TranslationStatus.SAME_LANGUAGE
    spanish = article("El gobierno planea un puente", title_lang="es")
    assert engine.translate_article(spanish, "en")[0].status is TranslationStatus.UNAVAILABLE
    assert engine.missing_pairs(spanish, "en") == [("es", "en")]  # the title's pair is named too
    assert [t.block_id for t in engine.translate_article(article(), "en", include_title=False)][0] == "b0"
    untitled = engine.translate_article(article(""), "en")
    assert [t.block_id for t in untitled] == ["b0", "b1", "b2", "b3"]
