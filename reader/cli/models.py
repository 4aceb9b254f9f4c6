"""`reader models`: filled in by its issue."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("models", help="(not yet available)")
    parser.set_defaults(handler=lambda args: 0)
