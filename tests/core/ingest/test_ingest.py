"""Opening files: each format gives the article a reader expects, each bad file a one-line message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.document import Article, BlockKind
from reader.core.errors import InputError
from reader.core.ingest import (
    MAX_HTML_FILE_BYTES,
    load_file,
    load_source,
    parse_html,
    parse_markdown,
    parse_text,
)
from reader.resources import sample_article_path

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def kinds(article: Article) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def test_html_article_has_metadata_structure_and_no_page_chrome() -> None:
    article = load_file(DATA / "museum.html")
    assert article.title == "Museum am Hafen öffnet nach Umbau wieder"
    assert article.byline == "Lena Hoffmann"
    assert article.site == "Nordkurier Test"
    assert article.published == "2024-09-21"
    assert article.source == str((DATA / "museum.html").resolve())
    assert [b.id for b in article.blocks] == [f"b{i}" for i in range(len(article.blocks))]
    blocks = kinds(article)
    assert blocks[0][0] is BlockKind.PARAGRAPH and blocks[0][1].startswith("Nach drei Jahren Bauzeit")
    assert (BlockKind.HEADING, "Neue Räume für alte Schiffe") in blocks
    assert article.blocks[1].level == 2
    assert any(k is BlockKind.QUOTE and t.startswith("“We finally have the space") for k, t in blocks)
    assert [t for k, t in blocks if k is BlockKind.LIST_ITEM] == [
        "Öffnungszeiten: dienstags bis sonntags von 10 bis 18 Uhr",
        "Eintritt: 9 Euro, ermäßigt 5 Euro",
    ]
    assert (BlockKind.CAPTION, "Die neue Ausstellungshalle mit den drei restaurierten Seglern.") in blocks
    # The title is not repeated as a heading, and navigation and footer are gone.
    assert all(t != article.title for _, t in blocks)
    text = " ".join(t for _, t in blocks)
    assert "Startseite" not in text and "Impressum" not in text


def test_xhtml_with_xml_declaration_keeps_preformatted_layout() -> None:
    article = load_file(DATA / "bericht.xhtml")
    assert article.title == "Jahresbericht der Bibliothek"
    assert article.published is None  # a year in the text is not a publication date
    pre = [b for b in article.blocks if b.kind is BlockKind.PREFORMATTED]
    assert [b.text for b in pre] == ["Ausleihen 2023:  41.200\nAusleihen 2024:  47.950"]


def test_htm_suffix_and_file_url_open_as_html(tmp_path: Path) -> None:
    page = tmp_path / "kurz.htm"
    page.write_text(
        "<html><body><p>Ein kurzer Text über den Wochenmarkt.</p></body></html>", encoding="utf-8"
    )
    article = load_source(page.as_uri())
    assert kinds(article) == [(BlockKind.PARAGRAPH, "Ein kurzer Text über den Wochenmarkt.")]
    assert article.title == "kurz"  # no title or heading: the file name


def test_small_page_keeps_structure_that_extraction_would_flatten() -> None:
    html = (
        "<html><head><title>Einkaufsliste</title></head><body><nav><a href='/'>Home</a></nav>"
        "<h1>Einkaufsliste</h1><ul><li>Brot<ul><li>Vollkorn</li></ul></li><li>Käse</li></ul>"
        "<p>Alles bis Samstag besorgen.</p><footer>Kontakt</footer></body></html>"
    ).encode()
    article = parse_html(html)
    assert [(b.kind, b.text, b.level) for b in article.blocks] == [
        (BlockKind.LIST_ITEM, "Brot", 0),
        (BlockKind.LIST_ITEM, "Vollkorn", 1),
        (BlockKind.LIST_ITEM, "Käse", 0),
        (BlockKind.PARAGRAPH, "Alles bis Samstag besorgen.", 0),
    ]


def test_text_file_splits_paragraphs_and_takes_the_title() -> None:
    article = load_file(DATA / "konzert.txt")
    assert article.title == "Ein Abend im Stadtpark"
    assert kinds(article) == [
        (
            BlockKind.PARAGRAPH,
            "Am Freitagabend spielte das Jugendorchester zum ersten Mal unter freiem Himmel. "
            "Die Stühle reichten nicht für alle Zuhörer, viele saßen auf der Wiese.",
        ),
        (
            BlockKind.PARAGRAPH,
            "The conductor, who moved here from Leeds last spring, thanked the city for the invitation.",
        ),
        (BlockKind.LIST_ITEM, "Nächstes Konzert: im August"),
        (BlockKind.LIST_ITEM, "Eintritt frei"),
    ]


def test_text_whose_first_line_is_a_sentence_has_no_title_line() -> None:
    article = parse_text("Heute regnet es in Hamburg.\n\nMorgen auch.", fallback_title="wetter")
    assert article.title == "wetter"
    assert [b.text for b in article.blocks] == ["Heute regnet es in Hamburg.", "Morgen auch."]


def test_markdown_file_gives_headings_lists_quotes_and_code() -> None:
    article = load_file(DATA / "notizen.md")
    assert (article.title, article.byline, article.published) == (
        "Notizen zur Stadtratssitzung",
        "Paul Krüger",
        "2025-01-15",
    )
    assert [(b.kind, b.text, b.level) for b in article.blocks] == [
        (
            BlockKind.PARAGRAPH,
            "Die Sitzung begann mit einer Verspätung von zwanzig Minuten, "
            "weil der Beamer nicht funktionierte.",
            0,
        ),
        (BlockKind.HEADING, "Beschlüsse", 2),
        (BlockKind.LIST_ITEM, "Der Haushalt wurde mit großer Mehrheit angenommen", 0),
        (BlockKind.LIST_ITEM, "Die Sanierung der Grundschule wird vorgezogen auf das Frühjahr", 0),
        (BlockKind.LIST_ITEM, "Nebenpunkt: die Turnhalle folgt später", 1),
        (BlockKind.QUOTE, "The council also welcomed a delegation from the twin town in Wales.", 0),
        (BlockKind.PREFORMATTED, "Abstimmung: 21 ja, 4 nein, 2 Enthaltungen", 0),
        (BlockKind.PARAGRAPH, "Die nächste Sitzung findet im März statt.", 0),
    ]


def test_markdown_without_front_matter_uses_the_first_heading() -> None:
    article = parse_markdown("Titel\n=====\n\nText mit *Betonung* und `code`.\n\n1. erstens\n2. zweitens\n")
    assert article.title == "Titel"
    assert kinds(article) == [
        (BlockKind.PARAGRAPH, "Text mit Betonung und code."),
        (BlockKind.LIST_ITEM, "erstens"),
        (BlockKind.LIST_ITEM, "zweitens"),
    ]


def test_sample_article_reads_well() -> None:
    article = load_file(sample_article_path())
    assert article.title.startswith("Neue Rheinbrücke")
    assert (article.byline, article.site, article.published) == (
        "Miriam Scholz",
        "Oberrhein Rundschau",
        "2025-03-06",
    )
    assert 12 <= len(article.blocks) <= 22
    counts = {kind: sum(1 for b in article.blocks if b.kind is kind) for kind in BlockKind}
    assert (
        counts[BlockKind.QUOTE] >= 2 and counts[BlockKind.HEADING] >= 2 and counts[BlockKind.LIST_ITEM] == 3
    )
    assert counts[BlockKind.CAPTION] == 1
    text = "\n".join(b.text for b in article.blocks)
    assert "C’est une excellente nouvelle" in text and "Half-hourly trains" in text
    for chrome in (
        "Hauptnavigation",
        "Teilen",
        "Anzeige",
        "Probeabo",
        "Mehr zum Thema",
        "Newsletter",
        "Impressum",
    ):
        assert chrome not in text, chrome


# -- files that cannot be read ------------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="File not found"):
        load_source(str(tmp_path / "nirgends.html"))


def test_a_web_address_without_scheme_gets_a_hint() -> None:
    with pytest.raises(InputError, match="start the link with https://"):
        load_source("www.zeitung.example/artikel")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        load_file(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "leer.html"
    empty.write_bytes(b"  \n")
    with pytest.raises(InputError, match="leer.html is empty"):
        load_file(empty)


def test_binary_file_named_html(tmp_path: Path) -> None:
    fake = tmp_path / "bild.html"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary data"):
        load_file(fake)


def test_unsupported_type(tmp_path: Path) -> None:
    pdf = tmp_path / "bericht.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError, match=r"cannot open \.pdf files"):
        load_file(pdf)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "riesig.html"
    with big.open("wb") as handle:
        handle.truncate(MAX_HTML_FILE_BYTES + 2**20)
    with pytest.raises(InputError, match=r"riesig.html is too big to read \(11 MB; the limit is 10 MB\)"):
        load_file(big)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_permission_denied(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("Geheim.", encoding="utf-8")
    secret.chmod(0)
    try:
        with pytest.raises(InputError, match="Permission denied"):
            load_file(secret)
    finally:
        secret.chmod(0o600)


def test_page_without_article_text(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text(
        "<html><body><nav><ul><li><a href='/a'>Start</a></li><li><a href='/b'>Kontakt</a></li></ul></nav>"
        "<script>document.write('nur Skript')</script><footer>© 2025</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="No article text found"):
        load_file(page)


def test_unsupported_scheme_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not ftp: links"):
        load_source("ftp://files.example/artikel.html")
