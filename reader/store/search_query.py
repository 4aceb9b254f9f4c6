"""What the user typed in the search box, as terms, and as a safe FTS5 expression.

Only two constructs are syntax, on purpose: a double-quoted phrase and a trailing ``*`` for a prefix.
Everything else (``"`` left open, ``-``, ``AND``, ``OR``, ``NEAR``, ``(``, ``col:``) is plain text, so no
input can produce an FTS5 syntax error. Every term must match (implicit AND).

A query is cut to MAX_QUERY_CHARS characters and MAX_WORDS words: FTS5's cost grows with the square of the
number of terms (1,430 terms took 6 s, 14,000 took 564 s) and the window searches as the reader types, so a
pasted page would stall it. ``query_note`` says when that happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_WORDS = 32

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    """A word (one item in ``words``) or a phrase; ``prefix`` when its last word ends in ``*``."""

    words: tuple[str, ...]
    prefix: bool = False


def parse(text: str) -> tuple[Term, ...]:
    """The terms of a query, at most MAX_WORDS words in all from its first MAX_QUERY_CHARS characters."""
    terms: list[Term] = []
    budget = MAX_WORDS
    for match in _PHRASE_OR_WORD.finditer(text[:MAX_QUERY_CHARS]):
        if budget <= 0:
            break
        phrase, token = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)[:budget]
            if words:
                terms.append(Term(tuple(words)))
                budget -= len(words)
            continue
        words = _WORD.findall(token)[:budget]
        if words:
            terms.append(Term(tuple(words), prefix=token.endswith("*")))
            budget -= len(words)
    return tuple(terms)


def query_note(text: str) -> str | None:
    """A note for the reader when the query was cut (see MAX_WORDS), else None."""
    words = len(_WORD.findall(text[: MAX_QUERY_CHARS * 4]))
    if len(text) > MAX_QUERY_CHARS or words > MAX_WORDS:
        limit = f"{MAX_WORDS} words (at most {MAX_QUERY_CHARS} characters)"
        return f"Only the first {limit} of the search were used."
    return None


def fts_query(text: str) -> str:
    """An FTS5 expression for what the user typed; '' when it holds no searchable word.

    ``ukrai*`` is a prefix query, ``"offenen Konflikt"`` a phrase; all parts must match.
    """
    parts = []
    for term in parse(text):
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + " *" if term.prefix else quoted)
    return " ".join(parts)
