"""Two processes creating a new library at the same instant: both open it, neither fails."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPENER = """
import sys, time
from pathlib import Path
from reader.store.library import Library
start = float(sys.argv[2])
while time.time() < start:
    pass
library, notice = Library.open(Path(sys.argv[1]))
library.close()
print("notice" if notice else "ok")
"""


def test_libraries_created_at_the_same_instant(tmp_path: Path) -> None:
    for attempt in range(4):
        path = tmp_path / f"library-{attempt}.sqlite3"
        start = time.time() + 2.0  # after both interpreters have imported Reader
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(start)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        results = [proc.communicate(timeout=60) for proc in procs]
        assert [(out.strip(), err.strip()) for out, err in results] == [("ok", "")] * 3
        assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name or ".bak" in p.name] == []
