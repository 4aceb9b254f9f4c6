"""What the library returns: plain frozen records the UI and CLI can hand between threads."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.document import Article, BlockAnnotations, Translation

SORTS = ("added", "published", "title", "relevance")


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """Which articles a list or search shows.

    Attributes:
        tag: only articles with this tag (case-insensitive).
        language: only articles with a block in this language (original text).
        archived: False (default) hides archived articles, True shows only them, None shows both.
        unread: only articles never opened.
        favourite: only favourites.
        published_from, published_to: ISO dates, inclusive, on the published date.
        added_from, added_to: Unix times, inclusive, on when the article was first saved.
        include_deleted: also show soft-deleted articles (the trash).
    """

    tag: str | None = None
    language: str | None = None
    archived: bool | None = False
    unread: bool = False
    favourite: bool = False
    published_from: str | None = None
    published_to: str | None = None
    added_from: float | None = None
    added_to: float | None = None
    include_deleted: bool = False


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library list.

    ``languages`` lists the original's languages (most blocks first) then the reading target when it
    differs; ``progress`` is the reading position as a fraction of the blocks (0.0 when never read).
    """

    id: int
    title: str
    site: str | None
    source: str
    languages: tuple[str, ...]
    published: str | None
    added: float
    opened: float | None
    progress: float
    archived: bool
    favourite: bool
    deleted: bool
    tags: tuple[str, ...] = ()
    title_translation: str | None = None  # the title in the language it was last read in, when translated

    @property
    def unread(self) -> bool:
        return self.opened is None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the article's row plus a snippet with the matches between ``markers``."""

    summary: ArticleSummary
    snippet: str
    rank: float

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def title(self) -> str:
        return self.summary.title


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as kept in the library: language overrides applied, with everything saved about it."""

    id: int
    article: Article
    translations: tuple[Translation, ...]
    annotations: dict[str, BlockAnnotations]
    tags: tuple[str, ...]
    target_lang: str | None
    position_block_id: str | None
    position_offset: int
    archived: bool
    favourite: bool
    added: float
    updated: float
    opened: float | None
    deleted: bool
    language_overrides: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: new articles, articles merged into existing ones, entries skipped as invalid."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    reasons: tuple[tuple[str, int], ...] = ()  # why entries were skipped, with how many each
    memory: int = 0  # translation memory entries added or updated (a library backup)
    glossary: int = 0  # glossary terms added

    def __str__(self) -> str:
        summary = f"{self.added} added, {self.updated} updated, {self.skipped} skipped"
        if self.memory or self.glossary:
            entries = "entry" if self.memory == 1 else "entries"
            terms = "term" if self.glossary == 1 else "terms"
            summary += f"; {self.memory} translation memory {entries}, {self.glossary} glossary {terms}"
        if self.reasons:
            summary += " (" + "; ".join(f"{count} × {reason}" for reason, count in self.reasons) + ")"
        return summary
