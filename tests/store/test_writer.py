"""One writer: reads cannot write, all writes run on the writer thread, transactions nest and roll back."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from reader.core.errors import StoreError
from reader.core.translate.cache import CachedSentence, TranslationKey
from reader.store.library import Library
from reader.store.translation_cache import SqliteTranslationCache
from tests.store.conftest import article


def tag_names(library: Library) -> list[str]:
    with library.reading() as conn:
        return [row["name"] for row in conn.execute("SELECT name FROM tags ORDER BY name")]


def test_reads_run_on_read_only_connections(library: Library) -> None:
    kept = library.save_article(article())
    with pytest.raises(StoreError, match="read-only"), library.reading() as conn:
        conn.execute("UPDATE articles SET title = 'changed behind the writer' WHERE id = ?", (kept,))
    assert library.get(kept).article.title == article().title


def test_writes_from_every_thread_run_on_the_one_writer_thread(library: Library) -> None:
    seen: list[str] = []
    cache = SqliteTranslationCache(library)
    key = TranslationKey("translate-de_en", "1.0", "en", "Guten Tag")

    def worker(n: int) -> None:
        seen.append(library.write(lambda _conn: threading.current_thread().name))
        text = f"Die Gespräche Nummer {n} dauerten bis in die Nacht."
        article_id = library.save_article(article(f"Artikel {n}", f"https://x.example/{n}", (text,)))
        library.mark_opened(article_id)  # used to write from the I/O pool on its own connection
        cache.put_many({key: CachedSentence(f"Good day {n}", -0.5)})  # used to write from the model pool

    threads = [threading.Thread(target=worker, args=(n,), name=f"worker-{n}") for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["reader-library-writer"] * 4
    assert library.count() == 4 and all(s.opened for s in library.list_articles())
    assert cache.get_many([key])[key].text.startswith("Good day ")


def test_a_failing_inner_write_rolls_back_only_itself(library: Library) -> None:
    kept = library.save_article(article())

    def outer(conn: sqlite3.Connection) -> None:
        library.add_tag(kept, "outer")  # nested: a savepoint inside this transaction

        def failing(_conn: sqlite3.Connection) -> None:
            library.add_tag(kept, "inner")
            raise ValueError("a bug in the inner write")

        with pytest.raises(ValueError):
            library.write(failing)

    library.write(outer)
    assert tag_names(library) == ["outer"]


def test_a_failed_commit_rolls_back_and_the_writer_goes_on(library: Library) -> None:
    kept = library.save_article(article())

    def dangling_tag(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # the violation surfaces only at COMMIT
        conn.execute("INSERT INTO tags (name) VALUES ('orphan')")
        conn.execute("INSERT INTO article_tags (article_id, tag_id) VALUES (9999, last_insert_rowid())")

    with pytest.raises(sqlite3.IntegrityError):
        library.write(dangling_tag)
    assert tag_names(library) == []
    library.add_tag(kept, "after")  # the writer is not stuck inside the failed transaction
    assert tag_names(library) == ["after"]
