"""Listing and full-text search of the library.

The FTS5 table ``article_fts`` holds one row per article (rowid = article id): title, the original text
and the translations, tokenized with ``unicode61 remove_diacritics 2`` so "Zurich" finds "Zürich".

User input never reaches FTS5 as syntax: ``fts_query()`` turns it into quoted tokens (implicit AND),
keeping only two constructs on purpose: a double-quoted phrase and a trailing ``*`` for a prefix. A stray
``"``, ``-``, ``AND`` or ``(`` is just text.

The query runs in two steps, as the design asks: the MATCH alone in a materialized CTE, then the join with
``articles`` and the filters (mixing MATCH with joins in one WHERE clause is known to be far slower).
Snippets are computed only for the page of results shown.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from reader.store.models import SORTS, ArticleSummary, LibraryFilter, SearchHit

DEFAULT_MARKERS = ("[", "]")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

SUMMARY_COLUMNS = (
    "a.id, a.title, a.site, a.source, a.langs, a.target_lang, a.published, a.added_at, a.opened_at, "
    "a.position_seq, a.block_count, a.archived, a.favourite, a.deleted_at"
)
_ORDER = {
    "added": "a.added_at DESC, a.id DESC",
    "published": "a.published IS NULL, a.published DESC, a.added_at DESC",
    "title": "a.title COLLATE NOCASE ASC, a.id ASC",
}


def _quote(words: Sequence[str]) -> str:
    return '"' + " ".join(words) + '"'


def fts_query(text: str) -> str:
    """An FTS5 expression for what the user typed; '' when it holds no searchable word.

    ``ukrai*`` is a prefix query, ``"offenen Konflikt"`` a phrase; everything else is a plain word, and
    all parts must match.
    """
    parts: list[str] = []
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, token = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append(_quote(words))
            continue
        words = _WORD.findall(token)
        if not words:
            continue
        prefix = token.endswith("*")
        expression = _quote(words)
        parts.append(expression + " *" if prefix else expression)
    return " ".join(parts)


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
            "EXISTS (SELECT 1 FROM article_tags t JOIN tags g ON g.id = t.tag_id "
            "WHERE t.article_id = a.id AND g.name = ?)"
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


def summaries(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> list[ArticleSummary]:
    """ArticleSummary for rows selected with SUMMARY_COLUMNS (tags fetched in one query)."""
    tags = _tags_for(conn, [row[0] for row in rows])
    result = []
    for row in rows:
        (
            aid,
            title,
            site,
            source,
            langs,
            target,
            published,
            added,
            opened,
            pos,
            count,
            arch,
            fav,
            deleted,
        ) = row[:14]
        languages = [code for code in str(langs).split(",") if code]
        if target and target not in languages:
            languages.append(target)
        progress = min(1.0, (pos + 1) / count) if pos is not None and count else 0.0
        result.append(
            ArticleSummary(
                id=aid,
                title=title,
                site=site,
                source=source,
                languages=tuple(languages),
                published=published,
                added=added,
                opened=opened,
                progress=progress,
                archived=bool(arch),
                favourite=bool(fav),
                deleted=deleted is not None,
                tags=tuple(tags.get(aid, ())),
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
    return int(conn.execute(f"SELECT count(*) FROM articles a {clause}", params).fetchone()[0])


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
    order = "hits.rank ASC, a.id DESC" if sort == "relevance" else _ORDER[sort]
    sql = (
        "WITH hits AS MATERIALIZED ("
        " SELECT rowid AS id, bm25(article_fts, 5.0, 1.0, 1.0) AS rank FROM article_fts"
        " WHERE article_fts MATCH ?"
        f") SELECT {SUMMARY_COLUMNS}, hits.rank FROM hits JOIN articles a ON a.id = hits.id"
        f" {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    try:
        rows = conn.execute(sql, [expression, *params, limit, offset]).fetchall()
    except sqlite3.OperationalError as error:
        if "fts5" in str(error).lower():  # defensive: fts_query() should never produce bad syntax
            return []
        raise
    if not rows:
        return []
    snippets = _snippets(conn, expression, [row[0] for row in rows], markers)
    return [
        SearchHit(summary, snippets.get(summary.id, ""), float(row[14]))
        for summary, row in zip(summaries(conn, rows), rows, strict=True)
    ]


def _snippets(
    conn: sqlite3.Connection, expression: str, ids: Sequence[int], markers: tuple[str, str]
) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT rowid, snippet(article_fts, -1, ?, ?, '…', 16) FROM article_fts "
        f"WHERE article_fts MATCH ? AND rowid IN ({marks})",
        [markers[0], markers[1], expression, *ids],
    )
    return {rowid: " ".join((snippet or "").split()) for rowid, snippet in rows}
