"""What every command that prints a document does with it: a file (-o) or standard output.

Text bound for the terminal is neutralized first: a title imported from a hostile file could otherwise
carry escape sequences (OSC 0 window titles, OSC 8 hidden links, screen clears) or bidi overrides
(U+202E) that the terminal would obey. They are shown as visible ``\\u001b`` / ``\\u202e`` escapes instead.
A file written with ``-o`` goes to a temporary file first and is renamed over the target only when
complete, so a full disk never leaves a cut-off file where a good export was.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reader.core.errors import InputError

# Everything a terminal may interpret, except the tab and newline that text output is made of.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """``text`` with each control or bidi character shown as an escape (``\\u001b``, ``\\u202e``)."""
    # \uXXXX for every character: readable, and still valid inside a JSON string printed to stdout.
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def say(text: str) -> None:
    """Print one line of library data (titles, tags, bylines) to standard output, neutralized."""
    print(for_terminal(text))


def renderer(fmt: str) -> Callable[..., str]:
    from reader.core import export

    return {"json": export.to_json, "md": export.to_markdown, "html": export.to_html}[fmt]


def write_file_atomically(path: Path, output: str) -> None:
    """Write ``output`` to ``path`` through a temporary file in the same folder and a rename.

    Raises:
        InputError: the folder is missing or not writable, or the disk is full (the target is untouched).
    """
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(output)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode_for(path))  # mkstemp makes it private (0600); keep what a plain write gives
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InputError(f"Could not write {path}: {error.strerror or error}.") from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """The permissions the file would have: the existing file's, else the default under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def emit(output: str, path: str | None) -> None:
    if path:
        write_file_atomically(Path(path), output)
    else:
        text = output if output.endswith("\n") else output + "\n"
        sys.stdout.write(for_terminal(text))


__all__ = ["emit", "for_terminal", "renderer", "say", "write_file_atomically"]
