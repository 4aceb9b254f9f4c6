"""`reader memory` and `reader glossary`: the reader's translation memory and glossary, from the command line.

The same library tables the window's Tools dialogs edit (``reader.store.memory``): scripts can list,
search, add and remove entries and exchange the memory with other tools as TMX 1.4.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.library import _count, open_library
from reader.cli.output import say
from reader.core.files import user_path


def _entry_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not an entry id (a whole number)") from None
    if not 1 <= value <= 2**63 - 1:
        raise argparse.ArgumentTypeError(f"there is no entry {text[:40]}")
    return value


def _pair(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--from", dest="source_lang", metavar="LANG", required=required, help="source language")
    p.add_argument("--to", dest="target_lang", metavar="LANG", required=required, help="target language")


def register(sub: Any) -> None:
    memory: argparse.ArgumentParser = sub.add_parser(
        "memory",
        help="your corrected translations (translation memory): list, search, add, remove, TMX",
        description="The translation memory: your corrections, used before the model wherever the "
        "sentence appears again.",
    )
    memory.add_argument("--db", metavar="PATH", help="use the library database at PATH")
    actions = memory.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help='list entries, or search them: words, prefix*, "a phrase"')
    listing.add_argument("query", nargs="?", default="")
    _pair(listing, required=False)
    listing.add_argument("--limit", type=_count, default=500, help="at most N entries (default 500)")
    listing.set_defaults(handler=run_list)

    adding = actions.add_parser("add", help="add (or replace) the translation of a sentence")
    _pair(adding, required=True)
    adding.add_argument("source", help="the sentence")
    adding.add_argument("target", help="its translation")
    adding.set_defaults(handler=run_add)

    removing = actions.add_parser("remove", help="remove an entry by its id")
    removing.add_argument("id", type=_entry_id)
    removing.set_defaults(handler=run_remove)

    importing = actions.add_parser("import", help="add the pairs of a TMX file (from Reader or another tool)")
    importing.add_argument("file")
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser("export", help="write the memory to a TMX 1.4 file")
    exporting.add_argument("file")
    _pair(exporting, required=False)
    exporting.set_defaults(handler=run_export)

    glossary: argparse.ArgumentParser = sub.add_parser(
        "glossary",
        help="your terms per language pair (names kept as is, words always translated the same way)",
        description="The glossary: terms the translation must honour, per language pair.",
    )
    glossary.add_argument("--db", metavar="PATH", help="use the library database at PATH")
    terms = glossary.add_subparsers(dest="action", metavar="ACTION", required=True)
    term_list = terms.add_parser("list", help="list the terms")
    _pair(term_list, required=False)
    term_list.set_defaults(handler=run_terms)
    term_add = terms.add_parser("add", help="add a term; without a translation it is kept as is")
    _pair(term_add, required=True)
    term_add.add_argument("term")
    term_add.add_argument("translation", nargs="?", default=None)
    term_add.set_defaults(handler=run_add_term)
    term_remove = terms.add_parser("remove", help="remove a term by its id")
    term_remove.add_argument("id", type=_entry_id)
    term_remove.set_defaults(handler=run_remove_term)


def _memory(args: argparse.Namespace) -> Any:
    from reader.store.memory import SqliteTranslationMemory

    return SqliteTranslationMemory(open_library(args))


def _glossary(args: argparse.Namespace) -> Any:
    from reader.store.memory import SqliteGlossary

    return SqliteGlossary(open_library(args))


def _lang(code: str | None) -> str | None:
    return code.strip().lower() if code else None


def run_list(args: argparse.Namespace) -> int:
    entries = _memory(args).list(
        args.query, source_lang=_lang(args.source_lang), target_lang=_lang(args.target_lang), limit=args.limit
    )
    if not entries:
        print(
            "No translation memory entries match." if args.query else "The translation memory is empty.",
            file=sys.stderr,
        )
        return 1
    for entry in entries:
        say(f"{entry.id:>6}  {entry.source_lang}→{entry.target_lang}  {entry.source}")
        say(f"        {entry.target}")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from reader.core.translate.memory import MemoryEntry

    entry = _memory(args).add(MemoryEntry(args.source_lang, args.target_lang, args.source, args.target))
    print(f"Stored translation memory entry {entry.id}.", file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from reader.core.errors import InputError

    if not _memory(args).delete(args.id):
        raise InputError(f"There is no translation memory entry {args.id}.")
    print(f"Removed translation memory entry {args.id}.", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    count = _memory(args).import_tmx(user_path(args.file))
    print(f"Imported {count} translation pair{'s' if count != 1 else ''} from {args.file}.", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    count = _memory(args).export_tmx(
        Path(user_path(args.file)), _lang(args.source_lang), _lang(args.target_lang)
    )
    print(f"Exported {count} entr{'ies' if count != 1 else 'y'} to {args.file}.", file=sys.stderr)
    return 0


def run_terms(args: argparse.Namespace) -> int:
    source, target = _lang(args.source_lang), _lang(args.target_lang)
    terms = [
        t
        for t in _glossary(args).all()
        if (source is None or t.source_lang == source) and (target is None or t.target_lang == target)
    ]
    if not terms:
        print("The glossary has no terms.", file=sys.stderr)
        return 1
    for term in terms:
        rendering = "(kept as is)" if term.target is None else term.target
        say(f"{term.id:>6}  {term.source_lang}→{term.target_lang}  {term.source}  →  {rendering}")
    return 0


def run_add_term(args: argparse.Namespace) -> int:
    from reader.core.translate.memory import GlossaryTerm

    term = _glossary(args).add(GlossaryTerm(args.source_lang, args.target_lang, args.term, args.translation))
    print(f"Stored glossary term {term.id}.", file=sys.stderr)
    return 0


def run_remove_term(args: argparse.Namespace) -> int:
    from reader.core.errors import InputError

    if not _glossary(args).delete(args.id):
        raise InputError(f"There is no glossary term {args.id}.")
    print(f"Removed glossary term {args.id}.", file=sys.stderr)
    return 0
