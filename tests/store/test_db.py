"""The database file: pragmas, migrations, newer schemas refused, damaged files, full or read-only disks."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import StoreError
from reader.store import db
from reader.store.library import Library
from tests.store.conftest import article


def test_pragmas_and_schema_version(library: Library) -> None:
    with library.reading() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert conn.execute("PRAGMA user_version").fetchone()[0] == db.schema_version()


def test_a_library_from_a_newer_reader_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library.open(path)[0].close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {db.schema_version() + 1}")
    with pytest.raises(StoreError, match="newer version of Reader"):
        Library.open(path)
    assert path.exists()  # refused, not moved aside


def test_migration_backs_up_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite3"
    lib, _ = Library.open(path)
    saved = lib.save_article(article())
    lib.close()
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for _number, file in db.migrations():
        shutil.copy(file, migrations / file.name)
    (migrations / "9000_reading_time.sql").write_text("ALTER TABLE articles ADD COLUMN minutes INTEGER;\n")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", migrations)
    lib, notice = Library.open(path)
    assert notice is None
    with lib.reading() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9000
        conn.execute("SELECT minutes FROM articles").fetchall()
    assert lib.get(saved).article.title == article().title
    backups = list(tmp_path.glob("library.sqlite3.v1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    lib.close()


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, db.SQLITE_HEADER + b"\xff" * 4000]
)
def test_a_damaged_file_is_moved_aside_and_a_fresh_library_opens(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(content)
    lib, notice = Library.open(path)
    assert notice is not None and "damaged" in notice and "moved" in notice
    aside = list(tmp_path.glob("library.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # the user's file is kept as it was
    assert lib.count() == 0
    assert lib.save_article(article()) > 0
    lib.close()


def test_a_full_disk_is_a_clear_message_and_loses_nothing(library: Library) -> None:
    kept = library.save_article(article())
    with library.reading() as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # the disk fills up now (for the writer, which holds the only writable connection)
    library.write(lambda conn: conn.execute(f"PRAGMA max_page_count = {pages + 2}"))
    big = article(title="Huge", source="https://x.example/huge", paragraphs=("Wort " * 20000,))
    with pytest.raises(StoreError, match="The disk is full"):
        library.save_article(big)
    assert library.count() == 1
    assert library.get(kept).article.title == article().title
    assert library.search("Huge") == []  # no half article
    library.set_position(kept, "b1")  # small writes still work
    with library.reading() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_library_is_a_clear_message(library: Library) -> None:
    kept = library.save_article(article())
    library.write(lambda conn: conn.execute("PRAGMA query_only = ON"))  # as if the file were read-only
    with pytest.raises(StoreError, match="read-only"):
        library.save_article(article(title="New", source="https://x.example/new"))
    with pytest.raises(StoreError, match="read-only"):
        library.set_tags(kept, ["x"])
    assert library.get(kept).tags == ()
    assert [r.id for r in library.list_articles()] == [kept]


def test_a_library_folder_that_cannot_be_created_is_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the library folder"):
        Library.open(blocker / "sub" / "library.sqlite3")


def test_bugs_are_not_disguised_as_user_errors() -> None:
    with pytest.raises(sqlite3.OperationalError):
        db.store_error(sqlite3.OperationalError("no such column: nope"))
