"""The library panel says when a pasted query was cut to its first words (issue 14 item 14)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.library_panel import LibraryPanel, LibraryQuery, LibraryRow


def test_a_pasted_page_in_the_search_box_shows_a_note_beside_the_results(qtbot: QtBot) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.show()
    pasted = " ".join(f"word{i}" for i in range(14_000))
    panel.search.setText(pasted)
    with qtbot.waitSignal(panel.query_changed, timeout=2000) as sent:
        pass
    query: LibraryQuery = sent.args[0]
    assert panel.show_results(query, [LibraryRow(1, "A title", "detail", "")])
    assert panel.empty_label.isVisible() and "Only the first 32 words" in panel.empty_label.text()
    panel.search.setText("grain")
    with qtbot.waitSignal(panel.query_changed, timeout=2000) as sent:
        pass
    assert panel.show_results(sent.args[0], [LibraryRow(1, "A title", "detail", "")])
    assert not panel.empty_label.isVisible()
