"""What every command that prints a document does with it: a file (-o) or standard output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import InputError


def renderer(fmt: str) -> Callable[..., str]:
    from reader.core import export

    return {"json": export.to_json, "md": export.to_markdown, "html": export.to_html}[fmt]


def emit(output: str, path: str | None) -> None:
    if path:
        try:
            Path(path).write_text(output, encoding="utf-8")
        except OSError as error:
            raise InputError(f"Could not write {path}: {error.strerror or error}.") from error
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")


__all__ = ["emit", "renderer"]
