"""What the user typed in the search box, as terms, and as a safe FTS5 expression.

Only two constructs are syntax, on purpose: a double-quoted phrase and a trailing ``*`` for a prefix.
Everything else (``"`` left open, ``-``, ``AND``, ``OR``, ``NEAR``, ``(``, ``col:``) is plain text, so no
input can produce an FTS5 syntax error. Every term must match (implicit AND).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    """A word (one item in ``words``) or a phrase; ``prefix`` when its last word ends in ``*``."""

    words: tuple[str, ...]
    prefix: bool = False


def parse(text: str) -> tuple[Term, ...]:
    terms: list[Term] = []
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, token = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append(Term(tuple(words)))
            continue
        words = _WORD.findall(token)
        if words:
            terms.append(Term(tuple(words), prefix=token.endswith("*")))
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
