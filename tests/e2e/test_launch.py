"""`reader` as a user starts it: a real process, a real window (offscreen), the built-in sample."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_reader(tmp_path: Path, *args: str, wait: str = "8") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        READER_DATA_DIR=str(tmp_path / "data"),
        READER_CACHE_DIR=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
        READER_EXIT_AFTER_SHOW=wait,
    )
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_first_start_opens_the_sample_article(tmp_path: Path) -> None:
    result = run_reader(tmp_path)
    assert result.returncode == 0, result.stderr
    values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert float(values["window_shown_s"]) > 0
    # The sample's title is in the window title once it has been opened and its languages detected.
    assert values["window_title"] != "Reader" and values["window_title"].endswith("— Reader")
    assert "Traceback" not in result.stderr


def test_cli_errors_are_one_line_with_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.html"
    env = dict(os.environ, READER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(missing)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "nope.html" in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    version = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and version.stdout.startswith("reader ")
    helptext = subprocess.run(
        [sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, timeout=60
    )
    assert helptext.returncode == 0 and "export" in helptext.stdout and "library" in helptext.stdout
