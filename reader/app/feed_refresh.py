"""The window's feed operations: load sources and entries, subscribe, refresh in the background, schedule.

Every call is an operation (``QueryOp``) that answers on the GUI thread; the GUI thread never touches
SQLite or the network. Errors take the default route (``Operations.failed``: the status bar). A refresh
runs at low priority (its worker thread's nice value is raised, as the model pool's is), reports progress
per source, and broadcasts ``library_changed`` when it ends; Cancel stops it between two articles, and
what was saved stays saved. The schedule is off until the reader picks one (Reader only uses the network
when asked); the first subscription asks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from reader.app.feeds import ASKED_SETTING, SCHEDULE_SETTING, FeedService
from reader.app.operations import LibraryChange, Operations, QueryOp
from reader.app.runner import TaskHandle, lower_thread_priority
from reader.core.cancel import CancelToken

if TYPE_CHECKING:
    from reader.app.services import Services
    from reader.core.feeds.fetch import HostPacer
    from reader.core.feeds.refresh import SourceReport

T = TypeVar("T")
SCHEDULE_CHOICES = (0, 30, 60, 180)  # minutes; 0 = only when the reader asks


class FeedController(QObject):
    """Signals:
    sources_loaded(list[FeedSource]); entries_loaded(source id or None, list[FeedEntry]);
    subscribed(FeedSource, ask_schedule: bool); refresh_progressed(done, total, source title);
    refresh_finished(list[SourceReport]); busy_changed(bool); schedule_loaded(minutes).
    Errors and cancellations go to ``ops.failed`` / ``ops.cancelled``.
    """

    sources_loaded = Signal(object)
    entries_loaded = Signal(object, object)
    subscribed = Signal(object, bool)
    refresh_progressed = Signal(int, int, str)
    refresh_finished = Signal(object)
    busy_changed = Signal(bool)
    schedule_loaded = Signal(int)

    def __init__(
        self,
        ops: Operations,
        services: Services,
        target_lang: str,
        *,
        pacer: HostPacer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.services = services
        self.target_lang = target_lang
        self._pacer = pacer
        self._service: FeedService | None = None  # built in a worker: it opens the library
        self._cancel: CancelToken | None = None
        self._entries_generation = 0
        self.schedule_minutes = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer)

    # -- plumbing ---------------------------------------------------------------------------------------
    def service(self) -> FeedService:
        """The feed service (built on first use; call from a worker, or in tests)."""
        if self._service is None:
            self._service = FeedService(self.services, pacer=self._pacer)
        return self._service

    def _query(self, work: Callable[[FeedService], T], done: Callable[[T], None]) -> TaskHandle:
        return QueryOp(self.ops, lambda _handle: work(self.service())).success(done).run_in_background()

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    # -- loading ----------------------------------------------------------------------------------------
    def load_sources(self) -> None:
        def work(feeds: FeedService) -> tuple[list[Any], int]:
            return feeds.sources(), int(feeds.store.setting(SCHEDULE_SETTING) or 0)

        def done(result: tuple[list[Any], int]) -> None:
            sources, minutes = result
            self._apply_schedule(minutes)
            self.sources_loaded.emit(sources)

        self._query(work, done)

    def load_entries(self, source_id: int | None) -> None:
        """A source's articles, or with None the unread ones of every source ("all new")."""
        self._entries_generation += 1
        QueryOp(
            self.ops, lambda _h: self.service().store.entries(source_id, unread_only=source_id is None)
        ).success(lambda entries: self.entries_loaded.emit(source_id, entries)).generation(
            lambda: self._entries_generation
        ).run_in_background()

    def on_library_changed(self, change: LibraryChange) -> None:
        """Opening, deleting or saving articles changes the unread counts."""
        if change is LibraryChange.ARTICLES:
            self.load_sources()

    # -- subscribing ------------------------------------------------------------------------------------
    def subscribe(self, address: str) -> None:
        def work(feeds: FeedService) -> tuple[Any, bool]:
            source, _created = feeds.subscribe(address)
            asked = feeds.store.setting(ASKED_SETTING) == "1"
            if not asked:
                feeds.store.set_setting(ASKED_SETTING, "1")
            return source, not asked

        def done(result: tuple[Any, bool]) -> None:
            source, ask = result
            self.subscribed.emit(source, ask)
            self.load_sources()

        self._query(work, done)

    def remove(self, source_id: int) -> None:
        self._query(lambda feeds: feeds.remove(str(source_id)), lambda _s: self.load_sources())

    def update_settings(self, source_id: int, values: Mapping[str, Any]) -> None:
        """A source's settings from the dialog (the fields of ``SourceSettings``)."""

        def work(feeds: FeedService) -> None:
            from reader.store.feeds import SourceSettings

            feeds.store.update_settings(source_id, SourceSettings(**values))

        self._query(work, lambda _r: self.load_sources())

    def set_schedule(self, minutes: int) -> None:
        self._apply_schedule(minutes)
        self._query(lambda feeds: feeds.store.set_setting(SCHEDULE_SETTING, str(minutes)), lambda _r: None)

    def _apply_schedule(self, minutes: int) -> None:
        self.schedule_minutes = minutes if minutes in SCHEDULE_CHOICES else 0
        if self.schedule_minutes:
            if not self.timer.isActive() or self.timer.interval() != self.schedule_minutes * 60_000:
                self.timer.start(self.schedule_minutes * 60_000)
        else:
            self.timer.stop()
        self.schedule_loaded.emit(self.schedule_minutes)

    def _on_timer(self) -> None:
        if not self.busy:
            self.refresh()

    # -- refreshing -------------------------------------------------------------------------------------
    def refresh(self, source_ids: Sequence[int] | None = None) -> None:
        if self._cancel is not None:
            return
        cancel = self._cancel = CancelToken()
        self.busy_changed.emit(True)
        self.refresh_progressed.emit(0, 0, "")
        target = self.target_lang

        def work(handle: TaskHandle) -> list[SourceReport]:
            lower_thread_priority()
            feeds = self.service()
            feeds.set_target_lang(target)  # `reader feeds refresh` then uses the window's language

            def progress(done: int, total: int, title: str) -> None:
                handle.call_soon(lambda: self.refresh_progressed.emit(done, total, title))

            return feeds.refresh(source_ids, target_lang=target, cancel=cancel, progress=progress)

        def ended() -> None:
            self._cancel = None
            self.busy_changed.emit(False)
            self.ops.library_changed.emit(LibraryChange.ARTICLES)  # what was saved, even if it stopped

        QueryOp(self.ops, work).success(self.refresh_finished.emit).finally_(ended).run_in_background()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()


def summary(reports: Sequence[SourceReport]) -> str:
    """One line for the status bar after a refresh."""
    new = sum(r.new for r in reports)
    updated = sum(r.updated for r in reports)
    failing = [r for r in reports if r.error]
    parts = [f"{new} new article{'s' if new != 1 else ''}"]
    if updated:
        parts.append(f"{updated} updated")
    if failing:
        parts.append(f"{len(failing)} feed{'s' if len(failing) != 1 else ''} failed")
    return "Feeds refreshed: " + ", ".join(parts) + "."
