"""Hostile and awkward input: encodings, huge lines, deep nesting, oversized markup, executable content."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.document import Article, BlockKind
from reader.core.errors import InputError
from reader.core.ingest import decode_bytes, load_file, parse_html

GERMAN = "Die Bürgerinnen in Köln äußerten sich „überrascht“ über größere Grünflächen – schön!"


def all_text(article: Article) -> str:
    meta = [article.title, article.byline or "", article.site or "", article.published or ""]
    return "\n".join([*meta, *(b.text for b in article.blocks)])


def test_cp1252_page_without_charset_keeps_its_umlauts(tmp_path: Path) -> None:
    page = tmp_path / "alt.html"
    page.write_bytes(
        f"<html><head><title>Grünflächen</title></head><body><p>{GERMAN}</p></body></html>".encode("cp1252")
    )
    article = load_file(page)
    assert article.title == "Grünflächen"
    assert [b.text for b in article.blocks] == [GERMAN]


def test_cp1252_text_file_keeps_its_umlauts(tmp_path: Path) -> None:
    note = tmp_path / "notiz.txt"
    note.write_bytes(f"Über Straßen\n\n{GERMAN}\n".encode("cp1252"))
    article = load_file(note)
    assert (article.title, [b.text for b in article.blocks]) == ("Über Straßen", [GERMAN])


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    note = tmp_path / "export.txt"
    note.write_bytes(f"Grüße aus Zürich\n\n{GERMAN}\r\n".encode("utf-16"))  # BOM + little-endian
    article = load_file(note)
    assert (article.title, [b.text for b in article.blocks]) == ("Grüße aus Zürich", [GERMAN])


def test_declared_charset_wins_over_detection_and_a_bom_over_both() -> None:
    assert decode_bytes("Привет, мир".encode("koi8-r"), "koi8-r") == "Привет, мир"
    assert decode_bytes("\ufeffÄrger".encode(), "cp1252") == "Ärger"
    html = '<meta charset="iso-8859-15"><p>Preis: 5 € für Äpfel</p>'.encode("iso-8859-15")
    assert parse_html(html).blocks[0].text == "Preis: 5 € für Äpfel"


def test_wrong_declared_charset_falls_back_to_detection() -> None:
    html = f'<html><head><meta charset="utf-8"></head><body><p>{GERMAN}</p></body></html>'.encode("cp1252")
    assert parse_html(html).blocks[0].text == GERMAN


def test_one_two_megabyte_line_is_read_in_bounded_time(tmp_path: Path) -> None:
    line = ("Ein langer Satz ohne Zeilenumbruch, and some English in between. " * 40_000)[:2_000_000]
    text_file = tmp_path / "lang.txt"
    text_file.write_text(line, encoding="utf-8")
    html_file = tmp_path / "lang.html"
    html_file.write_text(f"<html><body><p>{line}</p></body></html>", encoding="utf-8")
    start = time.perf_counter()
    from_text = load_file(text_file)
    from_html = load_file(html_file)
    elapsed = time.perf_counter() - start
    assert len(from_text.blocks) == 1 and len(from_text.blocks[0].text) == len(line.strip())
    assert len(from_html.blocks) == 1 and from_html.blocks[0].text == line.strip()
    assert elapsed < 20, f"2 MB lines took {elapsed:.1f} s"  # a guard against runaway time, not a benchmark


def test_twenty_thousand_nested_divs_do_not_crash_or_hang() -> None:
    html = (
        "<html><body><p>Ein Absatz vor den verschachtelten Elementen.</p>"
        + "<div>" * 20_000
        + "<p>Der innerste Absatz.</p>"
        + "</div>" * 20_000
        + "<p>Ein Absatz danach.</p></body></html>"
    ).encode()
    start = time.perf_counter()
    article = parse_html(html)
    elapsed = time.perf_counter() - start
    assert [b.text for b in article.blocks] == [
        "Ein Absatz vor den verschachtelten Elementen.",
        "Der innerste Absatz.",
        "Ein Absatz danach.",
    ]
    assert elapsed < 20, f"nested divs took {elapsed:.1f} s"


def test_markup_too_big_to_extract_is_refused_with_the_limit_named() -> None:
    paragraph = "<div class='x'><p>Ein Absatz mit etwas Text und einem <a href='/l'>Link</a>.</p></div>\n"
    html = ("<html><body>" + paragraph * (4 * 2**20 // len(paragraph)) + "</body></html>").encode()
    start = time.perf_counter()
    with pytest.raises(
        InputError, match=r"too big to read \(4.2 million characters of markup .*the limit is 2.1 million\)"
    ):
        parse_html(html)
    assert time.perf_counter() - start < 20


def test_scripts_and_styles_do_not_count_towards_the_markup_limit() -> None:
    script = "<script>var x = '" + "a" * (5 * 2**20) + "';</script>"
    html = f"<html><head>{script}</head><body><p>{GERMAN}</p></body></html>".encode()
    assert [b.text for b in parse_html(html).blocks] == [GERMAN]


CANARY_PAGE = """<!DOCTYPE html>
<html><head>
<title>Sicherer Titel</title>
<meta name="author" content="javascript:alert('CANARY_META')">
<script>var CANARY_SCRIPT = 1;</script>
<style>.CANARY_STYLE { color: red }</style>
</head>
<body onload="CANARY_ONLOAD()">
<article>
<h1>Sicherer Titel</h1>
<p>Die Stadt hat einen neuen Spielplatz eröffnet, der von Kindern aus dem ganzen Viertel besucht wird.
Die Eltern freuen sich über die zusätzlichen Bänke im Schatten.</p>
<template><p>CANARY_TEMPLATE sollte niemals erscheinen, auch nicht als Absatz im Artikel.</p></template>
<noscript><p>CANARY_NOSCRIPT bitte JavaScript aktivieren.</p></noscript>
<p>Ein Foto <img src="x.png" onerror="CANARY_ONERROR()" alt=""> zeigt den Eingang, und
<a href="javascript:CANARY_JS()">dieser Link</a> führt nirgendwohin.</p>
<p style="display:none">CANARY_HIDDEN versteckter Text, der nicht gelesen wird.</p>
<script type="text/template"><p>CANARY_SCRIPT_TEMPLATE</p></script>
<p>Der Spielplatz ist täglich von acht bis zwanzig Uhr geöffnet, auch an Feiertagen und in den Ferien.</p>
</article>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".xhtml"])
def test_executable_and_hidden_content_never_reaches_the_reader(tmp_path: Path, suffix: str) -> None:
    page = tmp_path / f"canary{suffix}"
    page.write_text(CANARY_PAGE, encoding="utf-8")
    article = load_file(page)
    text = all_text(article)
    assert "CANARY" not in text and "javascript" not in text.lower()
    assert article.title == "Sicherer Titel" and article.byline is None
    assert any("dieser Link führt nirgendwohin" in b.text for b in article.blocks)
    assert all(b.kind is not BlockKind.HEADING or b.text != "Sicherer Titel" for b in article.blocks)


def test_executable_content_stays_out_of_small_pages_too() -> None:
    html = (
        b"<html><body><p onclick='CANARY_CLICK()'>Kurz.</p><template>CANARY_TEMPLATE</template>"
        b"<script>CANARY_SCRIPT</script><style>CANARY_STYLE</style></body></html>"
    )
    article = parse_html(html)
    assert [b.text for b in article.blocks] == ["Kurz."]
    assert "CANARY" not in all_text(article)


def test_markdown_inline_html_scripts_are_dropped(tmp_path: Path) -> None:
    note = tmp_path / "notiz.md"
    note.write_text("# Titel\n\nText <script>CANARY_SCRIPT()</script>weiter.\n", encoding="utf-8")
    article = load_file(note)
    assert [b.text for b in article.blocks] == ["Text weiter."]
