"""Startup: time from process start to the main window shown, with a 1,000-article library, and idle RSS.

Targets (issue 6): window shown < 0.8 s, idle RSS < 250 MB. ctranslate2, spaCy and lingua must stay off the
startup path; this script also checks that none of them was imported by the time the window was idle.

Usage: uv run python benchmarks/startup.py [--articles 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.document import Article, Block, BlockKind, Translation, TranslationStatus

WORDS_DE = "der die das Regierung Bündnis Treffen Woche Gespräche Sicherheit Minister Europa Grenze".split()
WORDS_EN = "the alliance talks security ministers meeting week border Europe council officials".split()


def make_article(i: int) -> tuple[Article, list[Translation]]:
    blocks = []
    translations = []
    for j in range(12):
        words = WORDS_DE if j % 3 else WORDS_EN
        text = " ".join(words[(i + j + k) % len(words)] for k in range(60)) + "."
        lang = "de" if j % 3 else "en"
        blocks.append(Block(f"b{j}", BlockKind.PARAGRAPH, text, lang=lang, confidence=0.99))
        if lang == "de":
            translations.append(
                Translation(f"b{j}", "en", TranslationStatus.TRANSLATED, " ".join(WORDS_EN[: 8 + j]), "de")
            )
    article = Article(
        title=f"Artikel {i}: Gespräche in Brüssel",
        blocks=tuple(blocks),
        source=f"https://news.example.org/{i}",
        site="Example News",
        published=f"2022-01-{1 + i % 28:02d}",
        lang="de",
    )
    return article, translations


def build_library(data_dir: Path, count: int) -> float:
    env_before = os.environ.get("READER_DATA_DIR")
    os.environ["READER_DATA_DIR"] = str(data_dir)
    try:
        from reader.store.library import Library

        library, _notice = Library.open()
        started = time.perf_counter()
        for i in range(count):
            article, translations = make_article(i)
            library.save_article(article, translations=translations, target_lang="en")
        return time.perf_counter() - started
    finally:
        if env_before is None:
            os.environ.pop("READER_DATA_DIR", None)
        else:
            os.environ["READER_DATA_DIR"] = env_before


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="reader-startup-"))
    data_dir = root / "data"
    build_s = build_library(data_dir, args.articles)
    print(f"library_articles={args.articles} (built in {build_s:.1f} s)")
    env = dict(os.environ)
    env.update(
        READER_DATA_DIR=str(data_dir),
        READER_CACHE_DIR=str(root / "cache"),
        XDG_CONFIG_HOME=str(root / "config"),
        READER_EXIT_AFTER_SHOW="2.0",
    )
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    shown: list[float] = []
    rss: list[float] = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-m", "reader"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        values = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
        if "window_shown_s" not in values:
            print(out.stdout, out.stderr, file=sys.stderr)
            raise SystemExit("the app did not report startup")
        shown.append(float(values["window_shown_s"]))
        rss.append(float(values["idle_rss_mb"]))
        heavy = values.get("heavy_modules", "")
    print(f"window_shown_s median={statistics.median(shown):.3f} min={min(shown):.3f} max={max(shown):.3f}")
    print(f"idle_rss_mb median={statistics.median(rss):.1f}")
    print(f"heavy_modules_loaded_at_idle={heavy or 'none'}")
    print(
        f"targets: shown < 0.8 s -> {'met' if statistics.median(shown) < 0.8 else 'MISSED'}; "
        f"idle RSS < 250 MB -> {'met' if statistics.median(rss) < 250 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
