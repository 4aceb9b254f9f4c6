"""The Feeds section of the window, end to end: subscribe, refresh with progress, read, errors, schedule.

A real window on a real library with the tiny real translation packages (tests/fixtures/app_window.py),
against the local news site (tests/fixtures/feeds_site.py); everything in process.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.feeds.fetch import HostPacer
from reader.ui.feeds_panel import ERROR_COLOUR
from reader.ui.main_window import MainWindow
from tests.fixtures.feeds_site import FeedSite
from tests.fixtures.http_server import LocalHTTPServer

WAIT = 60_000


@pytest.fixture
def site(http_server: LocalHTTPServer) -> FeedSite:
    return FeedSite(http_server)


def feeds_window(make_window: Callable[..., MainWindow]) -> MainWindow:
    window = make_window(in_process=True)
    window.feeds.service().pacer = HostPacer(0.0)  # one local host serves every test feed
    window.side_tabs.setCurrentWidget(window.feeds_panel)
    return window


def rows(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def test_subscribe_refresh_and_read(
    qtbot: QtBot, make_window: Callable[..., MainWindow], site: FeedSite
) -> None:
    window = feeds_window(make_window)
    panel = window.feeds_panel
    assert rows(panel.sources) == ["All new (0)"] and panel.empty_label.isVisible()
    qtbot.keyClicks(panel.address, site.url("/de/"))
    with qtbot.waitSignal(window.feeds.busy_changed, timeout=WAIT, check_params_cb=lambda busy: busy):
        qtbot.keyClick(panel.address, Qt.Key.Key_Return)
    assert window.status.cancel_button.isVisible() and not panel.refresh_button.isEnabled()
    assert panel.prompt.isVisible()  # the first subscription asks about a schedule
    with qtbot.waitSignal(window.feeds.refresh_finished, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: "Stadtanzeiger & Nachrichten (3)" in rows(panel.sources), timeout=WAIT)
    assert rows(panel.sources)[0] == "All new (3)"
    assert window.status.message.text() == "Feeds refreshed: 3 new articles."
    assert not window.status.cancel_button.isVisible()
    qtbot.waitUntil(lambda: panel.entries.count() == 3, timeout=WAIT)
    first = panel.entries.item(0).text().split("\n")
    # title in the reader's language (the tiny model's words), the original under it, date, languages
    assert first[1] == "Neue Brücke über den Fluss eröffnet" and first[0] != first[1]
    assert first[2] == "2026-11-30 · de · new"
    # The library list shows the new articles too.
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 3, timeout=WAIT)
    panel.entries.setCurrentRow(0)
    panel.entries.itemActivated.emit(panel.entries.item(0))
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    assert (
        window.view.article is not None and window.view.article.title == "Neue Brücke über den Fluss eröffnet"
    )
    qtbot.waitUntil(lambda: "Stadtanzeiger & Nachrichten (2)" in rows(panel.sources), timeout=WAIT)


def test_a_failing_source_shows_its_error_on_its_row(
    qtbot: QtBot, make_window: Callable[..., MainWindow], site: FeedSite
) -> None:
    window = feeds_window(make_window)
    store = window.feeds.service().store
    store.add_source(site.url("/broken.xml"), "Broken news")
    store.add_source(site.url("/en/atom.xml"), "Harbour")
    window.feeds.load_sources()
    qtbot.waitUntil(lambda: window.feeds_panel.sources.count() == 3, timeout=WAIT)
    with qtbot.waitSignal(window.feeds.refresh_finished, timeout=WAIT):
        qtbot.mouseClick(window.feeds_panel.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("⚠" in row for row in rows(window.feeds_panel.sources)), timeout=WAIT)
    broken = next(
        window.feeds_panel.sources.item(i)
        for i in range(window.feeds_panel.sources.count())
        if window.feeds_panel.sources.item(i).text().startswith("Broken news")
    )
    assert "did not send a feed" in broken.text()
    assert broken.foreground().color() == ERROR_COLOUR
    assert "The Harbour Gazette (2)" in rows(window.feeds_panel.sources)  # the other source still refreshed
    assert window.status.message.text() == "Feeds refreshed: 2 new articles, 1 feed failed."


def test_cancel_stops_a_refresh(
    qtbot: QtBot, make_window: Callable[..., MainWindow], site: FeedSite, http_server: LocalHTTPServer
) -> None:
    window = feeds_window(make_window)
    http_server.route("/de/bruecke.html", body=b"<html>" + b" " * 600_000, chunk_delay=0.5)
    window.feeds.service().store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    with qtbot.waitSignal(window.feeds.busy_changed, timeout=WAIT):
        window.feeds_panel.refresh_button.click()
    qtbot.waitUntil(lambda: any(p.endswith("bruecke.html") for p in http_server.requests), timeout=WAIT)
    with qtbot.waitSignal(window.ops.cancelled, timeout=WAIT):
        qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.feeds.busy, timeout=WAIT)
    assert window.feeds_panel.refresh_button.isEnabled()


def test_schedule_is_off_until_chosen_and_remembered(
    qtbot: QtBot, make_window: Callable[..., MainWindow], no_network: list[str]
) -> None:
    window = feeds_window(make_window)
    panel = window.feeds_panel
    assert panel.schedule.currentData() == 0 and not window.feeds.timer.isActive()
    panel.ask_schedule()
    qtbot.mouseClick(panel.prompt_hourly, Qt.MouseButton.LeftButton)
    assert not panel.prompt.isVisible()
    assert window.feeds.timer.isActive() and window.feeds.timer.interval() == 3_600_000
    assert panel.schedule.currentData() == 60
    qtbot.wait(200)  # the choice is written by a worker
    second = make_window(in_process=True)  # a restart reads it back
    qtbot.waitUntil(lambda: second.feeds.timer.isActive(), timeout=WAIT)
    assert second.feeds_panel.schedule.currentData() == 60
    panel.schedule.setCurrentIndex(panel.schedule.findData(0))
    panel.schedule.activated.emit(panel.schedule.currentIndex())
    assert not window.feeds.timer.isActive()
    assert no_network == []  # choosing a schedule fetched nothing


def test_offline_the_feeds_section_lists_and_opens_without_touching_the_network(
    qtbot: QtBot, make_window: Callable[..., MainWindow], site: FeedSite, request: pytest.FixtureRequest
) -> None:
    window = feeds_window(make_window)
    window.feeds.service().store.add_source(site.url("/en/atom.xml"), "Harbour")
    with qtbot.waitSignal(window.feeds.refresh_finished, timeout=WAIT):
        window.feeds.refresh()
    attempts = request.getfixturevalue("no_network")  # the network is cut from here on
    restarted = make_window(in_process=True)
    restarted.side_tabs.setCurrentWidget(restarted.feeds_panel)
    panel = restarted.feeds_panel
    qtbot.waitUntil(lambda: panel.entries.count() == 2, timeout=WAIT)  # "All new"
    panel.entries.itemActivated.emit(panel.entries.item(0))
    qtbot.waitUntil(lambda: restarted.view.article is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not restarted.session.busy, timeout=WAIT)
    assert attempts == []


def test_per_source_settings_dialog(
    qtbot: QtBot, make_window: Callable[..., MainWindow], site: FeedSite
) -> None:
    window = feeds_window(make_window)
    source, _ = window.feeds.service().store.add_source(site.url("/de/rss.xml"), "Stadtanzeiger")
    window.feeds.load_sources()
    panel = window.feeds_panel
    qtbot.waitUntil(lambda: panel.sources.count() == 2, timeout=WAIT)
    panel.sources.setCurrentRow(1)
    [settings_action] = [a for a in panel.sources.actions() if a.text() == "Settings…"]
    settings_action.trigger()
    dialog = window.feed_settings_dialog
    assert dialog.full_fetch.isChecked() and dialog.translate.isChecked()
    dialog.translate.setChecked(False)
    dialog.keep_articles.setValue(10)
    dialog.keep_days.setValue(0)
    dialog.accept()
    store = window.feeds.service().store
    qtbot.waitUntil(lambda: store.source(source.id).keep_articles == 10, timeout=WAIT)
    updated = store.source(source.id)
    assert (updated.full_fetch, updated.translate, updated.keep_days) == (True, False, 0)
