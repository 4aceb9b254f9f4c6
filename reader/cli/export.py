"""`reader export SOURCE`: the structured article, with languages, translations, entities and dates.

The same stages the window runs, headless and through the same ``Services`` and ``Pipeline``: ingest →
language → translate (``--to``, answered from the library's translation cache when it can) → annotate (with
the installed spaCy models) → format.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.cli.output import emit, renderer
from reader.core.errors import InputError


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export",
        help="print the structured article from a file or URL",
        description=(
            "Extract the article from a file or URL, detect the language of every paragraph, optionally "
            "translate it offline, find entities and dates, and print it as JSON, Markdown or HTML."
        ),
    )
    parser.add_argument("source", help="a file path or an http(s) URL")
    parser.add_argument("--format", choices=("json", "md", "html"), default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--to", metavar="LANG", help="translate every paragraph not in LANG (e.g. en)")
    parser.add_argument("--no-annotate", action="store_true", help="skip entity and date recognition")
    parser.add_argument("--save", action="store_true", help="also save the article to the library")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from reader.app.services import Services
    from reader.core.ingest import load_source

    target = None
    if args.to:
        target = args.to.strip().lower()
        if not target.isalpha() or len(target) not in (2, 3):
            raise InputError(f"'{args.to}' is not a language code (try en, de, fr).")
    # The window's assembly, in this process: installed spaCy models, the library's translation cache.
    services = Services(in_process=True)
    try:
        if args.save:
            services.library.count()  # a library that cannot be opened is the error, before any work
        result = services.pipeline.run(load_source(args.source), target, annotate=not args.no_annotate)
        output = renderer(args.format)(result.article, result.translations, result.annotations)
        if services.library_notice:
            print(f"reader: {services.library_notice}", file=sys.stderr)
        if args.save:
            article_id = services.library.save_article(
                result.article,
                translations=result.translations,
                annotations=result.annotations,
                target_lang=target,
            )
            print(f"reader: saved to the library as article {article_id}", file=sys.stderr)
    finally:
        services.close()
    emit(output, args.output)
    return 0
