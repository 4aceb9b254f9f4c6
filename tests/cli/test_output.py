"""Terminal output and files written with -o: hostile titles cannot drive the terminal (issue 14 item 4), and
a failed write never leaves a cut-off file where a good export was (item 7)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.document import Article, Block, BlockKind
from reader.store.library import Library

HOSTILE = "\x1b]0;pwned\x07Title \x1b[2J\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ \u202egpj.exe"


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A library holding an article whose title and byline were stored raw (as an older Reader could)."""
    path = tmp_path / "library.sqlite3"
    library, _ = Library.open(path)
    article = Article(
        HOSTILE,
        (Block("b0", BlockKind.PARAGRAPH, "Body text of the article, long enough to read."),),
        source="https://example.org/a",
        byline=HOSTILE,
    )
    library.save_article(article)
    library.close()
    return path


@pytest.mark.parametrize(
    "command", [["list"], ["search", "body"], ["show", "1"], ["export", "1", "--format", "md"]]
)
def test_library_output_never_sends_escapes_or_bidi_overrides_to_the_terminal(
    hostile_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "--db", str(hostile_db), *command]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert r"\u001b" in out and r"\u202egpj.exe" in out and "pwned" in out  # visible, not obeyed


def test_json_printed_to_the_terminal_stays_valid_json(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["library", "--db", str(hostile_db), "export", "1", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert json.loads(out)["title"] == HOSTILE  # the escapes are JSON's own: the data is unchanged


def test_a_failed_write_leaves_the_previous_file_whole(hostile_db: Path, tmp_path: Path) -> None:
    """A file-size limit makes the write fail half way, as a full disk would."""
    library, _ = Library.open(hostile_db)
    big = Article("Big", (Block("b0", BlockKind.PARAGRAPH, "A long paragraph of words. " * 20_000),))
    article_id = library.save_article(big)
    library.close()
    target = tmp_path / "export.html"
    target.write_text("a good export\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        from reader.cli import main
        db, target = {str(hostile_db)!r}, {str(target)!r}
        sys.exit(main(["library", "--db", db, "export", "{article_id}", "-o", target]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("reader: Could not write") and len(done.stderr.splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "a good export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if "export" in p.name) == ["export.html"]


def test_a_successful_write_replaces_the_file(hostile_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert main(["library", "--db", str(hostile_db), "export", "1", "--format", "md", "-o", str(target)]) == 0
    assert "Body text of the article" in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir() if "export" in p.name) == ["export.md"]
