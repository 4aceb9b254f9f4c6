"""Temporary folders for downloads and installs, and the removal of those a killed process left behind.

Installs extract into a hidden folder beside their destination and rename it into place, so a failure
leaves nothing half-installed. A process killed mid-install still leaves the folder (up to 1.5 GB). Each
staging folder therefore holds a lock file locked (``flock``) for as long as the folder is in use: the
next operation removes every staging folder whose lock nobody holds, and never one another running
Reader is still using. Where ``fcntl`` does not exist, only folders older than a day are removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl

    _HAVE_FLOCK = True
except ImportError:  # pragma: no cover - not on POSIX
    _HAVE_FLOCK = False

LOCK_NAME = ".in-use"
_UNLOCKED_GRACE = 60.0  # a folder created a moment ago may not hold its lock yet
_NO_FCNTL_AGE = 86400.0


@contextlib.contextmanager
def staging_dir(parent: Path, prefix: str) -> Iterator[Path]:
    """A new folder ``parent/<prefix>XXXX`` locked while the block runs, then removed."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    lock = (path / LOCK_NAME).open("wb")
    try:
        if _HAVE_FLOCK:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield path
    finally:
        lock.close()
        shutil.rmtree(path, ignore_errors=True)


def remove_stale(parent: Path, prefixes: tuple[str, ...]) -> list[str]:
    """Remove staging folders (names starting with one of ``prefixes``) no running process holds.

    Returns the names removed. Errors are ignored: cleaning up must never stop the operation itself.
    """
    removed: list[str] = []
    try:
        children = list(parent.iterdir())
    except OSError:
        return removed
    for child in children:
        if not child.name.startswith(prefixes) or child.is_symlink() or not child.is_dir():
            continue
        if _in_use(child):
            continue
        shutil.rmtree(child, ignore_errors=True)
        if not child.exists():
            removed.append(child.name)
    return removed


def _in_use(folder: Path) -> bool:
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return True
    if not _HAVE_FLOCK:
        return age < _NO_FCNTL_AGE
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return age < _UNLOCKED_GRACE
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True  # another process holds it
    finally:
        os.close(fd)
    return False
