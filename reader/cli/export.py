"""`reader export SOURCE`: the structured article as JSON, Markdown or HTML."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export", help="print the structured article from a file or URL"
    )
    parser.add_argument("source", help="a file path or an http(s) URL")
    parser.add_argument("--format", choices=("json", "md", "html"), default="json")
    parser.add_argument("-o", "--output", help="write to FILE instead of standard output")
    parser.set_defaults(handler=lambda args: 0)
