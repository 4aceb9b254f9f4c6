"""An article's sentence pairs as TSV, TMX and an Anki CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    SentenceOrigin,
    SentencePair,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.core.parallel_text import sentence_rows, to_anki_csv, to_tsv, write_anki_csv, write_tmx, write_tsv
from reader.core.tmx import read_tmx

TITLE = "Merkel in Paris"
B0 = "Angela Merkel traf Macron in Paris. Es ging um\tZölle & <Handel>."
B0_EN = "Angela Merkel met Macron in Paris. It was about tariffs & <trade>."
B1 = "Officials said nothing."


def _article() -> Article:
    return Article(
        TITLE,
        (
            Block("b0", BlockKind.PARAGRAPH, B0, lang="de"),
            Block("b1", BlockKind.PARAGRAPH, B1, lang="en"),
            Block("b2", BlockKind.PARAGRAPH, "Ein Absatz von früher.", lang="de"),
        ),
        source="https://news.example.org/merkel",
        lang="de",
    )


def _translations() -> list[Translation]:
    return [
        Translation("b1", "en", TranslationStatus.SAME_LANGUAGE, None, "en"),
        Translation(
            "b0",
            "en",
            TranslationStatus.TRANSLATED,
            B0_EN,
            "de",
            None,
            (
                SentencePair((0, 35), (0, 34), -0.2),
                SentencePair((36, len(B0)), (35, len(B0_EN)), None, SentenceOrigin.MEMORY),
            ),
        ),
        Translation(
            TITLE_BLOCK_ID,
            "en",
            TranslationStatus.TRANSLATED,
            "Merkel in Paris",
            "de",
            None,
            (SentencePair((0, 15), (0, 15), -0.05),),
        ),
        # Stored before sentence pairs were kept: the whole block is one pair.
        Translation("b2", "en", TranslationStatus.TRANSLATED, "A paragraph from before.", "de"),
        Translation("b0", "fr", TranslationStatus.TRANSLATED, "Angela Merkel a rencontré Macron.", "de"),
    ]


def _annotations() -> dict[str, BlockAnnotations]:
    return {
        "b0": BlockAnnotations(
            "b0",
            (
                Span(0, 13, SpanKind.PERSON, "Angela Merkel"),
                Span(19, 25, SpanKind.PERSON, "Macron"),
                Span(29, 34, SpanKind.LOCATION, "Paris"),
            ),
        )
    }


def test_rows_come_title_first_then_blocks_with_origins_and_scores() -> None:
    rows = sentence_rows(_article(), _translations(), _annotations(), target="en")
    assert [(r.block_id, r.source, r.target) for r in rows] == [
        (TITLE_BLOCK_ID, "Merkel in Paris", "Merkel in Paris"),
        ("b0", "Angela Merkel traf Macron in Paris.", "Angela Merkel met Macron in Paris."),
        ("b0", "Es ging um\tZölle & <Handel>.", "It was about tariffs & <trade>."),
        ("b2", "Ein Absatz von früher.", "A paragraph from before."),
    ]
    assert [r.origin for r in rows] == [
        SentenceOrigin.MODEL,
        SentenceOrigin.MODEL,
        SentenceOrigin.MEMORY,
        None,
    ]
    assert rows[1].score == -0.2 and rows[1].marks == ((0, 13), (19, 25), (29, 34))
    assert {(r.source_lang, r.target_lang) for r in rows} == {("de", "en")}
    # Without a target the first translated one is used; another target gives its own pairs.
    assert [r.target for r in sentence_rows(_article(), _translations(), target="fr")] == [
        "Angela Merkel a rencontré Macron."
    ]


def test_tsv_is_one_escaped_line_per_pair(tmp_path: Path) -> None:
    rows = sentence_rows(_article(), _translations(), target="en")
    text = to_tsv(rows)
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[2] == "Es ging um\\tZölle & <Handel>.\tIt was about tariffs & <trade>."
    path = tmp_path / "pairs.tsv"
    write_tsv(rows, path)
    assert path.read_text(encoding="utf-8") == text


def test_tmx_export_reads_back_with_the_blocks_language(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tmx"
    write_tmx(sentence_rows(_article(), _translations(), target="en"), path)
    pairs = read_tmx(path)
    assert [(p.source_lang, p.source, p.target_lang) for p in pairs][1] == (
        "de",
        "Angela Merkel traf Macron in Paris.",
        "en",
    )
    assert pairs[2].source == "Es ging um Zölle & <Handel>."  # TMX segments are one line


def test_anki_csv_has_the_header_anki_reads_and_names_in_bold(tmp_path: Path) -> None:
    rows = sentence_rows(_article(), _translations(), _annotations(), target="en")
    text = to_anki_csv(rows)
    header = text.splitlines()[:3]
    assert header == ["#separator:comma", "#html:true", "#columns:Front,Back,Title,Source"]
    cards = list(csv.reader(io.StringIO("\n".join(text.splitlines()[3:]))))
    assert len(cards) == 4
    front, back, title, source = cards[1]
    assert front == "<b>Angela Merkel</b> traf <b>Macron</b> in <b>Paris</b>."
    assert back == "Angela Merkel met Macron in Paris."
    assert (title, source) == (TITLE, "https://news.example.org/merkel")
    assert cards[2][:2] == [
        "Es ging um\tZölle &amp; &lt;Handel&gt;.",
        "It was about tariffs &amp; &lt;trade&gt;.",
    ]
    path = tmp_path / "cards.csv"
    write_anki_csv(rows, path)
    assert path.read_bytes().decode("utf-8") == text


def test_an_article_without_translations_has_no_rows() -> None:
    assert sentence_rows(_article(), []) == []
    assert to_tsv([]) == ""
