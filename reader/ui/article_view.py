"""The article view: the article beside its translation, with highlights, in one QTextBrowser.

Side by side is one table row per block, so the two columns can never drift. Updates (translations and
highlights streaming in) are coalesced and re-rendered while the block at the top of the viewport is kept
exactly where it was, so nothing moves under the reader's eyes. The view loads no resource of any kind
(``loadResource`` returns nothing) and opens links only when clicked, in the system browser.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QTextTable,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QTextEdit, QWidget

from reader.app import strings
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.core.language.codes import UNDETECTABLE_INDEX_LANGUAGES
from reader.ui.article_html import (
    HEADLINE_LINE,
    LIGHT,
    ArticleRenderer,
    Column,
    Palette,
    PlacedSpan,
    ViewMode,
    notice_html,
)
from reader.ui.language_menu import MAX_RECENT, LanguageMenu
from reader.ui.reading_layout import ReadingLayout, strip_soft_hyphens
from reader.ui.reading_positions import ReadingPositions
from reader.ui.sentence_actions import SentenceActions
from reader.ui.sentence_linking import SentenceLinking
from reader.ui.view_highlights import HighlightNavigation

ALL_KINDS = frozenset(SpanKind)
# Below this many average characters per column, side by side is shown interlinear instead: narrower
# columns break lines every few words (and, before hyphenation, in the middle of words).
MIN_COLUMN_CHARS = 35


def headline_line_format() -> QTextBlockFormat:
    """The block format Qt gives the line under the title (HEADLINE_LINE), for inserting it in place."""
    document = QTextDocument()
    document.setHtml(f'<p style="{HEADLINE_LINE}">x</p>')
    return document.firstBlock().blockFormat()


class ArticleView(SentenceActions, SentenceLinking, HighlightNavigation, ReadingPositions, QTextBrowser):
    """Shows one article.

    Signals:
        language_change_requested(str, str): block id and the language the reader chose for it.
        position_changed(str): the block at the top of the view (the reading position).
        headline_changed(str): the title as shown to the reader (its translation when there is one).
        sentence_edit_requested(SentenceRef), alternatives_requested(SentenceRef): F2 / Alt+A or the
            context menu, on a translated sentence (under the mouse, else pinned, else hovered).
        glossary_term_requested(PlacedSpan): "Add … to Glossary" on a highlighted person, place or
            organisation.
    """

    language_change_requested = Signal(str, str)
    position_changed = Signal(str)
    headline_changed = Signal(str)
    sentence_edit_requested = Signal(object)
    alternatives_requested = Signal(object)
    glossary_term_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        # No keyboard caret and no keyboard link focus: with them the arrow keys moved a hidden caret
        # (jumping back to where it was, not where the reader scrolled to), and Tab stopped at every
        # language badge. Without them every reading key scrolls the view from where it is.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # focus starts here: the reading keys work at once
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # never break inside a word (soft hyphens may)
        self.setMouseTracking(True)
        self.document().setDocumentMargin(24)
        self.anchorClicked.connect(self._on_anchor_clicked)

        self._article: Article | None = None
        self._translations: dict[str, Translation] = {}
        self._annotations: dict[str, BlockAnnotations] = {}
        self._mode = ViewMode.SIDE_BY_SIDE
        self._visible: frozenset[SpanKind] = ALL_KINDS
        self._palette: Palette = LIGHT
        self._reader_language = "en"
        self._layout = ReadingLayout()
        self._narrow = False  # side by side would give columns under MIN_COLUMN_CHARS: shown interlinear
        self.detection_languages: tuple[str, ...] = ("de", "en", "fr", "es", "it")
        self.recent_languages: list[str] = []
        self.notice: str | None = None  # the message shown in place of an article, if any
        self.show_dropped = False  # list the page furniture left out at ingest under the title
        self._kept: tuple[tuple[str, int], int, int] | None = None  # (top mark, its y, scroll value)

        self._spans: list[PlacedSpan] = []
        self._span_starts: list[int] = []  # document position of each placed span, same order
        self._block_starts: list[tuple[int, str]] = []  # (document position, block id), ascending
        self._hover_key: str | None = None
        self._jump_index: dict[str, int] = {}
        self._entity_selections: list[QTextEdit.ExtraSelection] = []
        self._init_sentence_linking()
        self._headline = ""
        self._headline_line = ""  # the line under the title as rendered (side by side): see headline_line
        self._init_sentence_actions()
        self.render_count = 0  # whole-document renders
        self.cell_updates = 0  # in-place translation cell replacements

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(60)
        self._render_timer.timeout.connect(self._apply_updates)
        self._dirty_cells: set[str] = set()
        self._full_dirty = False
        self._two_column: set[str] = set()  # side by side: blocks whose row has a translation cell
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(400)
        self._position_timer.timeout.connect(self._emit_position)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- state ------------------------------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def mode(self) -> ViewMode:
        return self._mode

    @property
    def shown_mode(self) -> ViewMode:
        """The mode on screen: side by side falls back to interlinear when the view is too narrow."""
        if self._mode is ViewMode.SIDE_BY_SIDE and self._narrow:
            return ViewMode.INTERLINEAR
        return self._mode

    @property
    def reading_layout(self) -> ReadingLayout:
        return self._layout

    @property
    def translations(self) -> Mapping[str, Translation]:
        return self._translations

    @property
    def annotations(self) -> Mapping[str, BlockAnnotations]:
        return self._annotations

    def set_article(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        annotations: Mapping[str, BlockAnnotations] | None = None,
    ) -> None:
        self._article = article
        self._translations = dict(translations or {})
        self._annotations = dict(annotations or {})
        self._jump_index.clear()
        self._kept = None
        self._pinned = None  # another article: its "b1" is another sentence
        self._render()
        self.verticalScrollBar().setValue(0)

    def show_notice(self, title: str, message: str, *, error: bool = False) -> None:
        """A page in place of an article: the one being opened and its progress, or why it failed."""
        self._render_timer.stop()
        self._article, self._translations, self._annotations = None, {}, {}
        self._spans, self._span_starts, self._block_starts = [], [], []
        self._two_column, self._dirty_cells, self._kept = set(), set(), None
        self._bodies, self._pinned, self._entity_selections, self._headline = {}, None, [], ""
        self._place_bodies({})
        self._refresh_sentence_marks()
        self.setHtml(notice_html(title, message, self._palette, error=error))
        self._apply_measure()
        self.notice = message

    def set_article_keep_position(self, article: Article, translations: Mapping[str, Translation]) -> None:
        """The same article changed (a corrected language, another reader language): keep the place."""
        self._article = article
        self._translations = dict(translations)
        self._render_keeping_position()

    def placed_spans(self) -> list[PlacedSpan]:
        return list(self._spans)

    def update_translation(self, translation: Translation) -> None:
        self._translations[translation.block_id] = translation
        self._mark_dirty(translation.block_id)

    def drop_translation(self, block_id: str) -> None:
        self._translations.pop(block_id, None)
        self._mark_dirty(None)

    def update_annotations(self, annotations: BlockAnnotations) -> None:
        previous = self._annotations.get(annotations.block_id)
        self._annotations[annotations.block_id] = annotations
        only_translation = (previous.original if previous else ()) == annotations.original
        self._mark_dirty(annotations.block_id if only_translation else None)

    def _mark_dirty(self, cell: str | None) -> None:
        """A translation cell to replace, or (None) something that needs the whole document rebuilt."""
        if cell == TITLE_BLOCK_ID:
            in_place = self._headline_in_place()  # the line under the title, not a table cell
        else:
            in_place = (
                cell is not None and self.shown_mode is ViewMode.SIDE_BY_SIDE and cell in self._two_column
            )
        if in_place and cell is not None:
            self._dirty_cells.add(cell)
        else:
            self._full_dirty = True
        self.schedule_render()

    def set_mode(self, mode: ViewMode) -> None:
        if mode is not self._mode:
            self._mode = mode
            self._render_keeping_position()

    def set_visible_kinds(self, kinds: Collection[SpanKind]) -> None:
        self._visible = frozenset(kinds)
        self._render_keeping_position()

    def visible_kinds(self) -> frozenset[SpanKind]:
        return self._visible

    def set_palette_colours(self, palette: Palette) -> None:
        self._palette = palette
        self._render_keeping_position()

    def set_reader_language(self, code: str) -> None:
        self._reader_language = code
        self._render_keeping_position()

    def set_text_font(self, font: QFont) -> None:
        """A new font or size (zoom): the line at the top of the view stays at the top."""

        def change() -> None:
            self.document().setDefaultFont(font)
            self._narrow = self._too_narrow()
            self._render()

        if self._article is None:
            self.document().setDefaultFont(font)
        else:
            self._keeping_position(change)

    def set_reading_layout(self, layout: ReadingLayout) -> None:
        if layout != self._layout:
            self._layout = layout
            self.document().setDocumentMargin(layout.margin)
            self._render_keeping_position()

    # -- measure and narrow windows ---------------------------------------------------------------------
    def _char_width(self) -> float:
        return QFontMetricsF(self.document().defaultFont()).averageCharWidth()

    def _text_width(self, mode: ViewMode, chars: int, *, badge: bool = True) -> float:
        """Pixels for ``chars`` average characters per column (plus the badge and cell padding)."""
        columns = 2 if mode is ViewMode.SIDE_BY_SIDE else 1
        return columns * ((chars + (4 if badge else 0)) * self._char_width() + 12)

    def _too_narrow(self) -> bool:
        room = self.viewport().width() - 2 * self._layout.margin
        return room < self._text_width(ViewMode.SIDE_BY_SIDE, MIN_COLUMN_CHARS, badge=False)

    def side_by_side_min_width(self) -> int:
        """The view width below which side by side is shown interlinear (with the scroll bar)."""
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return (
            int(self._text_width(ViewMode.SIDE_BY_SIDE, MIN_COLUMN_CHARS, badge=False))
            + 2 * self._layout.margin
            + scrollbar
        )

    def _apply_measure(self) -> None:
        """Centre a column of at most ``max_chars`` per line by widening the root frame's side margins."""
        measure = self._text_width(self.shown_mode, self._layout.max_chars)
        side = max(float(self._layout.margin), (self.viewport().width() - measure) / 2)
        root = self.document().rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) < 1 and abs(fmt.rightMargin() - side) < 1:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(self._layout.margin)
        fmt.setBottomMargin(self._layout.margin)
        root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = self._too_narrow()
        if self._article is not None and narrow != self._narrow and self._mode is ViewMode.SIDE_BY_SIDE:
            self._narrow = narrow
            super().resizeEvent(event)
            self._render_keeping_position()
            return
        self._narrow = narrow
        super().resizeEvent(event)
        if self._article is not None:
            self._keeping_position(self._apply_measure)

    # -- rendering --------------------------------------------------------------------------------------
    def schedule_render(self) -> None:
        """Coalesce bursts of streamed updates into one re-render every ~60 ms."""
        if not self._render_timer.isActive():
            self._render_timer.start()

    def flush(self) -> None:
        """Render pending updates now (tests and explicit actions)."""
        if self._render_timer.isActive():
            self._render_timer.stop()
            self._apply_updates()

    def flush_when_idle(self, busy: bool) -> None:
        """When the work behind the article ends, its last updates show at once (the status bar's
        "Ready" and the cells agree). A slot of the view, so Qt drops the connection with the view."""
        if not busy:
            self.flush()

    def _renderer(self) -> ArticleRenderer:
        assert self._article is not None
        return ArticleRenderer(
            self._article,
            self._translations,
            self._annotations,
            mode=self.shown_mode,
            visible=self._visible,
            palette=self._palette,
            reader_language=self._reader_language,
            layout=self._layout,
            show_dropped=self.show_dropped,
            unsure_below=self.unsure_below,
        )

    def _render(self) -> None:
        if self._article is None:
            return
        renderer = self._renderer()
        result = renderer.render()
        self.setHtml(result.html)
        self.notice = None
        self._apply_measure()
        self._spans = result.spans
        self._bodies = renderer.bodies
        self._headline_line = renderer.rendered_headline_line
        shown = self.shown_mode
        self._two_column = renderer.two_column_blocks() if shown is ViewMode.SIDE_BY_SIDE else set()
        self._dirty_cells.clear()
        self._full_dirty = False
        self._index_anchors()
        self._hover_key = None
        self._entity_selections = []
        self._refresh_sentence_marks()
        self._emit_headline()
        self.render_count += 1

    def _apply_updates(self) -> None:
        """Streamed changes: replace just the translation cells that changed, else rebuild the document."""
        if self._article is None:
            return
        if QApplication.mouseButtons() & Qt.MouseButton.LeftButton and self.underMouse():
            self._render_timer.start()  # the reader is selecting text: update once the button is released
            return
        if self._full_dirty or not self._dirty_cells:
            self._keeping_position(self._render)
        else:
            self._keeping_position(self._update_cells)

    def _update_cells(self) -> None:
        table = self._table()
        assert self._article is not None
        renderer = self._renderer()
        rows = {block.id: (index, block) for index, block in enumerate(self._article.blocks)}
        cells = [(rows[block_id], renderer.translation_cell(rows[block_id][1], self._spans))
                 for block_id in self._dirty_cells if block_id in rows]  # fmt: skip
        if (cells and table is None) or any(html is None for _row, html in cells):
            self._render()
            return
        # One edit block for the new cells and the line under the title: the table is laid out once.
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        self._update_headline_line(renderer)
        for (row, _block), html in sorted(cells, key=lambda item: item[0][0]):
            assert table is not None
            cell = table.cellAt(row, 1)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertHtml(html or "")
        self._bodies.update(renderer.bodies)
        self._dirty_cells.clear()
        self._index_anchors()
        edit.endEditBlock()
        self._refresh_sentence_marks()
        self._emit_headline()
        self.cell_updates += 1

    def _headline_in_place(self) -> bool:
        """The title's translation can change without a re-render: in original only nothing on the page
        shows it, and side by side has it on its own line under the title, replaced like a cell."""
        return self.shown_mode in (ViewMode.SIDE_BY_SIDE, ViewMode.ORIGINAL)

    def _update_headline_line(self, renderer: ArticleRenderer) -> None:
        """Replace, add or remove the line under the title (side by side), keeping the rest in place."""
        if self.shown_mode is not ViewMode.SIDE_BY_SIDE or self._article is None or not self._article.title:
            return
        placed = list(self._spans)  # the line's highlights join the placed spans only if it is replaced
        line = renderer.headline_line(placed)
        if line == self._headline_line:
            return
        self._spans.extend(placed[len(self._spans) :])
        document = self.document()
        title = document.firstBlock()
        title_end = title.position() + title.length() - 1
        cursor = QTextCursor(document)
        if self._headline_line:
            second = title.next()
            cursor.setPosition(second.position() if line else title_end)
            cursor.setPosition(second.position() + second.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            if line:
                cursor.insertHtml(line)
            else:
                cursor.removeSelectedText()
        else:
            cursor.setPosition(title_end)
            cursor.insertBlock(headline_line_format(), QTextCharFormat())
            cursor.insertHtml(line)
        self._headline_line = line

    def _table(self) -> QTextTable | None:
        for frame in self.document().rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                return frame
        return None

    def _render_keeping_position(self) -> None:
        if self._article is not None:
            self._keeping_position(self._render)

    def _index_anchors(self) -> None:
        starts: dict[int, int] = {}
        blocks: list[tuple[int, str]] = []
        bodies: dict[tuple[str, Column], int] = {}
        text_block = self.document().begin()
        while text_block.isValid():
            it = text_block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                for name in fragment.charFormat().anchorNames():
                    if name.startswith("blk-"):
                        blocks.append((fragment.position(), name[4:]))
                    elif name.startswith("e") and name[1:].isdigit():
                        starts[int(name[1:])] = fragment.position()
                    elif (key := self.anchor_key(name)) is not None:
                        bodies[key] = fragment.position()
                it += 1
            text_block = text_block.next()
        self._block_starts = sorted(blocks)
        self._span_starts = [starts.get(i, -1) for i in range(len(self._spans))]
        self._place_bodies(bodies)

    def _emit_headline(self) -> None:
        """The title as the reader sees it: translated when its translation is there, else the original."""
        if self._article is None:
            return
        title = self._article.title or strings.UNTITLED
        translation = self._translations.get(TITLE_BLOCK_ID)
        if (
            translation is not None
            and translation.status is TranslationStatus.TRANSLATED
            and translation.text
        ):
            title = translation.text
        if title != self._headline:
            self._headline = title
            self.headline_changed.emit(title)

    @property
    def headline(self) -> str:
        return self._headline

    def set_unsure_below(self, threshold: float | None) -> None:
        """Underline translated sentences scoring below ``threshold`` (None: underline none)."""
        if threshold != self.unsure_below:
            self.unsure_below = threshold
            self._render_keeping_position()

    def _on_scrolled(self, _value: int) -> None:
        self._position_timer.start()
        if self._hover_key is not None:
            self.mark_key(self._hover_key)  # the mentions coming into view get their marks

    def _emit_position(self) -> None:
        block_id = self.top_block_id()
        if block_id:
            self.position_changed.emit(block_id)

    # -- links and the language badge -------------------------------------------------------------------
    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Never load anything: no images, no stylesheets, local or remote (untrusted pages)."""
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "lang":
            self._show_language_menu(url.path())
        elif url.scheme() == "furniture":
            self.show_dropped = not self.show_dropped
            self._render_keeping_position()
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def language_menu(self, block_id: str) -> LanguageMenu:
        current = None
        if self._article is not None:
            try:
                current = self._article.block(block_id).lang
            except KeyError:
                return LanguageMenu((), None, (), lambda _c: None, self)

        def choose(code: str) -> None:
            self.recent_languages = [code, *(c for c in self.recent_languages if c != code)][:MAX_RECENT]
            self.language_change_requested.emit(block_id, code)

        # Languages the detector cannot recognise but a translation package can translate (Galician,
        # Kyrgyz) are offered too: choosing one by hand is the only way to them.
        offered = (*self.detection_languages, *UNDETECTABLE_INDEX_LANGUAGES)
        return LanguageMenu(offered, current, self.recent_languages, choose, self)

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy the text as written: without the soft hyphens added for line breaking."""
        mime = QMimeData()
        mime.setText(strip_soft_hyphens(self.textCursor().selection().toPlainText()))
        return mime

    def context_menu_at(self, point: QPoint, *, from_keyboard: bool = False) -> QMenu:
        """Copy and Select All, plus correcting the language of the paragraph under the mouse (from the
        keyboard: the paragraph at the top), which is the keyboard's way to the badge Tab skips."""
        menu = self.createStandardContextMenu(point)
        block_id = self.top_block_id()
        if not from_keyboard and self._block_starts:
            block_id = self._block_at(self.cursorForPosition(point).position())
        self._add_sentence_entries(menu, None if from_keyboard else point)
        if block_id is not None and block_id != TITLE_BLOCK_ID:
            menu.addSeparator()
            action = menu.addAction("Correct This Paragraph's Language…")
            action.triggered.connect(lambda: self._show_language_menu(block_id))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        self.context_menu_at(event.pos(), from_keyboard=keyboard).exec(event.globalPos())

    def _show_language_menu(self, block_id: str) -> None:
        menu = self.language_menu(block_id)
        menu.popup(self.mapToGlobal(self.cursorRect().bottomLeft()))
