"""The one HTTP client on a real local server: hostile addresses, redirects, retries, mirrors, deadlines."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from reader.core import downloads, http
from reader.core.cancel import CancelToken
from reader.core.errors import CancelledError, FetchError, InputError
from reader.core.ingest import load_source
from reader.core.ingest.fetch import fetch_url
from reader.core.urls import normalize_url
from tests.fixtures.http_server import LocalHTTPServer

PAGE = "<html><body><article><p>Köln liegt am Rhein und hat einen großen Dom.</p></article></body></html>"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.org:99999/a", "port must be a number from 1 to 65535"),
        ("http://example.org:0/a", "port must be a number from 1 to 65535"),
        ("http://example.org:http/a", "port must be a number from 1 to 65535"),
        ("http://example.org:-1/a", "port must be a number from 1 to 65535"),
        ("http://[::1/a", "IPv6 address is broken"),
        ("http://[fe80::zz]/a", "IPv6 address is broken"),
        ("http://[not-an-address]:80/", "IPv6 address is broken"),
        ("http://a..b/x", "server name is not valid"),
        ("http://" + "x" * 64 + ".org/", "server name is not valid"),
        ("http://exa mple.org/", "server name has invalid characters"),
        ("http:///nohost", "not a valid web address"),
        ("http://example.org/\x00a", "control characters"),
        ("ftp://example.org/a", "not ftp:// links"),
    ],
)
def test_hostile_addresses_are_one_clear_line(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        fetch_url(url)
    assert "\n" not in str(caught.value)
    with pytest.raises((FetchError, InputError)):
        load_source(url)  # what the window and the CLI call


def test_everyday_non_ascii_addresses_are_encoded() -> None:
    assert normalize_url("https://de.wikipedia.org/wiki/Köln") == "https://de.wikipedia.org/wiki/K%C3%B6ln"
    assert normalize_url("https://münchen.de/straße?q=grüße#teil") == (
        "https://xn--mnchen-3ya.de/stra%C3%9Fe?q=gr%C3%BC%C3%9Fe"
    )
    assert normalize_url("http://example.org/a%20b c") == "http://example.org/a%20b%20c"  # no double encoding
    assert normalize_url("HTTP://[::1]:8080") == "http://[::1]:8080/"


def test_a_non_ascii_path_reaches_the_server_encoded(http_server: LocalHTTPServer) -> None:
    http_server.route("/wiki/K%C3%B6ln", body=PAGE.encode())
    article = load_source(http_server.url("/wiki/Köln"))
    assert article.blocks[0].text.startswith("Köln liegt am Rhein")
    assert http_server.requests == ["/wiki/K%C3%B6ln"]


def test_a_raw_utf8_location_header_is_followed(http_server: LocalHTTPServer) -> None:
    def redirect(request: BaseHTTPRequestHandler) -> None:
        raw = "HTTP/1.1 302 Found\r\nLocation: /wiki/Köln?stadt=Köln\r\nContent-Length: 0\r\n\r\n"
        request.wfile.write(raw.encode())  # raw UTF-8 in the header, as servers send it

    http_server.route("/kurz", handler=redirect)
    http_server.route("/wiki/K%C3%B6ln", body=PAGE.encode())
    page = fetch_url(http_server.url("/kurz"))
    assert page.final_url == http_server.url("/wiki/K%C3%B6ln?stadt=K%C3%B6ln")


@pytest.mark.parametrize("location", ["http://[::1/x", "http://127.0.0.1:70000/x", "ftp://files.example/p"])
def test_a_broken_location_is_a_clear_error(http_server: LocalHTTPServer, location: str) -> None:
    url = http_server.route("/weg", status=302, headers={"Location": location}, body=b"")
    with pytest.raises(FetchError, match="not a valid web address|not ftp:// links") as caught:
        fetch_url(url)
    assert "\n" not in str(caught.value)


def test_a_home_folder_of_nobody_is_a_missing_file() -> None:
    with pytest.raises(InputError, match="File not found: ~nouser-reader-test/x.html"):
        load_source("~nouser-reader-test/x.html")


def _limits(**overrides: object) -> http.Limits:
    values: dict[str, object] = {"what": "the test file", "max_bytes": 1_000_000, "total_timeout": 10.0}
    values.update(overrides)
    return http.Limits(**values)  # type: ignore[arg-type]


def test_download_retries_a_passing_failure_then_succeeds(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    tries: list[int] = []

    def flaky(request: BaseHTTPRequestHandler) -> None:
        tries.append(1)
        status, body = (503, b"busy") if len(tries) < 3 else (200, b"payload")
        request.send_response(status)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    dest = tmp_path / "file.bin"
    downloads.download(
        [http_server.route("/flaky", handler=flaky)], dest, _limits(), retry_delays=(0.05, 0.05)
    )
    assert dest.read_bytes() == b"payload" and len(tries) == 3


def test_download_falls_back_across_mirrors_without_retrying_a_404(
    http_server: LocalHTTPServer, tmp_path: Path
) -> None:
    good = http_server.route("/good", body=b"payload")
    dest = tmp_path / "file.bin"
    downloads.download([http_server.url("/gone"), good], dest, _limits(), retry_delays=(0.05, 0.05))
    assert dest.read_bytes() == b"payload"
    assert http_server.requests == ["/gone", "/good"]  # a 404 is not worth a second try


def test_a_failed_download_leaves_no_file(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    url = http_server.route("/broken", status=500, body=b"oops")
    dest = tmp_path / "file.bin"
    with pytest.raises(FetchError, match=r"Could not download the test file: the server answered HTTP 500"):
        downloads.download([url], dest, _limits(), retry_delays=(0.05, 0.05))
    assert not dest.exists() and http_server.requests == ["/broken"] * 3


def test_a_dripping_download_hits_the_low_speed_limit(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    def drip(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", "100000")
        request.end_headers()
        try:
            for _ in range(100):
                request.wfile.write(b"x")
                request.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass

    start = time.monotonic()
    with pytest.raises(FetchError, match="stalled"):
        downloads.download(
            [http_server.route("/drip", handler=drip)],
            tmp_path / "f",
            _limits(stall_timeout=0.6),
            retry_delays=(),
        )
    assert time.monotonic() - start < 3


def test_a_download_has_a_total_deadline(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    url = http_server.route("/slow", body=b"y" * 2_000_000, chunk_delay=0.1)  # fast enough not to stall
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"took too long \(limit 1 s\)"):
        downloads.download([url], tmp_path / "f", _limits(total_timeout=1.0, max_bytes=10_000_000))
    assert time.monotonic() - start < 3  # retries stay inside the one deadline


def test_no_redirect_to_another_scheme(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    url = http_server.route(
        "/p", status=302, headers={"Location": "ftp://mirror.example/p.argosmodel"}, body=b""
    )
    with pytest.raises(FetchError, match="not ftp:// links"):
        downloads.download([url], tmp_path / "f", _limits())
    assert not (tmp_path / "f").exists()


def test_cancel_during_the_pause_between_tries(http_server: LocalHTTPServer, tmp_path: Path) -> None:
    url = http_server.route("/down", status=503, body=b"")
    token = CancelToken()
    start = time.monotonic()
    threading.Timer(0.3, token.cancel).start()
    with pytest.raises(CancelledError):
        downloads.download([url], tmp_path / "f", _limits(), cancel=token, retry_delays=(5.0,))
    assert time.monotonic() - start < 1.5


def test_content_length_by_head(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/p.argosmodel", body=b"z" * 123_456, content_type="application/zip")
    assert downloads.content_length(url) == 123_456
    assert http_server.head_requests == ["/p.argosmodel"] and http_server.requests == []
