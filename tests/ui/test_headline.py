"""The headline is translated: in the article header (every mode), the window title and the library
list; a pending or missing translation is a quiet note in body type, never a second headline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.app.library_rows import LibraryQuery, LibraryRow
from reader.core.document import TITLE_BLOCK_ID, BlockKind, Translation, TranslationStatus
from reader.ui.article_html import Column, ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.library_panel import LibraryPanel
from reader.ui.main_window import MainWindow
from tests.ui.sentence_fixtures import BLOCKS, TITLE, TITLE_TR, make_article

UNAVAILABLE = Translation(
    TITLE_BLOCK_ID, "en", TranslationStatus.UNAVAILABLE, None, "de", "de→en not installed"
)


def show(
    qtbot: QtBot, translations: dict[str, Translation], mode: ViewMode = ViewMode.SIDE_BY_SIDE
) -> ArticleView:
    article, _all = make_article()
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_mode(mode)
    view.set_article(article, translations)
    return view


def line_height_at(view: ArticleView, text: str) -> int:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.toPlainText().index(text) + 1)
    return view.cursorRect(cursor).height()


@pytest.mark.parametrize("mode", list(ViewMode))
def test_the_header_shows_the_title_and_its_translation(qtbot: QtBot, mode: ViewMode) -> None:
    _article, translations = make_article()
    view = show(qtbot, translations, mode)
    plain = view.toPlainText()
    if mode is ViewMode.ORIGINAL:
        assert TITLE in plain and TITLE_TR not in plain
    elif mode is ViewMode.TRANSLATION:  # the translation is the headline, the original in small type under it
        assert plain.index(TITLE_TR) < plain.index(TITLE)
        assert line_height_at(view, TITLE_TR) > line_height_at(view, TITLE)
    else:
        assert plain.index(TITLE) < plain.index(TITLE_TR)
    assert view.headline == TITLE_TR


@pytest.mark.parametrize("mode", [ViewMode.SIDE_BY_SIDE, ViewMode.INTERLINEAR, ViewMode.TRANSLATION])
def test_pending_and_missing_title_translations_are_small_notes(qtbot: QtBot, mode: ViewMode) -> None:
    view = show(qtbot, {}, mode)  # nothing translated yet: the title's translation is on its way too
    body = line_height_at(view, "Translating…")
    assert view.toPlainText().index(TITLE) < view.toPlainText().index("Translating…")
    assert body < line_height_at(view, TITLE) and view.headline == TITLE
    # Every placeholder in body type: beside (or under) a heading, a list item, a quote and a caption too.
    heights = {line_height_at(view, "Translating…")}
    plain = view.toPlainText()
    index = 0
    while (index := plain.find("Translating…", index + 1)) > 0:
        cursor = QTextCursor(view.document())
        cursor.setPosition(index + 1)
        heights.add(view.cursorRect(cursor).height())
    assert max(heights) < line_height_at(view, BLOCKS[0][1][0])  # never the heading's size
    view.update_translation(UNAVAILABLE)
    view.flush()
    assert "No translation: de→en not installed" in view.toPlainText()
    assert line_height_at(view, "No translation") < line_height_at(view, TITLE)


def test_no_note_once_every_block_is_in_and_none_for_the_reader_s_language(qtbot: QtBot) -> None:
    _article, translations = make_article()
    del translations[TITLE_BLOCK_ID]
    view = show(qtbot, translations)
    assert "Translating…" not in view.toPlainText()  # the blocks are done: no note waits forever
    same = Translation(TITLE_BLOCK_ID, "en", TranslationStatus.SAME_LANGUAGE, None, "en")
    view.update_translation(same)
    view.flush()
    assert "Already in your language" not in view.toPlainText() and view.headline == TITLE


@pytest.mark.parametrize("mode", list(ViewMode))
def test_every_kind_of_block_is_translated_like_a_paragraph(qtbot: QtBot, mode: ViewMode) -> None:
    _article, translations = make_article()
    view = show(qtbot, translations, mode)
    plain = view.toPlainText()
    for kind, german, english, _scores in BLOCKS:
        shown_original = mode is not ViewMode.TRANSLATION
        shown_translation = mode is not ViewMode.ORIGINAL
        assert (" ".join(german) in plain) is shown_original, kind
        assert (" ".join(english) in plain) is shown_translation, kind
    if mode is not ViewMode.ORIGINAL:  # a translated heading is still a heading
        assert line_height_at(view, BLOCKS[0][2][0]) > line_height_at(view, BLOCKS[1][2][0][:20])
    assert BLOCKS[0][0] is BlockKind.HEADING


def test_the_window_title_follows_the_translated_headline(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    article, translations = make_article()
    title_translation = translations.pop(TITLE_BLOCK_ID)
    window.session.article_opened.emit(article)
    assert window.windowTitle() == f"{TITLE} — Reader"
    window.session.translation_arrived.emit(title_translation)  # as the pipeline delivers it: first
    window.view.flush()
    assert window.windowTitle() == f"{TITLE_TR} — Reader"
    window.session.translation_arrived.emit(replace(title_translation, text="Summit"))
    window.view.flush()
    assert window.windowTitle() == "Summit — Reader"


def test_the_library_list_shows_the_title_in_the_reader_s_language_over_the_original(qtbot: QtBot) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    query = LibraryQuery("", "all", 0)
    panel._generation = 0
    rows = [
        LibraryRow(1, "Summit in Brussels", "Testzeitung · DE/EN", original_title="Gipfel in Brüssel"),
        LibraryRow(2, "Already English", "Example · EN"),
    ]
    assert panel.show_results(query, rows)
    first, second = panel.list.item(0).text().split("\n"), panel.list.item(1).text().split("\n")
    assert first[:3] == ["Summit in Brussels", "Gipfel in Brüssel", "Testzeitung · DE/EN"]
    assert second == ["Already English", "Example · EN"]


def test_the_title_s_translation_streams_in_without_re_rendering_the_article(qtbot: QtBot) -> None:
    article, translations = make_article(repeat=3)
    title_translation = translations.pop(TITLE_BLOCK_ID)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    english = {k: t for k, t in translations.items() if t.status is TranslationStatus.SAME_LANGUAGE}
    view.set_article(article, english)
    renders = view.render_count
    with qtbot.waitSignal(view.headline_changed) as headline:
        view.update_translation(title_translation)  # the pipeline sends the title first
        view.flush()
    assert headline.args == [TITLE_TR] and view.render_count == renders  # one line replaced, no rebuild
    plain = view.toPlainText()
    assert plain.index(TITLE) < plain.index(TITLE_TR) < plain.index("Translating…")
    in_place = line_height_at(view, TITLE_TR)
    ref_start = view.sentence_ranges(view.sentence_order()[0])
    assert [view.document().characterAt(start) for start, _end in ref_start] == ["R", "G"]  # linked at once
    view.set_mode(ViewMode.INTERLINEAR)
    view.set_mode(ViewMode.SIDE_BY_SIDE)  # a full render of the same state: the same line
    assert line_height_at(view, TITLE_TR) == in_place
    # Every block arrives: no other change to the header, the blocks' cells replaced one by one.
    renders = view.render_count
    for block_id, translation in translations.items():
        if block_id not in english:
            view.update_translation(translation)
            view.flush()
    assert view.render_count == renders and "Translating…" not in view.toPlainText()


def test_a_pending_note_leaves_in_place_when_the_blocks_are_done_without_a_title(qtbot: QtBot) -> None:
    article, translations = make_article()
    del translations[TITLE_BLOCK_ID]
    english = {k: t for k, t in translations.items() if t.status is TranslationStatus.SAME_LANGUAGE}
    view = show(qtbot, english)
    assert view.toPlainText().count("Translating…") == 1 + len(BLOCKS)
    renders = view.render_count
    for translation in translations.values():
        if translation.block_id in english:
            continue
        view.update_translation(translation)
        view.flush()
    assert "Translating…" not in view.toPlainText() and view.render_count == renders
    view.set_mode(ViewMode.ORIGINAL)
    renders = view.render_count
    view.update_translation(UNAVAILABLE)
    view.flush()
    assert view.render_count == renders and view.headline == TITLE  # nothing on the page shows it


def test_names_in_the_titles_translation_are_highlighted_without_rebuilding_the_article(
    qtbot: QtBot,
) -> None:
    from reader.core.document import BlockAnnotations, Span, SpanKind

    _article, translations = make_article()
    view = show(qtbot, translations)
    renders = view.render_count
    spans = (Span(0, 10, SpanKind.ORGANIZATION, TITLE_TR[:10]),)
    view.update_annotations(BlockAnnotations(TITLE_BLOCK_ID, translation=spans))
    view.flush()
    assert view.render_count == renders and TITLE_TR in view.toPlainText()
    (placed,) = [p for p in view.placed_spans() if p.block_id == TITLE_BLOCK_ID]
    assert placed.column is Column.TRANSLATION and placed.span.text == TITLE_TR[:10]
    assert view.mentions(placed.key)  # marked on the page: hover and the outline find it


def test_names_in_the_title_are_highlighted_like_the_body(qtbot: QtBot) -> None:
    from reader.core.document import BlockAnnotations, Span, SpanKind

    _article, translations = make_article()
    view = show(qtbot, translations)
    name = TITLE.split()[1]
    start = TITLE.index(name)
    view.update_annotations(
        BlockAnnotations(TITLE_BLOCK_ID, original=(Span(start, start + len(name), SpanKind.LOCATION, name),))
    )
    view.flush()
    (placed,) = [p for p in view.placed_spans() if p.block_id == TITLE_BLOCK_ID]
    assert placed.column is Column.ORIGINAL and placed.span.kind is SpanKind.LOCATION
    assert view.mentions(placed.key)


def test_the_real_pipeline_translates_the_headline_in_all_three_places(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    """On the real engine (tiny real models: the translation is nonsense, but real): the header, the
    window title and the library list show the translated title; it is linked, and unsure if it is."""
    from reader.ui.sentence_ref import SentenceRef
    from tests.ui.test_main_window import WAIT, wait_until_ready

    window = make_window()
    window.resize(1400, 800)
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: TITLE_BLOCK_ID in window.view.translations, timeout=WAIT)
    wait_until_ready(qtbot, window)
    title = window.view.translations[TITLE_BLOCK_ID]
    assert title.status is TranslationStatus.TRANSLATED and title.text and title.sentences
    assert window.windowTitle() == f"{title.text} — Reader"
    plain = window.view.toPlainText()
    assert plain.index("Gipfel in Brüssel") < plain.index(title.text[:20])
    window.view.hover_sentence(SentenceRef(TITLE_BLOCK_ID, 0))
    assert len(window.view.extraSelections()) >= 2  # the title and its translation, marked together
    # Random weights make an unsure model: its sentences carry the default threshold's underline.
    scores = [pair.score for t in window.view.translations.values() for pair in t.sentences]
    assert scores and all(score is not None and score < 0 for score in scores)
    expected = sum(1 for score in scores if score is not None and score < window.settings.unsure_below)
    assert len(window.view.unsure_sentences()) == expected
    window.settings.unsure_marks = False  # Preferences: no underline
    assert window.view.unsure_sentences() == []
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    lines = window.library_panel.list.item(0).text().split("\n")
    assert lines[:2] == [title.text, "Gipfel in Brüssel"]


def test_an_article_saved_without_a_title_translation_gets_one_when_reopened(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    """A library article from before titles were translated (no 'title' row): reopening it translates the
    title alone, the blocks are answered from the library."""
    from tests.ui.test_main_window import WAIT, wait_until_ready

    window = make_window()
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: TITLE_BLOCK_ID in window.view.translations, timeout=WAIT)
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT) as saved:
        window.session.save()
    article_id = int(saved.args[0])
    library = window.services.library
    library.write(
        lambda conn: conn.execute(
            "DELETE FROM article_translations WHERE article_id = ? AND block_id = ?",
            (article_id, TITLE_BLOCK_ID),
        )
    )
    assert all(t.block_id != TITLE_BLOCK_ID for t in library.get(article_id).translations)

    window.session.open_stored(article_id)
    qtbot.waitUntil(lambda: TITLE_BLOCK_ID in window.session.translations, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    title = window.session.translations[TITLE_BLOCK_ID]
    assert title.status is TranslationStatus.TRANSLATED and title.text
    assert window.windowTitle() == f"{title.text} — Reader"


def test_translating_the_title_again_alone(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    """A glossary term found only in the title: the title alone is translated again."""
    from tests.ui.test_main_window import WAIT, wait_until_ready

    window = make_window()
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: TITLE_BLOCK_ID in window.view.translations, timeout=WAIT)
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(
        window.session.translation_arrived,
        timeout=WAIT,
        check_params_cb=lambda t: t.block_id == TITLE_BLOCK_ID,
    ):
        window.session.retranslate([TITLE_BLOCK_ID])
    assert window.session.translations[TITLE_BLOCK_ID].status is TranslationStatus.TRANSLATED
