"""Per-paragraph language accuracy on the hand-labelled mixed-language news set.

Usage: uv run python benchmarks/langid_accuracy.py [--languages de,en,...]

A paragraph counts as right when its block language is the gold one and its runs match the gold
parts: no runs for a one-language paragraph; for a mixed one, runs whose languages read in the
gold order (adjacent parts in one language merged). Prints ``accuracy=...`` and each miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.document import Article, Block, BlockKind
from reader.core.language import LanguageIdentifier

LABELLED_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "langid" / "mixed_news.json"


@dataclass(frozen=True)
class Miss:
    document: str
    text: str
    gold: str
    gold_parts: tuple[str, ...]
    got: str | None
    got_runs: tuple[str, ...]


def load_articles(path: Path = LABELLED_SET) -> list[tuple[Article, list[dict[str, object]]]]:
    """Each labelled document as an Article (blocks b0, b1, ...) beside its gold paragraphs."""
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = []
    for doc in data["documents"]:
        paragraphs = doc["paragraphs"]
        blocks = tuple(
            Block(id=f"b{i}", kind=BlockKind(p["kind"]), text=p["text"]) for i, p in enumerate(paragraphs)
        )
        articles.append((Article(title=doc["title"], blocks=blocks, source=doc["id"]), paragraphs))
    return articles


def _merged(langs: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for lang in langs:
        if not out or out[-1] != lang:
            out.append(lang)
    return tuple(out)


def evaluate(identifier: LanguageIdentifier, path: Path = LABELLED_SET) -> tuple[int, int, list[Miss]]:
    """(right, total, misses) over every paragraph of the labelled set."""
    right = total = 0
    misses: list[Miss] = []
    for article, paragraphs in load_articles(path):
        result = identifier.identify(article)
        for block, gold in zip(result.blocks, paragraphs, strict=True):
            total += 1
            gold_parts = _merged([str(part["lang"]) for part in gold.get("parts", [])])  # type: ignore[attr-defined]
            if len(gold_parts) < 2:
                gold_parts = ()
            got_runs = _merged([run.lang for run in block.runs])
            if block.lang == gold["lang"] and got_runs == gold_parts:
                right += 1
            else:
                misses.append(
                    Miss(article.source, block.text, str(gold["lang"]), gold_parts, block.lang, got_runs)
                )
    return right, total, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", help="comma-separated ISO 639-1 codes (default: all Argos languages)")
    args = parser.parse_args()
    languages = args.languages.split(",") if args.languages else None
    identifier = LanguageIdentifier(languages)
    start = time.perf_counter()
    right, total, misses = evaluate(identifier)
    elapsed = time.perf_counter() - start
    print(f"languages={len(identifier.languages)}")
    print(f"paragraphs={total}")
    print(f"right={right}")
    print(f"accuracy={right / total:.4f}")
    print(f"seconds={elapsed:.2f}")
    for miss in misses:
        print(
            f"MISS [{miss.document}] gold={miss.gold}{list(miss.gold_parts) or ''} "
            f"got={miss.got}{list(miss.got_runs) or ''}: {miss.text[:70]!r}"
        )


if __name__ == "__main__":
    main()
