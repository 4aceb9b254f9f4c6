"""The main window: library on the left, the article (with its translation) in the middle, the outline on
the right; a toolbar with the URL field and view modes; a status bar with progress and Cancel.

Only the GUI thread touches widgets. Everything that could take time runs as an operation
(``reader.app.operations``): article work through the ArticleSession, library work through the library
actions; results come back as signals, errors through the operations' one default route.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.app import strings
from reader.app.article_session import ArticleSession
from reader.app.feed_refresh import FeedController
from reader.app.operations import LibraryChange, ModelOp, Operations, QueryOp
from reader.app.runner import TaskRunner
from reader.app.services import Services
from reader.core import display
from reader.core.document import Article, SpanKind
from reader.ui.article_html import ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.feedback import ArticleDisplays, ArticleFeedback
from reader.ui.feeds_panel import FeedsPanel
from reader.ui.feeds_wiring import wire_feeds
from reader.ui.library_actions import LibraryActionsMixin
from reader.ui.library_panel import LibraryPanel
from reader.ui.outline_panel import OutlinePanel
from reader.ui.reading_layout import ReadingLayout
from reader.ui.sentence_tools import SentenceToolsMixin
from reader.ui.settings import DEFAULT_FONT_SIZE, Settings
from reader.ui.status_bar import StatusBar
from reader.ui.theme import apply_theme
from reader.ui.window_layout import PANEL_WIDTH, ReadingLayoutMixin

if TYPE_CHECKING:  # the dialog module loads when the dialog first opens
    from reader.ui.model_manager import ModelManagerDialog

log = logging.getLogger(__name__)

OPEN_FILTERS = ";;".join(
    (
        "Articles (*.html *.htm *.xhtml *.txt *.md *.markdown)",
        "Web pages (*.html *.htm *.xhtml)",
        "Text (*.txt *.md *.markdown)",
        "All files (*)",
    )
)
MODE_SHORTCUTS = {
    ViewMode.SIDE_BY_SIDE: ("Side by side", "Ctrl+1"),
    ViewMode.INTERLINEAR: ("Interlinear", "Ctrl+2"),
    ViewMode.ORIGINAL: ("Original only", "Ctrl+3"),
    ViewMode.TRANSLATION: ("Translation only", "Ctrl+4"),
}
KIND_SHORTCUTS = {
    SpanKind.PERSON: "Alt+1",
    SpanKind.ORGANIZATION: "Alt+2",
    SpanKind.LOCATION: "Alt+3",
    SpanKind.MISC: "Alt+4",
    SpanKind.DATE: "Alt+5",
}


def looks_like_url(candidate: str) -> bool:
    candidate = candidate.strip()
    return candidate.startswith(("http://", "https://")) and " " not in candidate and len(candidate) < 4096


def source_from_mime(mime: QMimeData) -> str | None:
    """A dropped/pasted file or link, as a path or URL Reader can open."""
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
            if url.scheme() in ("http", "https"):
                return url.toString()
    if mime.hasText() and looks_like_url(mime.text()):
        return mime.text().strip()
    return None


class MainWindow(LibraryActionsMixin, SentenceToolsMixin, ReadingLayoutMixin, QMainWindow):
    def __init__(
        self, runner: TaskRunner, services: Services, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(strings.APP_NAME)
        self.runner = runner
        self.services = services
        self.settings = settings
        self.ops = Operations(runner)
        self.session = ArticleSession(self.ops, services, settings.reader_language)
        self.session.auto_save = bool(settings.auto_save)
        app = QApplication.instance()
        self._default_palette = app.palette() if isinstance(app, QApplication) else None
        self._deleted_id: int | None = None
        self._deleted_open: Article | None = None
        self._missing: list[tuple[str, str]] = []
        self._model_dialog: ModelManagerDialog | None = None
        self._reopen_block = ""  # the block to scroll to once a reopened file is shown

        self.view = ArticleView(self)
        self.view.setAcceptDrops(False)
        self.view.detection_languages = tuple(settings.detection_languages)
        self.view.set_reader_language(settings.reader_language)
        self.library_panel = LibraryPanel(self)
        self.feeds_panel = FeedsPanel(self)
        self.feeds = FeedController(self.ops, services, settings.reader_language, parent=self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.addTab(self.library_panel, "Library")
        self.side_tabs.addTab(self.feeds_panel, "Feeds")
        self.outline = OutlinePanel(self)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.url_field = QLineEdit(self)
        self.url_field.setObjectName("urlField")
        self.url_field.setPlaceholderText("Paste a web address and press Enter")
        self.url_field.setClearButtonEnabled(True)
        self.url_field.returnPressed.connect(self._on_url_entered)
        self.banner = self._build_banner()
        self.placeholder = QLabel(
            "Open an article with Ctrl+O, paste a web address with Ctrl+V, or drop a file here.", self
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)  # never a reason for a wide minimum window
        self.placeholder.setObjectName("placeholder")
        # Focus starts on the article side (this, then the view), never in a text field: the Ctrl+V the
        # placeholder asks for must open the address, not paste it into the library search.
        self.placeholder.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        self.feedback = ArticleFeedback(
            self.session,
            self.ops,
            ArticleDisplays(
                self.view, self.outline, self.url_field, self.library_panel, self.placeholder, self.banner
            ),
            self,
        )
        centre_layout.addWidget(self.feedback.banner)
        centre_layout.addWidget(self.banner)
        centre_layout.addWidget(self.placeholder, 1)
        centre_layout.addWidget(self.view, 1)
        self.view.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.side_tabs)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.outline)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([PANEL_WIDTH["library"], 860, PANEL_WIDTH["outline"]])
        self.setCentralWidget(self.splitter)
        self.setAcceptDrops(True)

        self.actions_by_name: dict[str, QAction] = {}
        self._folded: set[str] = set()  # panels hidden because the window is too narrow for them
        self._build_actions()
        self._build_sentence_tools()
        self._connect()
        self._apply_settings()
        self._set_tab_order()
        self.placeholder.setFocus(Qt.FocusReason.OtherFocusReason)
        self.library_panel.refresh()

    # -- construction -----------------------------------------------------------------------------------
    def _build_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("missingModelBanner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(10, 6, 10, 6)
        self.banner_label = QLabel(banner)
        self.banner_label.setWordWrap(True)
        self.banner_install = QPushButton("Install", banner)
        self.banner_install.clicked.connect(self._on_banner_install)
        dismiss = QPushButton("Not now", banner)
        dismiss.clicked.connect(banner.hide)
        layout.addWidget(self.banner_label, 1)
        layout.addWidget(self.banner_install)
        layout.addWidget(dismiss)
        banner.hide()
        return banner

    def _action(
        self,
        name: str,
        label: str,
        shortcut: str | QKeySequence.StandardKey | Sequence[str] | None,
        slot: Callable[[], object] | None,
        menu: QMenu,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(label, self)
        action.setObjectName(name)
        action.setProperty("group", menu.title().replace("&", ""))
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif isinstance(shortcut, str):
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut:
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)  # shortcuts work wherever focus is in the window
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action("open", "&Open…", QKeySequence.StandardKey.Open, self.choose_file, file_menu)
        self._action("open_url", "Open &Web Address", "Ctrl+L", self.focus_url_field, file_menu)
        self._action("paste_url", "Open Web Address from Clipboard", "Ctrl+V", self.paste_source, file_menu)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        self._action("save", "&Save to Library", "Ctrl+S", self.session.save, file_menu)
        self._action(
            "export_html", "Export as &HTML…", "Ctrl+E", lambda: self.export_current("html"), file_menu
        )
        self._action(
            "export_md", "Export as &Markdown…", "Ctrl+Shift+E", lambda: self.export_current("md"), file_menu
        )
        self._action(
            "export_pairs", "Export Sentence &Pairs…", "Ctrl+Shift+P", self.export_sentence_pairs, file_menu
        )
        file_menu.addSeparator()
        self._action("quit", "&Quit", "Ctrl+Q", self.close, file_menu)

        edit_menu = bar.addMenu("&Edit")
        self._action("copy", "&Copy", QKeySequence.StandardKey.Copy, self.view.copy, edit_menu)
        self._action("find", "&Find in Library", "Ctrl+F", self.library_panel.focus_search, edit_menu)
        self._action("preferences", "&Preferences…", "Ctrl+,", self.show_preferences, edit_menu)

        view_menu = bar.addMenu("&View")
        self.mode_group = QActionGroup(self)
        for mode, (label, shortcut) in MODE_SHORTCUTS.items():
            action = self._action(
                f"mode_{mode.value}",
                label,
                shortcut,
                functools.partial(self.set_mode, mode),
                view_menu,
                checkable=True,
            )
            self.mode_group.addAction(action)
        view_menu.addSeparator()
        for kind, shortcut in KIND_SHORTCUTS.items():
            self._action(
                f"show_{kind.value}",
                f"Highlight {strings.SPAN_KIND_PLURALS[kind]}",
                shortcut,
                self._on_highlight_toggled,
                view_menu,
                checkable=True,
            )
        view_menu.addSeparator()
        self._action(
            "toggle_library", "Show &Library", "Ctrl+Shift+L", self._toggle_library, view_menu, checkable=True
        )
        self._action(
            "toggle_outline", "Show &Outline", "Ctrl+Shift+O", self._toggle_outline, view_menu, checkable=True
        )
        self._action("zoom_in", "&Larger Text", ("Ctrl++", "Ctrl+="), lambda: self._zoom(1), view_menu)
        self._action("zoom_out", "&Smaller Text", ("Ctrl+-",), lambda: self._zoom(-1), view_menu)
        self._action("zoom_reset", "&Normal Size", "Ctrl+0", lambda: self._zoom(0), view_menu)

        article_menu = bar.addMenu("&Article")
        self._action("tags", "&Tags…", "Ctrl+T", self.edit_tags, article_menu)
        self._action("archive", "&Archive", "Ctrl+Shift+A", self.toggle_archive, article_menu)
        self._action("delete", "&Delete from Library", "Ctrl+Backspace", self.delete_current, article_menu)
        self._action(
            "undo_delete", "&Undo Delete", QKeySequence.StandardKey.Undo, self.undo_delete, article_menu
        )
        self._action(
            "retranslate", "Translate &Again", "Ctrl+R", self.session.retry_translation, article_menu
        )
        self._action("cancel", "&Cancel", "Esc", self.session.cancel, article_menu)

        tools_menu = bar.addMenu("&Tools")
        self._action("models", "&Models…", "Ctrl+M", self.show_model_manager, tools_menu)
        self._action("memory", "Translation &Memory…", "Ctrl+Shift+M", self.show_memory_dialog, tools_menu)
        self._action("glossary", "&Glossary…", "Ctrl+Shift+G", self.show_glossary_dialog, tools_menu)

        help_menu = bar.addMenu("&Help")
        self._action(
            "shortcuts",
            "&Keyboard Shortcuts",
            QKeySequence.StandardKey.HelpContents,
            self.show_shortcuts,
            help_menu,
        )
        self._action("about", "&About Reader", None, self.show_about, help_menu)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.actions_by_name["open"])
        toolbar.addWidget(self.url_field)
        toolbar.addSeparator()
        for mode in MODE_SHORTCUTS:
            toolbar.addAction(self.actions_by_name[f"mode_{mode.value}"])
        toolbar.addSeparator()
        toolbar.addAction(self.actions_by_name["save"])
        toolbar.addAction(self.actions_by_name["models"])
        self.addToolBar(toolbar)

    def _connect(self) -> None:
        c = self.session
        self.ops.failed.connect(self._on_failed)
        self.ops.cancelled.connect(self.status.show_text)
        self.ops.library_changed.connect(self._on_library_changed)
        c.article_opened.connect(self._on_article_opened)
        c.article_changed.connect(self._on_article_changed)
        c.translation_arrived.connect(self.view.update_translation)
        c.annotations_arrived.connect(self.view.update_annotations)
        c.missing_pairs_found.connect(self._on_missing_pairs)
        c.position_restored.connect(
            lambda block_id: QTimer.singleShot(0, lambda: self.view.scroll_to_block(block_id))
        )
        c.status_changed.connect(self.status.show_text)
        c.busy_changed.connect(self.status.set_busy)
        # When the status bar says "Ready", the cells say so too (no 60 ms of "Translating…" left).
        c.busy_changed.connect(self.view.flush_when_idle)
        c.progress_changed.connect(self.status.set_progress)
        c.visible_blocks = self.view.visible_block_ids
        self.settings.changed.connect(self._on_setting_changed)
        self.status.cancel_requested.connect(c.cancel)
        self.status.undo_requested.connect(self.undo_delete)
        self.view.language_change_requested.connect(c.set_block_language)
        self.view.position_changed.connect(c.save_position)
        # The window title is the headline the reader sees: translated once the title's translation is in.
        self.view.headline_changed.connect(lambda title: self.setWindowTitle(f"{title} — {strings.APP_NAME}"))
        self.view.document().contentsChanged.connect(self._schedule_outline)
        self.outline.mention_requested.connect(self.view.jump_to_mention)
        self.library_panel.query_changed.connect(self._run_library_query)
        self.library_panel.article_activated.connect(c.open_stored)
        self.library_panel.delete_requested.connect(self.delete_article)
        wire_feeds(self, self.feeds_panel, self.feeds)
        self.library_panel.action_requested.connect(self.on_library_action)
        self.library_panel.memory_search_requested.connect(self._show_memory_search)
        # Translation models unused for a while give their memory back (the engine keeps the recent ones).
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(60_000)
        self._idle_timer.timeout.connect(self._release_idle_models)
        self._idle_timer.start()
        self._outline_timer = QTimer(self)
        self._outline_timer.setSingleShot(True)
        self._outline_timer.setInterval(150)
        self._outline_timer.timeout.connect(self._refresh_outline)

    def _apply_settings(self) -> None:
        s = self.settings
        geometry = s.window_geometry
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = s.window_state
        if state:
            self.restoreState(state)
        splitter = s.splitter_state
        if splitter:
            self.splitter.restoreState(splitter)
        try:
            mode = ViewMode(s.view_mode)
        except ValueError:
            mode = ViewMode.SIDE_BY_SIDE
        self.actions_by_name[f"mode_{mode.value}"].setChecked(True)
        self.view.set_mode(mode)
        visible = {SpanKind(k) for k in s.highlight_types if k in {kind.value for kind in SpanKind}}
        for kind in SpanKind:
            self.actions_by_name[f"show_{kind.value}"].setChecked(kind in visible)
        self.view.set_visible_kinds(visible)
        self.actions_by_name["toggle_library"].setChecked(True)
        self.actions_by_name["toggle_outline"].setChecked(True)
        self._apply_font()
        self._apply_theme()
        self._apply_unsure()
        self._rebuild_recent_menu()

    def _apply_unsure(self) -> None:
        self.view.set_unsure_below(self.settings.unsure_below if self.settings.unsure_marks else None)

    def _on_setting_changed(self, name: str) -> None:
        """A setting changed (preferences, zoom, a view mode): the window follows it."""
        s = self.settings
        reactions: dict[str, Callable[[], None]] = {
            "font_family": self._apply_font,
            "font_size": self._apply_font,
            "line_height": self._apply_font,
            "page_margin": self._apply_font,
            "hyphenate": self._apply_font,
            "theme": self._apply_theme,
            "view_mode": lambda: self._show_mode(ViewMode(s.view_mode)),
            "highlight_types": self._apply_highlight_types,
            "reader_language": lambda: self._apply_reader_language(s.reader_language),
            "detection_languages": self._apply_detection_languages,
            "auto_save": lambda: setattr(self.session, "auto_save", s.auto_save),
            "unsure_marks": self._apply_unsure,
            "unsure_below": self._apply_unsure,
        }
        react = reactions.get(name)
        if react is not None:
            react()

    def _show_mode(self, mode: ViewMode) -> None:
        self.view.set_mode(mode)
        self.actions_by_name[f"mode_{mode.value}"].setChecked(True)

    def _apply_highlight_types(self) -> None:
        visible = {SpanKind(k) for k in self.settings.highlight_types}
        for kind in SpanKind:
            self.actions_by_name[f"show_{kind.value}"].setChecked(kind in visible)
        self.view.set_visible_kinds(visible)
        self._refresh_outline()

    def _apply_reader_language(self, code: str) -> None:
        self.view.set_reader_language(code)
        self.session.set_reader_language(code)
        self.feeds.target_lang = code

    def _apply_detection_languages(self) -> None:
        self.view.detection_languages = tuple(self.settings.detection_languages)
        self.services.set_detection_languages(self.settings.detection_languages)

    def _apply_font(self) -> None:
        s = self.settings
        self.view.set_reading_layout(
            ReadingLayout(line_height=s.line_height, margin=s.page_margin, hyphenate=s.hyphenate)
        )
        font = QFont(s.font_family) if s.font_family else QFont()
        font.setPointSize(int(s.font_size))
        self.view.set_text_font(font)

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._default_palette is not None:
            self.view.set_palette_colours(apply_theme(app, self.settings.theme, self._default_palette))
        # A stylesheet resolves palette() once: set it again so the banner follows the new theme.
        self.banner.setStyleSheet("")
        self.banner.setStyleSheet("#missingModelBanner { background: palette(alternate-base); }")

    # -- opening ----------------------------------------------------------------------------------------
    def open_source(self, source: str, *, http_fallback: str | None = None) -> None:
        if source.startswith(("http://", "https://")):
            self.settings.add_recent_file(source)
        else:
            path = Path(source).expanduser().resolve()
            self.settings.add_recent_file(str(path))
            self.settings.last_directory = str(path.parent)
        self._rebuild_recent_menu()
        self.session.open_source(source, http_fallback=http_fallback)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open Article", self.start_directory(), OPEN_FILTERS
        )
        if path:
            self.open_source(path)

    def focus_url_field(self) -> None:
        self.url_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.url_field.selectAll()

    def _on_url_entered(self) -> None:
        candidate = self.url_field.text().strip()
        if not candidate:
            return
        fallback = None
        if "://" not in candidate and "." in candidate and " " not in candidate:
            candidate, fallback = "https://" + candidate, "http://" + candidate
        if not looks_like_url(candidate):
            self.status.show_text("That is not a web address Reader can open (http or https).", error=True)
            return
        self.open_source(candidate, http_fallback=fallback)

    def paste_source(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData() if clipboard is not None else None
        source = source_from_mime(mime) if mime is not None else None
        if source is None:
            self.status.show_text("The clipboard holds no web address or file to open.")
            return
        if looks_like_url(source):
            self.url_field.setText(source)
        self.open_source(source)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if source_from_mime(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        source = source_from_mime(event.mimeData())
        if source:
            event.acceptProposedAction()
            self.open_source(source)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = list(self.settings.recent_files)
        for path in recent:
            is_url = path.startswith(("http://", "https://"))
            label = self.fontMetrics().elidedText(path, Qt.TextElideMode.ElideMiddle, 420) if is_url else None
            action = self.recent_menu.addAction(label or Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_source(p))
        self.recent_menu.setEnabled(bool(recent))

    # -- article session events ------------------------------------------------------------------------------
    def _on_article_opened(self, article: Article) -> None:
        focus_was_here = self.placeholder.hasFocus() or QApplication.focusWidget() is None
        self.placeholder.hide()
        self.view.show()
        self.view.set_article(article)
        if focus_was_here:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._reopen_block:
            block_id, self._reopen_block = self._reopen_block, ""
            QTimer.singleShot(0, lambda: self.view.scroll_to_block(block_id))

    def _on_article_changed(self, article: Article) -> None:
        self.view.set_article_keep_position(article, self.session.translations)

    def _on_failed(self, message: str) -> None:
        """The one place an operation's error is shown: where the reader looks, and in the status bar."""
        self.status.show_text(message, error=True)
        self.feedback.show_error(message)

    def _on_library_changed(self, change: LibraryChange) -> None:
        if change is LibraryChange.ARTICLES:
            self.library_panel.refresh()

    def _release_idle_models(self) -> None:
        if self.services.is_built("engine"):
            engine = self.services.engine
            ModelOp(self.ops, lambda _h: engine.release_idle()).run_in_background()

    def _schedule_outline(self) -> None:
        self._outline_timer.start()

    def _refresh_outline(self) -> None:
        self.outline.set_mentions(self.view.placed_spans(), self.view.visible_kinds())

    def _on_missing_pairs(self, pairs: list[tuple[str, str]]) -> None:
        self._missing = list(pairs)
        if not pairs:
            self.banner.hide()
            return
        labels = ", ".join(display.pair_label(s, t) for s, t in pairs)
        self.banner_label.setText(f"Some paragraphs need a translation model: {labels}.")
        self.banner_install.setText(f"Install {display.pair_label(*pairs[0])}")
        self.banner.show()

        def size_of_first(_handle: object) -> int | None:
            for package in self.services.packages.available(refresh=False):
                if (package.from_code, package.to_code) == pairs[0]:
                    return package.size_bytes
            return None

        def show_size(size: int | None) -> None:
            if size and self._missing and self._missing[0] == pairs[0]:
                self.banner_install.setText(
                    f"Install {display.pair_label(*pairs[0])} ({display.download_size(size)})"
                )

        # The size is a nicety: without the cached index there is none to show, and no error either.
        QueryOp(self.ops, size_of_first).success(show_size).failure(lambda _e: None).run_in_background()

    def _on_banner_install(self) -> None:
        dialog = self.show_model_manager()
        if self._missing:
            dialog.offer_pair(*self._missing[0])

    # -- view -------------------------------------------------------------------------------------------
    def set_mode(self, mode: ViewMode) -> None:
        self._show_mode(mode)
        self.settings.view_mode = mode.value

    def _on_highlight_toggled(self) -> None:
        visible = {kind for kind in SpanKind if self.actions_by_name[f"show_{kind.value}"].isChecked()}
        self.view.set_visible_kinds(visible)
        self.settings.highlight_types = {kind.value for kind in visible}
        self._refresh_outline()

    def _toggle_library(self) -> None:
        self.side_tabs.setVisible(self.actions_by_name["toggle_library"].isChecked())

    def _toggle_outline(self) -> None:
        self.outline.setVisible(self.actions_by_name["toggle_outline"].isChecked())

    def _zoom(self, step: int) -> None:
        """One point larger or smaller (0: the default size); applied on Settings.changed, and the view
        keeps the reader's line."""
        size = DEFAULT_FONT_SIZE if step == 0 else int(self.settings.font_size) + step
        self.settings.font_size = max(8, min(40, size))

    # -- dialogs ----------------------------------------------------------------------------------------
    def show_model_manager(self) -> ModelManagerDialog:
        from reader.ui.model_manager import ModelManagerDialog

        if self._model_dialog is None:
            self._model_dialog = ModelManagerDialog(
                self.services.packages, self.services.ner_models, self.ops, self
            )
            # Only a real install or removal restarts the analysis process and retries translation.
            self._model_dialog.models_changed.connect(self._on_models_changed)
        self._model_dialog.show()
        self._model_dialog.raise_()
        return self._model_dialog

    def _on_models_changed(self) -> None:
        self.services.models_changed()
        if self.session.article is not None and self._missing:
            self.banner.hide()
            self._missing = []
            self.session.retry_translation()

    def show_preferences(self) -> None:
        from reader.ui.preferences import PreferencesDialog

        PreferencesDialog(self.settings, self).exec()  # what it changes reaches _on_setting_changed

    def show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog([*self.actions_by_name.values(), *self.view.actions()], self).exec()

    def show_about(self) -> None:
        from reader import __version__

        self.status.show_text(
            f"Reader {__version__}: articles in several languages, translated offline on this computer."
        )

    # -- closing ----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        block_id = self.view.top_block_id()
        if block_id:
            self.session.save_position(block_id)
        self.remember_place()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter_state = self.splitter.saveState()
        self.session.cancel()
        super().closeEvent(event)
