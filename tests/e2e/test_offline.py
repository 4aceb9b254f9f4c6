"""With the network cut, a reader can open, translate, highlight, save and search: Reader never reaches out.

Everything runs in this process here (the analysis child process would not inherit the cut), through the
same window, article session and engines the app uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.core.document import SpanKind, TranslationStatus
from reader.ui.main_window import MainWindow

WAIT = 30_000


def test_open_translate_highlight_save_and_search_offline(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path, no_network: list[str]
) -> None:
    window = make_window(in_process=True)
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    article = window.view.article
    assert article is not None
    qtbot.waitUntil(lambda: {b.id for b in article.blocks} <= set(window.view.translations), timeout=WAIT)
    assert any(t.status is TranslationStatus.TRANSLATED for t in window.view.translations.values())
    qtbot.waitUntil(lambda: bool(window.view.placed_spans()), timeout=WAIT)
    assert SpanKind.LOCATION in {p.span.kind for p in window.view.placed_spans()}
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    window.library_panel.search.setText("Genf")
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    assert no_network == []


def test_cli_export_translates_offline(
    german_page: Path,
    argos_packages_dir: Path,
    no_network: list[str],
    monkeypatch,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    import json

    from reader.cli import main

    monkeypatch.setenv("READER_DATA_DIR", str(argos_packages_dir.parent / "offline-data"))
    monkeypatch.setattr("reader.core.paths.argos_packages_dir", lambda: argos_packages_dir)
    assert main(["export", str(german_page), "--to", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    statuses = {block["translation"]["status"] for block in data["blocks"]}
    assert statuses == {"translated", "same-language"}
    assert any(block["dates"] for block in data["blocks"]) and any(
        block["entities"] for block in data["blocks"]
    )
    assert no_network == []
