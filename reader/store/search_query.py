"""What the user typed in the search box, as terms, and as a safe FTS5 expression.

Only two constructs are syntax, on purpose: a double-quoted phrase and a trailing ``*`` for a prefix.
Everything else (``"`` left open, ``-``, ``AND``, ``OR``, ``NEAR``, ``(``, ``col:``) is plain text, so no
input can produce an FTS5 syntax error. Every term must match (implicit AND).

A query is cut to MAX_QUERY_CHARS characters and MAX_WORDS words (see ``reader.core.query_limits``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.query_limits import MAX_QUERY_CHARS, MAX_WORDS, WORD, query_note

__all__ = ["MAX_QUERY_CHARS", "MAX_WORDS", "Term", "fts_query", "parse", "query_note"]

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = WORD


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


def fts_query(text: str) -> str:
    """An FTS5 expression for what the user typed; '' when it holds no searchable word.

    ``ukrai*`` is a prefix query, ``"offenen Konflikt"`` a phrase; all parts must match.
    """
    parts = []
    for term in parse(text):
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + " *" if term.prefix else quoted)
    return " ".join(parts)
