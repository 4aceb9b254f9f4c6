"""Headless commands: ``reader export``, ``models``, ``library``, ``feeds``, ``memory``, ``glossary``.

No widgets here. Every user-caused failure is a ReaderError: its message goes to stderr and the
exit status is 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.core.errors import ReaderError

COMMANDS = ("export", "models", "library", "feeds", "memory", "glossary")
EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    from reader.cli import export, feeds, library, memory, models
    from reader.core.annotate.ner_models import NerModelSource

    models.register_source("ner", NerModelSource)

    parser = argparse.ArgumentParser(
        prog="reader",
        description=(
            "Read articles in several languages side by side, translated offline. "
            "Without a command, opens the app (optionally on PATH or URL)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    export.register(sub)
    models.register(sub)
    library.register(sub)
    feeds.register(sub)
    memory.register(sub)  # registers "memory" and "glossary"
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
