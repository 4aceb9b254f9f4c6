"""The window's feed operations: load sources and entries, subscribe, refresh in the background, schedule.

Every call runs in the runner's I/O pool and answers with a signal on the GUI thread; the GUI thread never
touches SQLite or the network. A refresh runs at low priority (the worker thread's nice value is raised,
as the model pool's is) and reports progress per source; Cancel stops it between two articles, and what
was saved stays saved. The schedule is off until the reader picks one (Reader only uses the network when
asked); the first subscription asks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from reader.app.feeds import ASKED_SETTING, SCHEDULE_SETTING, FeedService
from reader.app.runner import IO_POOL, TaskHandle, TaskRunner, lower_thread_priority
from reader.core.cancel import CancelToken
from reader.core.errors import CancelledError, ReaderError

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
    refresh_finished(list[SourceReport]); busy_changed(bool); library_changed(); failed(str);
    schedule_loaded(minutes).
    """

    sources_loaded = Signal(object)
    entries_loaded = Signal(object, object)
    subscribed = Signal(object, bool)
    refresh_progressed = Signal(int, int, str)
    refresh_finished = Signal(object)
    busy_changed = Signal(bool)
    library_changed = Signal()
    failed = Signal(str)
    schedule_loaded = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        target_lang: str,
        *,
        pacer: HostPacer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
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
        return self._feeds()

    def _feeds(self) -> FeedService:
        if self._service is None:
            self._service = FeedService(self.services, pacer=self._pacer)
        return self._service

    def _run(self, work: Callable[[FeedService], T], done: Callable[[T], None]) -> TaskHandle:
        def finished(result: T | None, error: BaseException | None) -> None:
            if isinstance(error, ReaderError):
                self.failed.emit(str(error))
            elif error is not None:
                self.failed.emit(f"Something went wrong with the feeds: {error}")
            else:
                done(result)  # type: ignore[arg-type]

        return self.runner.run(IO_POOL, lambda: work(self._feeds()), finished)

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

        self._run(work, done)

    def load_entries(self, source_id: int | None) -> None:
        """A source's articles, or with None the unread ones of every source ("all new")."""
        self._entries_generation += 1
        generation = self._entries_generation

        def done(entries: list[Any]) -> None:
            if generation == self._entries_generation:  # a newer selection is on its way
                self.entries_loaded.emit(source_id, entries)

        self._run(lambda feeds: feeds.store.entries(source_id, unread_only=source_id is None), done)

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

        self._run(work, done)

    def remove(self, source_id: int) -> None:
        self._run(lambda feeds: feeds.remove(str(source_id)), lambda _s: self.load_sources())

    def set_schedule(self, minutes: int) -> None:
        self._apply_schedule(minutes)
        self._run(lambda feeds: feeds.store.set_setting(SCHEDULE_SETTING, str(minutes)), lambda _r: None)

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
            feeds = self._feeds()
            feeds.set_target_lang(target)  # `reader feeds refresh` then uses the window's language

            def progress(done: int, total: int, title: str) -> None:
                handle.call_soon(lambda: self.refresh_progressed.emit(done, total, title))

            return feeds.refresh(source_ids, target_lang=target, cancel=cancel, progress=progress)

        def finished(result: list[SourceReport] | None, error: BaseException | None) -> None:
            self._cancel = None
            self.busy_changed.emit(False)
            if isinstance(error, CancelledError):
                self.failed.emit("Feed refresh cancelled; the articles already fetched are saved.")
            elif isinstance(error, ReaderError):
                self.failed.emit(str(error))
            elif error is not None:
                self.failed.emit(f"The feed refresh stopped: {error}")
            else:
                self.refresh_finished.emit(result or [])
            self.library_changed.emit()
            self.load_sources()

        self.runner.run(IO_POOL, work, finished, pass_handle=True)

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
