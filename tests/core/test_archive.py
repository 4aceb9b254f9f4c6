"""Hostile model archives, built here from the real test package and wheel: each is refused whole,
with one line, and nothing is written outside (or left inside) the data folders."""

from __future__ import annotations

import json
import os
import struct
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.annotate.ner_models import NerModelManager
from reader.core.errors import ModelError
from reader.core.translate.packages import PackageManager
from tests.fixtures.spacy_models import TEST_MODEL, TEST_VERSION

PIPELINE = f"{TEST_MODEL}/{TEST_MODEL}-{TEST_VERSION}"


def _packages(tmp_path: Path) -> PackageManager:
    return PackageManager(tmp_path / "packages", cache_dir=tmp_path / "cache", timeout=5)


@pytest.fixture
def ner_manager(tmp_path: Path) -> NerModelManager:
    return NerModelManager(tmp_path / "spacy-models")


def _rebuild(
    source: Path,
    dest: Path,
    *,
    change: Callable[[zipfile.ZipInfo, bytes], tuple[zipfile.ZipInfo, bytes] | None] | None = None,
    extra: list[tuple[str | zipfile.ZipInfo, bytes]] | None = None,
) -> Path:
    """Copy an archive entry by entry, letting ``change`` alter or drop (None) each, then add ``extra``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            item: tuple[zipfile.ZipInfo, bytes] | None = (info, src.read(info))
            if change is not None:
                item = change(*item)
            if item is not None:
                out.writestr(*item)
        for name, data in extra or []:
            out.writestr(name, data)
    return dest


def _metadata_name(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zipped:
        return next(n for n in zipped.namelist() if n.endswith("metadata.json"))


def _with_metadata(source: Path, dest: Path, **fields: object) -> Path:
    def change(info: zipfile.ZipInfo, data: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        if info.filename.endswith("metadata.json"):
            data = json.dumps({**json.loads(data), **fields}).encode()
        return info, data

    return _rebuild(source, dest, change=change)


def _patch_central(data: bytes, name: str, patch: Callable[[bytearray, int, int], None]) -> bytes:
    """Call ``patch(buffer, central_offset, local_offset)`` for entry ``name`` of zip bytes ``data``."""
    buffer = bytearray(data)
    position = buffer.find(b"PK\x01\x02")
    while position != -1:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", buffer, position + 28)
        local = struct.unpack_from("<I", buffer, position + 42)[0]
        if buffer[position + 46 : position + 46 + name_len].decode() == name:
            patch(buffer, position, local)
            return bytes(buffer)
        position = buffer.find(b"PK\x01\x02", position + 46 + name_len + extra_len + comment_len)
    raise AssertionError(f"{name} not in archive")


def _assert_clean(manager: PackageManager, tmp_path: Path) -> None:
    assert manager.installed() == []
    if manager.packages_dir.exists():
        assert list(manager.packages_dir.iterdir()) == []  # no staging folder left behind


def test_a_wheel_entry_with_an_absolute_path_writes_nothing(
    tmp_path: Path, spacy_test_wheel: Path, ner_manager: NerModelManager
) -> None:
    outside = tmp_path / "outside" / "planted.txt"
    evil = _rebuild(spacy_test_wheel, tmp_path / "evil.whl", extra=[(f"{PIPELINE}/{outside}", b"owned")])
    assert f"{PIPELINE}//" in zipfile.ZipFile(evil).namelist()[-1]  # the prefix, then an absolute path
    with pytest.raises(ModelError, match="unsafe path") as caught:
        ner_manager.install_file(evil)
    assert "\n" not in str(caught.value)
    assert not outside.exists() and not outside.parent.exists()
    assert ner_manager.installed() == [] and list(ner_manager.models_dir.iterdir()) == []


@pytest.mark.parametrize("name", ["{p}/../../escape.txt", "{p}/a/../../../escape.txt", "{p}/C:/escape.txt"])
def test_wheel_entries_climbing_out_are_refused(
    tmp_path: Path, spacy_test_wheel: Path, ner_manager: NerModelManager, name: str
) -> None:
    evil = _rebuild(spacy_test_wheel, tmp_path / "evil.whl", extra=[(name.format(p=PIPELINE), b"x")])
    with pytest.raises(ModelError):
        ner_manager.install_file(evil)
    assert not (ner_manager.models_dir.parent / "escape.txt").exists()
    assert ner_manager.installed() == []


def test_zip_bombs_are_refused_before_unpacking(
    tmp_path: Path, spacy_test_wheel: Path, tiny_argos_de_en: Path, ner_manager: NerModelManager
) -> None:
    zeros = bytes(64 * 1024 * 1024)  # deflates about 1000x
    wheel = _rebuild(spacy_test_wheel, tmp_path / "bomb.whl", extra=[(f"{PIPELINE}/vocab/bomb.bin", zeros)])
    assert wheel.stat().st_size < 1024 * 1024
    with pytest.raises(ModelError, match="zip bomb"):
        ner_manager.install_file(wheel)
    assert list(ner_manager.models_dir.iterdir()) == []

    root = _metadata_name(tiny_argos_de_en).rsplit("/", 1)[0]
    package = _rebuild(
        tiny_argos_de_en, tmp_path / "bomb.argosmodel", extra=[(f"{root}/model/bomb.bin", zeros)]
    )
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match="zip bomb"):
        manager.install_file(package)
    _assert_clean(manager, tmp_path)


def test_an_oversized_metadata_file_is_refused(tmp_path: Path, tiny_argos_de_en: Path) -> None:
    big = _with_metadata(tiny_argos_de_en, tmp_path / "big.argosmodel", description="x" * 2_000_000)
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match=r"metadata.json is too large"):
        manager.install_file(big)
    _assert_clean(manager, tmp_path)


@pytest.mark.parametrize("value", [["de"], 49, {"code": "de"}, True])
def test_language_codes_of_the_wrong_type_are_refused(
    tmp_path: Path, tiny_argos_de_en: Path, value: object
) -> None:
    odd = _with_metadata(tiny_argos_de_en, tmp_path / "odd.argosmodel", from_code=value)
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match="from_code that is not text"):
        manager.install_file(odd)
    _assert_clean(manager, tmp_path)


def test_an_encrypted_entry_is_refused(tmp_path: Path, tiny_argos_de_en: Path) -> None:
    name = next(n for n in zipfile.ZipFile(tiny_argos_de_en).namelist() if n.endswith("model.bin"))

    def encrypt(buffer: bytearray, central: int, local: int) -> None:
        buffer[central + 8] |= 0x1  # general purpose flag bit 0: encrypted
        buffer[local + 6] |= 0x1

    package = tmp_path / "locked.argosmodel"
    package.write_bytes(_patch_central(tiny_argos_de_en.read_bytes(), name, encrypt))
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match="encrypted file"):
        manager.install_file(package)
    _assert_clean(manager, tmp_path)


def test_an_unknown_compression_method_is_refused(tmp_path: Path, tiny_argos_de_en: Path) -> None:
    name = next(n for n in zipfile.ZipFile(tiny_argos_de_en).namelist() if n.endswith("model.bin"))

    def method_99(buffer: bytearray, central: int, local: int) -> None:
        struct.pack_into("<H", buffer, central + 10, 99)
        struct.pack_into("<H", buffer, local + 8, 99)

    package = tmp_path / "method.argosmodel"
    package.write_bytes(_patch_central(tiny_argos_de_en.read_bytes(), name, method_99))
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match=r"unknown compression method \(99\)"):
        manager.install_file(package)
    _assert_clean(manager, tmp_path)


def test_damaged_compressed_data_is_refused(tmp_path: Path, tiny_argos_de_en: Path) -> None:
    name = next(n for n in zipfile.ZipFile(tiny_argos_de_en).namelist() if n.endswith("model.bin"))
    deflated = _rebuild(tiny_argos_de_en, tmp_path / "deflated.argosmodel")

    def scramble(buffer: bytearray, central: int, local: int) -> None:
        name_len, extra_len = struct.unpack_from("<HH", buffer, local + 26)
        start = local + 30 + name_len + extra_len
        for i in range(start + 200, start + 400):
            buffer[i] ^= 0x5A

    package = tmp_path / "damaged.argosmodel"
    package.write_bytes(_patch_central(deflated.read_bytes(), name, scramble))
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match="is damaged") as caught:
        manager.install_file(package)
    assert "\n" not in str(caught.value)
    _assert_clean(manager, tmp_path)


@pytest.mark.parametrize("cut", [10, 100, 1000])
def test_a_truncated_central_directory_is_refused(tmp_path: Path, tiny_argos_de_en: Path, cut: int) -> None:
    package = tmp_path / "cut.argosmodel"
    package.write_bytes(tiny_argos_de_en.read_bytes()[:-cut])
    manager = _packages(tmp_path)
    with pytest.raises(ModelError) as caught:
        manager.install_file(package)
    assert "\n" not in str(caught.value)
    _assert_clean(manager, tmp_path)


def test_a_fifo_named_like_a_package_does_not_block(tmp_path: Path, ner_manager: NerModelManager) -> None:
    fifo = tmp_path / "x.argosmodel"
    os.mkfifo(fifo)
    errors: list[str] = []

    def install() -> None:
        for call in (_packages(tmp_path).install_file, ner_manager.install_file):
            try:
                call(fifo)
            except ModelError as error:
                errors.append(str(error))

    worker = threading.Thread(target=install, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the open() so the test run can go on, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("opening a FIFO blocked")
    assert errors == ["x.argosmodel is not a regular file; it was not installed."] * 2


@pytest.mark.parametrize("meta", [b"[]", b'{"labels": {"ner": 5}, "lang": "de"}', b"[" * 100_000])
def test_an_odd_meta_json_does_not_break_the_model_list(
    tmp_path: Path, spacy_test_wheel: Path, ner_manager: NerModelManager, meta: bytes
) -> None:
    def replace_meta(info: zipfile.ZipInfo, data: bytes) -> tuple[zipfile.ZipInfo, bytes]:
        return info, meta if info.filename == f"{PIPELINE}/meta.json" else data

    odd = _rebuild(spacy_test_wheel, tmp_path / "odd.whl", change=replace_meta)
    model = ner_manager.install_file(odd)
    assert [m.name for m in ner_manager.installed()] == [TEST_MODEL] and model.labels == ()


def test_a_bomb_of_many_small_entries_is_refused(tmp_path: Path, ner_manager: NerModelManager) -> None:
    zeros = bytes(1024 * 1024)  # each entry stays under the per-entry ratio floor
    bomb = tmp_path / "many.argosmodel"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(150):
            archive.writestr(f"translate-de_en/model/part{i}.bin", zeros)
    assert bomb.stat().st_size < 1024 * 1024
    manager = _packages(tmp_path)
    with pytest.raises(ModelError, match="zip bomb"):
        manager.install_file(bomb)
    _assert_clean(manager, tmp_path)
    wheel = bomb.rename(tmp_path / "many.whl")
    with pytest.raises(ModelError, match="zip bomb"):
        ner_manager.install_file(wheel)
