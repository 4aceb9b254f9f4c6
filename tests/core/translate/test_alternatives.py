"""Alternative translations of one sentence: the model's n best, distinct, never the current text."""

from __future__ import annotations

import pytest

from reader.core.document import Article, Block, BlockKind
from reader.core.errors import ModelError
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.packages import PackageManager

SENTENCE = "Die Regierung plant heute eine neue Schule für die Stadt."


def test_up_to_count_distinct_alternatives_none_equal_to_the_current(argos_packages: PackageManager) -> None:
    engine = TranslationEngine(argos_packages, settings=EngineSettings(beam_size=1))
    found = engine.alternatives(SENTENCE, "de", "en", count=3)
    assert 2 <= len(found) <= 3
    texts = [a.text for a in found]
    assert len(set(texts)) == len(texts) and all(texts)
    assert all(a.score is not None and a.score < 0 for a in found)
    # Asked with one of them as the sentence's current text, that one is left out, the others stay.
    current = found[0].text
    again = engine.alternatives(SENTENCE, "de", "en", current=f"  {current} ", count=3)
    assert current not in [a.text for a in again]
    assert [a.text for a in found[1:]] == [a.text for a in again][: len(found) - 1]
    (translated,) = engine.translate_article(
        Article("", (Block("b0", BlockKind.PARAGRAPH, SENTENCE, lang="de"),)), "en"
    )
    assert translated.text not in [
        a.text for a in engine.alternatives(SENTENCE, "de", "en", current=translated.text)
    ]


def test_alternatives_through_a_pivot(argos_packages: PackageManager) -> None:
    engine = TranslationEngine(argos_packages, settings=EngineSettings(beam_size=2))
    found = engine.alternatives(SENTENCE, "de", "fr", count=2)
    assert 1 <= len(found) <= 2 and all(a.text for a in found)
    assert [p.pair for p in engine.loaded_packages()] == ["de→en", "en→fr"]


def test_no_package_for_the_pair_is_a_clear_error(argos_packages: PackageManager) -> None:
    engine = TranslationEngine(argos_packages)
    with pytest.raises(ModelError, match="No es→en translation package is installed"):
        engine.alternatives(SENTENCE, "es", "en")
    assert engine.alternatives("   ", "de", "en") == []
