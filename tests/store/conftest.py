"""Fixtures for the library tests: a fresh library in a temporary folder and small hand-written articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.document import Article, Block, BlockKind, Translation, TranslationStatus
from reader.store.library import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib, notice = Library.open(tmp_path / "library.sqlite3")
    assert notice is None
    yield lib
    lib.close()


def article(
    title: str = "Gespräche in Zürich über den Winter",
    source: str = "https://news.example.org/politik/gespraeche",
    paragraphs: tuple[str, ...] = (
        "Die Außenminister trafen sich am Dienstag in Zürich zu neuen Gesprächen.",
        "Officials said the talks would continue next week in Geneva.",
        "Ein Sprecher sprach von einem offenen Konflikt über die Energiepreise.",
    ),
    published: str | None = "2024-03-05",
) -> Article:
    blocks = tuple(
        Block(
            f"b{i}",
            BlockKind.PARAGRAPH,
            text,
            lang="en" if text.startswith("Officials") else "de",
            confidence=0.95,
        )
        for i, text in enumerate(paragraphs)
    )
    return Article(title, blocks, source=source, site="Example News", published=published, lang="de")


def english(block_id: str, text: str) -> Translation:
    return Translation(block_id, "en", TranslationStatus.TRANSLATED, text, "de", "translate-de_en 1.0")
