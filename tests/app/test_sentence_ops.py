"""SentenceOps on a real library: a kept sentence replaces the pair (later offsets shifted), is marked as the
reader's, reaches the view's signal, the library and the translation memory; nonsense changes nothing.

The translations here are written by hand (with their sentence pairs, as the contract allows for the app
layer); tests/ui/test_sentence_edit_window.py runs the same through the real engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.app.article_session import ArticleSession
from reader.app.operations import Operations
from reader.app.runner import TaskRunner
from reader.app.sentence_ops import SentenceOps
from reader.app.services import Services
from reader.core.document import (
    TITLE_BLOCK_ID,
    Article,
    Block,
    BlockKind,
    SentenceOrigin,
    SentencePair,
    Translation,
    TranslationStatus,
)
from reader.core.translate.memory import MemoryTranslationMemory
from reader.core.translate.sentence_pairs import Alternative
from reader.store.library import Library
from reader.ui.sentence_ref import SentenceRef

WAIT = 10_000
SOURCE = "Der Zug kommt. Die Brücke ist zu."
TARGET = "The train comes. The bridge is shut."
TITLE = "Neue Brücke"


def article() -> Article:
    block = Block("b0", BlockKind.PARAGRAPH, SOURCE, lang="de", confidence=1.0)
    return Article(TITLE, (block,), source="/tmp/bruecke.html", lang="de")


def translations() -> dict[str, Translation]:
    return {
        "b0": Translation(
            "b0",
            "en",
            TranslationStatus.TRANSLATED,
            TARGET,
            "de",
            sentences=(
                SentencePair((0, 14), (0, 16), -0.3),
                SentencePair((15, 33), (17, 36), -0.5),
            ),
        ),
        TITLE_BLOCK_ID: Translation(
            TITLE_BLOCK_ID,
            "en",
            TranslationStatus.TRANSLATED,
            "New bridge",
            "de",
            sentences=(SentencePair((0, 11), (0, 10), -0.2),),
        ),
    }


@pytest.fixture
def setup(
    tmp_path: Path, argos_packages_dir: Path
) -> Iterator[tuple[ArticleSession, SentenceOps, MemoryTranslationMemory, Library]]:
    runner = TaskRunner()
    ops = Operations(runner)
    library, _notice = Library.open(tmp_path / "library.sqlite3")
    services = Services(library=library, in_process=True, packages_dir=argos_packages_dir)
    session = ArticleSession(ops, services)
    session.article = article()
    session.translations = translations()
    session.article_id = library.save_article(
        session.article, translations=list(session.translations.values()), target_lang="en"
    )
    memory = MemoryTranslationMemory()
    sentence_ops = SentenceOps(ops, session, lambda: memory, lambda: services.pipeline)
    yield session, sentence_ops, memory, library
    assert runner.shutdown()
    services.close()


def test_a_kept_sentence_is_shown_stored_and_remembered(
    qtbot: QtBot, setup: tuple[ArticleSession, SentenceOps, MemoryTranslationMemory, Library]
) -> None:
    session, sentence_ops, memory, library = setup
    with (
        qtbot.waitSignal(session.translation_arrived) as shown,
        qtbot.waitSignal(sentence_ops.sentence_kept, timeout=WAIT) as kept,
    ):
        sentence_ops.keep(SentenceRef("b0", 0), "  The train\nis arriving. ")
    changed = shown.args[0]
    assert changed.text == "The train is arriving. The bridge is shut."
    assert changed.sentences[0] == SentencePair((0, 14), (0, 22), None, SentenceOrigin.MEMORY)
    assert changed.sentences[1].target == (23, 42) and changed.sentences[1].origin is SentenceOrigin.MODEL
    assert session.translations["b0"] == changed
    assert kept.args[0].source == "Der Zug kommt." and kept.args[0].target == "The train is arriving."
    assert memory.lookup_many("de", "en", ["Der  Zug kommt."]) == {"Der Zug kommt.": "The train is arriving."}
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT)
    assert session.article_id is not None
    stored = {t.block_id: t for t in library.get(session.article_id).translations}
    assert stored["b0"].text == changed.text
    assert stored["b0"].sentences[0].origin is SentenceOrigin.MEMORY


def test_the_headline_is_corrected_like_a_sentence(
    qtbot: QtBot, setup: tuple[ArticleSession, SentenceOps, MemoryTranslationMemory, Library]
) -> None:
    session, sentence_ops, memory, _library = setup
    ref = SentenceRef(TITLE_BLOCK_ID, 0)
    current = sentence_ops.sentence(ref)
    assert current is not None and (current.source, current.target) == (TITLE, "New bridge")
    with qtbot.waitSignal(sentence_ops.sentence_kept, timeout=WAIT):
        sentence_ops.keep(ref, "A new bridge")
    assert session.translations[TITLE_BLOCK_ID].text == "A new bridge"
    assert memory.lookup_many("de", "en", [TITLE]) == {TITLE: "A new bridge"}


def test_nothing_changes_for_an_empty_or_same_text_or_a_missing_sentence(
    qtbot: QtBot, setup: tuple[ArticleSession, SentenceOps, MemoryTranslationMemory, Library]
) -> None:
    session, sentence_ops, memory, _library = setup
    before = dict(session.translations)
    with (
        qtbot.assertNotEmitted(session.translation_arrived),
        qtbot.assertNotEmitted(sentence_ops.sentence_kept),
    ):
        assert sentence_ops.keep(SentenceRef("b0", 0), "   ") is None
        assert sentence_ops.keep(SentenceRef("b0", 1), "The bridge is shut.") is None
        assert sentence_ops.keep(SentenceRef("b0", 7), "Anything.") is None
        assert sentence_ops.keep(SentenceRef("b9", 0), "Anything.") is None
        assert sentence_ops.ask_alternatives(SentenceRef("b9", 0)) is False
        qtbot.wait(100)
    assert session.translations == before
    assert memory.entries() == []


def test_only_the_newest_request_for_alternatives_is_answered(
    qtbot: QtBot, setup: tuple[ArticleSession, SentenceOps, MemoryTranslationMemory, Library]
) -> None:
    """On the tiny real de→en model: asking again drops the first answer; so does opening another article."""
    session, sentence_ops, _memory, _library = setup
    answers: list[tuple[SentenceRef, list[Alternative]]] = []
    sentence_ops.alternatives_found.connect(lambda ref, found: answers.append((ref, found)))
    assert sentence_ops.ask_alternatives(SentenceRef("b0", 0))
    assert sentence_ops.ask_alternatives(SentenceRef("b0", 1))
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    qtbot.wait(300)
    assert [ref for ref, _found in answers] == [SentenceRef("b0", 1)]
    found = answers[0][1]
    assert 1 <= len(found) <= 3 and "The bridge is shut." not in {a.text for a in found}

    answers.clear()
    with qtbot.assertNotEmitted(sentence_ops.alternatives_found, wait=1500):
        sentence_ops.ask_alternatives(SentenceRef("b0", 0))
        session.generation += 1  # another article was opened meanwhile
    assert answers == []
