"""The window as a new user meets it: where focus starts, Ctrl+V, narrow windows, zoom, Tab order,
reopening where the reader left off, Open Recent, the shortcuts list, file dialogs, the outline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reader.core.document import TITLE_BLOCK_ID
from reader.ui.article_html import ViewMode
from reader.ui.main_window import MainWindow
from reader.ui.shortcuts_dialog import ShortcutsDialog
from tests.fixtures.app_window import GERMAN_PAGE
from tests.fixtures.http_server import LocalHTTPServer
from tests.ui.test_main_window import WAIT, wait_until_ready


def focused_widget(qtbot: QtBot, window: MainWindow) -> object:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return QApplication.focusWidget()


def test_ctrl_v_right_after_start_opens_the_address(
    qtbot: QtBot, make_window: Callable[..., MainWindow], http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/news/gipfel", body=GERMAN_PAGE.encode())
    window = make_window()
    start = focused_widget(qtbot, window)
    assert not isinstance(start, QLineEdit)  # not the library search, not the address field
    assert start is window.placeholder
    QGuiApplication.clipboard().setText(url)
    qtbot.keyClick(start, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    assert window.library_panel.search.text() == ""
    qtbot.waitUntil(window.view.hasFocus)  # focus moved on to the article with it
    # Ctrl+V on the article opens a pasted address too.
    second = http_server.route(
        "/news/zwei", body=GERMAN_PAGE.replace("Gipfel in Brüssel", "Zweiter").encode()
    )
    QGuiApplication.clipboard().setText(second)
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.view.article is not None and window.view.article.title == "Zweiter", timeout=WAIT
    )


def test_tab_goes_address_library_article_outline(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.resize(1400, 800)  # wide enough for both panels
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    window.activateWindow()
    window.url_field.setFocus()
    qtbot.waitUntil(window.url_field.hasFocus)
    seen = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    panel = window.library_panel
    assert seen == [panel.search, panel.filter, panel.list, window.view, window.outline]


def test_a_narrow_window_folds_the_panels_and_reads_interlinear(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.resize(1400, 800)
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    assert window.library_panel.isVisible() and window.outline.isVisible()
    assert window.view.shown_mode is ViewMode.SIDE_BY_SIDE
    window.resize(900, 700)
    qtbot.waitUntil(lambda: not window.library_panel.isVisible() and not window.outline.isVisible())
    assert not window.actions_by_name["toggle_library"].isChecked()
    # 900 px without the panels holds two real columns
    qtbot.waitUntil(lambda: window.view.shown_mode is ViewMode.SIDE_BY_SIDE)
    window.resize(520, 700)
    qtbot.waitUntil(lambda: window.view.shown_mode is ViewMode.INTERLINEAR)
    assert window.view.mode is ViewMode.SIDE_BY_SIDE and window.settings.view_mode == "side-by-side"
    window.actions_by_name["toggle_outline"].trigger()  # the reader can bring a panel back
    assert window.outline.isVisible()
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: window.library_panel.isVisible())
    assert window.actions_by_name["toggle_library"].isChecked()
    qtbot.waitUntil(lambda: window.view.shown_mode is ViewMode.SIDE_BY_SIDE)


def test_zoom_keys_change_the_size_and_ctrl_0_resets_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    start = window.settings.font_size
    for key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
        qtbot.keyClick(window.view, key, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == start + 2
    assert window.view.document().defaultFont().pointSize() == start + 2
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == start + 1
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == 12


def test_a_restart_reopens_the_last_file_where_the_reader_left_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    window.resize(520, 300)
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0, timeout=WAIT)
    article = window.view.article
    assert article is not None
    window.view.scroll_to_block(article.blocks[-2].id)
    left_at = window.view.top_block_id()
    assert left_at not in (None, article.blocks[0].id)
    window.close()

    again = make_window()
    again.resize(520, 300)
    assert again.reopen_last()
    qtbot.waitUntil(lambda: again.view.article is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: again.view.top_block_id() == left_at, timeout=WAIT)


def test_open_recent_lists_web_addresses_too(
    qtbot: QtBot, make_window: Callable[..., MainWindow], http_server: LocalHTTPServer, german_page: Path
) -> None:
    url = http_server.route("/news/gipfel", body=GERMAN_PAGE.encode())
    window = make_window()
    window.open_source(url)
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    window.open_source(str(german_page))
    tips = [action.toolTip() for action in window.recent_menu.actions()]
    assert tips[:2] == [str(german_page.resolve()), url]
    assert window.settings.last_directory == str(german_page.parent.resolve())


def test_file_dialogs_start_in_documents_then_in_the_last_folder(
    make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert window.start_directory() == documents
    window.open_source(str(german_page))
    assert window.start_directory() == str(german_page.parent.resolve())


def test_the_shortcuts_dialog_lists_no_odd_keys(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    dialog = ShortcutsDialog(list(window.actions_by_name.values()), window)
    qtbot.addWidget(dialog)
    keys = " ".join(shortcut for _group, _action, shortcut in dialog.visible_rows())
    for odd in ("F14", "F16", "F18", "F20"):
        assert odd not in keys
    rows = {action: shortcut for _group, action, shortcut in dialog.visible_rows()}
    assert rows["Undo Delete"].startswith("Ctrl+Z") and rows["Copy"].startswith("Ctrl+C")
    assert "Ctrl+=" in rows["Larger Text"] and rows["Normal Size"] == "Ctrl+0"


def test_outline_groups_keep_the_state_the_reader_gave_them(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    qtbot.waitUntil(lambda: "Places" in window.outline.entries(), timeout=WAIT)
    # Every block's (and the title's) highlights shown and counted before the reader folds the groups.
    expected = {TITLE_BLOCK_ID, *(b.id for b in window.session.article.blocks)}
    qtbot.waitUntil(lambda: expected <= set(window.session.annotations), timeout=WAIT)
    window.view.flush()
    window._refresh_outline()
    outline = window.outline
    groups = {
        outline.topLevelItem(i).text(0): outline.topLevelItem(i) for i in range(outline.topLevelItemCount())
    }
    for group in groups.values():
        group.setExpanded(False)  # the reader folds them all
    window.actions_by_name["show_PER"].trigger()  # a rebuild (highlight toggled off and on)
    window.actions_by_name["show_PER"].trigger()
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == len(groups))
    assert not any(outline.topLevelItem(i).isExpanded() for i in range(outline.topLevelItemCount()))


def test_the_view_follows_the_reading_preferences(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    window.settings.hyphenate = True
    window.settings.line_height = 200
    window.settings.page_margin = 48
    layout = window.view.reading_layout
    assert (layout.hyphenate, layout.line_height, layout.margin) == (True, 200, 48)
    assert "\u00ad" in window.view.toPlainText()  # soft hyphens in the long German words
