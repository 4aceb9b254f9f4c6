"""The feeds migration on an existing library: a schema-1 library gains the feed tables, its articles kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store.feeds import FeedStore
from reader.store.library import Library
from tests.store.conftest import article
from tests.store.old_schema import insert_article, old_library


def test_a_library_from_before_feeds_is_migrated_and_backed_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite3"
    # A schema-1 file (what a Reader from before feeds wrote): no feed tables, no later columns.
    conn = old_library(path, 1)
    saved = insert_article(conn, article().title, tuple(b.text for b in article().blocks))
    conn.close()
    library, notice = Library.open(path)  # today's code migrates it
    assert notice is None
    store = FeedStore(library)
    source, created = store.add_source("https://news.example.org/feed.xml", "Example")
    assert created and store.sources() == [source]
    assert library.get(saved).article.title == article().title
    assert len(list(tmp_path.glob("library.sqlite3.v1-*.bak"))) == 1
    library.close()
