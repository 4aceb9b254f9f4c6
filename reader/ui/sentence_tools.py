"""The window's sentence tools: edit a translated sentence in place, choose an alternative translation, add a
highlighted name to the glossary, the Translation Memory and Glossary dialogs, and File → Export Sentence
Pairs. A mixin of ``MainWindow`` (kept apart to keep the window small).

The article view asks (its signals carry a ``SentenceRef`` or a ``PlacedSpan``); the work runs as
operations through ``reader.app.sentence_ops`` / ``memory_ops``; what changed comes back to the view through
the session's ``translation_arrived``, as every translation does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.app import memory_ops
from reader.app.article_session import ArticleSession
from reader.app.operations import Operations
from reader.app.sentence_ops import SentenceOps, export_sentence_pairs
from reader.app.services import Services
from reader.core import display
from reader.core.document import TITLE_BLOCK_ID, SpanKind
from reader.core.translate.memory import GlossaryTerm, MemoryEntry, normalize_source
from reader.core.translate.sentence_pairs import Alternative
from reader.ui.alternatives_popup import AlternativesPopup
from reader.ui.article_html import Column, PlacedSpan
from reader.ui.article_view import ArticleView
from reader.ui.sentence_editor import SentenceEditor
from reader.ui.sentence_ref import SentenceRef
from reader.ui.settings import Settings
from reader.ui.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.ui.glossary_dialog import GlossaryDialog
    from reader.ui.memory_dialog import MemoryDialog

    _Base = QWidget
else:
    _Base = object

NAME_KINDS = frozenset({SpanKind.PERSON, SpanKind.ORGANIZATION, SpanKind.LOCATION})
PAIR_FORMATS = {  # file-dialog filter → format of reader.core.parallel_text
    "Tab-separated sentence pairs (*.tsv)": "tsv",
    "Translation memory, TMX 1.4 (*.tmx)": "tmx",
    "Anki flashcards, CSV (*.csv)": "anki-csv",
}
SUFFIXES = {"tsv": ".tsv", "tmx": ".tmx", "anki-csv": ".csv"}
KEPT = "Your translation is kept: Reader will translate this sentence this way in other articles too."


class SentenceToolsMixin(_Base):
    ops: Operations
    services: Services
    session: ArticleSession
    settings: Settings
    status: StatusBar
    view: ArticleView
    _deleted_id: int | None

    def _build_sentence_tools(self) -> None:
        """Before the window's ``_connect``: the status bar's Undo reaches the glossary undo first."""
        services = self.services
        self.sentence_ops = SentenceOps(
            self.ops, self.session, lambda: services.memory, lambda: services.pipeline, self
        )
        self.sentence_editor: SentenceEditor | None = None
        self.alternatives_popup: AlternativesPopup | None = None
        self._glossary_undo: GlossaryTerm | None = None
        self._memory_dialog: MemoryDialog | None = None
        self._glossary_dialog: GlossaryDialog | None = None
        self.sentence_ops.alternatives_found.connect(self._on_alternatives_found)
        self.sentence_ops.alternatives_failed.connect(self._on_alternatives_failed)
        self.sentence_ops.sentence_kept.connect(lambda _entry: self.status.show_text(KEPT))
        self.status.undo_requested.connect(self._undo_glossary_term)
        self.view.sentence_edit_requested.connect(self.edit_sentence)
        self.view.alternatives_requested.connect(self.show_alternatives)
        self.view.glossary_term_requested.connect(self.add_name_to_glossary)

    def _sentence_rect(self, ref: SentenceRef) -> QRect:
        """Where the translated sentence is on the view's viewport (else near the view's top)."""
        rect = self.view.sentence_rect(ref)
        if rect.isValid():
            return rect
        viewport = self.view.viewport().rect()
        return QRect(viewport.left() + 24, viewport.top() + 24, viewport.width() - 48, 0)

    # -- editing in place -------------------------------------------------------------------------------
    def edit_sentence(self, ref: SentenceRef) -> SentenceEditor | None:
        """Open the editor over the translation of sentence ``ref`` (F2 / the context menu)."""
        current = self.sentence_ops.sentence(ref)
        if current is None:
            self.status.show_text("This sentence has no translation to edit.")
            return None
        if self.sentence_editor is not None and not self.sentence_editor.finished:
            self.sentence_editor.finish(keep=self.sentence_editor.text() != current.target)
        editor = SentenceEditor(self.view, current.target, self._sentence_rect(ref))
        editor.setToolTip(f"{current.source}\n\nEnter keeps your translation, Escape cancels")
        editor.accepted.connect(lambda text: self.sentence_ops.keep(ref, text))
        self.sentence_editor = editor
        return editor

    # -- alternatives -----------------------------------------------------------------------------------
    def show_alternatives(self, ref: SentenceRef) -> AlternativesPopup | None:
        """Offer other translations of sentence ``ref`` in a popup at it (Alt+A / the context menu)."""
        current = self.sentence_ops.sentence(ref)
        if current is None:
            self.status.show_text("This sentence has no translation to replace.")
            return None
        if self.alternatives_popup is not None:
            self.alternatives_popup.close()
        popup = AlternativesPopup(self, current.target)
        popup.setProperty("ref", (ref.block_id, ref.index))
        self.alternatives_popup = popup
        popup.chosen.connect(lambda alternative: self._keep_alternative(ref, alternative))
        popup.closed.connect(lambda: self._on_popup_closed(popup))
        rect = self._sentence_rect(ref)
        popup.show_at(self.view.viewport().mapToGlobal(rect.bottomLeft()))
        self.sentence_ops.ask_alternatives(ref)
        return popup

    def _on_alternatives_found(self, ref: SentenceRef, found: list[Alternative]) -> None:
        popup = self.alternatives_popup
        if popup is not None and popup.isVisible() and popup.property("ref") == (ref.block_id, ref.index):
            popup.set_alternatives(found)

    def _on_alternatives_failed(self, ref: SentenceRef, message: str) -> None:
        popup = self.alternatives_popup
        if popup is not None and popup.isVisible() and popup.property("ref") == (ref.block_id, ref.index):
            popup.set_error(message)
        else:
            self.status.show_text(message, error=True)

    def _on_popup_closed(self, popup: AlternativesPopup) -> None:
        if popup is self.alternatives_popup:
            self.alternatives_popup = None
            self.sentence_ops.cancel_alternatives()
        popup.deleteLater()

    def _keep_alternative(self, ref: SentenceRef, alternative: Alternative) -> None:
        self.sentence_ops.keep(ref, alternative.text)

    # -- glossary ---------------------------------------------------------------------------------------
    def add_name_to_glossary(self, placed: PlacedSpan) -> None:
        """A highlighted name, kept as is in translations of this article's pair, in one click."""
        if placed.span.kind not in NAME_KINDS:
            return
        pair = self._article_pair(placed.block_id)
        if pair is None:
            self.status.show_text("This paragraph is not translated, so it needs no glossary term.")
            return
        name = self._original_name(placed)
        term = GlossaryTerm(pair[0], pair[1], name)

        def added(saved: GlossaryTerm) -> None:
            self._deleted_id = None  # the status bar's Undo is now this term's
            self._glossary_undo = saved
            self.status.offer_undo(True)
            self._retranslate_with([saved])
            self._say_when_done(f"“{name}” is kept as is in {display.pair_label(*pair)} translations.")

        memory_ops.add_glossary_term(self.ops, self.services, term).success(added).run_in_background()

    def _undo_glossary_term(self) -> None:
        term, self._glossary_undo = self._glossary_undo, None
        if term is None or term.id is None or self._deleted_id is not None:
            return  # a delete since is what Undo undoes
        self.status.offer_undo(False)

        def removed(_result: object) -> None:
            self._retranslate_with([term])
            self._say_when_done(f"“{term.source}” is no longer in the glossary.")

        memory_ops.delete_glossary_terms(self.ops, self.services, [term.id]).success(
            removed
        ).run_in_background()

    def _say_when_done(self, message: str) -> None:
        """Show ``message`` now, and again once the translating it started is done (its "Ready" line would
        otherwise leave the Undo button without its reason)."""
        self.status.show_text(message)
        if not self.session.busy:
            return
        session = self.session

        def idle(busy: bool) -> None:
            if not busy:
                session.busy_changed.disconnect(idle)
                self.status.show_text(message)

        session.busy_changed.connect(idle)

    def _article_pair(self, block_id: str) -> tuple[str, str] | None:
        translation = self.session.translations.get(block_id)
        article = self.session.article
        source = translation.source_lang if translation is not None else None
        if source is None and article is not None:
            blocks = {b.id: b.lang for b in article.blocks}
            title_lang = article.title_lang or article.lang
            source = title_lang if block_id == TITLE_BLOCK_ID else blocks.get(block_id)
        if source is None or source == self.session.reader_language:
            return None
        return source, self.session.reader_language

    def _original_name(self, placed: PlacedSpan) -> str:
        """The name as the original writes it (a click on the translation's highlight finds its source)."""
        if placed.column is Column.ORIGINAL:
            return placed.span.text
        annotations = self.session.annotations.get(placed.block_id)
        for span in annotations.original if annotations else ():
            linked = span.value and span.value == placed.span.value
            if span.kind is placed.span.kind and (
                linked or span.text.casefold() == placed.span.text.casefold()
            ):
                return span.text
        return placed.span.text

    def _retranslate_with(self, terms: list[GlossaryTerm]) -> None:
        """Translate again the open article's paragraphs that contain a changed term, so it shows at once."""
        article = self.session.article
        if article is None:
            return
        pairs = {(t.source_lang, t.target_lang) for t in terms}
        affected = []
        for block_id, translation in self.session.translations.items():
            text = self.session.source_text(block_id) or ""
            if (translation.source_lang, translation.target) in pairs and any(
                t.source in text for t in terms
            ):
                affected.append(block_id)
        self.session.retranslate(affected)

    def _retranslate_sentences(self, entries: list[MemoryEntry]) -> None:
        """Translate again the open article's paragraphs with a sentence whose memory entry changed."""
        keys = {(e.source_lang, e.target_lang, e.key) for e in entries}
        affected = []
        for block_id, translation in self.session.translations.items():
            text = self.session.source_text(block_id) or ""
            for pair in translation.sentences:
                key = normalize_source(text[pair.source[0] : pair.source[1]])
                if (translation.source_lang, translation.target, key) in keys:
                    affected.append(block_id)
                    break
        self.session.retranslate(affected)

    def _retranslate_from_memory(self) -> None:
        """After a TMX import: translate again the open article's paragraphs with a sentence the memory
        now answers otherwise (found on the I/O pool; the others keep their translation, no flicker)."""
        shown: list[memory_ops.ShownBlock] = []
        for block_id, translation in self.session.translations.items():
            text, target = self.session.source_text(block_id), translation.text or ""
            if not text or not translation.source_lang or not translation.sentences:
                continue
            sentences = [
                (text[p.source[0] : p.source[1]], target[p.target[0] : p.target[1]])
                for p in translation.sentences
            ]
            shown.append((block_id, translation.source_lang, translation.target, sentences))
        article = self.session.article

        def found(block_ids: list[str]) -> None:
            if self.session.article is article:  # not another article opened meanwhile
                self.session.retranslate(block_ids)

        if shown:
            op = memory_ops.blocks_the_memory_answers(self.ops, self.services, shown)
            op.success(found).run_in_background()

    # -- dialogs ----------------------------------------------------------------------------------------
    def show_memory_dialog(self) -> MemoryDialog:
        from reader.ui.memory_dialog import MemoryDialog

        if self._memory_dialog is None:
            self._memory_dialog = MemoryDialog(self.ops, self.services, self.settings.last_directory, self)
            self._memory_dialog.entries_changed.connect(self._retranslate_sentences)
            self._memory_dialog.imported.connect(self._retranslate_from_memory)
        else:
            self._memory_dialog.refresh()
        self._memory_dialog.show()
        self._memory_dialog.raise_()
        return self._memory_dialog

    def _show_memory_search(self, text: str) -> None:
        """The library's search text, looked up in Tools → Translation Memory."""
        self.show_memory_dialog().search.setText(text)

    def show_glossary_dialog(self) -> GlossaryDialog:
        from reader.ui.glossary_dialog import GlossaryDialog

        article = self.session.article
        pair = None
        if article is not None and article.lang and article.lang != self.session.reader_language:
            pair = (article.lang, self.session.reader_language)
        if self._glossary_dialog is None:
            reader_language = self.session.reader_language
            self._glossary_dialog = GlossaryDialog(self.ops, self.services, pair, reader_language, self)
            self._glossary_dialog.terms_changed.connect(self._retranslate_with)
        else:
            self._glossary_dialog.default_pair = pair
            self._glossary_dialog.reader_language = self.session.reader_language
            self._glossary_dialog.refresh()
        self._glossary_dialog.show()
        self._glossary_dialog.raise_()
        return self._glossary_dialog

    # -- parallel text ----------------------------------------------------------------------------------
    def export_sentence_pairs(self) -> None:
        """File → Export Sentence Pairs…: the open article's pairs as TSV, TMX or Anki CSV."""
        article = self.session.article
        if article is None or not any(t.sentences for t in self.session.translations.values()):
            self.status.show_text("Open a translated article first: its sentence pairs are what is exported.")
            return
        default = "".join(c if c.isalnum() or c in " -_" else "_" for c in article.title)[:80] or "article"
        start = str(Path(self.settings.last_directory or "") / f"{default}.tsv")
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export Sentence Pairs", start, ";;".join(PAIR_FORMATS)
        )
        if path:
            self.settings.last_directory = str(Path(path).parent)
            self.write_sentence_pairs(Path(path), PAIR_FORMATS.get(chosen, _format_of(path)))

    def write_sentence_pairs(self, path: Path, fmt: str) -> None:
        article = self.session.article
        if article is None:
            return
        if path.suffix == "":
            path = path.with_suffix(SUFFIXES[fmt])
        session = self.session
        translations = list(session.translations.values())
        op = export_sentence_pairs(
            self.ops, path, fmt, article, translations, session.annotations, session.reader_language
        )
        op.success(lambda count: self.status.show_text(f"Exported {count} sentence pairs to {path}."))
        op.run_in_background()


def _format_of(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".tmx": "tmx", ".csv": "anki-csv"}.get(suffix, "tsv")


__all__ = ["SentenceToolsMixin"]
