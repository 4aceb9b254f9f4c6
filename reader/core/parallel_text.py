"""An article's sentence pairs as parallel text: TSV, TMX 1.4, and a CSV ready for Anki's import.

The pairs come from each translation's ``sentences`` (exact offsets into the block's text and the
translation's text), the title first (the 'title' pseudo-block), then the blocks in reading order. A block
translated before Reader kept sentence pairs gives one pair for the whole block, so older library articles
still export. Blocks not translated (same language, no package) give none.

Anki: the front is the original sentence, with the names and places highlighted in the article in bold
(so the word is learnt in its context), the back its translation, then the article's title and source.
The file starts with the header lines Anki's importer reads (``#separator``, ``#html``, ``#columns``), is
UTF-8, and quoted as RFC 4180 CSV; text is HTML-escaped since the fields are HTML.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    BlockAnnotations,
    SentenceOrigin,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.core.files import write_text_atomically
from reader.core.tmx import TmxPair, to_tmx

__all__ = [
    "ParallelRow",
    "sentence_rows",
    "to_anki_csv",
    "to_tmx_text",
    "to_tsv",
    "write_anki_csv",
    "write_tmx",
    "write_tsv",
]

ANKI_COLUMNS = ("Front", "Back", "Title", "Source")


@dataclass(frozen=True, slots=True)
class ParallelRow:
    """One sentence and its translation, with where it comes from.

    Attributes:
        block_id: the block (``title`` for the headline).
        source, target: the sentence and its translation, as shown (surrounding whitespace trimmed).
        source_lang, target_lang: the pair's languages (the block's language; the translation's target).
        origin: model, memory or glossary; None for a whole block stored without sentence pairs.
        score: the model's mean log-probability per token, when it produced the sentence.
        marks: (start, end) offsets in ``source`` of the names and places highlighted in the article.
        title, article_source: the article's title and source (URL or file), for the Anki card.
    """

    block_id: str
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: SentenceOrigin | None = None
    score: float | None = None
    marks: tuple[tuple[int, int], ...] = ()
    title: str = ""
    article_source: str = ""


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed to leave out the span's leading and trailing whitespace."""
    piece = text[start:end]
    return start + (len(piece) - len(piece.lstrip())), end - (len(piece) - len(piece.rstrip()))


def sentence_rows(
    article: Article,
    translations: Iterable[Translation] | Mapping[str, Translation],
    annotations: Mapping[str, BlockAnnotations] | None = None,
    *,
    target: str | None = None,
) -> list[ParallelRow]:
    """The article's sentence pairs, title first, then the blocks in order.

    Args:
        translations: the article's translations (any targets); only ``target``'s are used, default the
            first target among them.
        annotations: the article's highlights by block id; their names and places become ``marks``.
    """
    items = list(translations.values() if isinstance(translations, Mapping) else translations)
    if target is None:
        target = next((t.target for t in items if t.status is TranslationStatus.TRANSLATED), None)
    by_block = {t.block_id: t for t in items if t.target == target}
    texts = [(TITLE_BLOCK_ID, article.title, article.lang)] + [
        (block.id, block.text, block.lang or article.lang) for block in article.blocks
    ]
    rows: list[ParallelRow] = []
    for block_id, text, block_lang in texts:
        translation = by_block.get(block_id)
        if translation is None or translation.status is not TranslationStatus.TRANSLATED:
            continue
        translated = translation.text or ""
        lang = translation.source_lang or block_lang or ""
        spans = [
            (s.start, s.end)
            for s in (annotations or {}).get(block_id, BlockAnnotations(block_id)).original
            if s.kind is not SpanKind.DATE
        ]
        pairs = [(p.source, p.target, p.origin, p.score) for p in translation.sentences]
        if not pairs:  # stored before sentence pairs were kept: the whole block is one pair
            pairs = [((0, len(text)), (0, len(translated)), None, None)]
        for (ss, se), (ts, te), origin, score in pairs:
            ss, se = _trimmed(text, ss, se)
            ts, te = _trimmed(translated, ts, te)
            if ss >= se or ts >= te:
                continue
            marks = tuple((max(s, ss) - ss, min(e, se) - ss) for s, e in sorted(spans) if s < se and e > ss)
            rows.append(
                ParallelRow(
                    block_id,
                    text[ss:se],
                    translated[ts:te],
                    lang,
                    translation.target,
                    origin,
                    score,
                    marks,
                    article.title,
                    article.source,
                )
            )
    return rows


def _tsv_field(text: str) -> str:
    """One TSV field: backslash, tab and line breaks escaped (``\\\\``, ``\\t``, ``\\n``, ``\\r``)."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(rows: Sequence[ParallelRow]) -> str:
    """``source<TAB>target`` per line, fields escaped so that every pair is exactly one line."""
    return "".join(f"{_tsv_field(r.source)}\t{_tsv_field(r.target)}\n" for r in rows)


def to_tmx_text(rows: Sequence[ParallelRow]) -> str:
    """The pairs as a TMX 1.4 document (srclang: each block's language)."""
    return to_tmx(TmxPair(r.source_lang, r.source, r.target_lang, r.target) for r in rows)


def _bold_marks(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    """``text`` HTML-escaped, with the marked stretches in ``<b>`` (overlaps merged)."""
    out: list[str] = []
    position = 0
    for start, end in marks:
        if start < position:
            start = position
        if end <= start:
            continue
        out.append(html.escape(text[position:start], quote=False))
        out.append("<b>" + html.escape(text[start:end], quote=False) + "</b>")
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out).replace("\n", "<br>")


def to_anki_csv(rows: Sequence[ParallelRow]) -> str:
    """Cards for Anki's "Import File": front (sentence, names in bold), back, title, source."""
    buffer = io.StringIO()
    buffer.write("#separator:comma\n#html:true\n#columns:" + ",".join(ANKI_COLUMNS) + "\n")
    # Every field quoted: a card whose front starts with "#" must not read as one of the header lines.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for row in rows:
        writer.writerow(
            [
                _bold_marks(row.source, row.marks),
                html.escape(row.target, quote=False).replace("\n", "<br>"),
                html.escape(row.title, quote=False),
                html.escape(row.article_source, quote=False),
            ]
        )
    return buffer.getvalue()


def write_tsv(rows: Sequence[ParallelRow], path: Path) -> None:
    """Write ``to_tsv(rows)`` to ``path`` (atomically). Raises InputError when it cannot be written."""
    write_text_atomically(path, to_tsv(rows))


def write_tmx(rows: Sequence[ParallelRow], path: Path) -> None:
    """Write ``to_tmx_text(rows)`` to ``path`` (atomically). Raises InputError when it cannot be written."""
    write_text_atomically(path, to_tmx_text(rows))


def write_anki_csv(rows: Sequence[ParallelRow], path: Path) -> None:
    """Write ``to_anki_csv(rows)`` to ``path`` (atomically). Raises InputError when it cannot be written."""
    write_text_atomically(path, to_anki_csv(rows))
