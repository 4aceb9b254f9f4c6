"""Composition root: decide between the headless CLI and the window, build and wire the parts.

Heavy modules (Qt, ctranslate2, lingua, spaCy) are imported only on the path that needs them, so
``reader --help`` and ``reader export`` stay quick and the window appears fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from reader.cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        from reader.cli import main as cli_main

        return cli_main(args)
    from reader.ui.launch import run_app

    return run_app(args)
