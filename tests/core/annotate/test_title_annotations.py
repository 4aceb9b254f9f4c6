"""Names and dates in the title are found like those of the body, with the same recognizer, and reach
every place the title is shown: the window's header, the JSON and HTML exports."""

from __future__ import annotations

import json

from reader.core.annotate.annotator import Annotator
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockKind,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.core.export import to_html, to_json

TITLE = "Olaf Scholz reist am 3. März nach Berlin"
BODY = "Der Kanzler traf dort Vertreter der Länder. Am 3. März 2025 war das Treffen geplant."


def article(title: str = TITLE) -> Article:
    block = Block("b0", BlockKind.PARAGRAPH, BODY, lang="de")
    return Article(title=title, blocks=(block,), lang="de", published="2025-02-20")


def test_the_title_gets_names_and_dates_under_its_own_id() -> None:
    notes = Annotator().annotate_article(article())
    spans = notes[TITLE_BLOCK_ID].original
    found = {(s.text, s.kind) for s in spans}
    assert ("Olaf Scholz", SpanKind.PERSON) in found and ("Berlin", SpanKind.LOCATION) in found
    (date,) = [s for s in spans if s.kind is SpanKind.DATE]
    assert TITLE[date.start : date.end] == date.text and date.value == "2025-03-03"
    assert "b0" in notes  # the body as before


def test_an_untitled_article_has_no_title_annotations() -> None:
    assert TITLE_BLOCK_ID not in Annotator().annotate_article(article(""))


def test_the_titles_translation_is_annotated_and_both_reach_the_exports() -> None:
    translated = "Olaf Scholz travels to Berlin on 3 March"
    title = Translation(TITLE_BLOCK_ID, "en", TranslationStatus.TRANSLATED, translated, source_lang="de")
    notes = Annotator().annotate_article(article(), {TITLE_BLOCK_ID: title})
    assert ("Berlin", SpanKind.LOCATION) in {(s.text, s.kind) for s in notes[TITLE_BLOCK_ID].translation}

    data = json.loads(to_json(article(), [title], notes, target="en"))
    assert {"text": "Berlin", "type": "LOC"}.items() <= next(
        e for e in data["title_entities"] if e["text"] == "Berlin"
    ).items()
    assert [d["value"] for d in data["title_dates"]] == ["2025-03-03"]
    assert any(e["text"] == "Berlin" for e in data["title_translation"]["entities"])

    page = to_html(article(), [title], notes, target="en")
    header = page[page.index("<header>") : page.index("</header>")]
    assert '<mark class="per"' in header and header.count('<mark class="loc"') == 2  # title and translation
    assert "<title>Olaf Scholz reist am 3. März nach Berlin</title>" in page  # plain text in <title>
