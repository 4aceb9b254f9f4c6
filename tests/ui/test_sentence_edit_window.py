"""Correcting a translated sentence in the window, on the real engine (tiny real model, real library):
the correction shows at once, is kept in the library and the translation memory, comes back in another
article as the reader's text, and travels out and back in as TMX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.document import SentenceOrigin, TranslationStatus
from reader.core.translate.memory import normalize_source
from reader.core.translate.sentence_pairs import sentence_texts
from reader.ui.main_window import MainWindow
from reader.ui.sentence_ref import SentenceRef

WAIT = 30_000
FIRST = "Die Außenminister der Europäischen Union trafen sich am Dienstag in Brüssel"
MINE = "The foreign ministers of the EU met in Brussels on Tuesday to talk about Ukraine."
EDITED = "On Tuesday the EU foreign ministers met in Brussels to discuss Ukraine."

OTHER_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Neue Woche</title></head>
<body><article><h1>Neue Woche</h1>
<p>Der Bericht der Regierung kommt erst in der nächsten Woche, sagte ein Sprecher am Montag in Berlin.</p>
<p>Die Außenminister der Europäischen Union trafen sich am Dienstag in Brüssel, um über die Lage in der
Ukraine zu sprechen. Danach reisten sie weiter nach Riga, wo sie am Abend ankamen.</p>
</article></body></html>"""


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.open_source(str(path))
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    article = window.view.article
    assert article is not None
    qtbot.waitUntil(lambda: all(b.id in window.session.translations for b in article.blocks), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)


def ref_of(window: MainWindow, starts: str) -> SentenceRef:
    """The pair whose source sentence starts with ``starts``."""
    for block_id, translation in window.session.translations.items():
        source = window.session.source_text(block_id) or ""
        for index, pair in enumerate(translation.sentences):
            if source[pair.source[0] : pair.source[1]].strip().startswith(starts):
                return SentenceRef(block_id, index)
    raise AssertionError(f"no translated sentence starts with {starts!r}")


def save_and_wait(qtbot: QtBot, window: MainWindow) -> int:
    with qtbot.waitSignal(window.session.saved, timeout=WAIT) as saved:
        window.session.save()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    return int(saved.args[0])


def test_a_correction_is_shown_kept_and_reused_in_another_article(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, tmp_path: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    article_id = save_and_wait(qtbot, window)
    ref = ref_of(window, FIRST)
    before = window.session.translations[ref.block_id]
    assert before.status is TranslationStatus.TRANSLATED
    source, old = sentence_texts(window.session.source_text(ref.block_id) or "", before, ref.index)

    editor = window.edit_sentence(ref)
    assert editor is not None and editor.toPlainText() == old
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT)
    qtbot.keyClicks(editor, MINE)
    with qtbot.waitSignal(window.sentence_ops.sentence_kept, timeout=WAIT):
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    # Shown at once, marked as the reader's own, the rest of the block untouched.
    after = window.view.translations[ref.block_id]
    assert sentence_texts(source, after, ref.index)[1] == MINE
    assert after.sentences[ref.index].origin is SentenceOrigin.MEMORY
    assert len(after.sentences) == len(before.sentences)
    for index in range(len(before.sentences)):
        if index != ref.index:
            assert sentence_texts(source, after, index)[1] == sentence_texts(source, before, index)[1]
    # In the translation memory and in the library.
    found = window.services.memory.lookup_many("de", "en", [source])
    assert found == {normalize_source(source): MINE}
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    stored = {t.block_id: t for t in window.services.library.get(article_id).translations}
    assert MINE in (stored[ref.block_id].text or "")

    # Another article with the same sentence: translated the reader's way, before the model is asked.
    other = tmp_path / "woche.html"
    other.write_text(OTHER_PAGE, encoding="utf-8")
    open_and_wait(qtbot, window, other)
    again = ref_of(window, FIRST)
    translation = window.session.translations[again.block_id]
    other_source = window.session.source_text(again.block_id) or ""
    assert sentence_texts(other_source, translation, again.index)[1] == MINE
    assert translation.sentences[again.index].origin is SentenceOrigin.MEMORY
    others = [p for i, p in enumerate(translation.sentences) if i != again.index]
    assert others and all(p.origin is SentenceOrigin.MODEL for p in others)

    # Edited in Tools → Translation Memory: the open article follows.
    def shown() -> tuple[str, SentenceOrigin]:
        now = window.session.translations.get(again.block_id)
        if now is None or again.index >= len(now.sentences):
            return "", SentenceOrigin.MODEL
        return sentence_texts(other_source, now, again.index)[1], now.sentences[again.index].origin

    dialog = window.show_memory_dialog()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    dialog.table.item(0, 1).setText(EDITED)
    qtbot.waitUntil(lambda: shown() == (EDITED, SentenceOrigin.MEMORY), timeout=WAIT)

    # Out as TMX 1.4, and back in after the entry was deleted (the article then has the model's again).
    from reader.core import tmx

    exported = tmp_path / "memory.tmx"
    dialog.export_file(exported)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Exported 1 entry"), timeout=WAIT)
    pairs = tmx.read_tmx(exported)
    assert [(p.source_lang, p.target_lang, p.target) for p in pairs] == [("de", "en", EDITED)]
    assert normalize_source(pairs[0].source) == normalize_source(source)
    dialog.table.selectRow(0)
    dialog.delete_selected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT)
    assert window.services.memory.count() == 0
    qtbot.waitUntil(lambda: shown()[1] is not SentenceOrigin.MEMORY and bool(shown()[0]), timeout=WAIT)
    assert shown()[0] != EDITED
    untouched = {k: t for k, t in window.session.translations.items() if k != again.block_id}
    dialog.import_file(exported)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert window.services.memory.lookup_many("de", "en", [source]) == {normalize_source(source): EDITED}
    # The open article follows the import: that sentence is the reader's again; nothing else is redone.
    qtbot.waitUntil(lambda: shown() == (EDITED, SentenceOrigin.MEMORY), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    assert all(window.session.translations[k] is t for k, t in untouched.items())


def test_escape_leaves_the_sentence_and_the_memory_as_they_were(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    ref = ref_of(window, FIRST)
    before = window.session.translations[ref.block_id]
    editor = window.edit_sentence(ref)
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus, timeout=WAIT)
    qtbot.keyClicks(editor, "Something I will not keep.")
    with qtbot.assertNotEmitted(window.session.busy_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # the editor's, not the window's Cancel
    assert window.session.translations[ref.block_id] == before
    source = window.session.source_text(ref.block_id) or ""
    assert (
        window.services.memory.lookup_many("de", "en", [sentence_texts(source, before, ref.index)[0]]) == {}
    )


def test_a_chosen_alternative_replaces_the_sentence_and_survives_reopening(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    article_id = save_and_wait(qtbot, window)
    ref = ref_of(window, FIRST)
    source = window.session.source_text(ref.block_id) or ""
    old = sentence_texts(source, window.session.translations[ref.block_id], ref.index)[1]

    popup = window.show_alternatives(ref)
    assert popup is not None and popup.isVisible()
    assert popup.status.text() == "Computing alternatives…"
    qtbot.waitUntil(lambda: popup.list.count() > 0, timeout=WAIT)
    offered = popup.alternatives
    assert 1 <= len(offered) <= 3
    assert len({a.text for a in offered}) == len(offered) and old not in {a.text for a in offered}
    with qtbot.waitSignal(window.sentence_ops.sentence_kept, timeout=WAIT):
        qtbot.keyClick(popup.list, Qt.Key.Key_1)
    chosen = " ".join(offered[0].text.split())
    now = window.view.translations[ref.block_id]
    assert sentence_texts(source, now, ref.index)[1] == chosen
    assert now.sentences[ref.index].origin is SentenceOrigin.MEMORY
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)

    restarted = make_window()  # a new start on the same library
    restarted.session.open_stored(article_id)
    qtbot.waitUntil(lambda: ref.block_id in restarted.view.translations, timeout=WAIT)
    qtbot.waitUntil(lambda: not restarted.session.busy, timeout=WAIT)
    kept = restarted.view.translations[ref.block_id]
    assert sentence_texts(source, kept, ref.index)[1] == chosen
    assert kept.sentences[ref.index].origin is SentenceOrigin.MEMORY


def test_closing_the_popup_drops_the_answer_it_was_waiting_for(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, german_page)
    ref = ref_of(window, FIRST)
    before = window.session.translations[ref.block_id]
    popup = window.show_alternatives(ref)
    assert popup is not None
    with qtbot.assertNotEmitted(window.sentence_ops.alternatives_found, wait=1500):
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        assert window.alternatives_popup is None
    assert window.session.translations[ref.block_id] == before


def test_sentence_pairs_export_as_tsv_tmx_and_anki_csv(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, tmp_path: Path
) -> None:
    import csv

    from reader.core import tmx

    window = make_window()
    open_and_wait(qtbot, window, german_page)
    pairs = sum(len(t.sentences) for t in window.session.translations.values())
    assert pairs >= 4
    written: dict[str, Path] = {}
    for fmt, name in (("tsv", "pairs"), ("tmx", "pairs.tmx"), ("anki-csv", "cards.csv")):
        path = tmp_path / name
        window.write_sentence_pairs(path, fmt)
        target = path if path.suffix else path.with_suffix(".tsv")
        qtbot.waitUntil(lambda target=target: f"to {target}." in window.status.message.text(), timeout=WAIT)
        written[fmt] = target

    lines = written["tsv"].read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(FIRST) for line in lines)
    assert all(line.count("\t") >= 1 for line in lines)
    units = tmx.read_tmx(written["tmx"])
    assert any(u.source.startswith(FIRST) and u.source_lang == "de" and u.target_lang == "en" for u in units)
    with written["anki-csv"].open(encoding="utf-8", newline="") as handle:
        cards = list(csv.reader(handle))
    fronts = [row[0] for row in cards]
    assert any(FIRST.split()[1] in front for front in fronts)
    assert any("Gipfel in Brüssel" in cell for row in cards for cell in row)  # the title, for context
    assert str(german_page) in {cell for row in cards for cell in row} or any(
        "gipfel.html" in cell for row in cards for cell in row
    )
