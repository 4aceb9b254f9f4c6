"""Sentence marking cost in a 10,000-word article, in the real article view (offscreen).

    uv run python benchmarks/sentence_marking.py [--words 10000] [--pairs 300] [--hyphenate] [--mode MODE]

Builds an article of about ``--words`` words (German sentences of 8-24 words, 3-6 to a paragraph,
names highlighted in both columns, the translation with its sentence pairs and scores, a tenth of them
under the unsure threshold), shows it at 1280×820 (side by side unless ``--mode`` says otherwise), and
then, for ``--pairs`` sentences spread through the article (each scrolled into view first, not timed):

- hover: a mouse-move event over the translated sentence → the hit test, both marks computed and set,
  and the viewport repainted (``repaint()`` paints synchronously, so the paint is inside the figure);
- J: the key press that pins the next sentence → the marks, keeping it in view, and the repaint.

Prints p50 / p95 / max in milliseconds for each. Target (issue 11): < 16 ms, one frame at 60 Hz.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.core.document import (
    Article,
    Block,
    BlockAnnotations,
    BlockKind,
    SentencePair,
    Span,
    SpanKind,
    Translation,
    TranslationStatus,
)
from reader.ui.article_html import ViewMode
from reader.ui.article_view import ArticleView
from reader.ui.reading_layout import ReadingLayout
from reader.ui.settings import DEFAULT_UNSURE_BELOW

GERMAN = (
    "die Regierung hat am Dienstag nach langen Verhandlungen weitreichende Maßnahmen für den Klimaschutz "
    "beschlossen und dabei auch die Forderungen der Länder berücksichtigt während die Opposition scharfe "
    "Kritik an den Beschlüssen übte und eine Überprüfung durch das Verfassungsgericht verlangte"
).split()
ENGLISH = (
    "the government on Tuesday after long negotiations adopted far-reaching measures for climate protection "
    "and also took the demands of the states into account while the opposition sharply criticised the "
    "decisions and demanded a review by the constitutional court"
).split()
NAMES = ["Scholz", "Berlin", "Brüssel", "Merz", "Hamburg"]


def sentence(rng: random.Random, words: list[str], name: str, length: int) -> str:
    chosen = [rng.choice(words) for _ in range(length)]
    chosen[rng.randrange(1, length)] = name
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def build(words: int, seed: int = 11) -> tuple[Article, dict[str, Translation], dict[str, BlockAnnotations]]:
    rng = random.Random(seed)
    blocks, translations, annotations = [], {}, {}
    count = 0
    while count < words:
        block_id = f"b{len(blocks)}"
        source, target, pairs, spans_o, spans_t = "", "", [], [], []
        for _ in range(rng.randint(3, 6)):
            length = rng.randint(8, 24)
            name = rng.choice(NAMES)
            de, en = sentence(rng, GERMAN, name, length), sentence(rng, ENGLISH, name, length)
            s0, t0 = len(source) + (1 if source else 0), len(target) + (1 if target else 0)
            source = f"{source} {de}" if source else de
            target = f"{target} {en}" if target else en
            score = -rng.uniform(1.3, 3.0) if rng.random() < 0.1 else -rng.uniform(0.1, 1.0)
            pairs.append(SentencePair((s0, s0 + len(de)), (t0, t0 + len(en)), round(score, 2)))
            for text, base, out in ((de, s0, spans_o), (en, t0, spans_t)):
                at = text.index(name)
                kind = SpanKind.PERSON if name in ("Scholz", "Merz") else SpanKind.LOCATION
                out.append(Span(base + at, base + at + len(name), kind, name, name.casefold()))
            count += length
        blocks.append(Block(block_id, BlockKind.PARAGRAPH, source, lang="de", confidence=0.99))
        translations[block_id] = Translation(
            block_id, "en", TranslationStatus.TRANSLATED, target, "de", sentences=tuple(pairs)
        )
        annotations[block_id] = BlockAnnotations(block_id, tuple(spans_o), tuple(spans_t))
    article = Article(title="Klimapaket beschlossen", blocks=tuple(blocks), source="bench", lang="de")
    return article, translations, annotations


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    worst = samples.index(ordered[-1])
    where = f"sample {worst + 1} of {len(ordered)}"
    return f"p50 {median:.2f} ms, p95 {p95:.2f} ms, max {ordered[-1]:.2f} ms ({where})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--hyphenate", action="store_true")
    parser.add_argument(
        "--mode", choices=[mode.value for mode in ViewMode], default=ViewMode.SIDE_BY_SIDE.value
    )
    args = parser.parse_args()
    app = QApplication([sys.argv[0]])
    article, translations, annotations = build(args.words)
    view = ArticleView()
    view.resize(1280, 820)
    view.show()
    view.set_reading_layout(ReadingLayout(hyphenate=args.hyphenate))
    view.unsure_below = DEFAULT_UNSURE_BELOW
    started = time.perf_counter()
    view.set_mode(ViewMode(args.mode))
    view.set_article(article, translations, annotations)
    app.processEvents()
    render_ms = (time.perf_counter() - started) * 1000
    order = view.sentence_order()
    words = sum(len(b.text.split()) for b in article.blocks)
    layout = args.mode + (", hyphenated" if args.hyphenate else "")
    print(
        f"{layout}: {words} words, {len(article.blocks)} paragraphs, {len(order)} sentence pairs, "
        f"{len(view.unsure_sentences())} underlined as unsure; first render {render_ms:.0f} ms"
    )

    bar = view.verticalScrollBar()
    step = max(1, len(order) // args.pairs)
    hover: list[float] = []
    for ref in order[::step][: args.pairs]:
        (start, _end) = view.sentence_ranges(ref)[-1]  # the translation, or the original in original only
        letter = start + 2
        while view.document().characterAt(letter).isspace():  # a space where a line wraps has no width
            letter += 1
        cursor = QTextCursor(view.document())
        cursor.setPosition(letter)
        bar.setValue(bar.value() + view.cursorRect(cursor).top() - 300)  # in view, not timed
        app.processEvents()
        view.viewport().repaint()  # the scroll's own paint (text never shown before) is not the marking's
        before = view.cursorRect(cursor)
        cursor.setPosition(letter + 1)
        after = view.cursorRect(cursor)
        x = (before.x() + after.x()) // 2 if after.y() == before.y() else before.x() + 1
        point = QPoint(x, before.center().y())
        event = QMouseEvent(
            QEvent.Type.MouseMove, QPointF(point), QPointF(view.viewport().mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        t0 = time.perf_counter()
        QApplication.sendEvent(view.viewport(), event)
        view.viewport().repaint()
        hover.append((time.perf_counter() - t0) * 1000)
        if view.hovered_sentence() != ref:
            raise SystemExit(f"hover marked {view.hovered_sentence()}, expected {ref}")
    print(f"hover → the pair marked (both sides where shown), painted: {percentiles(hover)}")

    bar.setValue(0)
    view.pin_sentence(None)
    app.processEvents()
    keys: list[float] = []
    scrolled = 0
    for _ in range(min(args.pairs, len(order) - 1)):
        before = bar.value()
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_J, Qt.KeyboardModifier.NoModifier, "j")
        t0 = time.perf_counter()
        QApplication.sendEvent(view, press)
        view.viewport().repaint()
        keys.append((time.perf_counter() - t0) * 1000)
        scrolled += bar.value() != before
    print(f"J → next pair pinned, kept in view, painted:          {percentiles(keys)} ({scrolled} scrolled)")
    view.close()


if __name__ == "__main__":
    main()
