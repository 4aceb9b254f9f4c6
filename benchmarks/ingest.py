"""Load and language-tag a 2,000-word mixed-language article; print build time, per-article time, RSS.

Usage: uv run python benchmarks/ingest.py [--runs 7] [--languages de,en,...]

The article is the labelled paragraphs of tests/data/langid/mixed_news.json (de/en/fr/es/it, with
headlines, bylines, captions, "Teilen:" and mixed quotes) concatenated, repeated until it reaches
2,000 words, and written out as one HTML page. When ``reader.core.ingest.parse_html`` exists it
parses that page; otherwise the Article is built directly from the same paragraphs (the figure
printed as ``parser=``). Run it in a fresh process: RSS is read from /proc/self/status.

Prints, one per line: words, blocks, parser, first_load_s (first parse, imports included),
build_s (the first identify(): detectors built and models loaded), article_ms (load + detect,
median of the runs after the first), detect_ms (the identify() part of it), rss_before_mb (after
the first parse, before any detector), rss_after_mb, rss_delta_mb (what detection holds), lang
(Article.lang), precise_languages (those holding high-accuracy models at the end).
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.document import Article, Block, BlockKind
from reader.core.language import LanguageIdentifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
from langid_accuracy import load_articles

TARGET_WORDS = 2000
_TAGS = {
    BlockKind.HEADING: "h2",
    BlockKind.QUOTE: "blockquote",
    BlockKind.CAPTION: "figcaption",
}


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def mixed_blocks() -> list[Block]:
    """Labelled paragraphs in order, repeated until the text holds TARGET_WORDS words."""
    paragraphs = [block for article, _gold in load_articles() for block in article.blocks]
    blocks: list[Block] = []
    words = 0
    while words < TARGET_WORDS:
        for block in paragraphs:
            blocks.append(Block(id=f"b{len(blocks)}", kind=block.kind, text=block.text))
            words += len(block.text.split())
            if words >= TARGET_WORDS:
                break
    return blocks


def to_html(blocks: list[Block]) -> str:
    body = "\n".join(
        f"<{_TAGS.get(b.kind, 'p')}>{html.escape(b.text)}</{_TAGS.get(b.kind, 'p')}>" for b in blocks
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Mixed news</title></head>"
        f"<body><article><h1>Mixed news</h1>\n{body}\n</article></body></html>"
    )


def load(page: str, blocks: list[Block]) -> tuple[Article, str]:
    try:
        from reader.core.ingest import parse_html
    except ImportError:
        return Article(title="Mixed news", blocks=tuple(blocks)), "direct"
    return parse_html(page.encode("utf-8"), source="benchmark"), "reader.core.ingest.parse_html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="identify() calls after the first")
    parser.add_argument("--languages", help="comma-separated ISO 639-1 codes (default: all Argos languages)")
    parser.add_argument(
        "--max-precise", type=int, default=None, help="languages allowed high-accuracy models at once"
    )
    args = parser.parse_args()

    blocks = mixed_blocks()
    page = to_html(blocks)
    languages = args.languages.split(",") if args.languages else None
    if args.max_precise is None:
        identifier = LanguageIdentifier(languages)
    else:
        identifier = LanguageIdentifier(languages, max_precise_languages=args.max_precise)
    start = time.perf_counter()
    article, how = load(page, blocks)
    first_load_s = time.perf_counter() - start
    before = rss_mb()  # parser loaded, no detector yet
    start = time.perf_counter()
    result = identifier.identify(article)
    build_s = time.perf_counter() - start

    times, detect_times = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        article, _how = load(page, blocks)
        loaded = time.perf_counter()
        identifier.identify(article)
        times.append(time.perf_counter() - start)
        detect_times.append(time.perf_counter() - loaded)
    after = rss_mb()

    print(f"words={sum(len(b.text.split()) for b in article.blocks)}")
    print(f"blocks={len(article.blocks)}")
    print(f"parser={how}")
    print(f"first_load_s={first_load_s:.2f}")
    print(f"build_s={build_s:.2f}")
    print(f"article_ms={statistics.median(times) * 1000:.0f}")
    print(f"detect_ms={statistics.median(detect_times) * 1000:.0f}")
    print(f"rss_before_mb={before:.0f}")
    print(f"rss_after_mb={after:.0f}")
    print(f"rss_delta_mb={after - before:.0f}")
    print(f"lang={result.lang}")
    print(f"precise_languages={','.join(identifier.precise_languages)}")


if __name__ == "__main__":
    main()
