"""Translation memory benchmark: lookups before the model, search, and TMX exchange on a large memory.

The engine asks the memory for every sentence of an article before the model translates it, so a lookup
must cost next to nothing beside translation (hundreds of milliseconds per block). Builds a memory of
``--entries`` German→English sentence pairs (plus a tenth as many German→French) in a fresh library in a
temp dir, then prints:

- adding: entries per second (one transaction per 1,000, as a TMX import does)
- lookup of an article's sentences (``--sentences``, half in the memory): p50 / p95 (target p95 < 20 ms)
- full-text search of the memory (word, prefix, phrase; first 500 entries): p50 / p95 (target p95 < 50 ms)
- TMX 1.4 export of the whole memory and import into a fresh library: seconds, file size

Usage: uv run python benchmarks/memory.py [--entries 50000] [--sentences 500] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.library import ENGLISH, GERMAN
from reader.core.translate.memory import MemoryEntry
from reader.store.library import Library
from reader.store.memory import SqliteTranslationMemory


def sentence(rng: random.Random, words: list[str], index: int) -> str:
    """A 10-25 word sentence; the index makes each one distinct, as real sentences mostly are."""
    body = " ".join(rng.choice(words) for _ in range(rng.randint(10, 25)))
    return f"{body[0].upper()}{body[1:]} {index}."


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="reader-memory-bench-"))
    try:
        library, _ = Library.open(folder / "library.sqlite3")
        memory = SqliteTranslationMemory(library)
        sources = [sentence(rng, GERMAN, i) for i in range(args.entries)]
        started = time.perf_counter()
        for start in range(0, args.entries, 1000):
            batch = sources[start : start + 1000]
            memory.add_many(MemoryEntry("de", "en", s, sentence(rng, ENGLISH, start)) for s in batch)
        for start in range(0, args.entries // 10, 1000):
            batch = sources[start : start + min(1000, args.entries // 10 - start)]
            memory.add_many(MemoryEntry("de", "fr", s, sentence(rng, ENGLISH, start)) for s in batch)
        elapsed = time.perf_counter() - started
        total = memory.count()
        print(f"memory: {total:,} entries added in {elapsed:.1f} s ({total / elapsed:,.0f} entries/s)")

        lookups = []
        for run in range(50):
            known = rng.sample(sources, args.sentences // 2)
            first = args.entries + run * args.sentences  # numbers no stored sentence has
            unknown = [sentence(rng, GERMAN, first + i) for i in range(len(known))]
            article = known + unknown
            rng.shuffle(article)
            started = time.perf_counter()
            found = memory.lookup_many("de", "en", article)
            lookups.append((time.perf_counter() - started) * 1000)
            assert len(found) == len(known)
        p50, p95 = percentiles(lookups)
        print(f"lookup of {args.sentences} sentences (half known): p50 {p50:.1f} ms, p95 {p95:.1f} ms")

        for kind, queries in (
            ("word", ["Regierung", "Grenze", "winter", "Zürich", "Brüssel"]),
            ("prefix", ["Regier*", "Verhand*", "ener*", "Ukrain*", "Flücht*"]),
            ("phrase", ['"der Regierung"', '"in der"', '"energy prices"', '"the government"', '"mit den"']),
        ):
            times = []
            for _ in range(10):
                for query in queries:
                    started = time.perf_counter()
                    memory.list(query)
                    times.append((time.perf_counter() - started) * 1000)
            p50, p95 = percentiles(times)
            print(f"search ({kind}, first 500): p50 {p50:.1f} ms, p95 {p95:.1f} ms")

        tmx = folder / "memory.tmx"
        started = time.perf_counter()
        exported = memory.export_tmx(tmx)
        export_s = time.perf_counter() - started
        fresh, _ = Library.open(folder / "fresh.sqlite3")
        started = time.perf_counter()
        imported = SqliteTranslationMemory(fresh).import_tmx(tmx)
        import_s = time.perf_counter() - started
        size = tmx.stat().st_size / 2**20
        print(
            f"TMX: exported {exported:,} entries in {export_s:.1f} s ({size:.1f} MiB); "
            f"imported {imported:,} in {import_s:.1f} s"
        )
        fresh.close()
        library.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
