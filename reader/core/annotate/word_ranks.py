"""How ordinary a word is in a language: its frequency rank, coarsened, as a feature of the entity tagger.

A capitalized word that is among a language's frequent words is more likely a common noun (German
"Anleger") or a sentence-initial word than a name; a word outside the list is rare, as most names are.
The ranks come from wordfreq's lists (built by ``tools/build_word_ranks.py``, provenance in
``resources/entities/PROVENANCE.md``) and are loaded per language on first use.
"""

from __future__ import annotations

import gzip
import threading

from reader.resources import resource_path

LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pt")
WORDS = 40_000
_ranks: dict[str, dict[str, int]] = {}
_lock = threading.Lock()


def _load(lang: str) -> dict[str, int]:
    with _lock:
        table = _ranks.get(lang)
        if table is None:
            path = resource_path("entities", "words", f"{lang}.txt.gz")
            with gzip.open(path, "rt", encoding="utf-8") as f:
                table = {line.rstrip("\n"): rank for rank, line in enumerate(f)}
            _ranks[lang] = table
        return table


def rank_class(word: str, lang: str | None) -> str:
    """ "r0".."r15" (log2 of the rank of ``word`` lower-cased: 0 is the commonest), "rare" if not among
    the WORDS commonest, "na" for a language without a list."""
    if lang not in LANGUAGES:
        return "na"
    rank = _load(lang).get(word.casefold())
    return "rare" if rank is None else f"r{(rank + 1).bit_length() - 1}"
