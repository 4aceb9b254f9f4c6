"""The library panel as a reader uses it: one click opens, a context menu, tags on rows and completed
while typed, "All" means all, the active filter shown, Esc back to everything (real window and store)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.tags_dialog import TagField, TagsDialog
from tests.fixtures.app_window import GERMAN_PAGE
from tests.ui.test_main_window import WAIT, wait_until_ready


def answer_tags(qtbot: QtBot, text: str) -> None:
    """Type ``text`` into the next tags dialog and press OK (a real dialog, run modally)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TagsDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.field.setText(text)
        dialog.accept()

    QTimer.singleShot(20, answer)


def saved_window(qtbot: QtBot, make_window: Callable[..., MainWindow], page: Path) -> MainWindow:
    window = make_window()
    window.resize(1400, 800)
    window.open_source(str(page))
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    return window


def test_one_click_opens_an_article(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, tmp_path: Path
) -> None:
    window = saved_window(qtbot, make_window, german_page)
    article_id = window.session.article_id
    other = tmp_path / "anders.html"
    other.write_text(GERMAN_PAGE.replace("Gipfel in Brüssel", "Anderes"), encoding="utf-8")
    window.open_source(str(other))
    qtbot.waitUntil(
        lambda: window.view.article is not None and window.view.article.title == "Anderes", timeout=WAIT
    )
    panel = window.library_panel
    rect = panel.list.visualItemRect(panel.list.item(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.session.article_id == article_id, timeout=WAIT)
    assert window.view.article is not None and window.view.article.title == "Gipfel in Brüssel"


def test_the_context_menu_tags_archives_and_deletes(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = saved_window(qtbot, make_window, german_page)
    panel = window.library_panel
    article_id = window.session.article_id
    assert article_id is not None
    menu = panel.context_menu(article_id)
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels == ["Open", "Tags…", "Archive", "Export as HTML…", "Delete"]

    answer_tags(qtbot, "Politik, EU")
    next(a for a in menu.actions() if a.text() == "Tags…").trigger()
    qtbot.waitUntil(lambda: "#EU #Politik" in panel.list.item(0).text(), timeout=WAIT)  # tags on the row

    next(a for a in panel.context_menu(article_id).actions() if a.text() == "Archive").trigger()
    qtbot.waitUntil(lambda: "· Archived" in panel.list.item(0).text(), timeout=WAIT)
    back = panel.context_menu(article_id).actions()[2]
    assert back.text() == "Move Back from the Archive"

    next(a for a in panel.context_menu(article_id).actions() if a.text() == "Delete").trigger()
    qtbot.waitUntil(lambda: panel.list.count() == 0, timeout=WAIT)


def test_tags_complete_from_the_library(qtbot: QtBot) -> None:
    field = TagField(["Politik", "EU", "Wirtschaft"])
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "EU, pol")
    assert field.current_word() == "pol"
    assert field.tag_completer.completionCount() == 1
    assert field.tag_completer.currentCompletion() == "Politik"
    field.complete_with(field.tag_completer.currentCompletion())
    assert field.text() == "EU, Politik, "


def test_an_active_filter_is_shown_and_esc_clears_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = saved_window(qtbot, make_window, german_page)
    panel = window.library_panel
    assert not panel.filter_note.isVisible()
    panel.filter.setCurrentIndex(panel.filter.findData("archived"))
    panel.search.setText("Tokio")
    qtbot.waitUntil(
        lambda: panel.empty_label.isVisible() and "Tokio" in panel.empty_label.text(), timeout=WAIT
    )
    assert panel.empty_label.text().startswith("No articles match “Tokio” in “Archived”")
    assert panel.filter_note.isVisible() and "Archived" in panel.filter_note.text()
    window.activateWindow()
    panel.search.setFocus()
    qtbot.waitUntil(panel.search.hasFocus)
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == "" and panel.filter.currentData() == "all"
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=WAIT)
    assert not panel.filter_note.isVisible()
