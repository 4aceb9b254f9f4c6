"""Feedback while opening, errors where the reader looks, and everything that shows an article changing
together (real window, real engines, a real local HTTP server)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.fixtures.app_window import GERMAN_PAGE
from tests.fixtures.http_server import LocalHTTPServer
from tests.ui.test_main_window import WAIT, wait_until_ready


def second_page(tmp_path: Path) -> Path:
    path = tmp_path / "zweite.html"
    path.write_text(GERMAN_PAGE.replace("Gipfel in Brüssel", "Zweiter Gipfel"), encoding="utf-8")
    return path


def test_a_new_article_replaces_everything_at_once(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, tmp_path: Path,
    http_server: LocalHTTPServer,
) -> None:  # fmt: skip
    url = http_server.route("/news/gipfel", body=GERMAN_PAGE.encode())
    window = make_window()
    window.resize(1400, 800)
    window.open_source(url)
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    qtbot.waitUntil(lambda: window.library_panel.selected_id() == window.session.article_id, timeout=WAIT)
    qtbot.waitUntil(lambda: "Places" in window.outline.entries(), timeout=WAIT)
    assert window.url_field.text() == url

    window.open_source(str(second_page(tmp_path)))
    # At once, before any answer: the view says what is opening, nothing of the old article is left.
    assert window.view.notice == "Opening…" and "zweite.html" in window.view.toPlainText()
    assert "Gipfel in Brüssel" not in window.view.toPlainText()
    assert window.outline.entries() == {}
    assert window.url_field.text() == ""  # a file, not the old address
    assert window.library_panel.selected_id() is None
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    assert window.view.article.title == "Zweiter Gipfel"
    assert window.library_panel.selected_id() is None  # not in the library


def test_the_title_and_a_progress_state_show_before_languages_are_known(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    notices: list[str] = []
    window.session.article_loaded.connect(lambda _a: notices.append(window.view.toPlainText()))
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT)
    assert "Gipfel in Brüssel" in notices[0] and "detecting languages" in notices[0]


def test_an_error_with_nothing_open_is_shown_in_the_view(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    window.open_source(str(tmp_path / "fehlt.html"))
    qtbot.waitUntil(
        lambda: window.view.notice is not None and "not found" in window.view.notice, timeout=WAIT
    )
    assert window.view.isVisible() and "fehlt.html" in window.view.toPlainText()
    assert "not found" in window.status.message.text()  # and the status bar keeps the history
    history = window.status.message.toolTip().splitlines()
    assert "not found" in history[0] and any("Opening" in line for line in history[1:])


def test_an_error_over_an_open_article_is_a_banner_and_the_article_stays(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, tmp_path: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    window.open_source(str(tmp_path / "fehlt.html"))
    banner = window.feedback.banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=WAIT)
    assert "not found" in banner.label.text()
    assert window.view.article is not None and window.view.article.title == "Gipfel in Brüssel"
    banner.dismiss.click()
    assert not banner.isVisible()


def test_an_address_without_a_scheme_is_retried_over_http(
    qtbot: QtBot, make_window: Callable[..., MainWindow], http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/news/gipfel", body=GERMAN_PAGE.encode())
    window = make_window()
    window.url_field.setText(url.removeprefix("http://"))  # "127.0.0.1:PORT/news/gipfel"
    window.url_field.returnPressed.emit()
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    assert window.view.article.title == "Gipfel in Brüssel"
    assert http_server.requests == ["/news/gipfel"]  # the https attempt never got a request through
    assert not window.feedback.banner.isVisible()


def test_delete_then_undo_keeps_the_open_article_linked(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    article_id = window.session.article_id
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 0, timeout=WAIT)
    assert window.session.article_id is None
    window.actions_by_name["undo_delete"].trigger()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    assert window.session.article_id == article_id
    window.actions_by_name["archive"].trigger()
    qtbot.waitUntil(lambda: window.status.message.text() == "Archived.", timeout=WAIT)


def test_when_the_status_bar_says_ready_no_cell_still_says_translating(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: window.status.message.text().startswith("Ready"), timeout=WAIT)
    assert "Translating…" not in window.view.toPlainText()  # no waiting for the next coalesced render
