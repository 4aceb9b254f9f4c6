"""Build the word-frequency ranks the entity tagger uses (``resources/entities/words/<lang>.txt.gz``).

Run once, with the throwaway build-time package (it is not a Reader dependency)::

    uv run --with 'wordfreq==3.1.1' python tools/build_word_ranks.py

Each file lists the most frequent words of one language, most frequent first, one a line, lower case, as
wordfreq gives them (its data: CC BY-SA 4.0; see resources/entities/PROVENANCE.md). The tagger turns a
word's rank into a coarse feature: how ordinary a word is tells a capitalized common noun ("Anleger",
"Ecken") from a rare name, which matters most in German, where every noun has a capital.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.annotate.word_ranks import LANGUAGES, WORDS  # noqa: E402

OUT = ROOT / "resources" / "entities" / "words"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        words = [w for w in top_n_list(lang, WORDS) if "\n" not in w and "\t" not in w]
        path = OUT / f"{lang}.txt.gz"
        # mtime=0: the same words give the same bytes
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(("\n".join(words) + "\n").encode())
        print(f"{lang}: {len(words)} words -> {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
