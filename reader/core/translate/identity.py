"""What identifies a translation package: its version (compared as a version) and its content.

The index has published two different models under one version string, so a version is not enough
to key cached translations: ``content_hash`` hashes the files that decide the output (the model
directory and the tokenizer files). It is recorded in the package folder the first time the package
is read (at install, or once for packages installed before Reader recorded it), together with each
file's size and modification time, so a model replaced in place is hashed again instead of serving
translations made by the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from packaging.version import InvalidVersion, Version

HASH_FILE = ".reader-content.json"
_TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_CHUNK = 1024 * 1024


def version_key(text: str) -> tuple[Version, str]:
    """A sort key comparing package versions as versions: "1.9" < "1.10", "1.9" == "1.9.0".

    A string that is not a version (never seen in the index) sorts below every real version, by text.
    """
    try:
        return Version(text), ""
    except InvalidVersion:
        return Version("0"), text


def same_version(a: str, b: str) -> bool:
    """True when two version strings name the same version ("1.9" and "1.9.0")."""
    return version_key(a) == version_key(b)


def _model_files(package_dir: Path) -> list[Path]:
    files = [package_dir / name for name in _TOKENIZER_FILES if (package_dir / name).is_file()]
    model_dir = package_dir / "model"
    if model_dir.is_dir():
        files.extend(sorted(p for p in model_dir.rglob("*") if p.is_file()))
    return files


def _stamp(package_dir: Path, files: list[Path]) -> dict[str, list[int]]:
    stamps = {}
    for path in files:
        stat = path.stat()
        stamps[path.relative_to(package_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return stamps


def compute_content_hash(package_dir: Path) -> str:
    """sha256 over the relative names and bytes of the model and tokenizer files, as ``sha256:<hex>``."""
    digest = hashlib.sha256()
    for path in _model_files(package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return f"sha256:{digest.hexdigest()}"


def content_hash(package_dir: Path) -> str:
    """The package's recorded content hash; computed (and recorded) when missing or out of date."""
    files = _model_files(package_dir)
    stamps = _stamp(package_dir, files)
    record = package_dir / HASH_FILE
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
        if isinstance(saved, dict) and saved.get("files") == stamps and isinstance(saved.get("sha256"), str):
            return str(saved["sha256"])
    except (OSError, ValueError):
        pass
    value = compute_content_hash(package_dir)
    partial = record.with_name(f"{HASH_FILE}.part")
    try:
        partial.write_text(json.dumps({"sha256": value, "files": stamps}), encoding="utf-8")
        os.replace(partial, record)
    except OSError:
        pass  # a read-only package dir: the hash is recomputed next time, still correct
    return value
