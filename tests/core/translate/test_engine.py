"""The translation engine on real (tiny, random-weight) Argos packages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.core.cancel import CancelToken
from reader.core.document import Article, Block, BlockKind, LanguageRun, Translation, TranslationStatus
from reader.core.errors import CancelledError
from reader.core.translate.cache import MemoryTranslationCache
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.packages import PackageManager

QUOTE_DE = "Er sagte: "
QUOTE_EN = "the city plans a new bridge"
QUOTE_TAIL = " und ging nach Hause."


def _block(i: int, text: str, lang: str | None, runs: tuple[LanguageRun, ...] = ()) -> Block:
    return Block(f"b{i}", BlockKind.PARAGRAPH, text, lang=lang, confidence=0.9, runs=runs)


def mixed_article() -> Article:
    mixed = QUOTE_DE + QUOTE_EN + QUOTE_TAIL
    runs = (
        LanguageRun(0, len(QUOTE_DE), "de", 0.9),
        LanguageRun(len(QUOTE_DE), len(QUOTE_DE) + len(QUOTE_EN), "en", 0.9),
        LanguageRun(len(QUOTE_DE) + len(QUOTE_EN), len(mixed), "de", 0.9),
    )
    return Article(
        "Der Minister plant",
        (
            _block(0, "Der Minister plant eine Brücke. Die Stadt sagte heute nichts.", "de"),
            _block(1, "The minister said nothing today.", "en"),
            _block(2, "Il a dit hier que la ville prévoit un pont.", "fr"),
            _block(3, mixed, "de", runs),
            _block(4, "Gestern trifft der Minister die Leute am Markt.", "de"),
            _block(5, "   ", None),
            _block(6, "Zug Fluss Wetter", None),
        ),
        lang="de",
    )


def test_translates_streams_and_names_what_is_missing(argos_packages: PackageManager) -> None:
    # One replica: sub-batches run in the order they are posted, so the streaming order is fixed.
    engine = TranslationEngine(argos_packages, settings=EngineSettings(beam_size=2, inter_threads=1))
    article = mixed_article()
    streamed: list[Translation] = []
    result = engine.translate_article(article, "en", on_block=streamed.append, priority=["b4", "b3"])

    # The title first (a pseudo-block), then one per block in article order.
    assert [t.block_id for t in result] == ["title"] + [b.id for b in article.blocks]
    assert sorted(t.block_id for t in streamed) == sorted(t.block_id for t in result)
    by_id = {t.block_id: t for t in result}
    assert by_id["b1"].status is TranslationStatus.SAME_LANGUAGE and by_id["b1"].text is None
    assert by_id["b2"].status is TranslationStatus.UNAVAILABLE
    assert by_id["b2"].detail == "fr→en not installed"
    assert by_id["b6"].status is TranslationStatus.UNAVAILABLE
    for block_id in ("title", "b0", "b3", "b4"):
        assert by_id[block_id].status is TranslationStatus.TRANSLATED and by_id[block_id].text
        assert by_id[block_id].source_lang == "de"
    # The English quote inside the German paragraph is kept verbatim, in place.
    assert QUOTE_EN in (by_id["b3"].text or "")
    assert not (by_id["b3"].text or "").startswith(QUOTE_DE)
    # The title, then the visible blocks (priority, in the given order), then the others.
    translated_order = [t.block_id for t in streamed if t.status is TranslationStatus.TRANSLATED]
    assert translated_order == ["title", "b4", "b3", "b0"]
    assert engine.missing_pairs(article, "en") == [("fr", "en")]


def test_pivot_through_english_and_nothing_translated_twice(argos_packages: PackageManager) -> None:
    cache = MemoryTranslationCache()
    article = mixed_article()
    first = TranslationEngine(argos_packages, cache, EngineSettings(beam_size=1)).translate_article(
        article, "fr"
    )
    by_id = {t.block_id: t for t in first}
    assert by_id["b0"].status is TranslationStatus.TRANSLATED and by_id["b0"].detail == "de→en→fr"
    assert by_id["b1"].status is TranslationStatus.TRANSLATED and by_id["b1"].detail is None
    assert by_id["b2"].status is TranslationStatus.SAME_LANGUAGE

    fresh = TranslationEngine(argos_packages, cache, EngineSettings(beam_size=1))
    again = fresh.translate_article(article, "fr")
    assert again == first
    assert fresh.loaded_packages() == []  # every block came from the cache: no model was even loaded


def test_same_text_twice_in_one_article_gives_the_same_translation(argos_packages: PackageManager) -> None:
    text = "Die Regierung plant heute eine Schule."
    article = Article("", (_block(0, text, "de"), _block(1, "Das Wetter.", "de"), _block(2, text, "de")))
    result = TranslationEngine(argos_packages).translate_article(article, "en")
    assert result[0].text == result[2].text and result[0].text


def test_cancel_stops_between_tiers(argos_packages: PackageManager) -> None:
    blocks = tuple(_block(i, f"Der Minister sagte heute {i} Mal nicht.", "de") for i in range(12))
    token = CancelToken()
    seen: list[str] = []

    def on_block(translation: Translation) -> None:
        seen.append(translation.block_id)
        token.cancel()

    engine = TranslationEngine(
        argos_packages, settings=EngineSettings(first_tier_sentences=1, tier_sentences=2)
    )
    with pytest.raises(CancelledError):
        engine.translate_article(Article("", blocks), "en", on_block=on_block, cancel=token)
    assert seen == ["b0"]


def test_models_load_lazily_and_idle_ones_are_released(argos_packages: PackageManager) -> None:
    engine = TranslationEngine(
        argos_packages, settings=EngineSettings(max_loaded_models=1, idle_seconds=3600)
    )
    assert engine.loaded_packages() == []
    engine.translate_article(Article("", (_block(0, "Der Zug.", "de"),)), "fr")
    assert [p.pair for p in engine.loaded_packages()] == ["en→fr"]  # only the most recent one kept
    engine.release_idle()
    assert len(engine.loaded_packages()) == 1  # used just now: kept
    idle = TranslationEngine(argos_packages, settings=EngineSettings(idle_seconds=0))
    idle.translate_article(Article("", (_block(0, "Der Zug.", "de"),)), "en")
    idle.release_idle()
    assert idle.loaded_packages() == []


def test_long_output_is_capped_relative_to_the_source(argos_packages: PackageManager) -> None:
    settings = EngineSettings(beam_size=1, decode_ratio=1.0, decode_extra=2)
    article = Article("", (_block(0, "Der Zug.", "de"),))
    (result,) = TranslationEngine(argos_packages, settings=settings).translate_article(article, "en")
    assert result.text is not None and len(result.text.split()) <= 8


def test_translating_never_touches_the_network(argos_packages: PackageManager, no_network: list[str]) -> None:
    result = TranslationEngine(argos_packages).translate_article(mixed_article(), "fr")
    assert sum(t.status is TranslationStatus.TRANSLATED for t in result) == 5  # the title and 4 blocks
    assert no_network == []


_CHILD = """
import json, sys
from pathlib import Path
from typing import Any
from reader.core.translate.packages import PackageManager
from reader.core.translate.engine import TranslationEngine
from reader.core.document import Article, Block, BlockKind
manager = PackageManager(Path(sys.argv[1]))
article = Article("", (Block("b0", BlockKind.PARAGRAPH, "Der Minister sagte heute nichts.", lang="de"),))
(result,) = TranslationEngine(manager).translate_article(article, "fr")
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("minisbd", "onnxruntime", "stanza", "spacy")
               or m in ("argostranslate.translate", "argostranslate.sbd"))
print(json.dumps({"status": result.status.value, "heavy": heavy}))
"""


def test_no_minisbd_onnxruntime_or_files_outside_reader_dirs(
    argos_packages_dir: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "READER_DATA_DIR": str(tmp_path / "data"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
    }
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(argos_packages_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"status": "translated", "heavy": []}
    assert not home.exists() or list(home.rglob("*")) == []


def test_headline_and_first_paragraph_share_the_first_model_call(
    argos_packages: PackageManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A headline alone would hold the first paragraph back a whole model call with a core idle."""
    from reader.core.translate.runtime import LoadedModel

    calls: list[list[str]] = []
    original = LoadedModel.translate

    def recording(self: LoadedModel, sentences: list[str], *args: Any, **kwargs: Any) -> Any:
        calls.append(list(sentences))
        return original(self, sentences, *args, **kwargs)

    monkeypatch.setattr(LoadedModel, "translate", recording)
    blocks = (
        Block("h", BlockKind.HEADING, "Der Minister plant", level=1, lang="de"),
        _block(1, "Die Stadt sagte heute nichts. Der Zug fährt.", "de"),
        _block(2, "Gestern trifft er die Leute.", "de"),
        _block(3, "Das Wetter ist gut.", "de"),
    )
    streamed: list[str] = []
    engine = TranslationEngine(argos_packages, settings=EngineSettings(beam_size=1, inter_threads=1))
    engine.translate_article(Article("", blocks), "en", on_block=lambda t: streamed.append(t.block_id))
    assert streamed == ["h", "b1", "b2", "b3"]
    assert calls[0] == ["Der Minister plant", "Die Stadt sagte heute nichts.", "Der Zug fährt."]
    assert calls[1] == ["Gestern trifft er die Leute."]  # then the next paragraph alone


def test_a_block_is_delivered_when_its_sentences_are_done_not_when_its_tier_ends(
    argos_packages: PackageManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.translate.runtime import LoadedModel

    in_call: list[bool] = [False]
    original = LoadedModel.translate

    def tracking(self: LoadedModel, *args: Any, **kwargs: Any) -> Any:
        in_call[0] = True
        try:
            return original(self, *args, **kwargs)
        finally:
            in_call[0] = False

    monkeypatch.setattr(LoadedModel, "translate", tracking)
    short, long = "Ja.", "Die Stadt sagte heute nichts am Markt und der Zug fährt nach Hause."
    blocks = tuple(_block(i, short if i % 2 else long, "de") for i in range(6))
    during: list[str] = []

    def on_block(translation: Translation) -> None:
        if in_call[0]:
            during.append(translation.block_id)

    # Small sub-batches: the short sentences and the long ones go through the model apart.
    settings = EngineSettings(beam_size=1, inter_threads=1, max_batch_tokens=24, first_tier_sentences=16)
    engine = TranslationEngine(argos_packages, settings=settings)
    result = engine.translate_article(Article("", blocks), "en", on_block=on_block)
    assert all(t.status is TranslationStatus.TRANSLATED for t in result)
    assert during  # some blocks were shown while the model was still translating others


def test_each_sub_batch_is_reported_as_soon_as_it_is_done(argos_packages: PackageManager) -> None:
    from reader.core.translate.runtime import LoadedModel

    (package,) = argos_packages.find_path("de", "en") or []
    model = LoadedModel(package, EngineSettings(beam_size=1, inter_threads=1, max_batch_tokens=8))
    sentences = ["Der Zug.", "Die Stadt sagte heute nichts am Markt.", "Ja."]
    seen: list[list[int]] = []
    whole = model.translate(sentences, on_done=lambda indices, outputs: seen.append(indices))
    assert len(seen) > 1  # several sub-batches, each reported on its own
    assert sorted(i for indices in seen for i in indices) == [0, 1, 2]
    assert whole == model.translate(sentences)


def test_urgent_calls_use_one_batch_per_replica_and_translate_the_same(
    argos_packages: PackageManager,
) -> None:
    from reader.core.translate.batching import even_batches, length_batches
    from reader.core.translate.runtime import LoadedModel

    (package,) = argos_packages.find_path("de", "en") or []
    model = LoadedModel(package, EngineSettings(beam_size=2, inter_threads=2))
    sentences = ["Der Zug.", "Die Stadt sagte heute nichts.", "Gestern trifft er die Leute am Markt.", "Ja."]
    tokens = [model._encode(s) for s in sentences]
    lengths = [len(t) for t in tokens]
    cut = even_batches(lengths, 2, 2048, 1.25)
    assert len(cut) == 2 and sorted(i for batch in cut for i in batch) == [0, 1, 2, 3]
    assert len(length_batches(lengths, 2, 2048, 1.25)) > 2  # the throughput cut keeps lengths apart
    assert model.translate(sentences, urgent=True) == model.translate(sentences)
