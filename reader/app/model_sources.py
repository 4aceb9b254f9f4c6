"""The model operations and what the model manager lists, over the two model managers (no widgets).

``TranslationModels`` (Argos packages) and ``NerModels`` (spaCy pipelines) give the dialog the same
interface, so one tab widget serves both. The operation factories at the end (one per user action: list,
refresh, download, install a file, remove) run them on the I/O pool; the dialog adds what it shows.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.app.operations import Operations, QueryOp
from reader.app.runner import TaskHandle
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.display import MB, download_size, file_size, language_name, pair_label, time_ago

PIVOT = "en"  # the engine pivots through English when no direct package exists


# -- pure helpers (no Qt) -------------------------------------------------------------------------------
def age_text(seconds: float | None) -> str:
    """How old the cached package index is, for the label next to Refresh."""
    if seconds is None:
        return "index not downloaded yet"
    return f"index from {time_ago(seconds)}"


def _attr(obj: object, *names: str, default: Any = None) -> Any:
    """First present attribute: the managers' records are read by duck typing, not imported types."""
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return default


def describe_package(pkg: object) -> str:
    """'German → English (about 100 MB)' for an available translation package."""
    label = pair_label(str(_attr(pkg, "from_code")), str(_attr(pkg, "to_code")))
    return f"{label} ({download_size(_attr(pkg, 'size_bytes', 'size'))})"


PackageInFile = tuple[tuple[str, str], str] | None  # ((from, to), version) of a package file


@dataclass(frozen=True)
class Row:
    """One line of a list: ``key`` is handed back to the adapter (a package record or a model name)."""

    key: object
    label: str
    version: str
    size: str
    search: str
    installed: bool = False
    pair: tuple[str, str] | None = None


# -- adapters over the two managers (called on worker threads) ------------------------------------------
class TranslationModels:
    """Argos translation packages through ``reader.core.translate.packages.PackageManager``."""

    title = "Translation"
    file_filter = "Argos Translate packages (*.argosmodel)"
    uses_index = True

    def __init__(self, packages: Any) -> None:
        self.packages = packages

    def installed(self) -> list[Row]:
        rows = []
        for pkg in self.packages.installed():
            src, tgt = str(pkg.from_code), str(pkg.to_code)
            label = pair_label(src, tgt)
            version = str(_attr(pkg, "version", default=""))
            size = file_size(_attr(pkg, "size_bytes"))
            rows.append(Row(pkg, label, version, size, f"{label} {src} {tgt}", True, (src, tgt)))
        return sorted(rows, key=lambda r: r.label)

    def available(self, refresh: bool, progress: ProgressCallback, cancel: CancelToken) -> list[Row]:
        have = {(str(p.from_code), str(p.to_code)) for p in self.packages.installed()}
        rows = []
        for pkg in self.packages.available(refresh=refresh, cancel=cancel, progress=progress):
            src, tgt = str(pkg.from_code), str(pkg.to_code)
            label = pair_label(src, tgt)
            names = f"{_attr(pkg, 'from_name', default='')} {_attr(pkg, 'to_name', default='')}"
            version = str(_attr(pkg, "package_version", "version", default=""))
            size = download_size(_attr(pkg, "size_bytes", "size"))
            search = f"{label} {names} {src} {tgt}"
            rows.append(Row(pkg, label, version, size, search, (src, tgt) in have, (src, tgt)))
        return sorted(rows, key=lambda r: r.label)

    def index_age(self) -> float | None:
        age = self.packages.index_age()
        return None if age is None else float(age)

    def download(self, key: object, progress: ProgressCallback, cancel: CancelToken) -> str:
        pkg = self.packages.download_and_install(key, progress=progress, cancel=cancel)
        return pair_label(str(pkg.from_code), str(pkg.to_code))

    def install_file(self, path: Path) -> str:
        pkg = self.packages.install_file(path)
        return pair_label(str(pkg.from_code), str(pkg.to_code))

    @staticmethod
    def peek_file(path: Path) -> PackageInFile:
        """The pair and version a package file would install (from its metadata.json), or None when the
        file cannot be read that way (the install then says what is wrong)."""
        try:
            with zipfile.ZipFile(path) as archive:
                name = next((n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "metadata.json"), None)
                if name is None or archive.getinfo(name).file_size > 1_000_000:
                    return None
                meta = json.loads(archive.read(name))
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
        if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
            return None
        return (str(meta["from_code"]), str(meta["to_code"])), str(meta.get("package_version") or "0")

    def remove(self, key: object) -> None:
        name = _attr(key, "package_id") or f"{_attr(key, 'from_code')}-{_attr(key, 'to_code')}"
        self.packages.remove(str(name))


class NerModels:
    """spaCy pipelines through ``reader.core.annotate.ner_models.NerModelManager``."""

    title = "Entity recognition"
    file_filter = "spaCy model packages (*.whl *.zip *.tar.gz)"
    uses_index = False  # the catalogue ships with Reader; versions are resolved at download time

    def __init__(self, models: Any) -> None:
        self.models = models

    @staticmethod
    def _languages(record: object) -> str:
        langs = _attr(record, "languages", "lang", default=())
        codes = [langs] if isinstance(langs, str) else list(langs)
        return ", ".join("any language" if code == "xx" else language_name(code) for code in codes)

    def installed(self) -> list[Row]:
        rows = []
        for model in self.models.installed():
            name = str(model.name)
            langs = self._languages(model)
            label = f"{name} ({langs})" if langs else name
            version = str(_attr(model, "version", default=""))
            rows.append(Row(name, label, version, file_size(_attr(model, "size_bytes", "size")), label, True))
        return sorted(rows, key=lambda r: r.label)

    def available(self, refresh: bool, progress: ProgressCallback, cancel: CancelToken) -> list[Row]:
        have = {str(model.name) for model in self.models.installed()}
        rows = []
        for info in self.models.catalog():
            name = str(info.name)
            langs = self._languages(info)
            label = f"{name} ({langs})" if langs else name
            size_mb = _attr(info, "size_mb")
            size = download_size(_attr(info, "size_bytes", default=size_mb * MB if size_mb else None))
            version = str(_attr(info, "version", default=""))
            search = f"{label} {_attr(info, 'description', default='')}"
            rows.append(Row(name, label, version, size, search, name in have))
        return sorted(rows, key=lambda r: r.label)

    def index_age(self) -> float | None:
        return None

    def download(self, key: object, progress: ProgressCallback, cancel: CancelToken) -> str:
        model = self.models.download_and_install(str(key), progress=progress, cancel=cancel)
        return str(_attr(model, "name", default=key))

    def install_file(self, path: Path) -> str:
        return str(_attr(self.models.install_file(path), "name", default=path.name))

    def remove(self, key: object) -> None:
        self.models.remove(str(key))


# -- operations, one per user action --------------------------------------------------------------------
Backend = TranslationModels | NerModels
Listing = tuple[list[Row], float | None]  # rows and the age of the index they came from


def list_installed(ops: Operations, backend: Backend) -> QueryOp[list[Row]]:
    return QueryOp(ops, lambda _h: backend.installed())


def list_available(ops: Operations, backend: Backend, *, refresh: bool) -> QueryOp[Listing]:
    """The available models: the cached index, or (``refresh``) a fresh one from the network."""

    def work(handle: TaskHandle) -> Listing:
        rows = backend.available(refresh, handle.report, handle.cancel_token)
        return rows, backend.index_age()

    return QueryOp(ops, work)


def download(ops: Operations, backend: Backend, key: object) -> QueryOp[str]:
    """Download and install; the result is the installed model's label (progress and cancel on the handle)."""
    return QueryOp(ops, lambda handle: backend.download(key, handle.report, handle.cancel_token))


def install_file(ops: Operations, backend: Backend, path: Path) -> QueryOp[str]:
    return QueryOp(ops, lambda _h: backend.install_file(path))


def package_in_file(ops: Operations, backend: Backend, path: Path) -> QueryOp[PackageInFile]:
    """The pair and version a file would install, looked at before installing (None: cannot tell)."""
    peek = getattr(backend, "peek_file", None)
    return QueryOp(ops, lambda _h: peek(path) if peek is not None else None)


def remove(ops: Operations, backend: Backend, key: object) -> QueryOp[None]:
    return QueryOp(ops, lambda _h: backend.remove(key))
