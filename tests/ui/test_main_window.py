"""The window as a user drives it, on the real engines (tiny real translation models, real lingua,
the built-in recognizer, a real SQLite library)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reader.core.document import SpanKind, TranslationStatus
from reader.ui.article_html import ViewMode
from reader.ui.main_window import MainWindow
from tests.fixtures.app_window import GERMAN_PAGE
from tests.fixtures.http_server import LocalHTTPServer

WAIT = 30_000


def translated(window: MainWindow) -> dict[str, TranslationStatus]:
    return {block_id: t.status for block_id, t in window.view.translations.items()}


def wait_until_ready(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    article = window.view.article
    assert article is not None
    qtbot.waitUntil(lambda: {b.id for b in article.blocks} <= set(window.view.translations), timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.busy, timeout=WAIT)
    window.view.flush()


def test_open_file_detects_translates_and_highlights(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    article = window.view.article
    assert article is not None and article.title == "Gipfel in Brüssel"
    assert "Impressum" not in window.view.toPlainText() and "Politik" not in window.view.toPlainText()
    by_lang = {b.id: b.lang for b in article.blocks}
    statuses = translated(window)
    for block_id, lang in by_lang.items():
        expected = TranslationStatus.SAME_LANGUAGE if lang == "en" else TranslationStatus.TRANSLATED
        assert statuses[block_id] is expected, (block_id, lang)
    assert "en" in by_lang.values() and "de" in by_lang.values()
    qtbot.waitUntil(lambda: bool(window.view.placed_spans()), timeout=WAIT)
    kinds = {p.span.kind for p in window.view.placed_spans()}
    assert SpanKind.LOCATION in kinds and SpanKind.DATE in kinds
    qtbot.waitUntil(lambda: "Places" in window.outline.entries(), timeout=WAIT)
    assert window.windowTitle().startswith("Gipfel in Brüssel")
    assert str(german_page.resolve()) in window.settings.recent_files


def test_paste_a_url_opens_it_from_the_server(
    qtbot: QtBot, make_window: Callable[..., MainWindow], http_server: LocalHTTPServer
) -> None:
    url = http_server.route("/news/gipfel", body=GERMAN_PAGE.encode())
    window = make_window()
    # setText, not setMimeData: the clipboard takes ownership of a QMimeData, and Python would free it again.
    QGuiApplication.clipboard().setText(url)
    window.actions_by_name["paste_url"].trigger()
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)
    assert window.view.article.title == "Gipfel in Brüssel"
    assert window.url_field.text() == url
    assert http_server.requests == ["/news/gipfel"]


def test_dropped_file_opens(qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path) -> None:
    from reader.ui.main_window import source_from_mime

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(german_page))])
    assert source_from_mime(mime) == str(german_page)
    window = make_window()
    window.open_source(source_from_mime(mime) or "")
    qtbot.waitUntil(lambda: window.view.article is not None, timeout=WAIT)


def test_bad_input_gets_one_calm_line(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    window = make_window()
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(256)) * 64)
    cases = [str(empty), str(binary), "http://127.0.0.1:9/dead", str(tmp_path / "missing.txt")]
    for source in cases:
        window.status.show_text("")
        window.open_source(source)
        qtbot.waitUntil(lambda: bool(window.status.message.text()) and not window.session.busy, timeout=WAIT)
        message = window.status.message.text()
        assert window.status.message.property("error") is True, (source, message)
        assert "\n" not in message and "Traceback" not in message and len(message) < 300
    assert window.view.article is None


def test_modes_switch_and_persist(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    first_german = next(b for b in window.view.article.blocks if b.lang == "de")
    german = first_german.text
    translation = window.view.translations[first_german.id].text
    assert translation
    window.actions_by_name["mode_original"].trigger()
    assert german in window.view.toPlainText() and translation not in window.view.toPlainText()
    window.actions_by_name["mode_translation"].trigger()
    assert translation in window.view.toPlainText() and german not in window.view.toPlainText()
    window.actions_by_name["mode_interlinear"].trigger()
    window.actions_by_name["show_LOC"].trigger()  # hide places
    assert SpanKind.LOCATION not in {p.span.kind for p in window.view.placed_spans()}
    window.close()
    again = make_window()
    assert again.view.mode is ViewMode.INTERLINEAR
    assert SpanKind.LOCATION not in again.view.visible_kinds()


def test_save_search_and_reopen_at_the_saved_position(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.actions_by_name["save"].trigger()
    article_id = window.session.article_id
    assert article_id is not None
    window.resize(520, 300)  # small enough that the article scrolls
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0, timeout=WAIT)
    blocks = window.view.article.blocks
    # A block in the middle: at the very end the scroll bar is at its maximum, and which block counts
    # as "the top" then depends on the exact viewport height.
    window.view.scroll_to_block(blocks[len(blocks) // 2].id)
    last_block = window.view.top_block_id()
    assert last_block is not None and last_block != window.view.article.blocks[0].id

    window.library_panel.search.setText("brussel")  # diacritics folded: finds "Brüssel"
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    window.library_panel.search.setText("Genf")
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    window.library_panel.search.setText("Tokio")
    panel = window.library_panel  # folded away in this narrow window, but still searching
    qtbot.waitUntil(lambda: panel.empty_label.isVisibleTo(panel), timeout=WAIT)
    window.close()

    again = make_window()
    qtbot.waitUntil(lambda: again.library_panel.list.count() == 1, timeout=WAIT)
    item = again.library_panel.list.item(0)
    assert "Gipfel in Brüssel" in item.text()
    restored: list[str] = []
    again.session.position_restored.connect(restored.append)
    again.library_panel.list.itemActivated.emit(item)
    qtbot.waitUntil(lambda: again.view.article is not None, timeout=WAIT)
    assert restored == [last_block]
    # Stored translations are shown at once: nothing needs translating again.
    assert {b.id for b in again.view.article.blocks} <= set(again.view.translations)


def test_delete_and_undo(qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    window.actions_by_name["delete"].trigger()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 0, timeout=WAIT)
    assert window.status.undo_button.isVisibleTo(window)
    window.actions_by_name["undo_delete"].trigger()
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)


def test_correcting_a_language_translates_that_block_again(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    english = next(b for b in window.view.article.blocks if b.lang == "en")
    assert window.view.translations[english.id].status is TranslationStatus.SAME_LANGUAGE
    window.view.language_change_requested.emit(english.id, "de")
    qtbot.waitUntil(
        lambda: (
            english.id in window.view.translations
            and window.view.translations[english.id].status is TranslationStatus.TRANSLATED
        ),
        timeout=WAIT,
    )
    assert window.view.article.block(english.id).lang == "de"


def test_missing_model_is_offered_in_a_banner(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    page = tmp_path / "es.html"
    page.write_text(
        "<html><head><title>Noticias</title></head><body><article><p>El gobierno de España anunció ayer un "
        "nuevo plan para reducir el consumo de energía en los edificios públicos durante el invierno.</p>"
        "<p>La oposición criticó que las medidas llegan demasiado tarde y pidió más ayudas para las "
        "familias.</p></article></body></html>",
        encoding="utf-8",
    )
    window = make_window()
    window.open_source(str(page))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT)
    assert "Spanish → English" in window.banner_install.text()
    qtbot.waitUntil(lambda: len(window.view.translations) == 3, timeout=WAIT)  # the title, two paragraphs
    assert all(t.status is TranslationStatus.UNAVAILABLE for t in window.view.translations.values())
    window.view.flush()
    assert "not installed" in window.view.toPlainText()


def test_every_action_has_a_shortcut(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    missing = [
        name for name, action in window.actions_by_name.items() if not action.shortcuts() and name != "about"
    ]
    assert missing == []


def test_tags_and_archive_drive_the_library_filters(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    from tests.ui.test_library import answer_tags

    window = make_window()
    window.open_source(str(german_page))
    wait_until_ready(qtbot, window)
    with qtbot.waitSignal(window.session.saved, timeout=WAIT):
        window.session.save()
    answer_tags(qtbot, "Politik, EU")
    window.actions_by_name["tags"].trigger()
    qtbot.waitUntil(lambda: window.library_panel.filter.findData("tag:EU") >= 0, timeout=WAIT)
    window.library_panel.filter.setCurrentIndex(window.library_panel.filter.findData("tag:EU"))
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)

    window.actions_by_name["archive"].trigger()
    window.library_panel.filter.setCurrentIndex(window.library_panel.filter.findData("unread"))
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 0, timeout=WAIT)
    window.library_panel.filter.setCurrentIndex(window.library_panel.filter.findData("archived"))
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    window.library_panel.filter.setCurrentIndex(window.library_panel.filter.findData("all"))
    # "All articles" means all: the archived one is listed, and marked.
    qtbot.waitUntil(lambda: window.library_panel.list.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "· Archived" in window.library_panel.list.item(0).text(), timeout=WAIT)
    window.actions_by_name["archive"].trigger()  # and back
    qtbot.waitUntil(lambda: "Archived" not in window.library_panel.list.item(0).text(), timeout=WAIT)


def test_auto_save_keeps_the_translated_article(
    qtbot: QtBot, make_window: Callable[..., MainWindow], german_page: Path
) -> None:
    window = make_window()
    window.settings.auto_save = True
    window.session.auto_save = True
    window.open_source(str(german_page))
    qtbot.waitUntil(lambda: window.session.article_id is not None, timeout=WAIT)
    stored = window.services.library.get(window.session.article_id)
    assert {t.status for t in stored.translations} >= {TranslationStatus.TRANSLATED}
    assert {b.id for b in stored.article.blocks} <= {t.block_id for t in stored.translations}


def test_the_window_follows_changed_settings(make_window: Callable[..., MainWindow]) -> None:
    """Preferences, zoom or another window change a setting: the window follows Settings.changed."""
    from reader.ui.article_html import DARK

    window = make_window()
    window.settings.theme = "dark"
    assert window.view._palette == DARK  # the article's colours, not only the application palette
    window.settings.font_size = 19
    assert window.view.document().defaultFont().pointSize() == 19
    window.settings.view_mode = "original"
    assert window.view.mode is ViewMode.ORIGINAL and window.actions_by_name["mode_original"].isChecked()
    window.settings.highlight_types = {"PER"}
    assert window.view.visible_kinds() == {SpanKind.PERSON}
    assert not window.actions_by_name["show_DATE"].isChecked()
    window.settings.auto_save = True
    assert window.session.auto_save


def test_the_banner_says_how_big_the_missing_model_is(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    http_server: LocalHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    link = http_server.route("/es_en.argosmodel", body=b"\0" * 3_200_000, content_type="application/zip")
    index = (
        '[{"type": "translate", "from_code": "es", "to_code": "en", "from_name": "Spanish", '
        f'"to_name": "English", "package_version": "1.0", "links": ["{link}"]}}]'
    )
    monkeypatch.setenv("READER_ARGOS_INDEX_URL", http_server.route("/index.json", body=index.encode()))
    window = make_window()
    window.services.packages.available(refresh=True)  # what Refresh in Tools → Models does
    assert http_server.requests == ["/index.json"] and http_server.head_requests == ["/es_en.argosmodel"]
    page = tmp_path / "es.html"
    page.write_text(
        "<html><body><article><p>El gobierno de España anunció ayer un nuevo plan para reducir el consumo "
        "de energía en los edificios públicos durante el invierno.</p></article></body></html>",
        encoding="utf-8",
    )
    window.open_source(str(page))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: "(about 3 MB)" in window.banner_install.text(), timeout=WAIT)
    assert window.banner_install.text() == "Install Spanish → English (about 3 MB)"
    assert http_server.requests == ["/index.json"]  # the size came from the refresh, not a new request
    dialog = window.show_model_manager()  # the models dialog shows the same size, offline
    available = dialog.translation_tab.available_list
    qtbot.waitUntil(lambda: available.topLevelItemCount() == 1, timeout=WAIT)
    assert available.topLevelItem(0).text(1) == "about 3 MB"
    assert http_server.requests == ["/index.json"] and http_server.head_requests == ["/es_en.argosmodel"]
