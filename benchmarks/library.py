"""Library benchmark: save, search, list and open with 10,000 realistic two-language articles.

Generates articles of about 1,500 words (German and English paragraphs, Zipf-distributed vocabulary of
real words plus generated ones, recurring phrases), an English translation of every German paragraph, and
1-3 tags each; saves them one by one (one transaction each, as the app does) into a fresh library in a temp
dir, then prints:

- save time per article (target < 50 ms): mean, p50, p95
- search p50/p95 for a word, a prefix and a phrase query, each also with a tag filter (target p95 < 20 ms);
  50 different queries of each kind, first page of 50 hits with snippets
- the first page of the list sorted by date (target < 20 ms)
- library open time and article open (``get``) time
- database size

Usage: uv run python benchmarks/library.py [--articles 10000] [--seed 7] [--time-limit 1800]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.core.document import Article, Block, BlockKind, Translation, TranslationStatus
from reader.store.library import Library, LibraryFilter

GERMAN = (
    "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch es an werden "
    "aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder "
    "aber vor "
    "Regierung Bundestag Kanzler Ministerin Gespräche Sicherheit Grenze Ukraine ukrainischen Krieg Frieden "
    "Verhandlungen Energiepreise Winter Bündnis Wirtschaft Inflation Zinsen Europäischen Kommission Brüssel "
    "Zürich Berlin München Österreich Schweiz Flüchtlinge Wahlen Parlament Opposition Koalition Haushalt "
    "Steuern Unternehmen Arbeitsmarkt Gewerkschaften Streik Klimaschutz Hitze Dürre Landwirtschaft Getreide"
).split()
ENGLISH = (
    "the of and to a in that is for it with as was on be by at this have from or an they which you one were "
    "government parliament minister talks security border Ukraine Ukrainian war peace negotiations energy "
    "prices winter alliance economy inflation interest rates European Commission Brussels Zurich Berlin "
    "refugees elections opposition coalition budget taxes companies labour market unions strike climate heat "
    "drought agriculture grain officials spokesman statement sanctions exports imports shipping ports"
).split()
PHRASES_DE = ["offenen Konflikt", "neue Gespräche", "hohe Energiepreise", "am Dienstag", "in der Ukraine"]
PHRASES_EN = ["open conflict", "new talks", "high energy prices", "on Tuesday", "in Ukraine"]
TAGS = [
    f"{name}" for name in "politik wirtschaft europa ukraine energie klima sport kultur wissenschaft".split()
]
TAGS += [f"projekt-{i}" for i in range(11)]
SYLLABLES = "ka ri to men sa lo ver ung ber na di ke schaft li tor ion wal ste ra mo".split()


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Deterministic article factory (fixed seed)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        extra = pseudo_words(self.rng, 20000)
        self.vocab = {"de": GERMAN + extra[:10000], "en": ENGLISH + extra[10000:]}
        self.weights = {lang: list(self._zipf_cumulative(len(words))) for lang, words in self.vocab.items()}

    @staticmethod
    def _zipf_cumulative(n: int) -> list[float]:
        total = 0.0
        out = []
        for rank in range(1, n + 1):
            total += 1.0 / rank
            out.append(total)
        return out

    def paragraph(self, lang: str, words: int) -> str:
        picked = self.rng.choices(self.vocab[lang], cum_weights=self.weights[lang], k=words)
        if self.rng.random() < 0.3:
            phrase = self.rng.choice(PHRASES_DE if lang == "de" else PHRASES_EN)
            picked.insert(self.rng.randrange(len(picked)), phrase)
        text = " ".join(picked)
        return text[0].upper() + text[1:] + "."

    def article(self, i: int) -> tuple[Article, list[Translation], list[str]]:
        blocks = []
        translations = []
        for j in range(20):
            lang = "de" if self.rng.random() < 0.6 else "en"
            text = self.paragraph(lang, 75)
            blocks.append(Block(f"b{j}", BlockKind.PARAGRAPH, text, lang=lang, confidence=0.97))
            if lang == "de":
                translations.append(
                    Translation(f"b{j}", "en", TranslationStatus.TRANSLATED, self.paragraph("en", 80), "de")
                )
        title = self.paragraph("de", 8).rstrip(".")
        article = Article(
            title=title,
            blocks=tuple(blocks),
            source=f"https://news{i % 17}.example.org/{2020 + i % 6}/artikel-{i}?utm_source=rss",
            byline="Redaktion",
            site=f"News {i % 17}",
            published=f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            lang="de",
        )
        tags = self.rng.sample(TAGS, self.rng.randint(1, 3))
        return article, translations, tags


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed(fn: Callable[[], object], runs: int = 1) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--time-limit", type=float, default=1800, help="stop saving after this many seconds")
    parser.add_argument("--keep", action="store_true", help="keep the temporary library")
    parser.add_argument(
        "--reuse", metavar="DIR", help="measure queries on a library kept by --keep (same seed)"
    )
    args = parser.parse_args()
    root = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="reader-library-bench-"))
    path = root / "library.sqlite3"
    gen = Generator(args.seed)
    library, _notice = Library.open(path)
    if not args.reuse:
        save_all(library, gen, args.articles, args.time_limit)
    measure(library, gen, args.seed)
    library.close()
    open_ms = timed(lambda: Library.open(path)[0].close(), runs=5)
    print(f"open_library_ms p50={statistics.median(open_ms):.1f}")
    with Library.open(path)[0].reading() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        saved = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    size = sum(p.stat().st_size for p in root.iterdir() if p.name.startswith("library.sqlite3"))
    print(f"database_mb={size / 1e6:.0f} ({size / saved / 1024:.0f} KiB per article)")
    if args.keep or args.reuse:
        print(f"kept {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)


def save_all(library: Library, gen: Generator, count: int, time_limit: float) -> None:
    save_ms: list[float] = []
    words_total = 0
    started = time.perf_counter()
    for i in range(count):
        article, translations, tags = gen.article(i)
        words_total += sum(len(b.text.split()) for b in article.blocks)
        t0 = time.perf_counter()
        article_id = library.save_article(article, translations=translations, target_lang="en")
        library.set_tags(article_id, tags)
        save_ms.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - started > time_limit:
            print(f"(time limit reached after {i + 1} articles)")
            break
        if (i + 1) % 1000 == 0:
            print(f"  saved {i + 1} articles, {time.perf_counter() - started:.0f} s", flush=True)
    saved = len(save_ms)
    p50, p95 = percentiles(save_ms)
    print(f"articles={saved} words_per_article={words_total / saved:.0f} (plus translations)")
    print(
        f"save_ms mean={statistics.mean(save_ms):.1f} p50={p50:.1f} p95={p95:.1f} (target < 50, incl. tags)"
    )


def measure(library: Library, gen: Generator, seed: int) -> None:
    rng = random.Random(seed + 1)
    mid = gen.vocab["de"][40:60] + gen.vocab["en"][40:60] + gen.vocab["de"][2000:2010]
    queries = {
        "word": [rng.choice(mid) for _ in range(50)],
        "prefix": [rng.choice(mid)[:4] + "*" for _ in range(50)],
        "phrase": [f'"{rng.choice(PHRASES_DE + PHRASES_EN)}"' for _ in range(25)]
        + [f'"{gen.paragraph("de", 2).rstrip(".").lower()}"' for _ in range(25)],
    }
    tag_filter = LibraryFilter(tag="energie")
    for kind, items in queries.items():
        for label, flt in (("", None), ("+tag", tag_filter)):
            samples: list[float] = []
            cpu: list[float] = []  # CPU time of this thread: what a query costs, however loaded the machine
            hits = 0
            for query in items:
                t0, c0 = time.perf_counter(), time.thread_time()
                found = library.search(query, filter=flt, limit=50)
                samples.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
                hits += len(found)
            q50, q95 = percentiles(samples)
            c50, c95 = percentiles(cpu)
            print(
                f"search_{kind}{label}_ms p50={q50:.1f} p95={q95:.1f} cpu_p50={c50:.1f} cpu_p95={c95:.1f} "
                f"(avg {hits / len(items):.0f} hits on the page; target p95 < 20)"
            )
    for sort in ("published", "added"):

        def first_page(order: str = sort) -> object:
            return library.list_articles(sort=order, limit=50)

        q50, q95 = percentiles(timed(first_page, runs=30))
        print(f"list_first_page_by_{sort}_ms p50={q50:.1f} p95={q95:.1f} (target < 20)")
    q50, q95 = percentiles(timed(lambda: library.list_articles(filter=tag_filter, sort="published"), runs=30))
    print(f"list_first_page_tag_filter_ms p50={q50:.1f} p95={q95:.1f}")

    ids = library.stored_ids()
    q50, q95 = percentiles(timed(lambda: library.get(rng.choice(ids)), runs=50))
    print(f"open_article_ms p50={q50:.1f} p95={q95:.1f} (get: blocks, translations, tags)")


if __name__ == "__main__":
    main()
