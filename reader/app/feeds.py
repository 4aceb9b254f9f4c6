"""Feed operations shared by the command line and the window (no Qt here): subscribe, refresh, OPML.

Wires the Qt-free feed core (discovery, parsing, ``FeedRefresher``) to the library's feed tables and to
the same pipeline the window uses (``Services.pipeline``: language identification, translation with the
installed packages, annotation). Every call blocks: the window runs them in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.cancel import CancelToken
from reader.core.errors import InputError

if TYPE_CHECKING:  # the feed core imports trafilatura (1.5 s): loaded in the worker on first use
    from reader.app.services import Services
    from reader.core.feeds.fetch import HostPacer
    from reader.core.feeds.refresh import Progress, SourceReport
    from reader.store.feeds import FeedSource, FeedStore

TARGET_SETTING = "target_lang"
SCHEDULE_SETTING = "schedule_minutes"  # "0" (off, the default) or minutes between automatic refreshes
ASKED_SETTING = "schedule_asked"  # the first subscription asked the reader about a schedule


@dataclass(frozen=True)
class ImportResult:
    added: int
    already: int


class FeedService:
    """Subscriptions of one library; thread-safe like the library (one connection per thread)."""

    def __init__(self, services: Services, *, pacer: HostPacer | None = None) -> None:
        from reader.store.feeds import FeedStore

        self.services = services
        self.store: FeedStore = FeedStore(services.library)
        self._pacer = pacer

    @property
    def pacer(self) -> HostPacer:
        """Built on first network use: listing feeds must not import the fetch stack (trafilatura)."""
        if self._pacer is None:
            from reader.core.feeds.fetch import HostPacer

            self._pacer = HostPacer()
        return self._pacer

    @pacer.setter
    def pacer(self, pacer: HostPacer) -> None:
        self._pacer = pacer

    # -- subscriptions --------------------------------------------------------------------------------
    def subscribe(self, address: str, *, cancel: CancelToken | None = None) -> tuple[FeedSource, bool]:
        """Find the feed behind ``address`` (site or feed) and subscribe; returns (source, newly added)."""
        from reader.core.feeds.discover import discover_feed

        found = discover_feed(address, pacer=self.pacer, cancel=cancel)
        return self.store.add_source(found.url, found.feed.title, found.feed.site_url)

    def sources(self) -> list[FeedSource]:
        return self.store.sources()

    def remove(self, reference: str) -> FeedSource:
        source = self.store.find_source(reference)
        self.store.remove_source(source.id)
        return source

    def import_opml(self, path: Path) -> ImportResult:
        """Subscribe to every feed an OPML file lists (no network: the feeds are read on the next refresh)."""
        from reader.core.feeds.opml import read_opml

        added = already = 0
        for feed in read_opml(path):
            _source, created = self.store.add_source(feed.url, feed.title, feed.site_url)
            added, already = added + created, already + (not created)
        return ImportResult(added, already)

    def export_opml(self, path: Path) -> int:
        from reader.core.feeds.opml import OpmlFeed, build_opml

        sources = self.store.sources()
        data = build_opml(OpmlFeed(s.url, s.title, s.site_url) for s in sources)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise InputError(f"Could not write {path}: {error.strerror or error}.") from error
        return len(sources)

    # -- refresh --------------------------------------------------------------------------------------
    @property
    def target_lang(self) -> str | None:
        return self.store.setting(TARGET_SETTING)

    def set_target_lang(self, lang: str) -> None:
        self.store.set_setting(TARGET_SETTING, lang)

    def refresh(
        self,
        source_ids: Sequence[int] | None = None,
        *,
        target_lang: str | None = None,
        translate: bool = True,
        annotate: bool = True,
        cancel: CancelToken | None = None,
        progress: Progress | None = None,
    ) -> list[SourceReport]:
        """Refresh the given sources (default: all); new entries become library articles."""
        from reader.core.feeds.refresh import Analysis, FeedRefresher

        sources = self.store.sources()
        if source_ids is not None:
            wanted = set(source_ids)
            sources = [s for s in sources if s.id in wanted]
        target = target_lang or self.target_lang
        analysis = Analysis(self.services.pipeline, target, translate=translate, annotate=annotate)
        refresher = FeedRefresher(
            self.store, self.services.library, analysis, pacer=self.pacer, cancel=cancel
        )
        return refresher.refresh(sources, progress)
