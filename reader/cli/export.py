"""`reader export SOURCE`: the structured article, with languages, translations, entities and dates.

The same stages the window runs, headless: ingest → language → translate (``--to``) → annotate → format.
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
    from reader.core.ingest import load_source
    from reader.core.language import LanguageIdentifier

    article = LanguageIdentifier().identify(load_source(args.source))
    translations = []
    if args.to:
        from reader.core.translate.engine import TranslationEngine
        from reader.core.translate.packages import PackageManager

        target = args.to.strip().lower()
        if not target.isalpha() or len(target) not in (2, 3):
            raise InputError(f"'{args.to}' is not a language code (try en, de, fr).")
        translations = TranslationEngine(PackageManager()).translate_article(article, target)
    annotations = None
    if not args.no_annotate:
        from reader.core.annotate.annotator import Annotator

        by_block = {t.block_id: t for t in translations}
        annotations = Annotator().annotate_article(article, by_block)
    render = renderer(args.format)
    output = render(article, translations, annotations)
    if args.save:
        from reader.store.library import Library

        library, notice = Library.open()
        if notice:
            print(f"reader: {notice}", file=sys.stderr)
        article_id = library.save_article(
            article, translations=translations, annotations=annotations, target_lang=args.to
        )
        print(f"reader: saved to the library as article {article_id}", file=sys.stderr)
    emit(output, args.output)
    return 0
