"""The feeds migration on an existing library: a schema-1 library gains the feed tables, its articles kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store.feeds import FeedStore
from reader.store.library import Library
from tests.store.conftest import article


def test_a_library_from_before_feeds_is_migrated_and_backed_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite3"
    old, _ = Library.open(path)
    saved = old.save_article(article())
    old.close()
    # Take the file back to schema 1 (what a Reader from before feeds wrote): no feed tables, no column
    # for the page furniture left out (schema 3).
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE feed_items; DROP TABLE feed_sources; DROP TABLE feed_settings; "
        "ALTER TABLE articles DROP COLUMN dropped; PRAGMA user_version = 1;"
    )
    conn.close()
    library, notice = Library.open(path)  # today's code migrates it
    assert notice is None
    store = FeedStore(library)
    source, created = store.add_source("https://news.example.org/feed.xml", "Example")
    assert created and store.sources() == [source]
    assert library.get(saved).article.title == article().title
    assert len(list(tmp_path.glob("library.sqlite3.v1-*.bak"))) == 1
    library.close()
