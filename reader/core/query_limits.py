"""How much of a search query is used: shared by the store (which applies it) and the window (which says so).

FTS5's cost grows with the square of the number of terms (1,430 terms took 6 s, 14,000 took 564 s) and the
window searches as the reader types, so a pasted page would stall it: a query is cut to its first
MAX_QUERY_CHARS characters and MAX_WORDS words, and ``query_note`` tells the reader when that happened.
"""

from __future__ import annotations

import re

MAX_QUERY_CHARS = 500
MAX_WORDS = 32

WORD = re.compile(r"\w+")


def query_note(text: str) -> str | None:
    """A note for the reader when the query is cut, else None."""
    words = len(WORD.findall(text[: MAX_QUERY_CHARS * 4]))
    if len(text) > MAX_QUERY_CHARS or words > MAX_WORDS:
        limit = f"{MAX_WORDS} words (at most {MAX_QUERY_CHARS} characters)"
        return f"Only the first {limit} of the search were used."
    return None
