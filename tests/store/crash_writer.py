"""Helper process for the crash test: saves articles into a library as fast as it can until killed.

Usage: python -m tests.store.crash_writer LIBRARY_PATH SEED
Prints ``ready`` once the library is open, then ``saved ID`` after every committed save. Every article's
title states how many blocks (and translations) a complete copy has, so the checker can tell.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from reader.core.document import Article, Block, BlockAnnotations, BlockKind, Span, SpanKind, Translation
from reader.core.document import TranslationStatus as Status
from reader.store.library import Library

WORDS = "Regierung Bündnis Gespräche Sicherheit Grenze talks border council winter energy prices".split()


def make(rng: random.Random, n: int) -> tuple[Article, list[Translation], dict[str, BlockAnnotations]]:
    count = rng.randint(5, 60)
    blocks = tuple(
        Block(
            f"b{i}",
            BlockKind.PARAGRAPH,
            " ".join(rng.choice(WORDS) for _ in range(80)),
            lang="de",
            confidence=0.9,
        )
        for i in range(count)
    )
    translations = [Translation(b.id, "en", Status.TRANSLATED, b.text.upper(), "de") for b in blocks]
    notes = {b.id: BlockAnnotations(b.id, (Span(0, 3, SpanKind.MISC, b.text[:3]),)) for b in blocks}
    source = f"https://crash.example/{rng.randint(0, n + 3)}"  # sometimes an update of an earlier article
    return Article(f"crash blocks={count}", blocks, source=source, lang="de"), translations, notes


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    library, _notice = Library.open(path)
    print("ready", flush=True)
    n = 0
    while True:
        article, translations, notes = make(rng, n)
        article_id = library.save_article(
            article, translations=translations, annotations=notes, target_lang="en"
        )
        library.add_tag(article_id, "crash")
        library.set_position(article_id, "b1", rng.randint(0, 50))
        print(f"saved {article_id} {article.title}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
