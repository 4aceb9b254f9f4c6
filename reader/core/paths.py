"""Where Reader keeps the user's data: XDG directories, overridable for tests.

``READER_DATA_DIR`` / ``READER_CACHE_DIR`` override everything (tests, portable installs);
otherwise ``$XDG_DATA_HOME/reader`` and ``$XDG_CACHE_HOME/reader``. Nothing is created at import.
"""

from __future__ import annotations

import os
from pathlib import Path


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def data_dir() -> Path:
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else _xdg("XDG_DATA_HOME", ".local/share") / "reader"


def cache_dir() -> Path:
    override = os.environ.get("READER_CACHE_DIR")
    return Path(override) if override else _xdg("XDG_CACHE_HOME", ".cache") / "reader"


def library_path() -> Path:
    return data_dir() / "library.sqlite3"


def argos_packages_dir() -> Path:
    return data_dir() / "argos-packages"


def spacy_models_dir() -> Path:
    return data_dir() / "spacy-models"
