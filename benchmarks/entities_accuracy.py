"""Precision, recall and speed of the built-in entity recognizer on the labelled set in tests/data/entities/.

Usage:
    uv run python benchmarks/entities_accuracy.py [-v] [--set all|dev|heldout] [--spacy DIR_OR_NAME ...]

A predicted span is right when it overlaps a gold mention (precision: predicted spans overlapping some gold
span; recall: gold spans overlapped by some prediction). "typed" figures also require the same type.
Each file is one article: recognize_article() gives the recognizer the article-level memory of surnames.
Also printed: gazetteer load time (fresh process) and ms per 2,000-word mixed de/en article, entities alone
and entities + dates (``reader.core.annotate.dates.find_dates``) when that module exists.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.annotate.entities import EntityAnnotator  # noqa: E402

DATA = ROOT / "tests" / "data" / "entities"
MARK = re.compile(r"\[\[([^|\]]+)\|(PER|ORG|LOC|MISC)\]\]")
SUBSET = {"all": "*.txt", "dev": "[a-z][a-z].txt", "heldout": "heldout-*.txt"}
Gold = list[tuple[int, int, str]]


def parse(marked: str) -> tuple[str, Gold]:
    """Plain text and gold (start, end, type) from ``[[surface|TYPE]]`` markup."""
    out, gold, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        gold.append((length, length + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), gold


def load(pattern: str = SUBSET["all"]) -> list[tuple[str, str, list[tuple[str, Gold]]]]:
    """(name, lang, [(paragraph, gold)]) per labelled file; lines starting with # are comments."""
    docs = []
    for path in sorted(DATA.glob(pattern)):
        lang = path.stem.removeprefix("heldout-")
        body = "\n".join(line for line in path.read_text("utf-8").splitlines() if not line.startswith("#"))
        paragraphs = [parse(p.strip()) for p in body.split("\n\n") if p.strip()]
        docs.append((path.stem, lang, paragraphs))
    return docs


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(annotator: EntityAnnotator, pattern: str, verbose: bool = False) -> dict[str, dict[str, float]]:
    """Counts per language and per type: tp_pred, pred, tp_gold, gold (untyped overlap) and typed hits."""
    table: dict[str, dict[str, float]] = {}

    def add(key: str, **counts: int) -> None:
        row = table.setdefault(key, dict.fromkeys(("tp_pred", "pred", "tp_gold", "gold", "typed"), 0.0))
        for name, value in counts.items():
            row[name] += value

    for name, lang, paragraphs in load(pattern):
        found = annotator.recognize_article([(text, lang) for text, _ in paragraphs])
        for (text, gold), spans in zip(paragraphs, found, strict=True):
            for span in spans:
                hit = any(overlaps((span.start, span.end), (g[0], g[1])) for g in gold)
                for key in ("all", lang, f"pred:{span.kind.value}"):
                    add(key, tp_pred=int(hit), pred=1)
                if verbose and not hit:
                    print(f"  FP {name}: {span.text!r} {span.kind.value}")
            for g in gold:
                near = [s for s in spans if overlaps((s.start, s.end), (g[0], g[1]))]
                typed = any(s.kind.value == g[2] for s in near)
                for key in ("all", lang, f"gold:{g[2]}"):
                    add(key, tp_gold=int(bool(near)), gold=1, typed=int(typed))
                if verbose and not near:
                    print(f"  FN {name}: {text[g[0] : g[1]]!r} {g[2]}")
                elif verbose and not typed:
                    print(f"  TYPE {name}: {text[g[0] : g[1]]!r} {g[2]} got {near[0].kind.value}")
    return table


def figures(row: dict[str, float]) -> tuple[float, float, float]:
    precision = row["tp_pred"] / row["pred"] if row["pred"] else 1.0
    recall = row["tp_gold"] / row["gold"] if row["gold"] else 1.0
    typed = row["typed"] / row["gold"] if row["gold"] else 1.0
    return precision, recall, typed


def article_2000_words() -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    words = 0
    docs = load()
    while words < 2000:
        for _name, lang, paragraphs in docs:
            for text, _ in paragraphs:
                blocks.append((text, lang))
                words += len(text.split())
                if words >= 2000:
                    return blocks
    return blocks


def speed(blocks: list[tuple[str, str]]) -> tuple[float, float | None]:
    """Median ms of 10 runs over the article: entities alone, and entities + dates when dates exist."""
    annotator = EntityAnnotator()
    annotator.recognize_article(blocks)  # warm: gazetteer loaded
    runs = []
    for _ in range(10):
        t0 = time.perf_counter()
        annotator.recognize_article(blocks)
        runs.append((time.perf_counter() - t0) * 1000)
    try:
        from reader.core.annotate.dates import find_dates
    except ImportError:
        return statistics.median(runs), None
    both = []
    for text, lang in blocks:
        find_dates(text, lang)
    for _ in range(10):
        t0 = time.perf_counter()
        annotator.recognize_article(blocks)
        for text, lang in blocks:
            find_dates(text, lang)
        both.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), statistics.median(both)


def gazetteer_load_seconds() -> float:
    """Load time in a fresh process (so nothing is cached), median of 3."""
    code = (
        "import time; t=time.perf_counter(); from reader.core.annotate.gazetteer import get_gazetteer; "
        "get_gazetteer(); print(time.perf_counter()-t)"
    )
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(times)


def spacy_annotator(specs: list[str]) -> EntityAnnotator:
    """An annotator whose languages use the given installed models (names in Reader's models dir or paths)."""
    from reader.core.annotate.ner_models import NerModelManager

    manager = NerModelManager()
    for spec in specs:
        if Path(spec).is_file():
            manager.install_file(Path(spec))
    return EntityAnnotator(manager)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print misses and false hits")
    parser.add_argument("--set", choices=sorted(SUBSET), default="all")
    parser.add_argument("--spacy", nargs="*", metavar="WHEEL", help="score installed spaCy models instead")
    args = parser.parse_args()
    annotator = spacy_annotator(args.spacy) if args.spacy is not None else EntityAnnotator()
    table = score(annotator, SUBSET[args.set], args.verbose)
    label = "spaCy models" if args.spacy is not None else "built-in recognizer"
    print(f"{label}, set={args.set}: overlap precision / recall / typed recall")
    for key in sorted(table, key=lambda k: (k != "all", k)):
        row = table[key]
        p, r, t = figures(row)
        if key.startswith("pred:"):
            print(f"  {key:10} predicted {int(row['pred']):4}  precision {p:.3f}")
        elif key.startswith("gold:"):
            print(f"  {key:10} gold {int(row['gold']):4}  recall {r:.3f}  typed {t:.3f}")
        else:
            print(f"  {key:10} gold {int(row['gold']):4}  P {p:.3f}  R {r:.3f}  typed R {t:.3f}")
    if args.spacy is None:
        blocks = article_2000_words()
        words = sum(len(text.split()) for text, _ in blocks)
        ms, with_dates = speed(blocks)
        print(f"gazetteer load (fresh process): {gazetteer_load_seconds() * 1000:.0f} ms")
        print(
            f"{words}-word de/en article, {len(blocks)} blocks: entities {ms:.1f} ms (median of 10)", end=""
        )
        print(
            f"; entities + dates {with_dates:.1f} ms" if with_dates is not None else "; dates: not available"
        )


if __name__ == "__main__":
    main()
