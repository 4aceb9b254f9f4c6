"""The article view as a reader sees it: modes, escaping, highlights, counterparts, stable scrolling.

These are layout tests: the article, translations and spans are written by hand (docs/ARCHITECTURE.md
allows that for layout; the end-to-end tests run the real engines).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.document import (
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.ui.article_html import ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.outline_panel import OutlinePanel

GERMAN = "Stoltenberg traf am Dienstag in Brüssel die Minister."
ENGLISH = "The alliance met again in Riga."
GERMAN_TR = "Stoltenberg met the ministers in Brussels on Tuesday."


def make_article(extra_blocks: int = 0) -> Article:
    blocks = [
        Block("b0", BlockKind.HEADING, "Treffen in Brüssel", level=2, lang="de", confidence=0.9),
        Block("b1", BlockKind.PARAGRAPH, GERMAN, lang="de", confidence=0.99),
        Block("b2", BlockKind.PARAGRAPH, ENGLISH, lang="en", confidence=0.99),
    ]
    for i in range(extra_blocks):
        blocks.append(Block(f"b{3 + i}", BlockKind.PARAGRAPH, f"Absatz {i} " + "Wörter " * 40, lang="de"))
    return Article(title="Gipfel", blocks=tuple(blocks), source="https://example.org/a", site="Example")


def translations(article: Article) -> dict[str, Translation]:
    out = {
        "b0": Translation("b0", "en", TranslationStatus.TRANSLATED, "Meeting in Brussels", "de"),
        "b1": Translation("b1", "en", TranslationStatus.TRANSLATED, GERMAN_TR, "de"),
        "b2": Translation("b2", "en", TranslationStatus.SAME_LANGUAGE, None, "en"),
    }
    for block in article.blocks[3:]:
        out[block.id] = Translation(
            block.id, "en", TranslationStatus.TRANSLATED, "Paragraph " + block.id, "de"
        )
    return out


def annotations() -> dict[str, BlockAnnotations]:
    de_start = GERMAN.index("Brüssel")
    en_start = GERMAN_TR.index("Brussels")
    return {
        "b1": BlockAnnotations(
            "b1",
            original=(
                Span(0, 11, SpanKind.PERSON, "Stoltenberg", "stoltenberg"),
                Span(19, 27, SpanKind.DATE, "Dienstag", "2022-01-04", "weekday"),
                Span(de_start, de_start + 7, SpanKind.LOCATION, "Brüssel", "loc:brussels"),
            ),
            translation=(
                Span(0, 11, SpanKind.PERSON, "Stoltenberg", "stoltenberg"),
                Span(en_start, en_start + 8, SpanKind.LOCATION, "Brussels", "loc:brussels"),
            ),
        )
    }


def make_view(qtbot: QtBot, article: Article | None = None) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    article = article or make_article()
    view.set_article(article, translations(article), annotations())
    return view


def test_side_by_side_rows_pair_each_block_with_its_translation(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    table = None
    cursor = QTextCursor(view.document())
    while not cursor.atEnd():
        table = cursor.currentTable()
        if table is not None:
            break
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
    assert table is not None and table.columns() == 2 and table.rows() == 3

    def cell(row: int, col: int) -> str:
        c = table.cellAt(row, col)
        start, end = c.firstCursorPosition(), c.lastCursorPosition()
        start.setPosition(end.position(), QTextCursor.MoveMode.KeepAnchor)
        return start.selectedText()

    assert GERMAN in cell(1, 0) and GERMAN_TR in cell(1, 1)
    # The English paragraph is in the reader's language: it spans both columns, untranslated.
    assert table.cellAt(2, 0).columnSpan() == 2 and ENGLISH in cell(2, 0)


def test_modes_show_what_they_promise(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_mode(ViewMode.INTERLINEAR)
    plain = view.toPlainText()
    assert plain.index(GERMAN) < plain.index(GERMAN_TR) < plain.index(ENGLISH)
    view.set_mode(ViewMode.ORIGINAL)
    assert GERMAN in view.toPlainText() and GERMAN_TR not in view.toPlainText()
    view.set_mode(ViewMode.TRANSLATION)
    plain = view.toPlainText()
    assert GERMAN_TR in plain and GERMAN not in plain and ENGLISH in plain


def test_untrusted_text_is_escaped_and_nothing_is_loaded(qtbot: QtBot) -> None:
    hostile = '<img src="http://127.0.0.1:9/x.png"><script>alert(1)</script><b>bold</b> & more'
    article = Article(title="<i>t</i>", blocks=(Block("b0", BlockKind.PARAGRAPH, hostile, lang="en"),))
    loaded: list[object] = []

    class Spy(ArticleView):
        def loadResource(self, type: int, name: object) -> object:
            loaded.append(name)
            return super().loadResource(type, name)  # type: ignore[arg-type]

    view = Spy()
    qtbot.addWidget(view)
    view.set_article(article)
    assert hostile in view.toPlainText()
    assert "<i>t</i>" in view.toPlainText()
    assert loaded == []


def test_streamed_translation_fills_in_without_moving_the_reader(qtbot: QtBot) -> None:
    article = make_article(extra_blocks=40)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    view.set_article(article, {}, {})
    view.scroll_to_block("b20")
    top = view.top_block_id()
    assert top in {"b19", "b20", "b21"}
    for block in article.blocks:
        view.update_translation(
            Translation(block.id, "en", TranslationStatus.TRANSLATED, "A longer translation " * 6, "de")
        )
    view.flush()
    assert view.top_block_id() == top
    assert "A longer translation" in view.toPlainText()


def test_updates_are_coalesced(qtbot: QtBot) -> None:
    view = make_view(qtbot, make_article(extra_blocks=10))
    before = view.render_count + view.cell_updates
    for i in range(10):
        view.update_translation(Translation(f"b{3 + i}", "en", TranslationStatus.TRANSLATED, f"t{i}", "de"))
    qtbot.waitUntil(lambda: "t9" in view.toPlainText(), timeout=2000)
    # Ten streamed translations land in one pass over the document (whole render or cell updates), not ten.
    assert view.render_count + view.cell_updates - before == 1
    assert all(f"t{i}" in view.toPlainText() for i in range(10))


def test_hovering_an_entity_marks_its_counterpart(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    spans = view.placed_spans()
    brussels = [p for p in spans if p.span.kind is SpanKind.LOCATION]
    assert {p.column.value for p in brussels} == {"original", "translation"}
    assert view.mark_key(brussels[0].key) == 2
    assert len(view.extraSelections()) == 2
    jumped = view.jump_to_mention(brussels[0].key)
    assert jumped is not None and view.textCursor().selectedText() in {"Brüssel", "Brussels"}


def test_span_under_the_mouse_and_its_tooltip(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    date = next(p for p in view.placed_spans() if p.span.kind is SpanKind.DATE)
    index = view.placed_spans().index(date)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._span_starts[index] + 1)
    point = view.cursorRect(cursor).center()
    assert view.span_at(point) == date
    assert view.cursorForPosition(point).charFormat().toolTip() == "Date: 2022-01-04"
    assert view.span_at(QPoint(2, 2)) is None


def test_highlight_types_toggle(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_visible_kinds({SpanKind.DATE})
    assert {p.span.kind for p in view.placed_spans()} == {SpanKind.DATE}
    view.set_visible_kinds(set())
    assert view.placed_spans() == []


def test_outline_counts_mentions_and_jumps(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    outline = OutlinePanel()
    qtbot.addWidget(outline)
    outline.set_mentions(view.placed_spans(), view.visible_kinds())
    entries = outline.entries()
    assert entries["People"] == [("Stoltenberg", 1)]
    assert entries["Places"] == [("Brüssel", 1)]  # labelled as the original writes it
    assert entries["Dates"] == [("Dienstag", 1)]
    with qtbot.waitSignal(outline.mention_requested) as blocker:
        group = outline.topLevelItem(0)
        outline.itemClicked.emit(group.child(0), 0)
    assert blocker.args == ["PER:stoltenberg"]


def test_language_badge_offers_correction(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    menu = view.language_menu("b1")
    english = next(a for a in menu.actions() if a.text() == "English")
    with qtbot.waitSignal(view.language_change_requested) as blocker:
        english.trigger()
    assert blocker.args == ["b1", "en"]


def test_a_selection_survives_streamed_translations(qtbot: QtBot) -> None:
    article = make_article(extra_blocks=6)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_article(article, {}, {})
    start = view.toPlainText().index("Stoltenberg traf")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.document().find("Stoltenberg traf").selectionStart())
    cursor.movePosition(
        QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len("Stoltenberg traf")
    )
    view.setTextCursor(cursor)
    assert start >= 0 and view.textCursor().selectedText() == "Stoltenberg traf"
    for block in article.blocks:  # every row above and below gets its translation
        view.update_translation(
            Translation(block.id, "en", TranslationStatus.TRANSLATED, "A long text " * 5, "de")
        )
    view.flush()
    assert view.textCursor().selectedText() == "Stoltenberg traf"


def test_streamed_translation_replaces_only_its_cell(qtbot: QtBot) -> None:
    article = make_article(extra_blocks=3)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.set_article(article, {}, {"b1": BlockAnnotations("b1", original=annotations()["b1"].original)})
    renders = view.render_count
    view.update_translation(Translation("b1", "en", TranslationStatus.TRANSLATED, GERMAN_TR, "de"))
    view.flush()
    assert (view.render_count, view.cell_updates) == (renders, 1)  # one cell, no rebuild
    plain = view.toPlainText()
    assert (
        GERMAN_TR in plain and plain.count("Translating…") == len(article.blocks) - 2 + 1
    )  # b1 done, b2 English; the title's translation is pending too
    assert plain.index(GERMAN) < plain.index(GERMAN_TR)  # in its row, beside its original
    # The translation's highlights arrive next, again into that cell only, and work like any other.
    view.update_annotations(annotations()["b1"])
    view.flush()
    assert (view.render_count, view.cell_updates) == (renders, 2)
    brussels = [p for p in view.placed_spans() if p.span.kind is SpanKind.LOCATION]
    assert view.mark_key(brussels[0].key) == 2  # the original's mention and the translation's
    # A block found to be in the reader's language changes its row's shape: the document is rebuilt.
    view.update_translation(Translation("b2", "en", TranslationStatus.SAME_LANGUAGE, None, "en"))
    view.flush()
    assert view.render_count == renders + 1 and ENGLISH in view.toPlainText()


def test_a_name_mentioned_hundreds_of_times_is_marked_where_the_reader_looks(qtbot: QtBot) -> None:
    """Hovering a name marks its mentions near the viewport (a frame's work, not one per mention), and the
    mentions scrolled into view get their marks as they arrive."""
    text = "Kehl liegt am Rhein, und Kehl wächst. " * 2
    blocks = tuple(Block(f"b{i}", BlockKind.PARAGRAPH, text, lang="de") for i in range(150))
    article = Article(title="Kehl", blocks=blocks)
    spans = {
        f"b{i}": BlockAnnotations(
            f"b{i}",
            original=tuple(
                Span(start, start + 4, SpanKind.LOCATION, "Kehl", "loc:kehl") for start in (0, 25, 38, 63)
            ),
        )
        for i in range(150)
    }
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.set_article(article, {}, spans)
    view.flush()
    key = view.placed_spans()[0].key
    assert view.mark_key(key) == 600  # every mention counts (the outline's number) ...
    near_top = len(view.extraSelections())
    assert 0 < near_top < 600  # ... but only those near the viewport are drawn
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    bottom = view.cursorForPosition(QPoint(10, view.viewport().height() - 10)).position()
    marked = [s.cursor.selectionStart() for s in view.extraSelections()]
    assert max(marked) > bottom - 2000  # the mentions at the end are marked once scrolled to
