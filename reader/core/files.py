"""Opening files the user names: regular files only, read with a cap.

A path may be a symlink to ``/dev/zero`` or ``/dev/urandom`` (endless data) or a FIFO (an ``open()``
that never returns until something writes to it). The file is opened without blocking and checked on
its descriptor (so a swap between the check and the open cannot get through); only then is it read, at
most ``limit + 1`` bytes, so "too big" is known without reading everything.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotRegularFileError(OSError):
    """The path names a device, FIFO, socket or folder, not a regular file."""


def user_path(text: str) -> Path:
    """A path as the user typed it, ``~`` expanded; ``~nouser/x`` (no such user) is taken literally."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # no such user, so no home folder to expand: a name that will not be found
        return Path(text)


def open_regular_file(path: Path) -> BinaryIO:
    """Open ``path`` for reading if, after following links, it is a regular file.

    Raises:
        NotRegularFileError: a folder, device, FIFO or socket.
        OSError: missing, no permission, and the like.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise NotRegularFileError(f"{path} is {kind}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, at most ``limit + 1`` of them (more than ``limit`` means "too big")."""
    with open_regular_file(path) as handle:
        return handle.read(limit + 1)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder and a rename, so a
    full disk or a crash never leaves a cut-off file where a good one was.

    Raises:
        InputError: the folder is missing or not writable, or the disk is full (the target is untouched).
    """
    import tempfile

    from reader.core.errors import InputError

    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)  # mkstemp makes it private (0600); keep what a plain write gives
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InputError(f"Could not write {path}: {error.strerror or error}.") from error
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
