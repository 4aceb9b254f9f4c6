"""Package manager: installed list, local install checks, the index and downloads over real HTTP."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from reader.core.cancel import CancelToken
from reader.core.errors import CancelledError, FetchError, ModelError
from reader.core.translate.packages import AvailablePackage, PackageManager
from tests.fixtures.http_server import LocalHTTPServer


def _manager(tmp_path: Path, index_url: str | None = None) -> PackageManager:
    return PackageManager(tmp_path / "packages", index_url=index_url, cache_dir=tmp_path / "cache", timeout=5)


def _leftovers(manager: PackageManager) -> list[str]:
    if not manager.packages_dir.exists():
        return []
    return sorted(p.name for p in manager.packages_dir.iterdir())


def test_install_list_find_and_remove(tmp_path: Path, tiny_argos_de_en: Path, tiny_argos_en_fr: Path) -> None:
    manager = _manager(tmp_path)
    assert manager.installed() == []
    installed = manager.install_file(tiny_argos_de_en)
    manager.install_file(tiny_argos_en_fr)
    assert (installed.from_code, installed.to_code, installed.version) == ("de", "en", "1.0")
    assert installed.from_name == "German" and installed.size_bytes > 100_000
    assert [p.pair for p in manager.installed()] == ["de→en", "en→fr"]
    assert [p.pair for p in manager.find_path("de", "fr") or []] == ["de→en", "en→fr"]
    assert manager.find_path("fr", "de") is None
    assert manager.find_path("de", "de") == []

    manager.install_file(tiny_argos_de_en)  # reinstalling replaces, never duplicates
    assert [p.pair for p in manager.installed()] == ["de→en", "en→fr"]
    manager.remove("de→en")
    manager.remove("translate-en_fr")
    assert manager.installed() == [] and _leftovers(manager) == []
    with pytest.raises(ModelError, match="No installed package"):
        manager.remove("de-en")


def _rezip(
    source: Path, dest: Path, *, drop: str | None = None, extra: tuple[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            if drop is None or not info.filename.endswith(drop):
                out.writestr(info, src.read(info))
        if extra:
            out.writestr(*extra)
    return dest


def test_install_file_rejects_bad_archives_and_leaves_nothing(tmp_path: Path, tiny_argos_de_en: Path) -> None:
    manager = _manager(tmp_path)
    not_zip = tmp_path / "notes.argosmodel"
    not_zip.write_text("hello")
    cases = {
        not_zip: "not a zip",
        _rezip(tiny_argos_de_en, tmp_path / "nometa.argosmodel", drop="metadata.json"): "no metadata.json",
        _rezip(tiny_argos_de_en, tmp_path / "nomodel.argosmodel", drop="model.bin"): "no translation model",
        _rezip(
            tiny_argos_de_en, tmp_path / "evil.argosmodel", extra=("translate-de_en-1_0/../../evil.txt", b"x")
        ): "unsafe path",
    }
    for path, message in cases.items():
        with pytest.raises(ModelError, match=message) as caught:
            manager.install_file(path)
        assert "\n" not in str(caught.value)
    assert manager.installed() == [] and _leftovers(manager) == []
    assert not (tmp_path / "evil.txt").exists()


def _index(url: str, data: bytes, **extra: object) -> bytes:
    entry = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [url],
        **extra,
    }
    return json.dumps([entry, {"type": "sbd", "from_code": "de"}]).encode()


def test_index_download_install_with_progress(
    http_server: LocalHTTPServer, tmp_path: Path, tiny_argos_de_en: Path
) -> None:
    data = tiny_argos_de_en.read_bytes()
    package_url = http_server.route("/p/de_en.argosmodel", body=data, content_type="application/zip")
    index = _index(package_url, data, checksum="sha256:" + hashlib.sha256(data).hexdigest())
    manager = _manager(
        tmp_path, http_server.route("/index.json", body=index, content_type="application/json")
    )

    assert manager.available() == [] and manager.index_age() is None  # no network unless asked
    assert http_server.requests == []
    (package,) = manager.available(refresh=True)
    assert (package.pair, package.from_name, package.version) == ("de→en", "German", "1.0")
    age = manager.index_age()
    assert package.checksum and age is not None and age < 60
    assert manager.available() == [package]  # the cached copy, read offline
    assert http_server.requests == ["/index.json"]

    seen: list[tuple[int, int | None]] = []
    installed = manager.download_and_install(package, progress=lambda done, total: seen.append((done, total)))
    assert installed.pair == "de→en" and [p.pair for p in manager.installed()] == ["de→en"]
    assert seen[-1] == (len(data), len(data)) and len(seen) > 2
    assert _leftovers(manager) == ["translate-de_en"]


def _drop_midway(data: bytes) -> object:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data[: len(data) // 2])
        request.wfile.flush()
        request.close_connection = True
        request.connection.shutdown(2)

    return handler


def test_dropped_connection_and_bad_checksum_install_nothing(
    http_server: LocalHTTPServer, tmp_path: Path, tiny_argos_de_en: Path
) -> None:
    data = tiny_argos_de_en.read_bytes()
    manager = _manager(tmp_path)
    dropped = http_server.route("/drop.argosmodel", handler=_drop_midway(data))
    with pytest.raises(FetchError, match="interrupted"):
        manager.download_and_install(_available(dropped))
    good = http_server.route("/good.argosmodel", body=data)
    with pytest.raises(FetchError, match="checksum"):
        manager.download_and_install(_available(good, checksum="0" * 64))
    assert manager.installed() == [] and _leftovers(manager) == []

    # a dead mirror is skipped for the next link
    missing = http_server.url("/missing.argosmodel")
    assert manager.download_and_install(_available(missing, good)).pair == "de→en"


def test_cancelled_download_leaves_nothing(
    http_server: LocalHTTPServer, tmp_path: Path, tiny_argos_de_en: Path
) -> None:
    data = tiny_argos_de_en.read_bytes()
    slow = http_server.route("/slow.argosmodel", body=data, chunk_delay=0.05)
    manager = _manager(tmp_path)
    token = CancelToken()

    def progress(done: int, total: int | None) -> None:
        if done > 0:
            token.cancel()

    with pytest.raises(CancelledError):
        manager.download_and_install(_available(slow), progress=progress, cancel=token)
    assert manager.installed() == [] and _leftovers(manager) == []


def test_unreachable_index_is_a_calm_error(tmp_path: Path) -> None:
    manager = _manager(tmp_path, "http://127.0.0.1:1/index.json")  # connection refused
    with pytest.raises(FetchError) as caught:
        manager.available(refresh=True)
    assert "package index" in str(caught.value) and "\n" not in str(caught.value)
    assert manager.available() == []


def test_index_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("READER_ARGOS_INDEX_URL", "http://127.0.0.1:9/index.json")
    assert PackageManager(tmp_path).index_url == "http://127.0.0.1:9/index.json"


def _available(*links: str, checksum: str | None = None) -> AvailablePackage:
    return AvailablePackage(
        package_id="translate-de_en",
        from_code="de",
        to_code="en",
        from_name="German",
        to_name="English",
        version="1.0",
        links=links,
        checksum=checksum,
    )


def test_listing_never_imports_translate_or_writes_outside(
    tmp_path: Path, argos_packages: PackageManager
) -> None:
    assert [p.pair for p in argos_packages.installed()] == ["de→en", "en→fr"]
    xdg_data = Path(os.environ["XDG_DATA_HOME"])
    assert not (xdg_data / "argos-translate").exists()
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "argos-translate").exists()
