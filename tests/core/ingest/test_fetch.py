"""Opening URLs against a real local HTTP server: success, redirects, every failure, cancel."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from reader.core.cancel import CancelToken
from reader.core.document import BlockKind
from reader.core.errors import CancelledError, FetchError, InputError
from reader.core.ingest import load_source, load_url
from reader.core.ingest.fetch import MAX_REDIRECTS, fetch_url
from tests.fixtures.http_server import LocalHTTPServer

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Fähre nach Helgoland fährt wieder | Küstenblatt</title>
<meta property="og:title" content="Fähre nach Helgoland fährt wieder">
<meta property="og:site_name" content="Küstenblatt">
<meta name="author" content="Jonas Petersen">
<meta property="article:published_time" content="2025-04-02T06:00:00Z">
</head><body><nav><a href="/">Start</a> <a href="/meer">Meer</a></nav><article>
<h1>Fähre nach Helgoland fährt wieder</h1>
<p>Nach der Winterpause verkehrt die Fähre von Cuxhaven nach Helgoland seit Dienstag wieder täglich.
Die Reederei rechnet in diesem Jahr mit mehr Gästen als im Vorjahr.</p>
<p>The crossing takes about two and a half hours, and tickets can be bought at the harbour or online.</p>
<h2>Neue Abfahrtszeiten</h2>
<p>Im Sommer legt das Schiff bereits um halb neun ab, damit Tagesgäste mehr Zeit auf der Insel haben.</p>
</article><footer>© Küstenblatt</footer></body></html>
""".encode()


def test_page_with_metadata_and_progress(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/faehre.html", body=PAGE)
    seen: list[tuple[int, int | None]] = []
    article = load_source(url, progress=lambda done, total: seen.append((done, total)))
    assert article.title == "Fähre nach Helgoland fährt wieder"
    assert (article.byline, article.site, article.published) == (
        "Jonas Petersen",
        "Küstenblatt",
        "2025-04-02",
    )
    assert article.source == url
    assert [b.kind for b in article.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
    ]
    assert "Start" not in " ".join(b.text for b in article.blocks)
    assert seen[-1] == (len(PAGE), len(PAGE))


def test_sends_an_honest_user_agent(http_server: LocalHTTPServer) -> None:
    agents: list[str] = []

    def handler(request: BaseHTTPRequestHandler) -> None:
        agents.append(request.headers.get("User-Agent", ""))
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(PAGE)))
        request.end_headers()
        request.wfile.write(PAGE)

    fetch_url(http_server.route("/ua", handler=handler))
    assert agents and agents[0].startswith("Reader/")


def test_charset_from_the_http_header(http_server: LocalHTTPServer) -> None:
    body = "<html><body><p>Grüße von der Förde, schönes Wetter heute.</p></body></html>".encode("cp1252")
    url = http_server.route("/alt", body=body, content_type="text/html; charset=windows-1252")
    assert load_url(url).blocks[0].text == "Grüße von der Förde, schönes Wetter heute."


def test_plain_text_response(http_server: LocalHTTPServer) -> None:
    body = b"Kurze Notiz\n\nDer Hafen ist heute gesperrt."
    url = http_server.route("/notiz.txt", body=body, content_type="text/plain; charset=utf-8")
    article = load_url(url)
    assert (article.title, [b.text for b in article.blocks]) == (
        "Kurze Notiz",
        ["Der Hafen ist heute gesperrt."],
    )


def test_gzip_body_is_decompressed(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/gz", body=gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    assert fetch_url(url).body == PAGE


def test_redirects_are_followed(http_server: LocalHTTPServer) -> None:
    target = http_server.route("/ziel", body=PAGE)
    http_server.route("/kurz", status=301, headers={"Location": "/mitte"}, body=b"")
    http_server.route("/mitte", status=302, headers={"Location": target}, body=b"")
    page = fetch_url(http_server.url("/kurz"))
    assert (page.url, page.final_url, page.body) == (http_server.url("/kurz"), target, PAGE)


def test_more_than_five_redirects_is_an_error(http_server: LocalHTTPServer) -> None:
    for i in range(MAX_REDIRECTS + 1):
        http_server.route(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"}, body=b"")
    http_server.route(f"/r{MAX_REDIRECTS + 1}", body=PAGE)
    with pytest.raises(FetchError, match=r"Too many redirects \(more than 5\)"):
        fetch_url(http_server.url("/r0"))
    assert fetch_url(http_server.url("/r1")).body == PAGE  # exactly five is fine


def test_redirect_to_another_scheme_is_refused(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/weg", status=302, headers={"Location": "ftp://files.example/a.html"}, body=b"")
    with pytest.raises(FetchError, match="not ftp:// links"):
        fetch_url(url)


def test_not_found(http_server: LocalHTTPServer) -> None:
    with pytest.raises(FetchError, match=r"Page not found \(HTTP 404\)"):
        load_url(http_server.url("/gibt-es-nicht"))


def test_server_error(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/kaputt", status=500, body=b"oops")
    with pytest.raises(FetchError, match=r"HTTP 500"):
        load_url(url)


def test_slow_server_times_out(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/langsam", handler=lambda request: time.sleep(3))
    start = time.perf_counter()
    with pytest.raises(FetchError, match=r"did not answer in time \(limit 0.5 s\)"):
        fetch_url(url, total_timeout=0.5)
    assert time.perf_counter() - start < 2.5


def test_server_dripping_bytes_hits_the_total_timeout(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/tropf", body=b"<p>x</p>" * 50_000, chunk_delay=0.2)
    with pytest.raises(FetchError, match="did not answer in time"):
        fetch_url(url, total_timeout=0.5)


def test_declared_oversized_body_is_refused_at_once(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/gross", body=b"<p>" + b"x" * 300_000 + b"</p>")
    with pytest.raises(FetchError, match="too big"):
        fetch_url(url, max_bytes=100_000)


def test_undeclared_oversized_body_is_cut_while_streaming(http_server: LocalHTTPServer) -> None:
    sent: list[int] = []

    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        try:
            for _ in range(200):  # 12.8 MB if nobody stopped reading
                request.wfile.write(b"<p>" + b"y" * 65_000 + b"</p>")
                sent.append(1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    with pytest.raises(FetchError, match=r"too big to read \(more than the 1 MB limit\)"):
        fetch_url(http_server.route("/strom", handler=endless), max_bytes=2**20)


def test_compressed_bomb_is_cut_at_the_limit(http_server: LocalHTTPServer) -> None:
    bomb = gzip.compress(b"<p>" + b"z" * 20_000_000 + b"</p>")
    url = http_server.route("/bombe", body=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="too big"):
        fetch_url(url, max_bytes=2**20)


def test_image_is_not_a_web_page(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/bild.png", body=b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(FetchError, match=r"not a web page \(it is image/png\)"):
        load_url(url)


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=f"127.0.0.1:{port} refused the connection"):
        fetch_url(f"http://127.0.0.1:{port}/artikel")


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # DNS is a remote service: fake its answer
    with pytest.raises(FetchError, match="Could not find the server zeitung.invalid"):
        fetch_url("https://zeitung.invalid/artikel")


@pytest.mark.parametrize("url", ["ftp://files.example/a.html", "gopher://x/", "mailto:redaktion@example.org"])
def test_bad_scheme(url: str) -> None:
    with pytest.raises(FetchError, match="Only http and https links"):
        fetch_url(url)
    with pytest.raises(InputError):
        load_source(url)


def test_cancel_mid_download(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/gross", body=b"<p>" + b"w" * 2_000_000 + b"</p>", chunk_delay=0.05)
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int | None) -> None:
        seen.append(done)
        if done > 100_000:
            token.cancel()

    start = time.perf_counter()
    with pytest.raises(CancelledError):
        load_url(url, cancel=token, progress=progress)
    assert time.perf_counter() - start < 1.5
    assert 100_000 < seen[-1] < 2_000_000


def test_cancel_while_the_server_is_silent(http_server: LocalHTTPServer) -> None:
    url = http_server.route("/still", handler=lambda request: time.sleep(3))
    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    start = time.perf_counter()
    with pytest.raises(CancelledError):
        fetch_url(url, cancel=token, total_timeout=10)
    assert time.perf_counter() - start < 1.5
