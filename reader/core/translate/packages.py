"""Argos Translate packages: list, look up the public index, download, install, remove.

Packages live in Reader's own directory (``paths.argos_packages_dir()``), one folder per pair named by
its argospm id (``translate-de_en``). Metadata is read with ``argostranslate.package`` (imported with
its settings confined to Reader's dirs, see ``_argos``); downloading and installing are done here,
because argos's own versions have no progress, cancel, timeout, checksum or atomicity. Installing
extracts into a hidden temp dir beside the packages and renames it into place, so a failed or
cancelled install leaves nothing half-installed. The network is touched only by ``available(refresh=True)``
and ``download_and_install``.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from reader.core import archive, downloads, http, paths, staging
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import ModelError
from reader.core.translate import _argos

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_URL_ENV = "READER_ARGOS_INDEX_URL"
PIVOT_LANGUAGE = "en"
MAX_INDEX_BYTES = 20 * 1024 * 1024
MAX_PACKAGE_BYTES = 2 * 1024 * 1024 * 1024
MAX_METADATA_BYTES = 1024 * 1024  # real ones are under 2 KB; argos reads the whole file on every listing
INDEX_DEADLINE = 120.0  # seconds for the whole index download, retries included
PACKAGE_DEADLINE = 3 * 3600.0  # a 2 GB package at 200 KB/s; the low-speed limit catches stalls first
SIZE_PROBE_DEADLINE = 15.0  # HEAD requests for the download sizes, all together
_TMP_PREFIX = ".reader-tmp-"
_STALE_PREFIXES = (_TMP_PREFIX,)


@dataclass(frozen=True, slots=True)
class InstalledPackage:
    """A translation package on disk."""

    package_id: str  # argospm name, e.g. "translate-de_en"
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    size_bytes: int
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"


@dataclass(frozen=True, slots=True)
class AvailablePackage:
    """A package listed in the Argos index."""

    package_id: str
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    links: tuple[str, ...]
    checksum: str | None = None  # "sha256:<hex>" (or md5/sha1), when the index gives one
    size_bytes: int | None = None
    description: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"


def _package_id(from_code: str, to_code: str) -> str:
    return f"translate-{from_code}_{to_code}"


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class PackageManager:
    """Installed and available Argos translation packages in one directory.

    Args:
        packages_dir: where packages are installed (default: Reader's data dir).
        index_url: the Argos index (default: ``$READER_ARGOS_INDEX_URL`` or argos's public index).
        cache_dir: where the downloaded index is kept (default: Reader's cache dir).
        timeout: seconds to connect, and the low-speed window: a download that receives less than
            1 KiB in this many seconds gives up (and is tried again). Each download also has a total
            deadline (``INDEX_DEADLINE``, ``PACKAGE_DEADLINE``).
    """

    def __init__(
        self,
        packages_dir: Path | None = None,
        *,
        index_url: str | None = None,
        cache_dir: Path | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.packages_dir = packages_dir or paths.argos_packages_dir()
        self.index_url = index_url or os.environ.get(INDEX_URL_ENV) or DEFAULT_INDEX_URL
        self._index_path = (cache_dir or paths.cache_dir()) / "argos-index.json"
        self._sizes_path = self._index_path.with_name("argos-sizes.json")
        self.timeout = timeout

    def _limits(self, what: str, max_bytes: int, deadline: float) -> http.Limits:
        """A download's bounds: a total deadline, and a low-speed limit over ``timeout`` seconds."""
        return http.Limits(
            what=what, max_bytes=max_bytes, total_timeout=deadline, connect_timeout=self.timeout,
            stall_timeout=self.timeout,
        )  # fmt: skip

    # -- installed ---------------------------------------------------------------------------
    def installed(self) -> list[InstalledPackage]:
        """Packages installed now, sorted by pair (reads the disk every call; never the network)."""
        if not self.packages_dir.is_dir():
            return []
        found = []
        for child in sorted(self.packages_dir.iterdir()):
            if child.name.startswith(".") or not child.is_dir():
                continue
            package = self._read_installed(child)
            if package is not None:
                found.append(package)
        return sorted(found, key=lambda p: (p.from_code, p.to_code, p.version))

    def _read_installed(self, path: Path) -> InstalledPackage | None:
        argos_package = _argos.import_argos("argostranslate.package")
        try:
            if (path / "metadata.json").stat().st_size > MAX_METADATA_BYTES:
                return None  # argos would read it whole on every listing
            meta = argos_package.Package(path)
        except (OSError, ValueError):
            return None  # not a package (or a broken one): not listed, not used
        codes = (meta.from_code, meta.to_code)
        if meta.type != "translate" or not all(isinstance(code, str) and code for code in codes):
            return None
        return InstalledPackage(
            package_id=argos_package.argospm_package_name(meta),
            from_code=meta.from_code,
            to_code=meta.to_code,
            from_name=str(meta.from_name or meta.from_code),
            to_name=str(meta.to_name or meta.to_code),
            version=str(meta.package_version or "0"),
            size_bytes=_dir_size(path),
            path=path,
        )

    def find_path(self, source: str, target: str) -> list[InstalledPackage] | None:
        """Packages that translate source→target: direct, else a pivot through English (or another
        installed language), as argos does. ``[]`` when source == target, None when impossible."""
        if source == target:
            return []
        by_pair = {(p.from_code, p.to_code): p for p in self.installed()}
        direct = by_pair.get((source, target))
        if direct is not None:
            return [direct]
        middles = sorted({to for (src, to) in by_pair if src == source}, key=lambda c: c != PIVOT_LANGUAGE)
        for middle in middles:
            second = by_pair.get((middle, target))
            if second is not None:
                return [by_pair[(source, middle)], second]
        return None

    # -- index -------------------------------------------------------------------------------
    def available(
        self,
        *,
        refresh: bool = False,
        cancel: CancelToken | None = None,
        progress: ProgressCallback | None = None,
    ) -> list[AvailablePackage]:
        """Packages in the Argos index. Reads the cached copy; ``refresh=True`` downloads it first
        (the only way this touches the network) and asks the servers for each package's size with HEAD
        requests (the index has none), kept beside it. Empty when there is no cached copy yet."""
        if refresh:
            cache = self._index_path.parent
            staging.remove_stale(cache, _STALE_PREFIXES)
            with staging.staging_dir(cache, _TMP_PREFIX) as tmp:
                part = tmp / "index.json"
                limits = self._limits("the package index", MAX_INDEX_BYTES, INDEX_DEADLINE)
                downloads.download([self.index_url], part, limits, progress=progress, cancel=cancel)
                entries = self._parse_index(part.read_bytes())
                os.replace(part, self._index_path)
            self._probe_sizes(entries, cancel)
            return self._with_sizes(entries)
        try:
            return self._with_sizes(self._parse_index(self._index_path.read_bytes()))
        except (OSError, ModelError):
            return []

    # -- download sizes (the index has none) -------------------------------------------------------
    def download_size(self, package: AvailablePackage, *, cancel: CancelToken | None = None) -> int | None:
        """The package's size from the server (a HEAD request's Content-Length), None if unknown."""
        timeout = min(self.timeout, SIZE_PROBE_DEADLINE)
        return downloads.first_size(package.links, timeout=timeout, cancel=cancel)

    def _probe_sizes(self, entries: list[AvailablePackage], cancel: CancelToken | None) -> None:
        """Ask the servers for every package's size and remember them, so the dialog and the
        missing-model banner can say "about 100 MB" without going online again."""
        wanted = [entry.links for entry in entries if entry.size_bytes is None and entry.links]
        timeout = min(self.timeout, SIZE_PROBE_DEADLINE)
        sizes = downloads.probe_sizes(wanted, timeout=timeout, deadline=SIZE_PROBE_DEADLINE, cancel=cancel)
        try:
            self._sizes_path.write_text(json.dumps(sizes), "utf-8")
        except OSError:
            pass  # sizes are a convenience; the index itself is saved

    def _with_sizes(self, entries: list[AvailablePackage]) -> list[AvailablePackage]:
        try:
            data = self._sizes_path.read_bytes()
            sizes = json.loads(data) if len(data) < MAX_INDEX_BYTES else {}
        except (OSError, ValueError, RecursionError):
            return entries
        if not isinstance(sizes, dict):
            return entries
        result = []
        for entry in entries:
            size = sizes.get(entry.links[0]) if entry.links and entry.size_bytes is None else None
            ok = isinstance(size, int) and 0 < size <= MAX_PACKAGE_BYTES
            result.append(replace(entry, size_bytes=size) if ok else entry)
        return result

    def index_age(self) -> float | None:
        """Seconds since the cached index was downloaded, None if there is none."""
        try:
            return max(0.0, time.time() - self._index_path.stat().st_mtime)
        except OSError:
            return None

    @staticmethod
    def _parse_index(data: bytes) -> list[AvailablePackage]:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
            raise ModelError("The package index is not valid JSON; try again later.") from error
        if not isinstance(raw, list):
            raise ModelError("The package index has an unexpected format.")
        packages = []
        for entry in raw:
            package = _parse_entry(entry)
            if package is not None:
                packages.append(package)
        return sorted(packages, key=lambda p: (p.from_name, p.to_name, p.version))

    # -- install / remove --------------------------------------------------------------------
    def download_and_install(
        self,
        package: AvailablePackage,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> InstalledPackage:
        """Download (byte progress, cancel, timeout), verify and install a package atomically."""
        if not package.links:
            raise ModelError(f"The index gives no download link for {package.from_name} → {package.to_name}.")
        staging.remove_stale(self.packages_dir, _STALE_PREFIXES)
        with staging.staging_dir(self.packages_dir, _TMP_PREFIX) as tmp:
            part = tmp / f"{package.package_id}.argosmodel"
            what = f"the {package.from_name} → {package.to_name} package"
            downloads.download(
                list(package.links), part, self._limits(what, MAX_PACKAGE_BYTES, PACKAGE_DEADLINE),
                progress=progress, cancel=cancel,
                checksum=downloads.Checksum.parse(package.checksum) if package.checksum else None,
            )  # fmt: skip
            if cancel is not None:
                cancel.raise_if_cancelled()
            return self.install_file(part)

    def install_file(self, path: Path) -> InstalledPackage:
        """Install a local ``.argosmodel``; replaces an installed package for the same pair."""
        path = Path(path)
        if not path.exists():
            raise ModelError(f"No such package file: {path}.")
        self.packages_dir.mkdir(parents=True, exist_ok=True)
        staging.remove_stale(self.packages_dir, _STALE_PREFIXES)
        with (
            archive.open_zip(path, path.name, "an Argos package") as zipped,
            staging.staging_dir(self.packages_dir, _TMP_PREFIX) as tmp,
        ):
            archive.check_entries(zipped, path.name, _PACKAGE_CAPS)  # before reading any entry
            root, metadata = _check_archive(zipped, path.name)
            unpacked = tmp / "unpacked"
            members = [(info, info.filename) for info in zipped.infolist()]
            archive.extract(zipped, members, unpacked, path.name, _PACKAGE_CAPS)
            extracted = unpacked / root if root else unpacked
            package_id = _package_id(metadata["from_code"], metadata["to_code"])
            staged = tmp / f"{_TMP_PREFIX}staged"
            if root:
                os.replace(extracted, staged)
            else:
                _move_contents(extracted, staged)
            if self._read_installed(staged) is None:
                raise ModelError(f"{path.name} does not contain a usable translation package.")
            final = self.packages_dir / package_id
            if final.exists():
                os.replace(final, tmp / f"{_TMP_PREFIX}old")  # removed with the temp dir
            os.replace(staged, final)
        installed = self._read_installed(final)
        assert installed is not None
        return installed

    def remove(self, name: str) -> None:
        """Remove an installed package named ``de-en``, ``de→en``, ``de_en`` or ``translate-de_en``."""
        wanted = name.strip().lower().replace("→", "-").replace("_", "-").removeprefix("translate-")
        for package in self.installed():
            if wanted in (f"{package.from_code}-{package.to_code}", package.path.name.lower()):
                trash = package.path.with_name(f"{_TMP_PREFIX}remove-{package.path.name}")
                os.replace(package.path, trash)
                shutil.rmtree(trash, ignore_errors=True)
                return
        raise ModelError(f"No installed package is named '{name}' (see `reader models list`).")


def _move_contents(source: Path, dest: Path) -> None:
    dest.mkdir()
    for child in list(source.iterdir()):
        if child != dest and not child.name.startswith(_TMP_PREFIX):
            os.replace(child, dest / child.name)


_PACKAGE_CAPS = archive.Caps(total=MAX_PACKAGE_BYTES, entry=MAX_PACKAGE_BYTES)


def _check_archive(archive_: zipfile.ZipFile, label: str) -> tuple[str, dict[str, Any]]:
    """Reject unsafe or incomplete archives; return (top folder or "", metadata)."""
    names = []
    total = 0
    for info in archive_.infolist():
        name = info.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
            raise ModelError(f"{label} contains an unsafe path ({name}); it was not installed.")
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ModelError(f"{label} contains a symbolic link ({name}); it was not installed.")
        total += info.file_size
        names.append(pure.as_posix())
    if total > MAX_PACKAGE_BYTES:
        raise ModelError(f"{label} is too large to be a translation package.")
    if "metadata.json" in names:
        root = ""
    else:
        tops = {n.split("/", 1)[0] for n in names}
        root = tops.pop() if len(tops) == 1 else ""
    if f"{root}/metadata.json".lstrip("/") not in names:
        raise ModelError(f"{label} has no metadata.json; it is not an Argos package.")
    data = archive.read_member(archive_, f"{root}/metadata.json".lstrip("/"), label, MAX_METADATA_BYTES)
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ModelError(f"{label} has an unreadable metadata.json.") from error
    if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
        raise ModelError(f"{label}: metadata.json does not name the languages it translates.")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{label} is not a translation package.")
    prefix = f"{root}/" if root else ""
    if f"{prefix}model/model.bin" not in names:
        raise ModelError(f"{label} has no translation model (model/model.bin).")
    if not {f"{prefix}sentencepiece.model", f"{prefix}bpe.model"} & set(names):
        raise ModelError(f"{label} has no tokenizer (sentencepiece.model or bpe.model).")
    for key in ("from_code", "to_code"):
        code = metadata[key]
        if not isinstance(code, str):
            raise ModelError(f"{label}: metadata.json has a {key} that is not text.")
        if not code.replace("-", "").isalnum() or len(code) > 12:
            raise ModelError(f"{label}: metadata.json has an invalid language code '{code}'.")
    return root, metadata


def _parse_entry(entry: object) -> AvailablePackage | None:
    if not isinstance(entry, dict) or entry.get("type", "translate") != "translate":
        return None
    from_code, to_code = entry.get("from_code"), entry.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        return None
    links = entry.get("links") or []
    links = tuple(
        link for link in links if isinstance(link, str) and link.startswith(("http://", "https://"))
    )
    checksum = None
    for key in ("checksum", "sha256", "sha256sum", "md5"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            checksum = value if ":" in value or key == "checksum" else f"{key.removesuffix('sum')}:{value}"
            break
    size = entry.get("size") or entry.get("size_bytes")
    return AvailablePackage(
        package_id=_package_id(from_code, to_code),
        from_code=from_code,
        to_code=to_code,
        from_name=str(entry.get("from_name") or from_code),
        to_name=str(entry.get("to_name") or to_code),
        version=str(entry.get("package_version") or "0"),
        links=links,
        checksum=checksum,
        size_bytes=int(size) if isinstance(size, int | float) and math.isfinite(size) and size > 0 else None,
        description=str(entry.get("description") or ""),
    )
