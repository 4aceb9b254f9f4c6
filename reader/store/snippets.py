"""Search-result snippets, computed in Python from the stored text.

FTS5's ``snippet()`` re-evaluates the MATCH for every row it is asked about; restricted to a page of rowids
(``rowid IN (…)``) a prefix query is re-expanded for each row, which measured 50-100 ms for one page of 50
on a 10,000-article library. Reading the page's text by rowid costs under a millisecond, and a regular
expression that folds diacritics the way the ``unicode61 remove_diacritics 2`` tokenizer does finds the
first match in a few microseconds per article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from reader.store.search_query import Term

_WINDOW_WORDS = 16
_WORD_RE = re.compile(r"\w+")


def _fold(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0].lower()


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each base letter, every Latin letter that folds to it (``u`` → ``uùúûüũūŭůűų…``)."""
    groups: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        if not char.isalpha():
            continue
        base = _fold(char)
        groups.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in groups.items()}


def _char_class(char: str) -> str:
    variants = _variants().get(_fold(char))
    if not variants or len(variants) == 1:
        return re.escape(char)
    return "[" + re.escape(variants) + "]"


def _word_pattern(word: str) -> str:
    return "".join(_char_class(c) for c in word)


@lru_cache(maxsize=64)
def compile_terms(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of the query's words, prefixes or phrases, diacritics and case folded."""
    parts = []
    for term in terms:
        body = r"[\W_]+".join(_word_pattern(w) for w in term.words)
        parts.append(r"(?<!\w)" + body + (r"\w*" if term.prefix else r"(?!\w)"))
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE)


def snippet(texts: Sequence[str], pattern: re.Pattern[str] | None, markers: tuple[str, str]) -> str:
    """About 16 words around the first match in the first text that has one, matches between markers."""
    if pattern is None:
        return ""
    for text in texts:
        if not text:
            continue
        found = pattern.search(text)
        if found is None:
            continue
        # Only look at words near the match: about 12 characters a word is plenty for the window.
        base = max(0, found.start() - 12 * _WINDOW_WORDS)
        region = text[base : found.end() + 16 * _WINDOW_WORDS]
        words = list(_WORD_RE.finditer(region))
        index = next((i for i, w in enumerate(words) if base + w.end() > found.start()), 0)
        first = max(0, index - _WINDOW_WORDS // 3)
        last = min(len(words) - 1, first + _WINDOW_WORDS - 1)
        start, end = base + words[first].start(), base + words[last].end()
        end = max(end, found.end())
        window = text[start:end]
        marked = pattern.sub(lambda m: f"{markers[0]}{m.group(0)}{markers[1]}", window)
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text.rstrip()) else ""
        return prefix + " ".join(marked.split()) + suffix
    return ""
