"""The library: articles the reader kept, in SQLite, with their translations, highlights, tags and position.

Threads: one ``Library`` is shared by every thread. Reads run on the calling thread's own read-only
connection (``mode=ro``; WAL lets them run beside the writer). Every write is a function queued to the
one writer thread (``writer.py``), which owns the only writable connection and runs it in one
``BEGIN IMMEDIATE`` transaction, so a crash leaves every article either complete or absent. Rows are read
by name (``sqlite3.Row``).

Annotations are stored, not recomputed: a save keeps the highlights the reader saw (spaCy models may be
installed or removed later, which would change a recomputation), ``reader library export`` then needs
no recognizer, and they cost a few hundred bytes per block. When a block's text, language or translation
changes, its stored highlights are dropped (original or translation side), so they are never stale; the
app recomputes them on open anyway, and the next save stores the fresh ones.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from reader.core.document import Article, BlockAnnotations, Translation
from reader.core.errors import StoreError
from reader.core.paths import library_path
from reader.store import db, records, search
from reader.store.codec import canonical_source, content_hash
from reader.store.models import ArticleSummary, ImportResult, LibraryFilter, SearchHit, StoredArticle
from reader.store.writer import Writer

__all__ = ["Library", "LibraryFilter", "ArticleSummary", "SearchHit", "StoredArticle", "ImportResult"]
T = TypeVar("T")


class _Corrupt(Exception):
    """The file at the library path is not a usable SQLite database."""


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.rename(target)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(target.with_name(target.name + suffix))
    return target


class Library:
    """Repository of saved articles. Construct with ``Library.open()``."""

    def __init__(self, path: Path) -> None:
        """Open (creating and migrating as needed) the database at ``path``; raises _Corrupt or StoreError."""
        self.path = path
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writer: Writer | None = None
        if not db.is_sqlite_file(path):
            raise _Corrupt(str(path))
        try:
            self._writer = Writer(lambda: db.connect(path))
            self._writer.run(lambda conn: conn.execute("SELECT count(*) FROM sqlite_master").fetchone())
            self._writer.run(lambda conn: db.migrate(conn, path), in_transaction=False)
        except sqlite3.DatabaseError as error:
            self.close()
            if db.is_corruption(error):
                raise _Corrupt(str(path)) from error
            raise db.store_error(error, path) from error
        except BaseException:
            self.close()
            raise

    @classmethod
    def open(cls, path: Path | None = None) -> tuple[Library, str | None]:
        """The library at ``path`` (default: the user's data dir) and a notice for the user, or None.

        A damaged or non-SQLite file is moved aside with a timestamp and a fresh library is opened; the
        notice says where the old file went. Other failures (read-only folder, full disk) raise StoreError.
        """
        path = Path(path) if path is not None else library_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the library folder {path.parent}: {error.strerror or error}."
            ) from error
        try:
            return cls(path), None
        except _Corrupt:
            pass
        try:
            moved = _move_aside(path)
        except OSError as error:
            raise StoreError(f"The library file {path} is damaged and could not be moved aside.") from error
        notice = (
            f"The library file was damaged: it was moved to {moved.name}; a new, empty library was started."
        )
        return cls(path), notice

    # -- connections ------------------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = db.connect(self.path, read_only=True)
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        """Finish queued writes and close every connection (call when no worker uses the library any more).

        Using the library again afterwards reopens what it needs.
        """
        with self._lock:
            readers, self._readers = self._readers, []
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
        for conn in readers:
            try:
                conn.close()
            except sqlite3.Error:
                pass
        self._local = threading.local()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """This thread's read-only connection, with sqlite errors turned into StoreError."""
        try:
            yield self._reader()
        except sqlite3.Error as error:
            raise db.store_error(error, self.path) from error

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the writer thread in one transaction (all or nothing); its result.

        Called from inside another write, it runs at once as a nested savepoint.
        """
        with self._lock:
            if self._writer is None:
                self._writer = Writer(lambda: db.connect(self.path))
            writer = self._writer
        try:
            return writer.run(fn)
        except sqlite3.Error as error:
            raise db.store_error(error, self.path) from error

    # -- saving -----------------------------------------------------------------------------------------
    def save_article(
        self,
        article: Article,
        *,
        translations: Sequence[Translation] = (),
        annotations: Mapping[str, BlockAnnotations] | None = None,
        target_lang: str | None = None,
    ) -> int:
        """Save an article (with translations and highlights) and return its id.

        The same source (canonical URL or file path) or identical content updates the existing article
        (restoring it if it was deleted), keeping its tags and reading position.
        """
        source = canonical_source(article.source)
        digest = content_hash(article)

        def write(conn: sqlite3.Connection) -> int:
            article_id = records.find_existing(conn, source, digest)
            article_id = records.write_article(conn, article_id, article, source, digest, target_lang)
            records.write_translations(conn, article_id, translations)
            if annotations:
                records.write_annotations(conn, article_id, annotations.values())
            records.refresh_fts(conn, article_id)
            return article_id

        return self.write(write)

    def save_translations(
        self,
        article_id: int,
        translations: Sequence[Translation],
        target_lang: str,
        *,
        annotations: Mapping[str, BlockAnnotations] | None = None,
    ) -> None:
        """Store (new or corrected) translations of an article's blocks and make them searchable."""

        def write(conn: sqlite3.Connection) -> None:
            records.require(conn, article_id)
            records.write_translations(conn, article_id, translations, clear_annotations=True)
            if annotations:
                records.write_annotations(conn, article_id, annotations.values())
            conn.execute(
                "UPDATE articles SET target_lang = ?, updated_at = ? WHERE id = ?",
                (target_lang, time.time(), article_id),
            )
            records.refresh_fts(conn, article_id)

        self.write(write)

    # -- reading ----------------------------------------------------------------------------------------
    def get(self, article_id: int) -> StoredArticle:
        """The stored article with language overrides applied; StoreError if there is no such article."""
        with self.reading() as conn:
            return records.load(conn, article_id)

    def find_by_source(self, source: str) -> int | None:
        """The id of the (not deleted) article saved from ``source``, in any spelling of its URL."""
        canonical = canonical_source(source)
        if not canonical:
            return None
        with self.reading() as conn:
            row = conn.execute(
                "SELECT id FROM articles WHERE source = ? AND deleted_at IS NULL", (canonical,)
            ).fetchone()
        return int(row["id"]) if row else None

    def list_articles(
        self, *, filter: LibraryFilter | None = None, sort: str = "added", limit: int = 50, offset: int = 0
    ) -> list[ArticleSummary]:
        """A page of the library list; sort by "added", "published" or "title"."""
        with self.reading() as conn:
            return search.list_articles(conn, filter or LibraryFilter(), sort, limit, offset)

    def search(
        self,
        query: str,
        *,
        filter: LibraryFilter | None = None,
        sort: str = "relevance",
        limit: int = 50,
        offset: int = 0,
        markers: tuple[str, str] = search.DEFAULT_MARKERS,
    ) -> list[SearchHit]:
        """Full-text search over titles, original texts and translations (see ``search.fts_query``)."""
        with self.reading() as conn:
            return search.search(conn, query, filter or LibraryFilter(), sort, limit, offset, markers)

    def count(self, filter: LibraryFilter | None = None) -> int:
        """How many articles the filter shows (by default: all that are neither archived nor deleted)."""
        with self.reading() as conn:
            return search.count(conn, filter or LibraryFilter(archived=None))

    # -- tags -------------------------------------------------------------------------------------------
    def set_tags(self, article_id: int, tags: Iterable[str]) -> None:
        def write(conn: sqlite3.Connection) -> None:
            records.require(conn, article_id)
            conn.execute("DELETE FROM article_tags WHERE article_id = ?", (article_id,))
            for name in records.clean_tags(tags):
                records.attach_tag(conn, article_id, name)
            records.drop_unused_tags(conn)

        self.write(write)

    def add_tag(self, article_id: int, tag: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            records.require(conn, article_id)
            for name in records.clean_tags([tag]):
                records.attach_tag(conn, article_id, name)

        self.write(write)

    def remove_tag(self, article_id: int, tag: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM article_tags WHERE article_id = ? "
                "AND tag_id IN (SELECT id FROM tags WHERE name = ?)",
                (article_id, tag.strip()),
            )
            records.drop_unused_tags(conn)

        self.write(write)

    def all_tags(self) -> list[str]:
        with self.reading() as conn:
            return [row["name"] for row in conn.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")]

    # -- reading state and flags ------------------------------------------------------------------------
    def set_position(self, article_id: int, block_id: str, offset: int = 0) -> None:
        """Remember where the reader stopped: a block id and a character offset in it."""

        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE articles SET position_block = ?, position_offset = ?, position_seq = "
                "(SELECT seq FROM blocks WHERE article_id = ? AND block_id = ?) WHERE id = ?",
                (block_id, max(0, int(offset)), article_id, block_id, article_id),
            )

        self.write(write)

    def mark_opened(self, article_id: int) -> None:
        self._set(article_id, "opened_at", time.time())

    def set_archived(self, article_id: int, archived: bool = True) -> None:
        self._set(article_id, "archived", int(archived))

    def set_favourite(self, article_id: int, favourite: bool = True) -> None:
        self._set(article_id, "favourite", int(favourite))

    def _set(self, article_id: int, column: str, value: object) -> None:
        assert column in ("opened_at", "archived", "favourite", "deleted_at")

        def write(conn: sqlite3.Connection) -> None:
            records.require(conn, article_id)
            conn.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (value, article_id))

        self.write(write)

    def set_block_language(self, article_id: int, block_id: str, lang: str | None) -> None:
        """The reader corrected a block's language (None removes the correction).

        The block's stored translations and highlights came from the wrong language, so they are dropped.
        """

        def write(conn: sqlite3.Connection) -> None:
            records.require(conn, article_id)
            if lang:
                conn.execute(
                    "INSERT INTO language_overrides (article_id, block_id, lang) VALUES (?, ?, ?) "
                    "ON CONFLICT (article_id, block_id) DO UPDATE SET lang = excluded.lang",
                    (article_id, block_id, lang.strip().lower()),
                )
            else:
                conn.execute(
                    "DELETE FROM language_overrides WHERE article_id = ? AND block_id = ?",
                    (article_id, block_id),
                )
            records.forget_block_outputs(conn, article_id, [block_id])
            records.refresh_fts(conn, article_id)

        self.write(write)

    # -- deletion ---------------------------------------------------------------------------------------
    def delete(self, article_id: int) -> None:
        """Move an article to the trash (undo with ``undelete``; ``purge_deleted`` empties the trash)."""
        self._set(article_id, "deleted_at", time.time())

    def undelete(self, article_id: int) -> None:
        self._set(article_id, "deleted_at", None)

    def purge_deleted(self, older_than: float | None = None) -> int:
        """Delete for good the articles in the trash (deleted before ``older_than``, if given)."""
        cutoff = time.time() + 1 if older_than is None else older_than

        def write(conn: sqlite3.Connection) -> int:
            ids = [
                row["id"]
                for row in conn.execute(
                    "SELECT id FROM articles WHERE deleted_at IS NOT NULL AND deleted_at < ?", (cutoff,)
                )
            ]
            for article_id in ids:
                conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_id,))
                conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            records.drop_unused_tags(conn)
            return len(ids)

        return self.write(write)

    # -- listing --------------------------------------------------------------------------------------
    def stored_ids(self, *, include_deleted: bool = False) -> list[int]:
        """Every article id, oldest first."""
        clause = "" if include_deleted else "WHERE deleted_at IS NULL"
        with self.reading() as conn:
            return [row["id"] for row in conn.execute(f"SELECT id FROM articles {clause} ORDER BY id")]
