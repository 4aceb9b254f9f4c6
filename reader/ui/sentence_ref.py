"""Which sentence pair the reader points at: the view's hit test answers with one of these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """Pair ``index`` of ``Translation.sentences`` of block ``block_id`` (``TITLE_BLOCK_ID``: the title)."""

    block_id: str
    index: int
