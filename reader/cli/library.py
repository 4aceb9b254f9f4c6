"""`reader library`: list, search, show, export, remove, restore and transfer saved articles.

``search`` also lists the translation memory entries that match (see ``reader.store.memory``), after the
articles; ``export --format tsv|tmx|anki-csv`` writes an article's sentence pairs
(``reader.core.parallel_text``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.output import emit, renderer, say

if TYPE_CHECKING:
    from reader.store.library import Library
    from reader.store.models import ArticleSummary, LibraryFilter, StoredArticle


SENTENCE_FORMATS = ("tsv", "tmx", "anki-csv")
# SQLite integers are 64-bit: a larger id or limit would fail deep inside sqlite3 with OverflowError.
_SQLITE_MAX = 2**63 - 1


def _article_id(text: str) -> int:
    """An article id as typed: a whole number from 1 to SQLite's largest integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not an article id (a whole number)") from None
    if not 1 <= value <= _SQLITE_MAX:
        raise argparse.ArgumentTypeError(f"no article has the id {text[:40]}")
    return value


def _count(text: str) -> int:
    """A row limit: a whole number from 1 to SQLite's largest integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a whole number") from None
    if not 1 <= value <= _SQLITE_MAX:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {_SQLITE_MAX}")
    return value


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "library",
        help="list, search and export the articles saved in the library",
        description="Work with the local library of saved articles.",
    )
    parser.add_argument("--db", metavar="PATH", help="use the library database at PATH")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--tag", help="only articles with this tag")
        p.add_argument("--lang", help="only articles with text in this language (e.g. de)")
        shown = p.add_mutually_exclusive_group()
        shown.add_argument("--archived", action="store_true", help="only archived articles")
        shown.add_argument("--all", action="store_true", help="archived ones too")
        p.add_argument("--unread", action="store_true", help="only articles never opened")
        p.add_argument("--limit", type=_count, default=50, help="at most N rows (default 50)")

    listing = actions.add_parser("list", help="list saved articles, newest first")
    filters(listing)
    listing.add_argument("--sort", choices=("added", "published", "title"), default="added")
    listing.set_defaults(handler=run_list)

    finding = actions.add_parser("search", help='full-text search: words, prefix*, "a phrase"')
    finding.add_argument("query")
    filters(finding)
    finding.add_argument("--sort", choices=("relevance", "added", "published", "title"), default="relevance")
    finding.set_defaults(handler=run_search)

    show = actions.add_parser("show", help="show an article's details")
    show.add_argument("id", type=_article_id)
    show.set_defaults(handler=run_show)

    export = actions.add_parser(
        "export",
        help="export one article as bilingual HTML, Markdown or JSON, or its sentence pairs (TSV, TMX, Anki)",
    )
    export.add_argument("id", type=_article_id)
    export.add_argument(
        "--format",
        choices=("html", "md", "json", *SENTENCE_FORMATS),
        default="html",
        help="tsv, tmx and anki-csv hold the sentence pairs (anki-csv: a file for Anki's Import File)",
    )
    export.add_argument(
        "--to", metavar="LANG", help="the translation to include (default: the last one read)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(handler=run_export)

    remove = actions.add_parser("remove", help="move an article to the trash (undo with restore)")
    remove.add_argument("id", type=_article_id)
    remove.add_argument("--purge", action="store_true", help="delete it for good, with the rest of the trash")
    remove.set_defaults(handler=run_remove)

    restore = actions.add_parser("restore", help="take an article out of the trash")
    restore.add_argument("id", type=_article_id)
    restore.set_defaults(handler=run_restore)

    export_all = actions.add_parser("export-all", help="write the whole library to one JSON file")
    export_all.add_argument("file")
    export_all.set_defaults(handler=run_export_all)

    importing = actions.add_parser("import", help="merge a file written by export-all (safe to repeat)")
    importing.add_argument("file")
    importing.set_defaults(handler=run_import)


def open_library(args: argparse.Namespace) -> Library:
    from reader.store.library import Library

    library, notice = Library.open(Path(args.db) if getattr(args, "db", None) else None)
    if notice:
        print(f"reader: {notice}", file=sys.stderr)
    return library


def _filter(args: argparse.Namespace) -> LibraryFilter:
    from reader.store.models import LibraryFilter

    archived: bool | None = True if args.archived else (None if args.all else False)
    return LibraryFilter(tag=args.tag, language=args.lang, archived=archived, unread=args.unread)


def _row(summary: ArticleSummary) -> str:
    added = dt.datetime.fromtimestamp(summary.added).strftime("%Y-%m-%d")
    langs = "/".join(summary.languages) or "-"
    marks = (
        ("*" if summary.favourite else "")
        + ("A" if summary.archived else "")
        + ("" if summary.opened else "•")
    )
    tags = f"  [{', '.join(summary.tags)}]" if summary.tags else ""
    return f"{summary.id:>6}  {added}  {langs:<8} {marks:<3} {summary.title}{tags}"


def run_list(args: argparse.Namespace) -> int:
    library = open_library(args)
    for summary in library.list_articles(filter=_filter(args), sort=args.sort, limit=args.limit):
        say(_row(summary))
    return 0


def run_search(args: argparse.Namespace) -> int:
    from reader.store.search_query import query_note

    library = open_library(args)
    if note := query_note(args.query):
        print(f"reader: {note}", file=sys.stderr)
    hits = library.search(args.query, filter=_filter(args), sort=args.sort, limit=args.limit)
    for hit in hits:
        say(_row(hit.summary))
        if hit.snippet:
            say(f"        {hit.snippet}")
    entries = [] if args.tag or args.archived or args.unread else _memory_hits(library, args)
    if entries:
        say(f"Translation memory: {len(entries)} matching entr{'ies' if len(entries) != 1 else 'y'}")
        for entry in entries:
            say(f"{entry.id:>6}  {entry.source_lang}→{entry.target_lang}  {entry.source}")
            say(f"        {entry.target}")
    if not hits:
        print("No articles match.", file=sys.stderr)
    return 0 if hits or entries else 1


def _memory_hits(library: Library, args: argparse.Namespace) -> list[Any]:
    """The translation memory entries matching the search (full-text search finds them too)."""
    from reader.store.memory import SqliteTranslationMemory

    memory = SqliteTranslationMemory(library)
    return memory.list(args.query, source_lang=args.lang, limit=args.limit)


def _time(value: float | None) -> str:
    return dt.datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M") if value else "never"


def run_show(args: argparse.Namespace) -> int:
    stored = open_library(args).get(args.id)
    article = stored.article
    langs = sorted({b.lang for b in article.blocks if b.lang})
    targets = sorted({t.target for t in stored.translations})
    titles = [
        t for t in stored.translations if t.block_id == "title" and t.text and t.target == stored.target_lang
    ]
    lines = [
        f"Title:       {article.title}",
        *(f"Title ({t.target}):  {t.text}" for t in titles),
        f"Source:      {article.source or '-'}",
        f"Site:        {article.site or '-'}",
        f"Byline:      {article.byline or '-'}",
        f"Published:   {article.published or '-'}",
        f"Languages:   {', '.join(langs) or '-'}",
        f"Translated:  {', '.join(targets) or '-'}",
        f"Blocks:      {len(article.blocks)}",
        f"Tags:        {', '.join(stored.tags) or '-'}",
        f"Added:       {_time(stored.added)}",
        f"Opened:      {_time(stored.opened)}",
        f"Position:    {stored.position_block_id or '-'}",
        "State:       "
        + (
            ", ".join(
                name
                for name, on in (
                    ("archived", stored.archived),
                    ("favourite", stored.favourite),
                    ("in the trash", stored.deleted),
                )
                if on
            )
            or "-"
        ),
    ]
    say("\n".join(lines))
    return 0


def run_export(args: argparse.Namespace) -> int:

    stored = open_library(args).get(args.id)
    target = args.to.strip().lower() if args.to else stored.target_lang
    if args.format in SENTENCE_FORMATS:
        emit(_sentence_pairs(args, stored, target), args.output)
        return 0
    render = renderer(args.format)
    output = render(stored.article, stored.translations, stored.annotations, target=target)
    emit(output, args.output)
    return 0


def _sentence_pairs(args: argparse.Namespace, stored: StoredArticle, target: str | None) -> str:
    from reader.core import parallel_text
    from reader.core.errors import InputError

    rows = parallel_text.sentence_rows(stored.article, stored.translations, stored.annotations, target=target)
    if not rows:
        into = f" into {target}" if target else ""
        raise InputError(
            f"Article {args.id} has no translated sentences{into} to export: open it in Reader and translate "
            "it first."
        )
    write = {
        "tsv": parallel_text.to_tsv,
        "tmx": parallel_text.to_tmx_text,
        "anki-csv": parallel_text.to_anki_csv,
    }[args.format]
    return write(rows)


def run_remove(args: argparse.Namespace) -> int:
    library = open_library(args)
    library.delete(args.id)
    if args.purge:
        count = library.purge_deleted()
        print(f"Deleted for good: {count} article{'s' if count != 1 else ''}.", file=sys.stderr)
    else:
        print(
            f"Moved article {args.id} to the trash (undo: reader library restore {args.id}).", file=sys.stderr
        )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    open_library(args).undelete(args.id)
    print(f"Restored article {args.id}.", file=sys.stderr)
    return 0


def run_export_all(args: argparse.Namespace) -> int:
    from reader.store import transfer

    count = transfer.export_all(open_library(args), Path(args.file))
    print(f"Exported {count} article{'s' if count != 1 else ''} to {args.file}.", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from reader.store import transfer

    result = transfer.import_file(open_library(args), Path(args.file))
    print(f"Imported {args.file}: {result}.", file=sys.stderr)
    return 0
