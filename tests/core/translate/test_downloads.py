"""Package and model downloads over a real local server: sizes before confirming, hostile indexes,
deadlines, and the staging folders a killed install leaves behind."""

from __future__ import annotations

import json
import os
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from reader.core import staging
from reader.core.annotate.ner_models import NerModelManager
from reader.core.errors import FetchError, ModelError
from reader.core.translate.packages import PackageManager
from tests.fixtures.http_server import LocalHTTPServer


def _manager(tmp_path: Path, index_url: str | None = None, timeout: float = 5) -> PackageManager:
    return PackageManager(
        tmp_path / "packages", index_url=index_url, cache_dir=tmp_path / "cache", timeout=timeout
    )


def _entry(link: str, **extra: object) -> dict[str, object]:
    return {
        "package_version": "1.0",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [link],
        **extra,
    }


def test_the_download_size_is_read_from_the_server_before_installing(
    http_server: LocalHTTPServer, tmp_path: Path, tiny_argos_de_en: Path
) -> None:
    data = tiny_argos_de_en.read_bytes()
    link = http_server.route("/p/de_en.argosmodel", body=data, content_type="application/zip")
    index = json.dumps([_entry(link)]).encode()
    manager = _manager(
        tmp_path, http_server.route("/index.json", body=index, content_type="application/json")
    )
    (package,) = manager.available(refresh=True)
    assert package.size_bytes == len(data)  # the index has no sizes: Content-Length of a HEAD request
    assert http_server.head_requests == ["/p/de_en.argosmodel"]
    assert http_server.requests == ["/index.json"]  # nothing downloaded before the user confirms
    # the dialog and the missing-model banner read it again offline
    assert manager.available()[0].size_bytes == len(data)
    assert manager.download_size(package) == len(data)


@pytest.mark.parametrize(
    "index",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'[{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"]",
    ],
)
def test_an_index_nested_too_deep_is_a_calm_error(
    http_server: LocalHTTPServer, tmp_path: Path, index: bytes
) -> None:
    manager = _manager(
        tmp_path, http_server.route("/index.json", body=index, content_type="application/json")
    )
    with pytest.raises(ModelError, match="not valid JSON") as caught:
        manager.available(refresh=True)
    assert "\n" not in str(caught.value)


def test_index_numbers_out_of_range_are_ignored(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    huge = json.dumps(_entry("https://example.org/a.argosmodel", size=12345)).replace("12345", "1e400")
    fine = json.dumps(_entry("https://example.org/b.argosmodel", size=12345, to_code="fr"))
    index = http_server.route("/index.json", body=f"[{huge}, {fine}]".encode())
    packages = _manager(tmp_path, index).available(refresh=True)  # JSON reads 1e400 as infinity
    assert [(p.pair, p.size_bytes) for p in packages] == [("de→en", None), ("de→fr", 12345)]


def test_a_dripping_index_server_gives_up(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    def drip(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", "10000")
        request.end_headers()
        try:
            for _ in range(200):
                request.wfile.write(b" ")
                request.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    manager = _manager(tmp_path, http_server.route("/index.json", handler=drip), timeout=1)
    start = time.monotonic()
    with pytest.raises(FetchError, match="package index") as caught:
        manager.available(refresh=True)
    assert (
        "stalled" in str(caught.value) and time.monotonic() - start < 10
    )  # three tries of ~1 s, plus pauses
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_redirect_to_ftp_is_not_followed_by_a_package_download(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    ftp = {"Location": "ftp://mirror.example/de_en.argosmodel"}
    link = http_server.route("/p", status=302, headers=ftp, body=b"")
    index = json.dumps([_entry(link)]).encode()
    manager = _manager(tmp_path, http_server.route("/index.json", body=index))
    (package,) = manager.available(refresh=True)
    with pytest.raises(FetchError, match="not ftp:// links"):
        manager.download_and_install(package)
    assert manager.installed() == [] and list(manager.packages_dir.iterdir()) == []


def _leave_behind(folder: Path, name: str) -> Path:
    """A staging folder as a killed install leaves it: files, an unheld lock, an old date."""
    left = folder / name
    (left / "model").mkdir(parents=True)
    (left / "model" / "model.bin").write_bytes(b"\0" * 1000)
    (left / staging.LOCK_NAME).touch()
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    return left


def test_folders_left_by_a_killed_install_are_removed_next_time(
    tmp_path: Path, tiny_argos_de_en: Path, spacy_test_wheel: Path
) -> None:
    manager = _manager(tmp_path)
    manager.packages_dir.mkdir(parents=True)
    stale = _leave_behind(manager.packages_dir, ".reader-tmp-k1ll3d")
    with staging.staging_dir(manager.packages_dir, ".reader-tmp-") as busy:  # another Reader, still working
        manager.install_file(tiny_argos_de_en)
        assert not stale.exists() and busy.exists()
    assert sorted(p.name for p in manager.packages_dir.iterdir()) == ["translate-de_en"]

    ner = NerModelManager(tmp_path / "spacy-models")
    ner.models_dir.mkdir()
    left = [_leave_behind(ner.models_dir, name) for name in (".install-x1", ".download-x2", ".removing-x3")]
    ner.install_file(spacy_test_wheel)
    assert not any(path.exists() for path in left)
    assert [p.name for p in ner.models_dir.iterdir()] == ["de_test_ner"]


def test_a_fresh_unlocked_folder_is_left_alone(tmp_path: Path) -> None:
    young = tmp_path / ".reader-tmp-young"
    young.mkdir()  # created a moment ago: its process may not have taken the lock yet
    assert staging.remove_stale(tmp_path, (".reader-tmp-",)) == []
    assert young.exists()
