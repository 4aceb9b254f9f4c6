"""Entities and dates on a 2,000-word mixed article with the built-in recognizer (issue 4).

Targets: annotating the article < 150 ms; gazetteer load < 1 s and off the startup path. The article is
made of the hand-written paragraphs of the language-identification set (de/en/fr/es/it news-page text),
repeated until it has about 2,000 words; it goes through the same ``Annotator`` the app and CLI use.

Usage: uv run python benchmarks/annotate.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.document import Article, Block, BlockKind  # noqa: E402


def mixed_article(words: int = 2000) -> Article:
    data = json.loads((ROOT / "tests/data/langid/mixed_news.json").read_text(encoding="utf-8"))
    paragraphs = [(p["text"], p["lang"]) for doc in data["documents"] for p in doc["paragraphs"]]
    blocks: list[Block] = []
    count = 0
    while count < words:
        for text, lang in paragraphs:
            blocks.append(Block(f"b{len(blocks)}", BlockKind.PARAGRAPH, text, lang=lang, confidence=1.0))
            count += len(text.split())
            if count >= words:
                break
    return Article(title="Benchmark", blocks=tuple(blocks), published="2024-03-14")


def startup_path_is_clean() -> str:
    """Import what the window imports at start and report whether the gazetteer or spaCy came along."""
    probe = (
        "import sys, reader.ui.main_window, reader.ui.launch;"
        "print(','.join(m for m in ('reader.core.annotate.gazetteer', 'spacy', 'lingua', 'ctranslate2')"
        " if m in sys.modules) or 'none')"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    article = mixed_article()
    words = sum(len(b.text.split()) for b in article.blocks)

    from reader.core.annotate import gazetteer
    from reader.core.annotate.annotator import Annotator

    started = time.perf_counter()
    gazetteer.preload()
    load_s = time.perf_counter() - started
    annotator = Annotator()
    started = time.perf_counter()
    result = annotator.annotate_article(article)
    first_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = annotator.annotate_article(article)
        times.append((time.perf_counter() - started) * 1000)
    entities = sum(1 for a in result.values() for s in a.original if s.kind.value != "DATE")
    dates = sum(1 for a in result.values() for s in a.original if s.kind.value == "DATE")
    print(f"article_words={words} blocks={len(article.blocks)} entities={entities} dates={dates}")
    print(f"gazetteer_load_s={load_s:.3f} (target < 1 s)")
    print(f"first_article_ms={first_ms:.1f} (builds date patterns for 5 languages)")
    print(f"article_ms median={statistics.median(times):.1f} max={max(times):.1f} (target < 150 ms)")
    print(f"heavy_modules_on_startup_path={startup_path_is_clean()}")


if __name__ == "__main__":
    main()
