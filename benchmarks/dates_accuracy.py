"""Precision, recall and speed of date recognition on the labelled set in tests/data/dates/.

Usage:
    uv run python benchmarks/dates_accuracy.py [-v]
    uv run --with dateparser python benchmarks/dates_accuracy.py --dateparser   # the alternative

A found span counts as a hit when it overlaps a gold span (precision: found spans that overlap some gold
span; recall: gold spans overlapped by some found span). Also printed: exact-span accuracy and value
accuracy (both over gold spans) and the time for a 2,000-word article (blocks in several languages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.annotate.dates import find_dates  # noqa: E402

DATA = ROOT / "tests" / "data" / "dates"
Found = list[tuple[int, int, str | None]]
Finder = Callable[[str, str, dt.date], Found]


SUBSET = {"all": "*.json", "dev": "[a-z][a-z].json", "heldout": "heldout-*.json"}
GLOB = SUBSET["all"]


def load() -> list[tuple[str, dt.date, str, list[tuple[int, int, str, str]]]]:
    """(lang, reference, text, [(start, end, kind, value)]) per labelled document."""
    docs = []
    for path in sorted(DATA.glob(GLOB)):
        payload = json.loads(path.read_text(encoding="utf-8"))
        for doc in payload["documents"]:
            text = doc["text"]
            gold = []
            for item in doc["dates"]:
                start = -1
                for _ in range(item.get("occurrence", 0) + 1):
                    start = text.index(item["text"], start + 1)
                gold.append((start, start + len(item["text"]), item["kind"], item["value"]))
            docs.append((payload["lang"], dt.date.fromisoformat(doc["reference"]), text, gold))
    return docs


def reader_finder(text: str, lang: str, reference: dt.date) -> Found:
    return [(s.start, s.end, s.value) for s in find_dates(text, lang, reference=reference)]


def dateparser_finder(text: str, lang: str, reference: dt.date) -> Found:
    from dateparser.search import search_dates

    base = dt.datetime.combine(reference, dt.time(12))
    found: Found = []
    pos = 0
    for phrase, when in search_dates(text, languages=[lang], settings={"RELATIVE_BASE": base}) or []:
        start = text.find(phrase, pos)
        if start >= 0:
            found.append((start, start + len(phrase), when.date().isoformat()))
            pos = start + len(phrase)
    return found


def score(finder: Finder, verbose: bool) -> dict[str, dict[str, float]]:
    per_lang: dict[str, list[int]] = {}
    for lang, reference, text, gold in load():
        found = finder(text, lang, reference)
        tally = per_lang.setdefault(lang, [0, 0, 0, 0, 0, 0])  # found, found-ok, gold, gold-hit, exact, value
        tally[0] += len(found)
        tally[2] += len(gold)
        for start, end, value in found:
            if any(start < g_end and g_start < end for g_start, g_end, _k, _v in gold):
                tally[1] += 1
            elif verbose:
                print(f"  FALSE {lang} {text[start:end]!r} → {value}")
        for g_start, g_end, _kind, g_value in gold:
            hits = [f for f in found if f[0] < g_end and g_start < f[1]]
            if not hits:
                if verbose:
                    print(f"  MISS  {lang} {text[g_start:g_end]!r} ({g_value})")
                continue
            tally[3] += 1
            tally[4] += any((f[0], f[1]) == (g_start, g_end) for f in hits)
            ok = any(f[2] == g_value for f in hits)
            tally[5] += ok
            if verbose and not ok:
                print(f"  VALUE {lang} {text[g_start:g_end]!r} gold {g_value} got {[f[2] for f in hits]}")
            elif verbose and not any((f[0], f[1]) == (g_start, g_end) for f in hits):
                print(f"  SPAN  {lang} {text[g_start:g_end]!r} got {[text[f[0] : f[1]] for f in hits]}")
    results: dict[str, dict[str, float]] = {}
    total = [0] * 6
    for lang, t in sorted(per_lang.items()):
        total = [a + b for a, b in zip(total, t, strict=True)]
        results[lang] = _figures(t)
    results["all"] = _figures(total)
    return results


def _figures(t: list[int]) -> dict[str, float]:
    return {
        "gold": t[2],
        "found": t[0],
        "precision": t[1] / t[0] if t[0] else 1.0,
        "recall": t[3] / t[2] if t[2] else 1.0,
        "exact": t[4] / t[2] if t[2] else 1.0,
        "value": t[5] / t[2] if t[2] else 1.0,
    }


def speed(finder: Finder) -> tuple[float, float, float, int]:
    """(first call ms incl. building the grammars, median ms, median CPU ms, words) for one 2,000-word
    multilingual article. CPU time is the figure to read on a loaded, shared machine."""
    blocks = [(text, lang, ref) for lang, ref, text, _gold in load()]
    article: list[tuple[str, str, dt.date]] = []
    words = 0
    while words < 2000:
        for block in blocks:
            article.append(block)
            words += len(block[0].split())
            if words >= 2000:
                break
    t0 = time.perf_counter()
    for text, lang, ref in article:
        finder(text, lang, ref)
    cold = (time.perf_counter() - t0) * 1000
    runs, cpu = [], []
    for _ in range(10):
        t0, c0 = time.perf_counter(), time.process_time()
        for text, lang, ref in article:
            finder(text, lang, ref)
        runs.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return cold, statistics.median(runs), statistics.median(cpu), words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, false hits, wrong values")
    parser.add_argument("--dateparser", action="store_true", help="score dateparser.search instead")
    parser.add_argument(
        "--set", choices=sorted(SUBSET), default="all", help="dev files, held-out files or both"
    )
    args = parser.parse_args()
    global GLOB
    GLOB = SUBSET[args.set]
    finder = dateparser_finder if args.dateparser else reader_finder
    cold, warm, cpu, words = speed(finder)
    results = score(finder, args.verbose)
    print(f"{'lang':5} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>7} {'exact':>6} {'value':>6}")
    for lang, r in results.items():
        print(
            f"{lang:5} {r['gold']:5.0f} {r['found']:6.0f} {r['precision']:10.3f} {r['recall']:7.3f} "
            f"{r['exact']:6.3f} {r['value']:6.3f}"
        )
    print(
        f"{words}-word article: {warm:.1f} ms median of 10, CPU {cpu:.1f} ms "
        f"(first call {cold:.1f} ms incl. building grammars)"
    )


if __name__ == "__main__":
    main()
