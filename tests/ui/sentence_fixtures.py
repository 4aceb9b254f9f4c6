"""An article whose translations carry sentence pairs, for the sentence-linking and headline tests.

Layout tests: the sentences and scores are written by hand, as the translation engine would send them
(``Translation.sentences``: source offsets into the block's text, target offsets into the translation).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    SentenceOrigin,
    SentencePair,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.ui.article_view import ArticleView

TITLE = "Regierung beschließt Maßnahmen"
TITLE_TR = "Government adopts measures"
# (kind, German sentences, English sentences, scores)
BLOCKS: list[tuple[BlockKind, list[str], list[str], list[float]]] = [
    (BlockKind.HEADING, ["Ein Wendepunkt in Berlin"], ["A turning point in Berlin"], [-0.4]),
    (
        BlockKind.PARAGRAPH,
        [
            "Die Bundesregierung beschloss am Dienstag weitreichende Maßnahmen.",
            "Kanzler Scholz sprach in Berlin von einem Wendepunkt.",
            "Die Opposition kritisierte die Verhandlungen scharf.",
        ],
        [
            "The federal government adopted far-reaching measures on Tuesday.",
            "Chancellor Scholz spoke of a turning point in Berlin.",
            "The opposition sharply criticised the negotiations.",
        ],
        [-0.31, -2.1, -0.55],
    ),
    (BlockKind.LIST_ITEM, ["Mehr Geld für Schulen."], ["More money for schools."], [-0.2]),
    (BlockKind.QUOTE, ["„Wir handeln jetzt“, sagte er."], ["'We are acting now,' he said."], [-0.9]),
    (BlockKind.CAPTION, ["Scholz im Bundestag."], ["Scholz in the Bundestag."], [-1.6]),
]
ENGLISH_BLOCK = "This paragraph is already in English."


def pairs_of(
    source: list[str], target: list[str], scores: list[float]
) -> tuple[str, str, tuple[SentencePair, ...]]:
    """Join sentences with one space and record each sentence's offsets on both sides."""
    pairs = []
    s_at = t_at = 0
    for s, t, score in zip(source, target, scores, strict=True):
        pairs.append(SentencePair((s_at, s_at + len(s)), (t_at, t_at + len(t)), score))
        s_at += len(s) + 1
        t_at += len(t) + 1
    return " ".join(source), " ".join(target), tuple(pairs)


def make_article(repeat: int = 1) -> tuple[Article, dict[str, Translation]]:
    """The blocks above (``repeat`` times, for long articles), an English paragraph, and the title."""
    blocks: list[Block] = []
    translations: dict[str, Translation] = {}
    _s, _t, title_pairs = pairs_of([TITLE], [TITLE_TR], [-0.5])
    translations[TITLE_BLOCK_ID] = Translation(
        TITLE_BLOCK_ID, "en", TranslationStatus.TRANSLATED, TITLE_TR, "de", sentences=title_pairs
    )
    for round_ in range(repeat):
        for kind, source, target, scores in BLOCKS:
            block_id = f"b{len(blocks)}"
            text, translated, pairs = pairs_of(source, target, scores)
            level = 2 if kind is BlockKind.HEADING else 0
            blocks.append(Block(block_id, kind, text, level=level, lang="de", confidence=0.99))
            translations[block_id] = Translation(
                block_id, "en", TranslationStatus.TRANSLATED, translated, "de", sentences=pairs
            )
        if round_ == 0:
            block_id = f"b{len(blocks)}"
            blocks.append(Block(block_id, BlockKind.PARAGRAPH, ENGLISH_BLOCK, lang="en", confidence=0.99))
            translations[block_id] = Translation(block_id, "en", TranslationStatus.SAME_LANGUAGE, None, "en")
    article = Article(title=TITLE, blocks=tuple(blocks), source="https://example.org/a", lang="de")
    return article, translations


def scholz_annotations() -> dict[str, BlockAnnotations]:
    """Names in paragraph b1: Scholz and Berlin, in the original and the translation."""
    _kind, source, target, _scores = BLOCKS[1]
    text, translated = " ".join(source), " ".join(target)

    def span(haystack: str, word: str, kind: SpanKind) -> Span:
        start = haystack.index(word)
        return Span(start, start + len(word), kind, word, word.casefold())

    return {
        "b1": BlockAnnotations(
            "b1",
            original=(span(text, "Scholz", SpanKind.PERSON), span(text, "Berlin", SpanKind.LOCATION)),
            translation=(
                span(translated, "Scholz", SpanKind.PERSON),
                span(translated, "Berlin", SpanKind.LOCATION),
            ),
        )
    }


def make_view(qtbot: QtBot, repeat: int = 1, *, with_names: bool = False) -> ArticleView:
    article, translations = make_article(repeat)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    view.set_article(article, translations, scholz_annotations() if with_names else {})
    return view


def memory_pair(translation: Translation, index: int, origin: SentenceOrigin) -> Translation:
    pairs = list(translation.sentences)
    pairs[index] = SentencePair(pairs[index].source, pairs[index].target, None, origin)
    return Translation(
        translation.block_id, translation.target, translation.status, translation.text,
        translation.source_lang, sentences=tuple(pairs),
    )  # fmt: skip


def selected_text(view: ArticleView, start: int, end: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u00ad", "").replace("\u2029", " ")


def point_of(view: ArticleView, position: int) -> QPoint:
    """A viewport point over the character at document ``position``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    before = view.cursorRect(cursor)
    cursor.setPosition(position + 1)
    after = view.cursorRect(cursor)
    x = (before.x() + after.x()) // 2 if after.y() == before.y() else before.x() + 1  # last on its line
    return QPoint(x, before.center().y())
