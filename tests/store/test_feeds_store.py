"""The feeds migration on an existing library: a schema-1 library gains the feed tables, its articles kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.store import db
from reader.store.feeds import FeedStore
from reader.store.library import Library
from tests.store.conftest import article


def test_a_library_from_before_feeds_is_migrated_and_backed_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_migrations = tmp_path / "migrations-v1"
    old_migrations.mkdir()
    shutil.copy(db.MIGRATIONS_DIR / "0001_initial.sql", old_migrations)
    path = tmp_path / "library.sqlite3"
    with monkeypatch.context() as patch:
        patch.setattr(db, "MIGRATIONS_DIR", old_migrations)
        old, _ = Library.open(path)
        saved = old.save_article(article())
        old.close()
    library, notice = Library.open(path)  # today's code: schema 2
    assert notice is None
    store = FeedStore(library)
    source, created = store.add_source("https://news.example.org/feed.xml", "Example")
    assert created and store.sources() == [source]
    assert library.get(saved).article.title == article().title
    assert len(list(tmp_path.glob("library.sqlite3.v1-*.bak"))) == 1
    library.close()
