"""Feed subscriptions in the library database: sources, the items they delivered, refresh state, retention.

Articles themselves are ordinary library entries (``Library.save_article`` deduplicates them by canonical
URL and content hash); this module records which source delivered which entry, the validators for
conditional requests, each source's last error, and removes old entries a refresh created when a source's
limits say so. Starred (favourite) and tagged articles are always kept, and so is anything the reader had
saved before a feed delivered it. Removal moves entries to the trash, so nothing is lost for good here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from reader.core.errors import InputError, StoreError
from reader.store.library import Library

_SOURCE_COLUMNS = (
    "id, url, site_url, title, added_at, etag, last_modified, checked_at, succeeded_at, error, error_count, "
    "full_fetch, translate, keep_articles, keep_days"
)
_LIVE = "a.deleted_at IS NULL"


@dataclass(frozen=True, slots=True)
class FeedSource:
    id: int
    url: str
    site_url: str | None
    title: str
    added_at: float
    etag: str | None
    last_modified: str | None
    checked_at: float | None
    succeeded_at: float | None
    error: str | None
    error_count: int
    full_fetch: bool
    translate: bool
    keep_articles: int
    keep_days: int
    unread: int = 0
    total: int = 0


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """An article a source delivered, as the Feeds list shows it."""

    source_id: int
    article_id: int
    title: str
    title_translated: str | None
    published: str | None
    languages: tuple[str, ...]
    unread: bool
    seen_at: float


@dataclass(frozen=True, slots=True)
class SourceSettings:
    full_fetch: bool = True
    translate: bool = True
    keep_articles: int = 200
    keep_days: int = 60


class FeedStore:
    """Feed tables of one ``Library`` (same connections, same one-transaction-per-write rule)."""

    def __init__(self, library: Library) -> None:
        self.library = library

    # -- sources ----------------------------------------------------------------------------------------
    def add_source(self, url: str, title: str, site_url: str | None = None) -> tuple[FeedSource, bool]:
        """Subscribe; returns the source and whether it is new (an existing one is returned as it is)."""

        def write(conn: sqlite3.Connection) -> tuple[int, bool]:
            row = conn.execute("SELECT id FROM feed_sources WHERE url = ?", (url,)).fetchone()
            if row is not None:
                return int(row[0]), False
            cursor = conn.execute(
                "INSERT INTO feed_sources (url, site_url, title, added_at) VALUES (?, ?, ?, ?)",
                (url, site_url, title.strip() or url, time.time()),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid, True

        source_id, created = self.library.write(write)
        return self.source(source_id), created

    def sources(self) -> list[FeedSource]:
        """Every subscription with its unread and total counts, by title."""
        with self.library.reading() as conn:
            counts = {
                row[0]: (row[1], row[2])
                for row in conn.execute(
                    "SELECT i.source_id, count(DISTINCT CASE WHEN a.opened_at IS NULL THEN a.id END), "
                    f"count(DISTINCT a.id) FROM feed_items i JOIN articles a ON a.id = i.article_id "
                    f"WHERE {_LIVE} GROUP BY i.source_id"
                )
            }
            rows = conn.execute(
                f"SELECT {_SOURCE_COLUMNS} FROM feed_sources ORDER BY title COLLATE NOCASE, id"
            ).fetchall()
        return [_source(row, *counts.get(row[0], (0, 0))) for row in rows]

    def source(self, source_id: int) -> FeedSource:
        for source in self.sources():
            if source.id == source_id:
                return source
        raise StoreError(f"There is no feed {source_id}.")

    def find_source(self, reference: str) -> FeedSource:
        """A source by its id or its feed address (what the CLI accepts)."""
        reference = reference.strip()
        for source in self.sources():
            if reference == str(source.id) or reference == source.url:
                return source
        raise InputError(f"There is no feed {reference!r} (see `reader feeds list`).")

    def remove_source(self, source_id: int) -> None:
        """Unsubscribe. The articles it delivered stay in the library (they are the reader's now)."""
        self.library.write(lambda conn: conn.execute("DELETE FROM feed_sources WHERE id = ?", (source_id,)))

    def update_settings(self, source_id: int, settings: SourceSettings) -> None:
        self.library.write(
            lambda conn: conn.execute(
                "UPDATE feed_sources SET full_fetch = ?, translate = ?, keep_articles = ?, keep_days = ? "
                "WHERE id = ?",
                (
                    int(settings.full_fetch),
                    int(settings.translate),
                    max(0, settings.keep_articles),
                    max(0, settings.keep_days),
                    source_id,
                ),
            )
        )

    def record_success(
        self, source_id: int, etag: str | None, last_modified: str | None, title: str | None = None
    ) -> None:
        """The feed answered (200 or 304): keep its validators and clear the error."""
        now = time.time()
        self.library.write(
            lambda conn: conn.execute(
                "UPDATE feed_sources SET etag = ?, last_modified = ?, checked_at = ?, succeeded_at = ?, "
                "error = NULL, error_count = 0, title = coalesce(?, title) WHERE id = ?",
                (etag, last_modified, now, now, title, source_id),
            )
        )

    def record_failure(self, source_id: int, message: str) -> None:
        self.library.write(
            lambda conn: conn.execute(
                "UPDATE feed_sources SET checked_at = ?, error = ?, error_count = error_count + 1 "
                "WHERE id = ?",
                (time.time(), message, source_id),
            )
        )

    # -- items ------------------------------------------------------------------------------------------
    def known_items(self, source_id: int) -> dict[str, str | None]:
        """item key → the ``updated`` stamp stored for it (an entry is fetched again when it changes)."""
        with self.library.reading() as conn:
            rows = conn.execute(
                "SELECT item_key, updated FROM feed_items WHERE source_id = ?", (source_id,)
            ).fetchall()
        return {row[0]: row[1] for row in rows}

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
    ) -> None:
        self.library.write(
            lambda conn: conn.execute(
                "INSERT INTO feed_items (source_id, item_key, url, title, title_translated, published, "
                "updated, seen_at, article_id, owned, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source_id, item_key) DO UPDATE SET url = excluded.url, title = excluded.title, "
                "title_translated = excluded.title_translated, published = excluded.published, "
                "updated = excluded.updated, article_id = coalesce(excluded.article_id, article_id), "
                "owned = max(owned, excluded.owned), error = excluded.error",
                (
                    source_id,
                    key,
                    url,
                    title,
                    title_translated,
                    published,
                    updated,
                    time.time(),
                    article_id,
                    int(owned),
                    error,
                ),
            )
        )

    def entries(
        self, source_id: int | None = None, *, unread_only: bool = False, limit: int = 500
    ) -> list[FeedEntry]:
        """The articles of one source (or of all: "all new" passes ``unread_only``), newest first."""
        where = [_LIVE]
        params: list[object] = []
        if source_id is not None:
            where.append("i.source_id = ?")
            params.append(source_id)
        if unread_only:
            where.append("a.opened_at IS NULL")
        with self.library.reading() as conn:
            rows = conn.execute(
                "SELECT i.source_id, a.id, i.title, i.title_translated, coalesce(i.published, a.published), "
                "a.langs, a.opened_at IS NULL, i.seen_at "
                "FROM feed_items i JOIN articles a ON a.id = i.article_id "
                f"WHERE {' AND '.join(where)} GROUP BY a.id "
                "ORDER BY coalesce(i.published, '') DESC, i.seen_at DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [
            FeedEntry(
                source_id=row[0],
                article_id=row[1],
                title=row[2],
                title_translated=row[3],
                published=row[4],
                languages=tuple(lang for lang in (row[5] or "").split(",") if lang),
                unread=bool(row[6]),
                seen_at=row[7],
            )
            for row in rows
        ]

    def article_owned_elsewhere(self, conn: sqlite3.Connection, article_id: int, source_id: int) -> bool:
        row = conn.execute(
            "SELECT 1 FROM feed_items WHERE article_id = ? AND source_id <> ? LIMIT 1",
            (article_id, source_id),
        ).fetchone()
        return row is not None

    def added_since(self, article_id: int, moment: float) -> bool:
        """Whether the article was first saved at or after ``moment`` (a refresh created it)."""
        with self.library.reading() as conn:
            row = conn.execute("SELECT added_at FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None and float(row[0]) >= moment

    # -- retention --------------------------------------------------------------------------------------
    def apply_retention(self, source_id: int, now: float | None = None) -> int:
        """Move to the trash the entries beyond the source's limits; returns how many.

        Only entries this source's refresh created are removed, and never a starred or tagged one, nor one
        another subscription also delivered.
        """
        now = time.time() if now is None else now
        source = self.source(source_id)
        if not source.keep_articles and not source.keep_days:
            return 0
        cutoff = dt.datetime.fromtimestamp(now - source.keep_days * 86400, dt.UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )

        def write(conn: sqlite3.Connection) -> int:
            removed = 0
            rows = conn.execute(
                "SELECT a.id, i.owned, a.favourite, "
                "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id), "
                "coalesce(i.published, strftime('%Y-%m-%dT%H:%M:%SZ', i.seen_at, 'unixepoch')) AS stamp "
                f"FROM feed_items i JOIN articles a ON a.id = i.article_id WHERE i.source_id = ? AND {_LIVE} "
                "ORDER BY stamp DESC, i.seen_at DESC",
                (source_id,),
            ).fetchall()
            for rank, (article_id, owned, favourite, tagged, stamp) in enumerate(rows):
                too_many = bool(source.keep_articles) and rank >= source.keep_articles
                too_old = bool(source.keep_days) and stamp < cutoff
                if not (too_many or too_old) or not owned or favourite or tagged:
                    continue
                if self.article_owned_elsewhere(conn, article_id, source_id):
                    continue
                conn.execute("UPDATE articles SET deleted_at = ? WHERE id = ?", (now, article_id))
                removed += 1
            return removed

        return self.library.write(write)

    # -- settings shared by the window and the command line -------------------------------------------
    def setting(self, name: str) -> str | None:
        with self.library.reading() as conn:
            row = conn.execute("SELECT value FROM feed_settings WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, name: str, value: str) -> None:
        self.library.write(
            lambda conn: conn.execute(
                "INSERT INTO feed_settings (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )
        )


def _source(row: Any, unread: int, total: int) -> FeedSource:
    """A row of ``_SOURCE_COLUMNS`` (sqlite values, typed at this boundary)."""
    (
        id_,
        url,
        site,
        title,
        added,
        etag,
        modified,
        checked,
        succeeded,
        error,
        errors,
        full,
        tr,
        keep_n,
        keep_d,
    ) = row
    return FeedSource(
        id=int(id_),
        url=str(url),
        site_url=site if isinstance(site, str) else None,
        title=str(title),
        added_at=float(added),
        etag=etag if isinstance(etag, str) else None,
        last_modified=modified if isinstance(modified, str) else None,
        checked_at=float(checked) if checked is not None else None,
        succeeded_at=float(succeeded) if succeeded is not None else None,
        error=error if isinstance(error, str) else None,
        error_count=int(errors),
        full_fetch=bool(full),
        translate=bool(tr),
        keep_articles=int(keep_n),
        keep_days=int(keep_d),
        unread=unread,
        total=total,
    )
