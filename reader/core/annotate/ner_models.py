"""spaCy entity models: a catalog, download from the official releases, atomic install, list, remove.

An official model package is a wheel (a zip) laid out as ``<name>/<name>-<version>/config.cfg …`` plus
``<name>-<version>.dist-info/``. Reader does not pip-install it: it extracts the inner pipeline directory
(the one holding ``config.cfg``) to ``spacy_models_dir()/<name>`` and loads it with ``spacy.load(path)``.
The version to fetch is the one spaCy's ``compatibility.json`` lists for the installed spaCy (cached in
the cache dir, with a built-in fallback table). Nothing here touches the network except
``download_and_install`` and ``compatible_version(refresh=True)``.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from reader.core import archive, downloads, http, paths, staging
from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.errors import FetchError, ModelError
from reader.core.files import user_path

DEFAULT_BASE_URL = "https://github.com/explosion/spacy-models/releases/download"
COMPATIBILITY_URL = "https://raw.githubusercontent.com/explosion/spacy-models/master/compatibility.json"
MAX_MODEL_BYTES = 1024 * 1024 * 1024
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024  # the largest official pipelines unpack to ~600 MB
MAX_COMPATIBILITY_BYTES = 16 * 1024 * 1024
MAX_META_BYTES = 4 * 1024 * 1024  # official meta.json files are 2-30 KB
COMPATIBILITY_DEADLINE = 120.0
MODEL_DEADLINE = 3 * 3600.0
MULTILINGUAL = "xx"
_STALE_PREFIXES = (".install-", ".download-", ".removing-", ".compatibility-")
_WHEEL_CAPS = archive.Caps(total=MAX_UNPACKED_BYTES, entry=MAX_UNPACKED_BYTES)


@dataclass(frozen=True, slots=True)
class NerModelInfo:
    """A model Reader knows how to fetch: package name, languages it serves, approximate download size."""

    name: str
    languages: tuple[str, ...]
    size_mb: int
    description: str


@dataclass(frozen=True, slots=True)
class InstalledNerModel:
    name: str
    lang: str
    version: str
    path: Path  # the pipeline directory (holds config.cfg)
    size_bytes: int
    labels: tuple[str, ...] = ()


CATALOG: tuple[NerModelInfo, ...] = (
    NerModelInfo("de_core_news_sm", ("de",), 13, "German, small (WikiNER: PER ORG LOC MISC)"),
    NerModelInfo("en_core_web_sm", ("en",), 12, "English, small (OntoNotes: 18 types)"),
    NerModelInfo("fr_core_news_sm", ("fr",), 15, "French, small (WikiNER)"),
    NerModelInfo("es_core_news_sm", ("es",), 13, "Spanish, small (WikiNER)"),
    NerModelInfo("it_core_news_sm", ("it",), 13, "Italian, small (WikiNER)"),
    NerModelInfo("nl_core_news_sm", ("nl",), 13, "Dutch, small"),
    NerModelInfo("pt_core_news_sm", ("pt",), 13, "Portuguese, small (WikiNER)"),
    NerModelInfo("pl_core_news_sm", ("pl",), 20, "Polish, small"),
    NerModelInfo("ru_core_news_sm", ("ru",), 15, "Russian, small"),
    NerModelInfo("uk_core_news_sm", ("uk",), 14, "Ukrainian, small"),
    NerModelInfo("de_core_news_md", ("de",), 42, "German, medium (word vectors)"),
    NerModelInfo("en_core_web_md", ("en",), 40, "English, medium (word vectors)"),
    NerModelInfo(MULTILINGUAL + "_ent_wiki_sm", (MULTILINGUAL,), 11, "Any language, entities only (WikiNER)"),
)
# Used when compatibility.json cannot be fetched: spaCy minor version -> model version.
FALLBACK_VERSIONS: dict[str, str] = {"3.8": "3.8.0", "3.7": "3.7.0", "3.6": "3.6.0", "3.5": "3.5.0"}


def spacy_minor_version() -> str:
    """The installed spaCy's "major.minor" (read from package metadata, without importing spaCy)."""
    try:
        version = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        return "3.8"
    return ".".join(version.split(".")[:2])


class NerModelManager:
    """Installed spaCy models in ``models_dir`` (default ``paths.spacy_models_dir()``).

    Args:
        models_dir: where pipelines are installed, one folder per package name.
        base_url: release download base (env ``READER_SPACY_MODELS_URL`` overrides the official one);
            a wheel is fetched from ``<base>/<name>-<version>/<name>-<version>-py3-none-any.whl``.
        compatibility_url: spaCy's compatibility table; defaults to ``<base>/compatibility.json`` when a
            base URL is given, else the official address.
        timeout: seconds to connect, and the low-speed window: a download that receives less than
            1 KiB in this many seconds gives up. Each download also has a total deadline.
    """

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        base_url: str | None = None,
        compatibility_url: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.models_dir = models_dir or paths.spacy_models_dir()
        base = base_url or os.environ.get("READER_SPACY_MODELS_URL")
        self.base_url = (base or DEFAULT_BASE_URL).rstrip("/")
        self.compatibility_url = compatibility_url or (
            f"{self.base_url}/compatibility.json" if base else COMPATIBILITY_URL
        )
        self.timeout = timeout

    def _limits(self, what: str, max_bytes: int, deadline: float) -> http.Limits:
        """A download's bounds: a total deadline, and a low-speed limit over ``timeout`` seconds."""
        return http.Limits(
            what=what, max_bytes=max_bytes, total_timeout=deadline, connect_timeout=self.timeout,
            stall_timeout=self.timeout,
        )  # fmt: skip

    # -- catalog and versions ----------------------------------------------------------------------------
    def catalog(self) -> list[NerModelInfo]:
        return list(CATALOG)

    def info(self, name: str) -> NerModelInfo | None:
        return next((m for m in CATALOG if m.name == name), None)

    def _compatibility_cache(self) -> Path:
        return paths.cache_dir() / f"spacy-compatibility-{spacy_minor_version()}.json"

    def compatible_version(self, name: str, *, refresh: bool = False) -> str:
        """The model version for the installed spaCy: cached table, then (if ``refresh``) the network,
        then the fallback table."""
        cache = self._compatibility_cache()
        table: dict[str, list[str]] = {}
        if cache.is_file():
            try:
                loaded = json.loads(cache.read_text("utf-8"))
            except (OSError, ValueError, RecursionError):
                loaded = {}
            table = loaded if isinstance(loaded, dict) else {}
        if refresh or name not in table:
            fetched = self._fetch_compatibility()
            if fetched is not None:
                table = fetched
        versions = table.get(name)
        if isinstance(versions, list) and versions and isinstance(versions[0], str):
            return versions[0]
        fallback = FALLBACK_VERSIONS.get(spacy_minor_version())
        if fallback is None:
            raise ModelError(f"No version of {name} is known to work with this spaCy.")
        return fallback

    def _fetch_compatibility(self) -> dict[str, list[str]] | None:
        cache = self._compatibility_cache()
        staging.remove_stale(cache.parent, (".compatibility-",))
        with staging.staging_dir(cache.parent, ".compatibility-") as tmp:
            part = tmp / "compatibility.json"
            try:
                downloads.download(
                    [self.compatibility_url],
                    part,
                    self._limits("the spaCy model index", MAX_COMPATIBILITY_BYTES, COMPATIBILITY_DEADLINE),
                )
                data = json.loads(part.read_text("utf-8"))
                table = data["spacy"][spacy_minor_version()]
            except (FetchError, ValueError, KeyError, TypeError, RecursionError):
                return None
            if not isinstance(table, dict):
                return None
            cache.write_text(json.dumps(table), "utf-8")
        return dict(table)

    def wheel_url(self, name: str, version: str) -> str:
        return f"{self.base_url}/{name}-{version}/{name}-{version}-py3-none-any.whl"

    # -- installed models ----------------------------------------------------------------------------------
    def installed(self) -> list[InstalledNerModel]:
        if not self.models_dir.is_dir():
            return []
        models = [self._read(path) for path in sorted(self.models_dir.iterdir()) if path.is_dir()]
        return [m for m in models if m is not None]

    def _read(self, path: Path) -> InstalledNerModel | None:
        if path.name.startswith(".") or not (path / "config.cfg").is_file():
            return None
        meta = _read_meta(path / "meta.json")
        labels = meta.get("labels", {}).get("ner", []) if isinstance(meta.get("labels"), dict) else []
        labels = [str(label) for label in labels] if isinstance(labels, list) else []
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        lang = str(meta.get("lang") or path.name.split("_", 1)[0])
        return InstalledNerModel(path.name, lang, str(meta.get("version", "")), path, size, tuple(labels))

    def model_for(self, lang: str) -> InstalledNerModel | None:
        """The installed model for ``lang`` (largest of that language), else a multilingual one, else None."""
        code = lang.split("-")[0].split("_")[0].lower()
        models = self.installed()
        own = [m for m in models if m.lang == code]
        if own:
            return max(own, key=lambda m: m.size_bytes)
        multi = [m for m in models if m.lang == MULTILINGUAL]
        return multi[0] if multi else None

    # -- install / remove ----------------------------------------------------------------------------------
    def download_and_install(
        self, name: str, *, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
    ) -> InstalledNerModel:
        """Download the compatible wheel of ``name`` (byte progress, cancel, timeout) and install it."""
        if self.info(name) is None and not name.replace("_", "").isalnum():
            raise ModelError(f"'{name}' is not a spaCy model name.")
        version = self.compatible_version(name)
        staging.remove_stale(self.models_dir, _STALE_PREFIXES)
        with staging.staging_dir(self.models_dir, ".download-") as tmp:
            wheel = tmp / f"{name}-{version}-py3-none-any.whl"
            downloads.download(
                [self.wheel_url(name, version)],
                wheel,
                self._limits(f"the model {name}", MAX_MODEL_BYTES, MODEL_DEADLINE),
                progress=progress,
                cancel=cancel,
            )
            if cancel is not None:
                cancel.raise_if_cancelled()
            return self.install_file(wheel)

    def install_file(self, path: Path) -> InstalledNerModel:
        """Install a model wheel from disk: verify it, extract its pipeline dir, swap it in atomically."""
        self.models_dir.mkdir(parents=True, exist_ok=True)
        staging.remove_stale(self.models_dir, _STALE_PREFIXES)
        with archive.open_zip(path, path.name, "a spaCy model package (expected a .whl file)") as zipped:
            archive.check_entries(zipped, path.name, _WHEEL_CAPS)
            name, inner = _pipeline_dir(zipped, path.name)
            with staging.staging_dir(self.models_dir, ".install-") as tmp:
                staged = tmp / name
                prefix = f"{inner}/"
                members = [
                    (member, member.filename[len(prefix) :])
                    for member in zipped.infolist()
                    if member.filename.startswith(prefix) and not member.is_dir()
                ]
                staged.mkdir()
                archive.extract(zipped, members, staged, path.name, _WHEEL_CAPS)
                dest = self.models_dir / name
                old = tmp / "previous"
                if dest.exists():
                    dest.rename(old)
                staged.rename(dest)
        model = self._read(dest)
        if model is None:
            raise ModelError(f"{path.name} did not install a usable model.")
        return model

    def remove(self, name: str) -> None:
        dest = self.models_dir / name
        if "/" in name or name.startswith(".") or not (dest / "config.cfg").is_file():
            raise ModelError(f"No entity model named '{name}' is installed.")
        staging.remove_stale(self.models_dir, _STALE_PREFIXES)
        trash = self.models_dir / f".removing-{name}"
        shutil.rmtree(trash, ignore_errors=True)
        dest.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)


def _read_meta(path: Path) -> dict[str, Any]:
    """A pipeline's meta.json as a dict; {} when missing, unreadable, odd or oversized (it is read on
    every listing, so a hostile 400 MB one must not be)."""
    try:
        if path.stat().st_size > MAX_META_BYTES:
            return {}
        meta = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _pipeline_dir(archive: zipfile.ZipFile, label: str) -> tuple[str, str]:
    """(package name, archive path of the pipeline dir) of a model wheel; refuses unsafe or odd archives."""
    candidates = []
    for member in archive.namelist():
        pure = PurePosixPath(member)
        if pure.is_absolute() or ".." in pure.parts or "\\" in member:
            raise ModelError(f"{label} contains unsafe paths; not installed.")
        parts = pure.parts
        if len(parts) == 3 and parts[2] == "config.cfg" and parts[1].startswith(f"{parts[0]}-"):
            candidates.append((parts[0], f"{parts[0]}/{parts[1]}"))
    if len(candidates) != 1:
        raise ModelError(f"{label} is not a spaCy model package (no <name>/<name>-<version>/config.cfg).")
    name = candidates[0][0]
    if not name.replace("_", "").isalnum():
        raise ModelError(f"{label} has an invalid model name.")
    return candidates[0]


class NerModelSource:
    """`reader models --kind ner`: register with ``register_source("ner", NerModelSource)``."""

    def __init__(self) -> None:
        self.manager = NerModelManager()

    def installed_rows(self) -> list[list[str]]:
        return [[m.name, m.lang, m.version, f"{m.size_bytes / 1e6:.0f} MB"] for m in self.manager.installed()]

    def available_rows(self, refresh: bool) -> list[list[str]]:
        installed = {m.name: m.version for m in self.manager.installed()}
        rows = []
        for info in self.manager.catalog():
            state = f"installed {installed[info.name]}" if info.name in installed else ""
            rows.append([info.name, ",".join(info.languages), f"~{info.size_mb} MB", info.description, state])
        return rows

    def install(self, name_or_file: str, progress: ProgressCallback) -> str:
        path = user_path(name_or_file)
        if path.is_file():
            model = self.manager.install_file(path)
        else:
            model = self.manager.download_and_install(name_or_file.strip(), progress=progress)
        return f"installed {model.name} ({model.lang}, {model.version})"

    def remove(self, name: str) -> str:
        self.manager.remove(name)
        return f"removed {name}"
