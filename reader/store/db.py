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
import enum
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
            _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        # Searches over a large library read big FTS doclists: a larger page cache and memory-mapped reads
        # keep them in memory instead of a read() per page (measured on 10,000 articles: see README).
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to write-ahead logging (persistent in the file: readers see it too).

    Switching needs a moment with no other connection on the file, and SQLite answers "database is
    locked" at once rather than through the busy handler when another process is opening the same new
    library; so wait and retry, up to the busy timeout, as the busy handler would.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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


class FileKind(enum.Enum):
    """What is at a library path, found without altering it (see ``inspect_library_file``)."""

    NEW = "new"  # missing, empty, or an SQLite file with nothing in it: Reader may create its library
    READER = "reader"  # a Reader library this version can open (possibly after migrating)
    NEWER = "newer"  # a Reader library from a newer Reader: refused, never moved
    FOREIGN = "foreign"  # a readable SQLite database of another program: refused, never altered
    NOT_SQLITE = "not-sqlite"  # some other file (a JSON backup, a text file)
    DAMAGED = "damaged"  # SQLite's header, but SQLite cannot read it


# SQLite's header stores ``PRAGMA user_version`` as a big-endian 32-bit integer at byte 60.
_USER_VERSION_OFFSET = 60
# Tables every Reader library has since migration 0001.
_READER_TABLES = frozenset({"articles", "blocks"})


def inspect_library_file(path: Path) -> FileKind:
    """Classify the file at ``path`` without writing to it.

    The schema version is read from the file header first, so a library written by a newer Reader is
    recognized even when this SQLite cannot parse its schema (a newer table syntax), and never taken for
    damage. The tables are then read through a read-only connection.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except (FileNotFoundError, NotADirectoryError):
        return FileKind.NEW  # creating it (and its folder) reports its own errors
    except IsADirectoryError:
        return FileKind.NOT_SQLITE
    except OSError as error:
        raise StoreError(f"Could not read the library {path}: {error.strerror or error}.") from error
    if not header:
        return FileKind.NEW
    if not header.startswith(SQLITE_HEADER):
        return FileKind.NOT_SQLITE
    if len(header) < 100 or not _header_is_sane(header):
        return FileKind.DAMAGED
    version = int.from_bytes(header[_USER_VERSION_OFFSET : _USER_VERSION_OFFSET + 4], "big")
    if version > schema_version():
        return FileKind.NEWER
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            return FileKind.DAMAGED
        # Locked, unreadable, a journal to recover: the regular open reports these in the user's terms.
        return FileKind.READER
    if _READER_TABLES <= tables:
        return FileKind.READER
    return FileKind.NEW if not tables and version == 0 else FileKind.FOREIGN


def _header_is_sane(header: bytes) -> bool:
    """The fixed fields of SQLite's 100-byte header hold their only legal values (a damaged file's don't)."""
    page_size = int.from_bytes(header[16:18], "big")
    version = int.from_bytes(header[_USER_VERSION_OFFSET : _USER_VERSION_OFFSET + 4], "big")
    return (
        (page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0))
        and header[21:24] == b"\x40\x20\x20"  # payload fractions, fixed by the file format
        and version <= 9999  # migrations are numbered NNNN
    )


def refuse_unless_openable(path: Path, *, own: bool) -> None:
    """Raise StoreError for a file Reader must not open, rename or alter.

    Args:
        own: ``path`` is Reader's own default library, which may be moved aside when it is damaged (the
            caller does that); any other file is only ever opened when it is a Reader library.
    """
    kind = inspect_library_file(path)
    if kind is FileKind.NEWER:
        raise StoreError(
            f"{path} was written by a newer version of Reader (this one reads up to schema "
            f"{schema_version()}): update Reader to open it."
        )
    if kind is FileKind.FOREIGN:
        raise StoreError(
            f"{path} is another program's database, not a Reader library: Reader leaves it alone."
        )
    if kind is FileKind.NOT_SQLITE and not own:
        raise StoreError(f"{path} is not a Reader library (not an SQLite database): Reader leaves it alone.")
    if kind is FileKind.DAMAGED and not own:
        raise StoreError(f"{path} is damaged: Reader leaves it as it is.")


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
    scripts = "\n".join(file.read_text(encoding="utf-8") for _number, file in pending)
    # executescript() commits first; every pending file and the version bump go in one transaction, so
    # another process never sees a library between two migrations (it would back it up, or redo one).
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{scripts}\nPRAGMA user_version = {latest};\nCOMMIT;")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        # Two processes creating a new library at once both saw version 0; the one that got the write
        # lock second fails on "table articles already exists". The other applied it: not an error.
        applied = int(conn.execute("PRAGMA user_version").fetchone()[0]) >= latest
        if not (isinstance(error, sqlite3.OperationalError) and applied):
            raise
    return latest
