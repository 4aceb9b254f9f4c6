"""The real Argos index (a pinned snapshot), versions compared as versions, codes and names."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from reader.core.document import Article, Block, BlockKind, TranslationStatus
from reader.core.language.codes import UNDETECTABLE_INDEX_LANGUAGES, detection_code
from reader.core.language.identifier import LINGUA_LANGUAGES
from reader.core.translate.cache import MemoryTranslationCache
from reader.core.translate.display import language_name, package_label
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.identity import HASH_FILE, same_version, version_key
from reader.core.translate.packages import PackageManager

SNAPSHOT = Path(__file__).resolve().parents[2] / "data" / "argos-index" / "index.json"


def test_real_index_snapshot_parses() -> None:
    raw = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    packages = PackageManager._parse_index(SNAPSHOT.read_bytes())
    assert len(raw) == 96 and len(packages) == 96
    assert sorted(p.package_id for p in packages) == sorted(entry["code"] for entry in raw)
    assert all(p.links and all(link.startswith("https://") for link in p.links) for p in packages)
    assert sum(any(link.startswith("ipfs://") for link in entry["links"]) for entry in raw) == 25
    by_id = {p.package_id: p for p in packages}
    assert package_label(by_id["translate-en_pb"]) == "English → Portuguese (Brazil)"
    assert package_label(by_id["translate-zt_en"]) == "Chinese (traditional) → English"
    assert package_label(by_id["translate-ky_en"]) == "Kyrgyz → English"


def test_every_index_source_language_is_detectable_or_listed_for_choosing_by_hand() -> None:
    raw = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    sources = {entry["from_code"] for entry in raw}
    assert {"gl", "ky", "pb", "zt"} <= sources
    for code in sources:
        assert detection_code(code) in LINGUA_LANGUAGES or code in UNDETECTABLE_INDEX_LANGUAGES, code


def test_versions_compare_as_versions() -> None:
    raw = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    versions = sorted({entry["package_version"] for entry in raw}, key=version_key)
    assert versions == ["1.0", "1.1", "1.4", "1.5", "1.7", "1.8", "1.9", "1.9.6"]
    assert version_key("1.9") < version_key("1.10") and "1.9" > "1.10"  # text order is wrong
    assert same_version("1.9", "1.9.0") and not same_version("1.9", "1.9.6")
    assert version_key("not a version") < version_key("0.1")


def test_language_names_for_index_codes() -> None:
    assert language_name("pb") == "Portuguese (Brazil)" and language_name("zt") == "Chinese (traditional)"
    assert language_name("de") == "German" and language_name("de", locale="de") == "Deutsch"
    assert language_name("pb", locale="de") == "Portugiesisch (Brasilien)"
    assert language_name("xq") == "XQ" and language_name("xq", "Fallback") == "Fallback"


def _article(text: str, lang: str) -> Article:
    return Article("T", (Block("b0", BlockKind.PARAGRAPH, text, lang=lang),))


def test_detected_pt_and_zh_route_to_pb_and_zt_packages(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "packages", cache_dir=tmp_path / "cache")
    installed = manager.install_file(layout_package("F"))  # en→zt
    assert installed.to_code == "zt"
    assert manager.find_path("en", "zh") == [installed]
    assert manager.find_path("en", "zt") == [installed]
    assert manager.find_path("en", "ja") is None
    (result,) = TranslationEngine(manager).translate_article(_article("The city plans a bridge.", "en"), "zh")
    assert result.status is TranslationStatus.TRANSLATED and result.text


def _with_codes(archive: Path, dest: Path, from_code: str) -> Path:
    """A copy of ``archive`` whose metadata says it translates from ``from_code``."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), "from_code": from_code}).encode()
            out.writestr(info, data)
    return dest


def test_detected_pt_routes_to_a_pb_package_only_when_no_pt_one_is_installed(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "packages", cache_dir=tmp_path / "cache")
    pb = manager.install_file(_with_codes(layout_package("B"), tmp_path / "pb.argosmodel", "pb"))
    assert manager.find_path("pt", "en") == [pb]
    (result,) = TranslationEngine(manager).translate_article(
        _article("A cidade planeja uma ponte.", "pt"), "en"
    )
    assert result.status is TranslationStatus.TRANSLATED
    pt = manager.install_file(_with_codes(layout_package("B"), tmp_path / "pt.argosmodel", "pt"))
    assert manager.find_path("pt", "en") == [pt]  # the exact code first


def test_a_changed_model_under_the_same_version_never_serves_old_translations(
    layout_package: Callable[[str], Path], tiny_argos_de_en: Path, tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "packages", cache_dir=tmp_path / "cache")
    first = manager.install_file(layout_package("B"))  # de→en, version 1.0
    cache = MemoryTranslationCache()
    article = _article("Der Minister sagte heute nichts. Die Stadt plant eine Brücke.", "de")
    settings = EngineSettings(beam_size=1)
    (old,) = TranslationEngine(manager, cache, settings).translate_article(article, "en")

    second = manager.install_file(tiny_argos_de_en)  # another de→en model, also "1.0"
    assert second.version == first.version and second.content_hash != first.content_hash
    engine = TranslationEngine(manager, cache, settings)
    (new,) = engine.translate_article(article, "en")
    assert [p.content_hash for p in engine.loaded_packages()] == [second.content_hash]  # not a cache hit
    assert new.text != old.text and len(cache) == 4  # two sentences cached per model


def test_content_hash_is_recorded_once_and_redone_when_files_change(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "packages", cache_dir=tmp_path / "cache")
    package = manager.install_file(layout_package("A"))
    record = package.path / HASH_FILE
    assert json.loads(record.read_text())["sha256"] == package.content_hash  # recorded at install

    record.unlink()  # a package installed before Reader recorded hashes: computed once, then kept
    (listed,) = manager.installed()
    assert listed.content_hash == package.content_hash and record.exists()

    shutil.copy(package.path / "sentencepiece.model", package.path / "model" / "extra.bin")
    (changed,) = manager.installed()
    assert changed.content_hash != package.content_hash
