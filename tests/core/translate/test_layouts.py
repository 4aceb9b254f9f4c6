"""Every package layout the public index serves installs (from a file and over HTTP) and translates
through the same code a user runs, with no tokenizer marks ("▁", "@@") left in the text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.document import Article, Block, BlockKind, TranslationStatus
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.packages import AvailablePackage, PackageManager
from reader.core.translate.runtime import LoadedModel
from tests.fixtures.argos_layouts import LAYOUTS, TARGET_TOKEN
from tests.fixtures.http_server import LocalHTTPServer

SOURCE_TEXT = {
    "de": "Der Minister sagte heute nichts. Die Stadt plant eine Brücke am Fluss! Wer trifft die Leute?",
    "fr": "Le ministre a dit hier que la ville prévoit un pont. Il parle avec les gens. Pourquoi pas?",
    "en": "The minister said nothing today. The city plans a bridge on the river! Who meets the people?",
}


def _article(lang: str) -> Article:
    blocks = (
        Block("b0", BlockKind.HEADING, "Bericht" if lang == "de" else "Report", level=1, lang=lang),
        Block("b1", BlockKind.PARAGRAPH, SOURCE_TEXT[lang], lang=lang),
    )
    return Article("T", blocks)


def _reader_language(to_code: str) -> str:
    return "zh" if to_code == "zt" else to_code  # a reader of Chinese gets the zt package


def _translate(manager: PackageManager, lang: str, target: str) -> list[str]:
    engine = TranslationEngine(manager, settings=EngineSettings(beam_size=2))
    result = engine.translate_article(_article(lang), target)
    assert [t.status for t in result] == [TranslationStatus.TRANSLATED] * 2, result
    return [t.text or "" for t in result]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_installs_from_file_and_server_and_translates(
    name: str, layout_package: Callable[[str], Path], http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    layout = LAYOUTS[name]
    archive = layout_package(name)
    from_file = PackageManager(tmp_path / "file", cache_dir=tmp_path / "cache")
    installed = from_file.install_file(archive)
    assert (installed.from_code, installed.to_code) == (layout.from_code, layout.to_code)
    assert installed.content_hash.startswith("sha256:")
    target = _reader_language(layout.to_code)
    texts = _translate(from_file, layout.from_code, target)
    for text in texts:
        assert text.strip() and "▁" not in text and "@@" not in text and TARGET_TOKEN not in text

    url = http_server.route(f"/p/{archive.name}", body=archive.read_bytes(), content_type="application/zip")
    over_http = PackageManager(tmp_path / "http", cache_dir=tmp_path / "cache")
    available = AvailablePackage(
        package_id=installed.package_id,
        from_code=layout.from_code,
        to_code=layout.to_code,
        from_name=installed.from_name,
        to_name=installed.to_name,
        version=installed.version,
        links=(url,),
    )
    downloaded = over_http.download_and_install(available)
    assert downloaded.content_hash == installed.content_hash
    assert _translate(over_http, layout.from_code, target) == texts


@pytest.mark.parametrize("name", ["C", "E"])
def test_pieces_the_shipped_tokenizer_lacks_decode_to_words(
    name: str, layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    """Opus-MT ships the source side's tokenizer only: the model's own target pieces are unknown to
    it, and SentencePiece's decode_pieces copies them with their "▁" (the visible fault)."""
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    package = manager.install_file(layout_package(name))
    model = LoadedModel(package, EngineSettings(beam_size=1))
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    tokens = model._encode(SOURCE_TEXT[package.from_code].split(".")[0])
    kwargs = {"target_prefix": [[model.target_prefix]]} if model.target_prefix else {}
    hypothesis = model.translator.translate_batch([tokens], max_decoding_length=40, **kwargs)[0].hypotheses[0]
    unknown = [p for p in hypothesis if p.startswith("▁") and processor.piece_to_id(p) == processor.unk_id()]
    assert unknown, "the fixture must make the model emit pieces its tokenizer lacks"
    assert "▁" in processor.decode_pieces(hypothesis)  # what SentencePiece alone would show
    decoded = model._finish(hypothesis)
    assert "▁" not in decoded and unknown[0][1:] in decoded.split()


def test_literal_underscore_is_kept_where_argos_would_lose_it(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    package = manager.install_file(layout_package("C"))
    model = LoadedModel(package, EngineSettings())
    assert model._finish(["▁the", "▁file_name", "▁and", "▁she", "▁said"]) == "the file_name and she said"


def test_target_token_is_given_to_the_model_and_never_shown(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    package = manager.install_file(layout_package("F"))
    model = LoadedModel(package, EngineSettings(beam_size=1))
    assert model.target_prefix == TARGET_TOKEN
    ((text, score),) = model.translate(["The minister said nothing today."])
    assert score < 0  # the prefix token is forced, but the rest is the model's: a real log-probability
    assert text and TARGET_TOKEN not in text and not text.startswith(" ")
    # The Chinese the model writes is in pieces the English tokenizer lacks: they come out as written.
    assert any("\u4e00" <= char <= "\u9fff" for char in text)
