"""Import argostranslate without letting it write outside Reader's own directories.

``argostranslate.settings`` reads its environment once, at import, and creates
``~/.local/share/argos-translate``, ``~/.config/argos-translate`` and ``~/.local/cache/argos-translate``
unless ``XDG_*`` say otherwise. We point those (and ``ARGOS_PACKAGES_DIR``) into Reader's data and cache
dirs for the duration of the import only, then restore the environment, so nothing else in the process
(Qt's own XDG lookups) sees a change. Only ``argostranslate.package`` (metadata, tokenizers) is ever
imported at run time: never ``argostranslate.translate``/``sbd``, which pull in MiniSBD and onnxruntime.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from types import ModuleType

from reader.core import paths

_LOCK = threading.Lock()
_VARS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR")


def argos_environment() -> dict[str, str]:
    """The environment argostranslate must see at import: every directory inside Reader's own."""
    runtime = paths.data_dir() / "argos-runtime"
    return {
        "XDG_DATA_HOME": str(runtime / "data"),
        "XDG_CONFIG_HOME": str(runtime / "config"),
        "XDG_CACHE_HOME": str(paths.cache_dir() / "argos-runtime"),
        "ARGOS_PACKAGES_DIR": str(paths.argos_packages_dir()),
    }


def import_argos(module: str = "argostranslate.package") -> ModuleType:
    """Import an argostranslate module with its settings confined to Reader's directories."""
    if module in sys.modules:
        return sys.modules[module]
    with _LOCK:
        if "argostranslate.settings" in sys.modules:
            return importlib.import_module(module)
        saved = {name: os.environ.get(name) for name in _VARS}
        try:
            os.environ.update(argos_environment())
            importlib.import_module("argostranslate.settings")
            return importlib.import_module(module)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
