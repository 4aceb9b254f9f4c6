"""Special files and lying charsets: opened calmly, never blocking, never read without limit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader.core.errors import InputError, ReaderError
from reader.core.ingest import load_source, load_url, parse_html
from reader.core.ingest.decode import decode_bytes, normalize_charset
from tests.fixtures.http_server import LocalHTTPServer

TEXT = "Grüße aus Köln: das Wetter ist heute wirklich schön, sagt die Wetterdienstleiterin."
NOT_TEXT_ENCODINGS = ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "utf-7", "UTF7"]


def _open_in_thread(source: str) -> str:
    """load_source in a thread; the error message, or fail if it blocks (then unblock a FIFO)."""
    result: list[str] = []

    def run() -> None:
        try:
            load_source(source)
            result.append("opened")
        except ReaderError as error:
            result.append(str(error))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        pytest.fail(f"opening {source} blocked or read without end")
    return result[0]


def test_a_fifo_named_like_a_page_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "x.html"
    os.mkfifo(fifo)
    try:
        assert _open_in_thread(str(fifo)) == "x.html is not a regular file (it is a device, pipe or socket)."
    finally:
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # releases a reader stuck in open(), if any
        os.close(fd)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    link = tmp_path / "page.html"
    link.symlink_to(device)
    message = _open_in_thread(str(link))
    assert message == "page.html is not a regular file (it is a device, pipe or socket)."
    assert _open_in_thread(link.as_uri()) == message  # a file:// URL takes the same road


def test_a_file_that_grows_past_the_cap_is_cut(tmp_path: Path) -> None:
    from reader.core.files import read_capped

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    assert len(read_capped(path, 100)) == 101  # enough to know it is too big, no more


@pytest.mark.parametrize("label", NOT_TEXT_ENCODINGS)
def test_charsets_that_are_not_text_encodings_are_ignored(label: str) -> None:
    assert normalize_charset(label) is None
    assert decode_bytes(TEXT.encode(), label) == TEXT


@pytest.mark.parametrize("label", NOT_TEXT_ENCODINGS)
def test_a_page_declaring_them_in_meta_or_xml_is_read(label: str) -> None:
    body = f"<article><p>{TEXT}</p><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p></article>"
    for head in (f'<meta charset="{label}">', f'<?xml version="1.0" encoding="{label}"?><html>'):
        article = parse_html(f"{head}<title>T</title><body>{body}</body>".encode())
        texts = [block.text for block in article.blocks]
        assert texts[0] == TEXT
        assert "<script>" not in " ".join(texts)  # UTF-7 was not honoured


@pytest.mark.parametrize("label", ["rot13", "base64", "utf-7", "undefined"])
def test_such_a_charset_in_the_http_header_is_ignored(http_server: LocalHTTPServer, label: str) -> None:
    body = f"<html><body><article><p>{TEXT}</p></article></body></html>".encode()
    url = http_server.route("/p.html", body=body, content_type=f"text/html; charset={label}")
    assert load_url(url).blocks[0].text == TEXT
    note = f"Titel\n\n{TEXT}".encode()
    text_url = http_server.route("/n.txt", body=note, content_type=f"text/plain; charset={label}")
    assert load_url(text_url).blocks[0].text == TEXT


def test_a_regular_file_still_opens(tmp_path: Path) -> None:
    page = tmp_path / "ok.html"
    page.write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>", "utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(page)
    assert load_source(str(link)).blocks[0].text == TEXT
    with pytest.raises(InputError, match="is a folder"):
        load_source(str(tmp_path))
