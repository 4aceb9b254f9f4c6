"""Validation of one article entry of an export file before anything of it is stored.

An import file may come from anywhere. One entry with ``added_at: 1e300`` or ``opened_at: "yesterday"``
once made every later ``library list`` crash, so every field is checked here (type, range, size) and an
entry that fails is skipped with a one-line reason; nothing of it reaches the database. Text fields lose
control characters and bidi overrides, as ingest does, and ``source`` must be a web address or a file path
(an export file could otherwise smuggle in a ``javascript:`` "source" for the exported links).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    LanguageRun,
    Span,
    SpanKind,
    Translation,
)
from reader.core.document import TranslationStatus as Status
from reader.core.textclean import clean_preformatted, clean_text, strip_controls
from reader.store.codec import sentence_pairs

# Times are seconds since 1970 up to the end of year 9999: what datetime can show on every platform.
LATEST_TIME = 253_402_300_799.0
MAX_TEXT_CHARS = 10 * 1024 * 1024  # one block or translation (an ingested file is at most 5 MiB of text)
MAX_FIELD_CHARS = 2_000  # title, byline, site, details
MAX_SOURCE_CHARS = 8_192
MAX_BLOCKS = 200_000
MAX_TAGS = 500
MAX_DROPPED_LINES = 500  # page furniture lines left out at ingest
MAX_SPANS = 100_000

_LANG = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})?$")
_BLOCK_ID = re.compile(r"^[\w.-]{1,64}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class BadEntry(ValueError):
    """An entry that cannot be imported; ``str()`` is the reason, for the import summary."""


@dataclass(frozen=True)
class ValidEntry:
    """An entry with every field checked and cleaned, ready to store."""

    article: Article
    translations: list[Translation]
    annotations: list[BlockAnnotations]
    target_lang: str | None
    added_at: float
    updated_at: float
    opened_at: float | None
    archived: bool
    favourite: bool
    tags: list[str]
    position_block: str | None
    position_offset: int
    language_overrides: dict[str, str]


def validate_entry(entry: object, *, now: float | None = None) -> ValidEntry:
    """``entry`` checked field by field.

    Raises:
        BadEntry: the first problem found, as a short reason ("added_at is not a time").
    """
    if not isinstance(entry, Mapping):
        raise BadEntry("an entry is not an object")
    now = time.time() if now is None else now
    blocks = _blocks(entry.get("blocks"))
    ids = {block.id for block in blocks}
    lengths = {block.id: len(block.text) for block in blocks}
    article = Article(
        title=_line(entry.get("title"), "title") or "Untitled",
        blocks=blocks,
        source=_source(entry.get("source")),
        byline=_line(entry.get("byline"), "byline"),
        site=_line(entry.get("site"), "site"),
        published=_date(entry.get("published")),
        lang=_lang(entry.get("lang"), "lang"),
        dropped=tuple(
            line
            for line in (
                _line(item, "a left-out line")
                for item in _list(entry.get("dropped"), "dropped", MAX_DROPPED_LINES)
            )
            if line
        ),
    )
    position = entry.get("position")
    position_block: str | None = None
    position_offset = 0
    if position is not None:
        if not isinstance(position, Mapping):
            raise BadEntry("position is not an object")
        block_id = position.get("block_id")
        if block_id is not None:
            position_block = _text(block_id, "position", 64)
            position_offset = _integer(position.get("offset", 0), "position offset", 0, 10**9)
    added = _time(entry.get("added_at"), "added_at", default=now)
    return ValidEntry(
        article=article,
        translations=_translations(
            entry.get("translations"), {**lengths, TITLE_BLOCK_ID: len(article.title)}
        ),
        annotations=_annotations(entry.get("annotations"), lengths),
        target_lang=_lang(entry.get("target_lang"), "target_lang"),
        added_at=added,
        updated_at=_time(entry.get("updated_at"), "updated_at", default=added),
        opened_at=_time(entry.get("opened_at"), "opened_at", default=None),
        archived=_flag(entry.get("archived"), "archived"),
        favourite=_flag(entry.get("favourite"), "favourite"),
        tags=[_line(tag, "a tag") or "" for tag in _list(entry.get("tags"), "tags", MAX_TAGS)],
        position_block=position_block if position_block in ids else None,
        position_offset=position_offset,
        language_overrides=_overrides(entry.get("language_overrides"), ids),
    )


# -- fields ----------------------------------------------------------------------------------------------
def _text(value: object, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise BadEntry(f"{name} is not text")
    if len(value) > limit:
        raise BadEntry(f"{name} is too long ({len(value):,} characters; the limit is {limit:,})")
    return value


def _line(value: object, name: str) -> str | None:
    """A one-line text field (title, byline, tag), cleaned like ingest cleans it; None when absent."""
    if value is None:
        return None
    return clean_text(_text(value, name, MAX_FIELD_CHARS)) or None


def _source(value: object) -> str:
    if value is None or value == "":
        return ""
    source = clean_text(_text(value, "source", MAX_SOURCE_CHARS))
    scheme = _SCHEME.match(source)
    if scheme and not re.match(r"^[A-Za-z]:[\\/]", source):  # C:\… is a Windows path, not a scheme
        if scheme.group(0).lower() not in ("http:", "https:") or not source[
            len(scheme.group(0)) :
        ].startswith("//"):
            raise BadEntry("source is neither an http(s) address nor a file path")
    return source


def _lang(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _LANG.match(value):
        raise BadEntry(f"{name} is not a language code")
    return value


def _date(value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise BadEntry("published is not a date (YYYY-MM-DD)")
    return value


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadEntry(f"{name} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise BadEntry(f"{name} is not a finite number")
    return number


def _time(value: object, name: str, *, default: float | None) -> Any:
    if value is None:
        return default
    number = _number(value, name)
    if not 0 <= number <= LATEST_TIME:
        raise BadEntry(f"{name} is not a time between 1970 and 9999")
    return number


def _integer(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadEntry(f"{name} is not a whole number")
    if not low <= value <= high:
        raise BadEntry(f"{name} is out of range ({low} to {high:,})")
    return value


def _flag(value: object, name: str) -> bool:
    if value is None:
        return False
    if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
        return bool(value)
    raise BadEntry(f"{name} is not true or false")


def _confidence(value: object, name: str) -> float:
    number = _number(0.0 if value is None else value, name)
    if not 0.0 <= number <= 1.0:
        raise BadEntry(f"{name} is not between 0 and 1")
    return number


def _list(value: object, name: str, limit: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadEntry(f"{name} is not a list")
    if len(value) > limit:
        raise BadEntry(f"{name} has too many items ({len(value):,}; the limit is {limit:,})")
    return value


def _object(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadEntry(f"{name} is not an object")
    return value


# -- blocks, translations, highlights ---------------------------------------------------------------------
def _blocks(value: object) -> tuple[Block, ...]:
    items = _list(value, "blocks", MAX_BLOCKS)
    if not items:
        raise BadEntry("it has no text (no blocks)")
    blocks: list[Block] = []
    seen: set[str] = set()
    for item in items:
        data = _object(item, "a block")
        block_id = _text(data.get("id"), "a block id", 64)
        if not _BLOCK_ID.match(block_id) or block_id in seen:
            raise BadEntry("a block id is malformed or repeated")
        seen.add(block_id)
        try:
            kind = BlockKind(str(data.get("kind", "paragraph")))
        except ValueError as error:
            raise BadEntry("a block kind is unknown") from error
        raw = _text(data.get("text"), "a block's text", MAX_TEXT_CHARS)
        text = clean_preformatted(raw) if kind is BlockKind.PREFORMATTED else strip_controls(raw)
        if not text.strip():
            raise BadEntry("a block has no text")
        runs = []
        for run in _list(data.get("runs"), "a block's runs", 10_000):
            if not isinstance(run, list) or len(run) != 4:
                raise BadEntry("a language run is malformed")
            start = _integer(run[0], "a run start", 0, len(text))
            end = _integer(run[1], "a run end", start, len(text))
            runs.append(
                LanguageRun(start, end, _lang(run[2], "a run language") or "", _confidence(run[3], "a run"))
            )
        blocks.append(
            Block(
                block_id,
                kind,
                text,
                _integer(data.get("level", 0), "a block level", 0, 9),
                _lang(data.get("lang"), "a block language"),
                _confidence(data.get("confidence"), "a block confidence"),
                tuple(runs),
            )
        )
    return tuple(blocks)


def _translations(value: object, lengths: Mapping[str, int]) -> list[Translation]:
    """The entry's translations of its blocks and of its title (the 'title' pseudo-block), with their
    sentence pairs; pairs that do not fit the texts (after cleaning) are dropped, the translation kept."""
    result = []
    for item in _list(value, "translations", MAX_BLOCKS * 4):
        data = _object(item, "a translation")
        block_id = _text(data.get("block_id"), "a translation's block", 64)
        try:
            status = Status(str(data.get("status")))
        except ValueError as error:
            raise BadEntry("a translation status is unknown") from error
        text = data.get("text")
        detail = data.get("detail")
        translation = Translation(
            block_id,
            _lang(data.get("target"), "a translation target") or "",
            status,
            None if text is None else strip_controls(_text(text, "a translation", MAX_TEXT_CHARS)),
            _lang(data.get("source_lang"), "a translation's source language"),
            None if detail is None else clean_text(_text(detail, "a translation detail", MAX_FIELD_CHARS)),
        )
        if not translation.target:
            raise BadEntry("a translation has no target language")
        pairs = _list(data.get("sentences"), "a translation's sentences", MAX_SPANS)
        if pairs and status is Status.TRANSLATED and translation.text is not None:
            fitted = sentence_pairs(pairs, lengths.get(block_id, 0), len(translation.text))
            translation = replace(translation, sentences=fitted or ())
        if block_id in lengths:
            result.append(translation)
    return result


def _annotations(value: object, lengths: Mapping[str, int]) -> list[BlockAnnotations]:
    result = []
    for item in _list(value, "annotations", MAX_BLOCKS):
        data = _object(item, "an annotation")
        block_id = _text(data.get("block_id"), "an annotation's block", 64)
        original = _spans(data.get("original"), lengths.get(block_id, 0))
        translation = _spans(data.get("translation"), MAX_TEXT_CHARS)
        if block_id in lengths:
            result.append(BlockAnnotations(block_id, original, translation))
    return result


def _spans(value: object, length: int) -> tuple[Span, ...]:
    spans = []
    for item in _list(value, "highlights", MAX_SPANS):
        data = _object(item, "a highlight")
        start = _integer(data.get("start"), "a highlight start", 0, length)
        end = _integer(data.get("end"), "a highlight end", start, length)
        try:
            kind = SpanKind(str(data.get("type")))
        except ValueError as error:
            raise BadEntry("a highlight type is unknown") from error
        text = _text(data.get("text", ""), "a highlight's text", MAX_FIELD_CHARS)
        value_, detail = data.get("value"), data.get("detail")
        spans.append(
            Span(
                start,
                end,
                kind,
                strip_controls(text),
                None
                if value_ is None
                else strip_controls(_text(value_, "a highlight value", MAX_FIELD_CHARS)),
                None
                if detail is None
                else strip_controls(_text(detail, "a highlight detail", MAX_FIELD_CHARS)),
            )
        )
    return tuple(spans)


def _overrides(value: object, ids: set[str]) -> dict[str, str]:
    if value is None:
        return {}
    data = _object(value, "language_overrides")
    overrides = {}
    for block_id, lang in data.items():
        code = _lang(lang, "a language override")
        if block_id in ids and code:
            overrides[block_id] = code
    return overrides
