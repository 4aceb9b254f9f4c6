"""Reading in the article view: keys scroll from where the view is, the measure, narrow columns, zoom
keeping the place, hyphenation, placeholders in body type, outline jumps, the language menu.

Layout tests with hand-written articles (DESIGN.md allows that for layout; e2e tests run the engines).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reader.core.document import Article, Block, BlockKind, Translation, TranslationStatus
from reader.ui.article_html import ViewMode
from reader.ui.article_view import MIN_COLUMN_CHARS, ArticleView
from reader.ui.reading_layout import SOFT_HYPHEN, ReadingLayout
from tests.ui.test_article_view import annotations, make_article, translations

LONG = (
    "Der Verkehrsminister kündigte am Dienstag in Brüssel eine umfassende Überprüfung der "
    "Infrastrukturprojekte an, die nach Angaben des Ministeriums bis zum Frühjahr abgeschlossen sein soll. "
)


def long_article(paragraphs: int = 30, repeat: int = 3) -> Article:
    blocks = [Block("b0", BlockKind.HEADING, "Verkehrsministerium", level=2, lang="de")]
    for i in range(1, paragraphs):
        blocks.append(Block(f"b{i}", BlockKind.PARAGRAPH, f"{i}. " + LONG * repeat, lang="de"))
    return Article(title="Lange Lektüre", blocks=tuple(blocks), source="", site="Example")


def english(article: Article) -> dict[str, Translation]:
    return {
        b.id: Translation(
            b.id, "en", TranslationStatus.TRANSLATED, "The minister announced a review. " * 8, "de"
        )
        for b in article.blocks
    }


def shown_view(qtbot: QtBot, width: int = 900, height: int = 600) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def layout_lines(view: ArticleView, *, wrapped_only: bool = False) -> list[str]:
    """Every laid-out line of the document, as text (or only the lines a wrap ended)."""
    lines = []
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        text = block.text()
        count = layout.lineCount()
        for i in range(count - 1 if wrapped_only else count):
            line = layout.lineAt(i)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_arrow_keys_scroll_on_from_where_page_down_left_the_view(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.set_mode(ViewMode.ORIGINAL)
    view.set_article(long_article())
    view.setFocus()
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    after_pages = bar.value()
    assert after_pages > view.viewport().height()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert after_pages < bar.value() < after_pages + 100  # one step on, not back to the top
    bar.setValue(bar.value() + 700)  # the mouse wheel or the scroll bar
    wheel = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert wheel - 100 < bar.value() < wheel
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_tab_leaves_the_article_instead_of_stopping_at_every_badge(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    view = ArticleView(holder)
    after = QLineEdit(holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(view)
    layout.addWidget(after)
    holder.resize(800, 600)
    holder.show()
    qtbot.waitExposed(holder)
    view.set_article(make_article(extra_blocks=5), translations(make_article(extra_blocks=5)), {})
    holder.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert after.hasFocus()


def test_lines_keep_a_readable_measure_centred_in_a_wide_window(qtbot: QtBot) -> None:
    view = shown_view(qtbot, width=1900)
    article = long_article(paragraphs=4)
    view.set_article(article, english(article))
    for mode in (ViewMode.ORIGINAL, ViewMode.SIDE_BY_SIDE):
        view.set_mode(mode)
        longest = max(len(line) for line in layout_lines(view))
        assert 60 <= longest <= 90, (mode, longest)
        frame = view.document().rootFrame().frameFormat()
        assert frame.leftMargin() == frame.rightMargin() > 200  # centred, not hugging the left edge


def test_a_narrow_view_shows_side_by_side_interlinear_and_never_breaks_a_word(qtbot: QtBot) -> None:
    article = long_article(paragraphs=4)
    view = shown_view(qtbot, width=1200)
    view.set_article(article, english(article))
    assert view.shown_mode is ViewMode.SIDE_BY_SIDE
    view.resize(400, 600)  # under two columns of 35 characters at this font
    qtbot.waitUntil(lambda: view.shown_mode is ViewMode.INTERLINEAR)
    assert view.mode is ViewMode.SIDE_BY_SIDE  # the reader's choice is kept for when there is room again
    assert view.document().rootFrame().childFrames() == []  # no table: one column
    wrapped = layout_lines(view, wrapped_only=True)
    assert len(wrapped) > 20
    for line in wrapped:  # a wrap happens at a space or a (soft) hyphen: never inside a word
        assert line.endswith((" ", "-", SOFT_HYPHEN)), line
    words = set(" ".join(layout_lines(view)).split())
    assert "Verkehrsminister" in words and "Infrastrukturprojekte" in words
    view.resize(1200, 600)
    qtbot.waitUntil(lambda: view.shown_mode is ViewMode.SIDE_BY_SIDE)
    assert MIN_COLUMN_CHARS >= 35


def test_zoom_keeps_the_line_at_the_top_exactly(qtbot: QtBot) -> None:
    view = shown_view(qtbot, width=700)
    view.set_mode(ViewMode.ORIGINAL)
    article = long_article(paragraphs=8, repeat=12)  # paragraphs far taller than the view
    view.set_article(article)
    view.verticalScrollBar().setValue(2500)  # somewhere inside a long paragraph
    probe = QPoint(int(view.document().rootFrame().frameFormat().leftMargin()) + 6, 12)
    before = view.cursorForPosition(probe).position()
    for size in (18, 9, 14):
        font = QFont(view.document().defaultFont())
        font.setPointSize(size)
        view.set_text_font(font)
        probe = QPoint(int(view.document().rootFrame().frameFormat().leftMargin()) + 6, 12)
        top = view.cursorForPosition(probe)
        line = top.block().layout().lineForTextPosition(top.positionInBlock())
        start = top.block().position() + line.textStart()
        # The character that was at the top is on the top line still (not at its paragraph's start).
        assert start <= before < start + line.textLength(), (size, before, start)


def test_hyphenation_breaks_long_words_and_copy_leaves_the_hyphens_out(qtbot: QtBot) -> None:
    view = shown_view(qtbot, width=700)
    view.set_mode(ViewMode.ORIGINAL)
    view.set_reading_layout(ReadingLayout(hyphenate=True))
    view.set_article(long_article(paragraphs=3))
    plain = view.toPlainText()
    assert f"Ver{SOFT_HYPHEN}kehrs" in plain
    cursor = QTextCursor(view.document())
    cursor.setPosition(plain.index("Ver" + SOFT_HYPHEN))
    cursor.setPosition(plain.index("Ver" + SOFT_HYPHEN) + 30, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    copied = view.createMimeDataFromSelection().text()
    assert copied.startswith("Verkehrsminister") and SOFT_HYPHEN not in copied
    view.set_reading_layout(ReadingLayout(hyphenate=False, line_height=180))
    assert SOFT_HYPHEN not in view.toPlainText()


def test_a_heading_placeholder_is_set_in_body_type(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    article = make_article()
    view.set_article(article, {}, {})  # nothing translated yet
    document = view.document()
    heading = document.find("Treffen in Brüssel").charFormat().font().pointSizeF()
    placeholder = document.find("Translating…").charFormat().font().pointSizeF()
    body = document.find("Stoltenberg traf").charFormat().font().pointSizeF()
    assert placeholder <= body < heading
    view.update_translation(
        Translation("b0", "en", TranslationStatus.TRANSLATED, "Meeting in Brussels", "de")
    )
    view.flush()
    assert document.find("Meeting in Brussels").charFormat().font().pointSizeF() == heading


def test_an_outline_jump_puts_the_mention_a_third_down(qtbot: QtBot) -> None:
    article = make_article(extra_blocks=40)
    view = shown_view(qtbot, height=600)
    view.set_mode(ViewMode.ORIGINAL)
    blocks = list(article.blocks)
    blocks.insert(25, Block("last", BlockKind.PARAGRAPH, "Am Ende traf Stoltenberg die Presse.", lang="de"))
    article = Article(title="Gipfel", blocks=tuple(blocks), source="", site="Example")
    from reader.core.document import BlockAnnotations, Span, SpanKind

    notes = dict(annotations())
    notes["last"] = BlockAnnotations(
        "last", original=(Span(13, 24, SpanKind.PERSON, "Stoltenberg", "stoltenberg"),)
    )
    view.set_article(article, {}, notes)
    view.jump_to_mention("PER:stoltenberg")
    view.jump_to_mention("PER:stoltenberg")  # the second mention, far down
    top = view.cursorRect(view.textCursor()).top()
    third = view.viewport().height() // 3
    assert abs(top - third) < 30, (top, third)


def test_the_language_menu_filters_as_you_type_and_puts_recent_languages_first(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.detection_languages = ("de", "en", "fr", "es", "it", "nl")
    view.set_article(make_article(), {}, {})
    menu = view.language_menu("b1")
    assert menu.visible_languages()[0] == "nl"  # alphabetical by name: Dutch, English, French…
    with qtbot.waitSignal(view.language_change_requested):
        next(a for a in menu.language_actions if a.data() == "it").trigger()
    menu = view.language_menu("b1")
    assert menu.visible_languages()[0] == "it"  # recently chosen first
    menu.popup(view.mapToGlobal(QPoint(10, 10)))
    qtbot.waitExposed(menu)
    qtbot.keyClicks(menu, "fr")
    assert menu.visible_languages() == ["fr"]
    with qtbot.waitSignal(view.language_change_requested) as blocker:
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert blocker.args == ["b1", "fr"]


def test_languages_the_detector_cannot_recognise_can_be_chosen_by_hand(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.set_article(make_article(), {}, {})
    menu = view.language_menu("b1")
    names = {str(a.data()): a.text() for a in menu.language_actions}
    assert names["gl"] == "Galician" and names["ky"] == "Kyrgyz"
    with qtbot.waitSignal(view.language_change_requested) as blocker:
        next(a for a in menu.language_actions if a.data() == "gl").trigger()
    assert blocker.args == ["b1", "gl"]


def test_the_page_furniture_left_out_can_be_shown(qtbot: QtBot) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QUrl

    view = shown_view(qtbot)
    article = replace(make_article(), dropped=("SHARE:", "Werbung"))
    view.set_article(article, {}, {})
    assert "2 lines of page furniture left out" in view.toPlainText()
    assert "Werbung" not in view.toPlainText()
    view.anchorClicked.emit(QUrl("furniture:toggle"))  # the "Show" link
    assert "– SHARE:" in view.toPlainText() and "– Werbung" in view.toPlainText()
    view.anchorClicked.emit(QUrl("furniture:toggle"))
    assert "Werbung" not in view.toPlainText()


def test_the_keyboard_reaches_the_language_correction_through_the_context_menu(qtbot: QtBot) -> None:
    from tests.ui.test_article_view import make_view

    view = make_view(qtbot)
    menu = view.context_menu_at(QPoint(0, 0), from_keyboard=True)
    action = next(a for a in menu.actions() if a.text() == "Correct This Paragraph's Language…")
    shown: list[str] = []
    view._show_language_menu = shown.append  # type: ignore[method-assign]  # record instead of popping up
    action.trigger()
    assert shown and shown[0] in {b.id for b in view.article.blocks}
