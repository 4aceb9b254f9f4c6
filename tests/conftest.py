"""Test set-up shared by every test: offscreen Qt and private data dirs.

Every test session gets its own XDG/READER directories under a temporary folder, set before any
Reader or argostranslate module is imported, so tests never touch the real user's files.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="reader-tests-"))
atexit.register(shutil.rmtree, _SESSION_HOME, ignore_errors=True)
for _var, _sub in {
    "READER_DATA_DIR": "data/reader",
    "READER_CACHE_DIR": "cache/reader",
    "XDG_DATA_HOME": "data",
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
}.items():
    os.environ[_var] = str(_SESSION_HOME / _sub)

pytest_plugins = [
    "tests.fixtures.app_window",
    "tests.fixtures.http_server",
    "tests.fixtures.network",
    "tests.fixtures.argos_models",
    "tests.fixtures.argos_layouts",
    "tests.fixtures.spacy_models",
]
