"""Safe extraction of the zip archives Reader opens: Argos ``.argosmodel`` packages and spaCy wheels.

An archive is untrusted input. Before anything is written, every entry is checked: its target path is
resolved and must lie inside the staging folder (absolute names, ``..``, ``//`` after a stripped prefix,
backslashes and drive letters all fail this), links, encrypted entries and unknown compression methods
are refused, and the declared sizes must fit the caps with a plausible compression ratio. While
extracting, the actual bytes are counted against the same caps (a header can lie), and damaged data
(bad deflate stream, CRC mismatch, truncated file) stops the install. Any failure rejects the whole
archive with one ``ModelError`` line; the caller's staging folder, and everything in it, is then removed.
"""

from __future__ import annotations

import contextlib
import lzma
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from reader.core.errors import ModelError
from reader.core.files import NotRegularFileError, open_regular_file

# Model files (int8 weights, SentencePiece, vocabularies) compress 1-5x; a zip bomb compresses 1000x.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small entries (a config of spaces) are not held to the ratio
SUPPORTED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})
_COPY_CHUNK = 1024 * 1024
_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


@dataclass(frozen=True)
class Caps:
    """Size limits for one archive: all entries together, and each one."""

    total: int
    entry: int
    ratio: int = MAX_RATIO


@contextlib.contextmanager
def open_zip(path: Path, label: str, kind: str) -> Iterator[zipfile.ZipFile]:
    """Open a regular file as a zip archive; a FIFO, device, damaged or non-zip file is a ModelError.

    The file is closed when the block ends (``ZipFile`` leaves a file object it was given open).

    Args:
        label: the file's name in messages.
        kind: what it should be, for "… is not {kind}" ("an Argos package").
    """
    try:
        handle = open_regular_file(path)
    except NotRegularFileError as error:
        raise ModelError(f"{label} is not a regular file; it was not installed.") from error
    except FileNotFoundError as error:
        raise ModelError(f"No such file: {path}.") from error
    except OSError as error:
        raise ModelError(f"{label} could not be read: {error.strerror or error}.") from error
    with handle:
        try:
            if not zipfile.is_zipfile(handle):
                raise ModelError(f"{label} is not {kind} (not a zip archive).")
            handle.seek(0)
            zipped = zipfile.ZipFile(handle)
        except (*_DAMAGE, OSError) as error:  # truncated central directory, bad offsets, …
            raise ModelError(
                f"{label} is damaged (its list of files cannot be read); not installed."
            ) from error
        with zipped:
            yield zipped


def check_entries(archive: zipfile.ZipFile, label: str, caps: Caps) -> None:
    """Refuse links, encrypted entries, unknown compression and sizes over the caps (declared ones)."""
    total = packed = 0
    for info in archive.infolist():
        name = info.filename
        if info.flag_bits & 0x1:
            raise ModelError(f"{label} contains an encrypted file ({_short(name)}); it was not installed.")
        if info.compress_type not in SUPPORTED_METHODS:
            raise ModelError(
                f"{label} uses an unknown compression method ({info.compress_type}) for {_short(name)}; "
                "it was not installed."
            )
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ModelError(f"{label} contains a symbolic link ({_short(name)}); it was not installed.")
        if "\x00" in name or "\\" in name:
            raise ModelError(f"{label} contains an unsafe path ({_short(name)}); it was not installed.")
        if info.file_size > caps.entry:
            raise ModelError(f"{label} contains a file too large to install ({_short(name)}).")
        if info.file_size > RATIO_FLOOR and info.file_size > caps.ratio * max(info.compress_size, 1):
            raise ModelError(
                f"{label} looks like a zip bomb ({_short(name)} expands more than {caps.ratio}x); "
                "it was not installed."
            )
        total += info.file_size
        packed += info.compress_size
    if total > caps.total:
        raise ModelError(f"{label} is too large to install (it would unpack to {total // 2**20} MB).")
    if total > RATIO_FLOOR and total > caps.ratio * max(packed, 1):  # many small entries of zeros
        raise ModelError(
            f"{label} looks like a zip bomb (it expands more than {caps.ratio}x); not installed."
        )


def extract(
    archive: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, str]],
    staging: Path,
    label: str,
    caps: Caps,
) -> None:
    """Write ``members`` (entry, path relative to ``staging``) into ``staging``.

    Every target is resolved and checked to be inside ``staging`` before the first byte is written;
    then entries are copied with their actual sizes counted against ``caps``.
    """
    check_entries(archive, label, caps)
    root = staging.resolve()
    planned: list[tuple[zipfile.ZipInfo, Path]] = []
    for info, relative in members:
        target = (root / relative).resolve()
        anchored = PureWindowsPath(relative).anchor  # "C:/x" or "//server/x": harmless here, not on Windows
        if anchored or not target.is_relative_to(root) or (target == root and not info.is_dir()):
            raise ModelError(
                f"{label} contains an unsafe path ({_short(info.filename)}); it was not installed."
            )
        planned.append((info, target))
    written = 0
    try:
        for info, target in planned:
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written += _copy(archive, info, target, label, caps, caps.total - written)
    except ModelError:
        raise
    except OSError as error:
        raise ModelError(f"{label} could not be installed: {error.strerror or error}.") from error


def _copy(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, label: str, caps: Caps, room: int
) -> int:
    limit = min(info.file_size, caps.entry, room)
    size = 0
    try:
        source = archive.open(info)
    except (*_DAMAGE, OSError) as error:
        raise ModelError(f"{label} is damaged ({_reason(error)}); it was not installed.") from error
    with source, target.open("wb") as out:
        while True:
            try:
                chunk = source.read(_COPY_CHUNK)
            except (*_DAMAGE, OSError) as error:  # bz2 reports a broken stream as OSError
                raise ModelError(f"{label} is damaged ({_reason(error)}); it was not installed.") from error
            if not chunk:
                return size
            size += len(chunk)
            if size > limit:
                raise ModelError(f"{label} unpacks to more than it declares ({_short(info.filename)}).")
            out.write(chunk)


def read_member(archive: zipfile.ZipFile, name: str, label: str, cap: int) -> bytes:
    """One small entry (``metadata.json``), read only if its declared and actual sizes fit ``cap``."""
    info = archive.getinfo(name)
    if info.file_size > cap:
        size, limit = info.file_size // 1024, cap // 1024
        raise ModelError(f"{label}: {_short(name)} is too large ({size} KB; the limit is {limit} KB).")
    try:
        with archive.open(info) as source:
            data = source.read(cap + 1)
    except (*_DAMAGE, OSError) as error:
        raise ModelError(f"{label} is damaged ({_reason(error)}); it was not installed.") from error
    if len(data) > cap:
        raise ModelError(f"{label}: {_short(name)} is too large.")
    return data


def _reason(error: BaseException) -> str:
    if isinstance(error, RuntimeError) and "encrypted" in str(error).lower():
        return "an encrypted file"
    if isinstance(error, NotImplementedError):
        return "an unsupported compression method"
    if isinstance(error, zipfile.BadZipFile) and "crc" in str(error).lower():
        return "a file failed its checksum"
    return "its compressed data is broken"


def _short(name: str) -> str:
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    return printable if len(printable) <= 60 else printable[:59] + "…"
