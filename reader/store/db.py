"""SQLite connections, schema migrations and the translation of sqlite errors into user messages.

``connect()`` applies the pragmas every connection needs (WAL, synchronous=NORMAL, foreign keys, a busy
timeout) and reads rows by name (``sqlite3.Row``); ``read_only=True`` opens a ``mode=ro`` connection, the
kind every read uses (only the library's writer thread holds a writable one). ``transaction()`` nests:
an inner one is a savepoint. ``migrate()`` applies the numbered ``migrations/NNNN_*.sql`` files in order,
tracked in ``PRAGMA user_version``, after backing the file up; a database newer than the code is refused.
``store_error()`` turns an sqlite3 exception caused by the user's environment (disk full, read-only,
locked, corrupt) into a StoreError with a calm one-line message, and lets our own bugs through.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from reader.core.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024  # per connection
MMAP_BYTES = 512 * 1024 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
_SAVEPOINTS = itertools.count(1)


def migrations() -> list[tuple[int, Path]]:
    """The numbered migration files, in order."""
    found = []
    for path in MIGRATIONS_DIR.iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def schema_version() -> int:
    """The schema version this code writes (the number of the last migration)."""
    return migrations()[-1][0]


def connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """Open a connection with Reader's pragmas; sqlite errors propagate (callers classify them).

    Transactions are explicit (``transaction()``). ``check_same_thread`` is off only so that ``close()``
    may run on another thread: each connection is still used by the one thread that opened it.
    ``read_only`` connections (``mode=ro``) cannot write even by mistake: reads use them, so the one writer
    rule is enforced by SQLite, not only written down.
    """
    in_memory = str(path) == ":memory:"
    target = f"{Path(path).absolute().as_uri()}?mode=ro" if read_only and not in_memory else str(path)
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        uri=read_only and not in_memory,
    )
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not in_memory and not read_only:
            conn.execute("PRAGMA journal_mode = WAL")  # persistent in the file: readers see it too
        conn.execute("PRAGMA synchronous = NORMAL")
        # Searches over a large library read big FTS doclists: a larger page cache and memory-mapped reads
        # keep them in memory instead of a read() per page (measured on 10,000 articles: see README).
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed on success, rolled back on any error (nothing half-written).

    Inside another transaction it is a savepoint (as sqlite-utils' ``atomic()``): an error rolls back only
    the inner part, and the outer transaction decides. When COMMIT itself fails (a full disk, a lock) the
    transaction is rolled back, so the connection never stays inside a half-finished one.
    """
    nested = conn.in_transaction
    if nested:
        name = f"reader_{next(_SAVEPOINTS)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def is_sqlite_file(path: Path) -> bool:
    """True for a missing or empty file (SQLite will initialise it) or one with the SQLite header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return header in (b"", SQLITE_HEADER)


def is_corruption(error: BaseException) -> bool:
    """True when sqlite says the file is not a database or is damaged."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error).lower()
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "malformed" in text or "not a database" in text
    )


def store_error(error: sqlite3.Error, path: Path | str | None = None) -> StoreError:
    """A StoreError with a user-facing message for an environment failure; re-raises bugs unchanged."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    where = f" ({path})" if path else ""
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StoreError(f"The disk is full: free some space, then try again{where}.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreError(f"The library is read-only: check the permissions of its folder{where}.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError("The library is busy in another program: try again in a moment.")
    if is_corruption(error):
        return StoreError(f"The library file is damaged{where}.")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(
            f"The library cannot be opened: check that its folder exists and is writable{where}."
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return StoreError(f"The library could not be read or written (a disk error){where}.")
    if name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return StoreError(f"Reader is not allowed to write the library{where}.")
    raise error


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database (consistently, through SQLite's backup API) next to it before a migration."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, path: Path | None) -> int:
    """Bring the schema up to date; returns the version. Refuses a database newer than the code."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    latest = schema_version()
    if current > latest:
        raise StoreError(
            f"This library was written by a newer version of Reader (schema {current}, this one reads "
            f"up to {latest}): update Reader to open it."
        )
    pending = [(number, file) for number, file in migrations() if number > current]
    if not pending:
        return current
    if current > 0 and path is not None:
        backup(conn, path, current)
    for number, file in pending:
        script = file.read_text(encoding="utf-8")
        # executescript() commits first; wrap the whole file and the version bump in one transaction.
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return latest
