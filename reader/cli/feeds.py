"""`reader feeds`: subscribe to news feeds, refresh them into the library, list, remove, OPML in and out.

Only ``add`` and ``refresh`` touch the network, because the user asked for exactly that; ``import-opml``
records the subscriptions and reads the feeds on the next refresh.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.library import open_library

if TYPE_CHECKING:
    from reader.app.feeds import FeedService
    from reader.core.feeds.refresh import SourceReport

DEFAULT_TARGET = "en"
# Titles and errors come from other people's servers: no terminal control sequences reach the screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "feeds",
        help="follow news feeds: new articles arrive extracted, translated and highlighted",
        description="Subscribe to RSS, Atom and JSON feeds; a refresh saves new articles in the library.",
    )
    parser.add_argument("--db", metavar="PATH", help="use the library database at PATH")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="subscribe to a site or a feed address (finds the feed)")
    add.add_argument("address")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list subscriptions with unread counts and errors")
    listing.set_defaults(handler=run_list)

    refresh = actions.add_parser("refresh", help="fetch new articles (all feeds, or the ones given)")
    refresh.add_argument("feeds", nargs="*", metavar="FEED", help="feed ids or addresses (default: all)")
    refresh.add_argument(
        "--to", metavar="LANG", help="translate into LANG (default: the app's language, or en)"
    )
    refresh.add_argument("--no-translate", action="store_true", help="save the articles untranslated")
    refresh.add_argument("--no-annotate", action="store_true", help="skip entity and date recognition")
    refresh.set_defaults(handler=run_refresh)

    remove = actions.add_parser("remove", help="unsubscribe (its articles stay in the library)")
    remove.add_argument("feed", metavar="FEED", help="a feed id or address")
    remove.set_defaults(handler=run_remove)

    settings = actions.add_parser("settings", help="show or change a feed's settings")
    settings.add_argument("feed", metavar="FEED", help="a feed id or address")
    fetching = settings.add_mutually_exclusive_group()
    fetching.add_argument("--full", action="store_true", help="fetch and extract each article's page")
    fetching.add_argument("--summary-only", action="store_true", help="keep only what the feed itself says")
    translating = settings.add_mutually_exclusive_group()
    translating.add_argument("--translate", action="store_true", help="translate new articles")
    translating.add_argument("--no-translate", action="store_true", help="do not translate new articles")
    settings.add_argument("--keep", type=int, metavar="N", help="keep at most N articles (0: no limit)")
    settings.add_argument("--days", type=int, metavar="N", help="keep articles for N days (0: no limit)")
    settings.set_defaults(handler=run_settings)

    importing = actions.add_parser("import-opml", help="subscribe to every feed of an OPML file")
    importing.add_argument("file")
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser("export-opml", help="write the subscriptions to an OPML file")
    exporting.add_argument("file")
    exporting.set_defaults(handler=run_export)


def _service(args: argparse.Namespace) -> FeedService:
    from reader.app.feeds import FeedService
    from reader.app.services import Services

    return FeedService(Services(library=open_library(args), in_process=True))


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def run_add(args: argparse.Namespace) -> int:
    service = _service(args)
    source, created = service.subscribe(args.address)
    verb = "subscribed to" if created else "already subscribed to"
    print(f"{verb} {_clean(source.title)} (feed {source.id}: {_clean(source.url)})")
    if created:
        print("reader: run `reader feeds refresh` to fetch its articles", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    sources = _service(args).sources()
    if not sources:
        print("No subscriptions yet: `reader feeds add ADDRESS`.", file=sys.stderr)
        return 0
    for source in sources:
        checked = (
            dt.datetime.fromtimestamp(source.checked_at).strftime("%Y-%m-%d %H:%M")
            if source.checked_at
            else "never"
        )
        print(f"{source.id:>4}  {source.unread:>4}/{source.total:<4} {checked:<16}  {_clean(source.title)}")
        print(f"      {_clean(source.url)}")
        if source.error:
            print(f"      error: {_clean(source.error)}")
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    service = _service(args)
    ids = [service.store.find_source(ref).id for ref in args.feeds] if args.feeds else None
    target = (args.to or service.target_lang or DEFAULT_TARGET).strip().lower()
    if not target.isalpha() or len(target) not in (2, 3):
        from reader.core.errors import InputError

        raise InputError(f"'{args.to}' is not a language code (try en, de, fr).")
    reports = service.refresh(
        ids, target_lang=target, translate=not args.no_translate, annotate=not args.no_annotate
    )
    if not reports:
        print("No subscriptions to refresh: `reader feeds add ADDRESS`.", file=sys.stderr)
    for report in reports:
        print(_report_line(report))
    return 0


def _report_line(report: SourceReport) -> str:
    title = _clean(report.title)
    if report.error:
        return f"{title}: error: {_clean(report.error)}"
    if report.unchanged:
        return f"{title}: unchanged"
    parts = [f"{report.new} new"]
    if report.updated:
        parts.append(f"{report.updated} updated")
    if report.failed_items:
        parts.append(f"{report.failed_items} could not be read")
    if report.removed:
        parts.append(f"{report.removed} old ones moved to the trash")
    return f"{title}: {', '.join(parts)}"


def run_remove(args: argparse.Namespace) -> int:
    source = _service(args).remove(args.feed)
    print(f"unsubscribed from {_clean(source.title)}; its articles stay in the library")
    return 0


def run_settings(args: argparse.Namespace) -> int:
    from reader.core.errors import InputError
    from reader.store.feeds import SourceSettings

    service = _service(args)
    source = service.store.find_source(args.feed)
    for value, name in ((args.keep, "--keep"), (args.days, "--days")):
        if value is not None and not 0 <= value <= 100_000:
            raise InputError(f"{name} takes a number from 0 (no limit) to 100000.")
    settings = SourceSettings(
        full_fetch=source.full_fetch if not (args.full or args.summary_only) else args.full,
        translate=source.translate if not (args.translate or args.no_translate) else args.translate,
        keep_articles=source.keep_articles if args.keep is None else args.keep,
        keep_days=source.keep_days if args.days is None else args.days,
    )
    service.store.update_settings(source.id, settings)
    keep = f"at most {settings.keep_articles}" if settings.keep_articles else "all"
    days = f"for {settings.keep_days} days" if settings.keep_days else "with no age limit"
    print(
        f"{_clean(source.title)}: {'full articles' if settings.full_fetch else 'feed summaries only'}, "
        f"{'translated' if settings.translate else 'not translated'}; keeps {keep} articles {days} "
        "(starred and tagged ones always)"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    result = _service(args).import_opml(Path(args.file))
    print(f"{result.added} feeds added, {result.already} already subscribed")
    return 0


def run_export(args: argparse.Namespace) -> int:
    count = _service(args).export_opml(Path(args.file))
    print(f"{count} feeds written to {args.file}")
    return 0
