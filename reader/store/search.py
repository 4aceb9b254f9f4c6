"""Listing and full-text search of the library.

The FTS5 table ``article_fts`` holds one row per article (rowid = article id): title, the original text
and the translations, tokenized with ``unicode61 remove_diacritics 2`` so "Zurich" finds "Zürich".

User input never reaches FTS5 as syntax: ``search_query.fts_query()`` turns it into quoted tokens.

The query runs in two steps, as the design asks: the MATCH alone in a materialized CTE, then the join with
``articles`` and the filters (mixing MATCH with joins in one WHERE clause is known to be far slower).
Snippets are computed only for the page of results shown (see ``snippets``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from reader.store import snippets
from reader.store.models import SORTS, ArticleSummary, LibraryFilter, SearchHit
from reader.store.search_query import fts_query, parse

DEFAULT_MARKERS = ("[", "]")
_SNIPPET_HEAD = 3000

SUMMARY_COLUMNS = (
    "a.id, a.title, a.site, a.source, a.langs, a.target_lang, a.published, a.added_at, a.opened_at, "
    "a.position_seq, a.block_count, a.archived, a.favourite, a.deleted_at, "
    # The title in the language the article was last read in (the 'title' pseudo-block's translation).
    "(SELECT t.text FROM article_translations t WHERE t.article_id = a.id AND t.target = a.target_lang "
    "AND t.block_id = 'title' AND t.status = 'translated') AS title_translation"
)
_ORDER = {
    "added": "a.added_at DESC, a.id DESC",
    "published": "a.published DESC, a.added_at DESC",  # NULL sorts last in DESC
    "title": "a.title COLLATE NOCASE ASC, a.id ASC",
}


def filter_sql(flt: LibraryFilter) -> tuple[list[str], list[Any]]:
    """WHERE conditions (on alias ``a``) and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if not flt.include_deleted:
        where.append("a.deleted_at IS NULL")
    if flt.archived is not None:
        where.append("a.archived = ?")
        params.append(int(flt.archived))
    if flt.unread:
        where.append("a.opened_at IS NULL")
    if flt.favourite:
        where.append("a.favourite = 1")
    if flt.language:
        where.append("instr(a.langs, ?) > 0")
        params.append(f",{flt.language.strip().lower()},")
    if flt.tag:
        where.append(
            "a.id IN (SELECT t.article_id FROM article_tags t "
            "WHERE t.tag_id = (SELECT id FROM tags WHERE name = ?))"
        )
        params.append(flt.tag.strip())
    if flt.published_from:
        where.append("a.published >= ?")
        params.append(flt.published_from)
    if flt.published_to:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(flt.published_to)
    if flt.added_from is not None:
        where.append("a.added_at >= ?")
        params.append(flt.added_from)
    if flt.added_to is not None:
        where.append("a.added_at <= ?")
        params.append(flt.added_to)
    return where, params


def _tags_for(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    found: dict[int, list[str]] = {}
    rows = conn.execute(
        f"SELECT t.article_id, g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id "
        f"WHERE t.article_id IN ({marks}) ORDER BY g.name COLLATE NOCASE",
        list(ids),
    )
    for article_id, name in rows:
        found.setdefault(article_id, []).append(name)
    return found


def summaries(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[ArticleSummary]:
    """ArticleSummary for rows selected with SUMMARY_COLUMNS (tags fetched in one query)."""
    tags = _tags_for(conn, [row["id"] for row in rows])
    result = []
    for row in rows:
        languages = [code for code in str(row["langs"]).split(",") if code]
        target = row["target_lang"]
        if target and target not in languages:
            languages.append(target)
        pos, count = row["position_seq"], row["block_count"]
        progress = min(1.0, (pos + 1) / count) if pos is not None and count else 0.0
        result.append(
            ArticleSummary(
                id=row["id"],
                title=row["title"],
                site=row["site"],
                source=row["source"],
                languages=tuple(languages),
                published=row["published"],
                added=row["added_at"],
                opened=row["opened_at"],
                progress=progress,
                archived=bool(row["archived"]),
                favourite=bool(row["favourite"]),
                deleted=row["deleted_at"] is not None,
                tags=tuple(tags.get(row["id"], ())),
                title_translation=row["title_translation"] or None,
            )
        )
    return result


def list_articles(
    conn: sqlite3.Connection, flt: LibraryFilter, sort: str, limit: int, offset: int
) -> list[ArticleSummary]:
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(_ORDER)}")
    where, params = filter_sql(flt)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles a {clause} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return summaries(conn, rows)


def count(conn: sqlite3.Connection, flt: LibraryFilter) -> int:
    where, params = filter_sql(flt)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return int(conn.execute(f"SELECT count(*) AS n FROM articles a {clause}", params).fetchone()["n"])


def search(
    conn: sqlite3.Connection,
    text: str,
    flt: LibraryFilter,
    sort: str,
    limit: int,
    offset: int,
    markers: tuple[str, str] = DEFAULT_MARKERS,
) -> list[SearchHit]:
    """Articles matching ``text`` (see fts_query), filtered, sorted, with a snippet around the matches."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(SORTS)}")
    expression = fts_query(text)
    if not expression:
        return []
    where, params = filter_sql(flt)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    order = "hits.rank ASC, a.id DESC" if sort == "relevance" else _ORDER[sort]
    rank = "bm25(article_fts, 5.0, 1.0, 1.0)"  # a title match weighs five times a body match
    # The last column says how many matches the CTE holds (so the caller knows whether the window was full).
    tail = (
        f"SELECT {SUMMARY_COLUMNS}, hits.rank AS rank, (SELECT count(*) FROM hits) AS hit_count "
        f"FROM hits JOIN articles a ON a.id = hits.id {clause} ORDER BY {order} LIMIT ? OFFSET ?"
    )

    def page(window: int) -> list[sqlite3.Row]:
        newest = "ORDER BY rowid DESC LIMIT ?" if window else ""
        return conn.execute(
            f"WITH hits AS MATERIALIZED (SELECT rowid AS id, {rank} AS rank FROM article_fts "
            f"WHERE article_fts MATCH ? {newest}) {tail}",
            [expression, *([window] if window else []), *params, limit, offset],
        ).fetchall()

    try:
        window = RANK_WINDOW if sort == "relevance" else 0
        rows = page(window)
        if window and len(rows) < limit and (not rows or rows[0]["hit_count"] >= window):
            rows = page(0)  # the newest matches could not fill this page (filters, paging): rank them all
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower():  # defensive: fts_query() should never produce bad syntax
            return []
        raise
    return _hits(conn, text, rows, markers)


# Ranking by relevance costs a bm25 evaluation per match: for a common phrase in a large library (5,000+
# matches of 10,000) that alone took 20-30 ms. In a news library the reader wants the most relevant of the
# recent articles, so relevance is ranked among the newest RANK_WINDOW matches (ids grow with time), found
# in one pass that FTS5 stops early; when those cannot fill the page, every match is ranked.
RANK_WINDOW = 1000


def _hits(
    conn: sqlite3.Connection, text: str, rows: Sequence[sqlite3.Row], markers: tuple[str, str]
) -> list[SearchHit]:
    if not rows:
        return []
    found = _snippets(conn, text, [row["id"] for row in rows], markers)
    return [
        SearchHit(summary, found.get(summary.id, ""), float(row["rank"]))
        for summary, row in zip(summaries(conn, rows), rows, strict=True)
    ]


def _snippets(
    conn: sqlite3.Connection, text: str, ids: Sequence[int], markers: tuple[str, str]
) -> dict[int, str]:
    """Snippets for one page of hits (see ``snippets``): body first, then translations, then title."""
    pattern = snippets.compile_terms(parse(text))
    marks = ",".join("?" * len(ids))
    # Most matches sit early in the text: read the first few thousand characters, the rest only if needed.
    head = _SNIPPET_HEAD
    rows = conn.execute(
        f"SELECT rowid, substr(body, 1, {head}), substr(translation, 1, {head}), title FROM article_fts "
        f"WHERE rowid IN ({marks})",
        list(ids),
    ).fetchall()
    found = {rowid: snippets.snippet((body, tr, title), pattern, markers) for rowid, body, tr, title in rows}
    missing = [rowid for rowid, snippet in found.items() if not snippet]
    if missing:
        marks = ",".join("?" * len(missing))
        for rowid, body, translated, title in conn.execute(
            f"SELECT rowid, body, translation, title FROM article_fts WHERE rowid IN ({marks})", missing
        ):
            found[rowid] = snippets.snippet((body, translated, title), pattern, markers)
    return found
