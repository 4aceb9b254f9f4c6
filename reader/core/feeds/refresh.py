"""Refresh subscriptions: fetch each feed (conditionally), then turn each new entry into a library article.

For a new entry: fetch the full page and extract it (or, when the source says so or the page can't be
read, use the feed's own summary), detect each paragraph's language, translate with the installed
packages, find entities and dates, and save it in the library, all in the caller's (worker) thread.
A source that fails records its error and the others go on; an entry that fails is recorded with its
reason and not retried until the feed updates it.

The storage and the shared pipeline are passed in (``FeedState``, ``ArticleSink``, ``Analysis``) because
the core layer never imports the store or the app: the CLI and the window wire in ``FeedStore``,
``Library`` and ``Services.pipeline``.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

from reader.core.cancel import CancelToken
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    Translation,
    TranslationStatus,
)
from reader.core.errors import CancelledError, FetchError, InputError, ReaderError
from reader.core.feeds.fetch import HostPacer, Validators, fetch_feed
from reader.core.feeds.parse import FeedItem, parse_feed
from reader.core.ingest import load_url, parse_html, parse_text

MAX_NEW_PER_SOURCE = 50  # a first refresh of a big feed takes the newest 50; the rest are older news
FEED_FETCH_THREADS = 4
_TAG = re.compile(r"<[^>]+>")


class SourceLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def last_modified(self) -> str | None: ...
    @property
    def full_fetch(self) -> bool: ...
    @property
    def translate(self) -> bool: ...


class FeedState(Protocol):
    """What the refresh needs from the feed tables (``reader.store.feeds.FeedStore``)."""

    def known_items(self, source_id: int) -> dict[str, str | None]: ...
    def record_success(
        self, source_id: int, etag: str | None, last_modified: str | None, title: str | None = None
    ) -> None: ...
    def record_failure(self, source_id: int, message: str) -> None: ...
    def record_item(
        self,
        source_id: int,
        key: str,
        *,
        url: str | None,
        title: str,
        published: str | None,
        updated: str | None,
        article_id: int | None,
        owned: bool,
        title_translated: str | None = None,
        error: str | None = None,
    ) -> None: ...
    def apply_retention(self, source_id: int, now: float | None = None) -> int: ...
    def added_since(self, article_id: int, moment: float) -> bool: ...


class ArticleSink(Protocol):
    """Where articles go (``reader.store.library.Library``)."""

    def find_by_source(self, source: str) -> int | None: ...
    def save_article(
        self,
        article: Article,
        *,
        translations: Sequence[Translation] = (),
        annotations: Mapping[str, BlockAnnotations] | None = None,
        target_lang: str | None = None,
    ) -> int: ...


class ArticlePipeline(Protocol):
    """The shared identify → translate → annotate stages (``reader.core.pipeline.Pipeline``)."""

    def identify(self, article: Article, cancel: CancelToken | None = None) -> Article: ...
    def translate(
        self, article: Article, target: str, *, cancel: CancelToken | None = None
    ) -> list[Translation]: ...
    def annotate(
        self,
        article: Article,
        translations: Mapping[str, Translation] | None = None,
        *,
        cancel: CancelToken | None = None,
    ) -> dict[str, BlockAnnotations]: ...


@dataclass(frozen=True)
class Analysis:
    """The pipeline a refresh runs, the reader's language, and which optional stages run."""

    pipeline: ArticlePipeline
    target_lang: str | None = None
    translate: bool = True
    annotate: bool = True


@dataclass
class SourceReport:
    """What one source's refresh did; ``error`` is the one line shown on the source's row."""

    source_id: int
    title: str
    unchanged: bool = False
    new: int = 0
    updated: int = 0
    failed_items: int = 0
    removed: int = 0
    error: str | None = None
    item_errors: list[str] = field(default_factory=list)


Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


class FeedRefresher:
    """Refreshes sources one after another (feed requests run a few at a time, one per host)."""

    def __init__(
        self,
        state: FeedState,
        sink: ArticleSink,
        analysis: Analysis,
        *,
        pacer: HostPacer | None = None,
        cancel: CancelToken | None = None,
        max_new_per_source: int = MAX_NEW_PER_SOURCE,
    ) -> None:
        self.state, self.sink, self.analysis = state, sink, analysis
        self.pacer = pacer or HostPacer()
        self.cancel = cancel or CancelToken()
        self.max_new = max_new_per_source

    def refresh(self, sources: Sequence[SourceLike], progress: Progress | None = None) -> list[SourceReport]:
        """Refresh ``sources``; raises CancelledError when cancelled (what was saved stays saved)."""
        reports: list[SourceReport] = []
        if not sources:
            return reports
        with ThreadPoolExecutor(min(FEED_FETCH_THREADS, len(sources)), thread_name_prefix="feed") as pool:
            futures = [pool.submit(self._fetch, source) for source in sources]
            try:
                for index, (source, future) in enumerate(zip(sources, futures, strict=True)):
                    if progress is not None:
                        progress(index, len(sources), source.title)
                    fetched = future.result()
                    self.cancel.raise_if_cancelled()
                    reports.append(self._apply(source, fetched))
            except BaseException:
                self.cancel.cancel()  # stop the fetches still queued
                raise
        if progress is not None:
            progress(len(sources), len(sources), "")
        return reports

    # -- one source ---------------------------------------------------------------------------------
    def _fetch(self, source: SourceLike) -> _Fetched:
        try:
            self.cancel.raise_if_cancelled()
            page = fetch_feed(
                source.url,
                Validators(source.etag, source.last_modified),
                pacer=self.pacer,
                cancel=self.cancel,
            )
            if page.status == 304:
                return _Fetched(None, source.etag, source.last_modified, None, unchanged=True)
            feed = parse_feed(page.body, page.url, page.content_type, page.charset)
            return _Fetched(feed.items, page.etag, page.last_modified, feed.title)
        except CancelledError:
            raise
        except ReaderError as error:
            return _Fetched(None, None, None, None, error=str(error))

    def _apply(self, source: SourceLike, fetched: _Fetched) -> SourceReport:
        report = SourceReport(source.id, source.title, unchanged=fetched.unchanged)
        if fetched.error is not None:
            self.state.record_failure(source.id, fetched.error)
            report.error = fetched.error
            return report
        self.state.record_success(source.id, fetched.etag, fetched.last_modified, fetched.title)
        if fetched.items:
            known = self.state.known_items(source.id)
            fresh = [i for i in fetched.items if i.key not in known or known[i.key] != i.updated]
            for item in fresh[: self.max_new]:
                self.cancel.raise_if_cancelled()
                self._take(source, item, report, item.key in known)
        report.removed = self.state.apply_retention(source.id)
        return report

    def _take(self, source: SourceLike, item: FeedItem, report: SourceReport, seen: bool) -> None:
        def record(
            article_id: int | None, *, owned: bool, title: str | None = None, error: str | None = None
        ) -> None:
            self.state.record_item(
                source.id,
                item.key,
                url=item.url,
                title=item.title,
                published=item.published,
                updated=item.updated,
                article_id=article_id,
                owned=owned,
                title_translated=title,
                error=error,
            )

        existing = self.sink.find_by_source(item.url) if item.url else None
        if existing is not None and not seen:
            # The same article through another feed (or saved by hand): one library entry, linked here.
            record(existing, owned=False)
            report.new += 1
            return
        started = time.time()
        try:
            article_id, translated_title = self.process(source, item)
        except CancelledError:
            raise
        except ReaderError as error:
            report.failed_items += 1
            report.item_errors.append(f"{item.title}: {error}")
            record(None, owned=False, error=str(error))
            return
        # Owned only if this refresh created the entry: an article the reader had saved (same URL or same
        # content) is never removed by a feed's retention.
        record(article_id, owned=self.state.added_since(article_id, started), title=translated_title)
        if seen:
            report.updated += 1
        else:
            report.new += 1

    # -- one article ----------------------------------------------------------------------------------
    def process(self, source: SourceLike, item: FeedItem) -> tuple[int, str | None]:
        """Fetch (or fall back to the summary), detect, translate, annotate, save; returns (id, title)."""
        article = self._article(source, item)
        pipeline = self.analysis.pipeline
        article = pipeline.identify(article, self.cancel)
        translate = self.analysis.translate and source.translate
        target = self.analysis.target_lang if translate else None
        translations: list[Translation] = []
        title_translated = None
        if target:
            translations = pipeline.translate(article, target, cancel=self.cancel)
            title_translated = self._translate_title(article, target)
        annotations = None
        if self.analysis.annotate:
            by_block = {t.block_id: t for t in translations}
            annotations = pipeline.annotate(article, by_block, cancel=self.cancel)
        article_id = self.sink.save_article(
            article, translations=translations, annotations=annotations, target_lang=target
        )
        return article_id, title_translated

    def _article(self, source: SourceLike, item: FeedItem) -> Article:
        article: Article | None = None
        if source.full_fetch and item.url:
            try:
                with self.pacer.slot(item.url, self.cancel):
                    article = load_url(item.url, cancel=self.cancel)
            except (FetchError, InputError):
                article = None  # the summary below is what the feed itself says
        if article is None:
            article = summary_article(item)
        title = article.title if article.title and article.title != "Untitled" else item.title
        published = article.published or (item.published[:10] if item.published else None)
        return replace(article, title=title or "Untitled", published=published, source=item.url or "")

    def _translate_title(self, article: Article, target: str) -> str | None:
        """The title in ``target``: the pipeline translated it with the article (the title pseudo-block),
        so asking again for the title alone is answered from the translation cache."""
        if not article.title or (article.title_lang or article.lang) in (None, target):
            return None
        result = self.analysis.pipeline.translate(replace(article, blocks=()), target, cancel=self.cancel)
        title = next((t for t in result if t.block_id == TITLE_BLOCK_ID), None)
        if title is not None and title.status is TranslationStatus.TRANSLATED and title.text:
            return title.text
        return None


@dataclass(frozen=True)
class _Fetched:
    items: tuple[FeedItem, ...] | None
    etag: str | None
    last_modified: str | None
    title: str | None
    unchanged: bool = False
    error: str | None = None


def summary_article(item: FeedItem) -> Article:
    """The article as the feed gives it (its content or summary), for when the page can't be used."""
    body = item.summary_html.strip()
    if not body:
        raise InputError("The page could not be read and the feed gives no text for it.")
    page = (
        f"<html><head><title>{html.escape(item.title)}</title></head><body><article>"
        f"<h1>{html.escape(item.title)}</h1>{body}</article></body></html>"
    )
    try:
        return parse_html(
            page.encode("utf-8"), url=item.url, source=item.url or "", fallback_title=item.title
        )
    except InputError:
        # trafilatura drops very short texts; the summary's plain text is still the best we have.
        text = html.unescape(_TAG.sub("\n", body))
        return parse_text(f"{item.title}\n\n{text}", source=item.url or "", fallback_title=item.title)
