"""Connects the Feeds section to the window: its controller, the status bar and the article controller.

Kept out of ``main_window.py`` so the window only creates the panel and calls ``wire_feeds``.
"""

from __future__ import annotations

from typing import Any

from reader.app.feed_refresh import FeedController, summary
from reader.ui.feeds_panel import FeedsPanel


def wire_feeds(window: Any, panel: FeedsPanel, feeds: FeedController) -> None:
    """Route the panel's requests to ``feeds`` and its answers to the panel and the status bar.

    Args:
        window: the main window (its ``status``, ``session`` and ``ops``).
    """
    status, articles = window.status, window.session

    def on_subscribe(address: str) -> None:
        status.show_text(f"Looking for the feed at {address}…")
        feeds.subscribe(address)

    def on_subscribed(source: Any, ask_schedule: bool) -> None:
        status.show_text(f"Subscribed to {source.title}; fetching its articles.")
        if ask_schedule:
            panel.ask_schedule()
        feeds.refresh([source.id])  # the reader just asked for this source: fetch it now

    def on_progress(done: int, total: int, title: str) -> None:
        status.set_progress(done, total)
        if title:
            status.show_text(f"Refreshing feeds: {title} ({done + 1} of {total})")

    def on_busy(busy: bool) -> None:
        panel.set_refreshing(busy)
        status.set_busy(busy or articles.busy)

    def on_settings(source: Any) -> None:
        from reader.ui.feed_settings_dialog import FeedSettingsDialog

        dialog = FeedSettingsDialog(source, window)
        dialog.accepted.connect(lambda: feeds.update_settings(source.id, dialog.settings()))
        dialog.open()  # window-modal, without a nested event loop
        window.feed_settings_dialog = dialog  # tests reach it here

    panel.subscribe_requested.connect(on_subscribe)
    panel.settings_requested.connect(on_settings)
    panel.refresh_requested.connect(lambda: feeds.refresh())
    panel.source_selected.connect(feeds.load_entries)
    panel.article_activated.connect(articles.open_stored)
    panel.remove_requested.connect(feeds.remove)
    panel.schedule_chosen.connect(feeds.set_schedule)
    feeds.subscribed.connect(on_subscribed)
    feeds.sources_loaded.connect(panel.show_sources)
    feeds.entries_loaded.connect(panel.show_entries)
    feeds.schedule_loaded.connect(panel.show_schedule)
    feeds.refresh_progressed.connect(on_progress)
    feeds.busy_changed.connect(on_busy)
    feeds.refresh_finished.connect(lambda reports: status.show_text(summary(reports)))
    window.ops.library_changed.connect(feeds.on_library_changed)  # unread counts follow the library
    status.cancel_requested.connect(feeds.cancel)
    feeds.load_sources()
