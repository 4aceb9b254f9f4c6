"""What the article view offers the sentence tools: "Edit Translation of This Sentence…" (F2),
"Alternative Translations…" (Alt+A) and "Add “name” to Glossary" on a highlighted person, place or
organisation. The view only says which sentence or name; the tools own the editor, the alternatives
popup and the glossary. A mixin of ``ArticleView`` (which declares the signals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.app import strings
from reader.core.document import SentencePair, SpanKind
from reader.ui.article_html import PlacedSpan
from reader.ui.sentence_ref import SentenceRef

if TYPE_CHECKING:
    from reader.ui.sentence_linking import SentenceLinking

    _Base = SentenceLinking
else:
    _Base = object

GLOSSARY_KINDS = frozenset({SpanKind.PERSON, SpanKind.LOCATION, SpanKind.ORGANIZATION})


class SentenceActions(_Base):
    sentence_edit_requested: SignalInstance
    alternatives_requested: SignalInstance
    glossary_term_requested: SignalInstance

    if TYPE_CHECKING:

        def span_at(self, point: QPoint) -> PlacedSpan | None: ...

        def _pairs(self, block_id: str) -> tuple[SentencePair, ...]: ...

    def _init_sentence_actions(self) -> None:
        self.edit_sentence_action = self._view_action(
            strings.EDIT_SENTENCE,
            ("F2",),
            lambda: self._request_for(self._current(), self.sentence_edit_requested),
        )
        self.alternatives_action = self._view_action(
            strings.SENTENCE_ALTERNATIVES,
            ("Alt+A",),
            lambda: self._request_for(self._current(), self.alternatives_requested),
        )
        # J/K also reach keyPressEvent when no shortcut map sees them; as actions they are listed in
        # Help → Keyboard Shortcuts.
        self.next_sentence_action = self._view_action(
            strings.NEXT_SENTENCE, ("J", "Alt+Down"), lambda: self.move_pinned(1)
        )
        self.previous_sentence_action = self._view_action(
            strings.PREVIOUS_SENTENCE, ("K", "Alt+Up"), lambda: self.move_pinned(-1)
        )

    def _current(self) -> SentenceRef | None:
        """The sentence F2 and Alt+A act on: the pinned one, else the one under the mouse."""
        return self._pinned or self._hover_sentence

    def _view_action(self, text: str, shortcuts: tuple[str, ...], slot: Callable[[], object]) -> QAction:
        """An action of the view's own, active while the view itself has focus (a child such as the
        sentence editor gets its keys: J and K are letters there)."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # not in an editor over the view
        action.setProperty("group", strings.SENTENCES_GROUP)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _request_for(self, ref: SentenceRef | None, signal: SignalInstance) -> None:
        if ref is not None and 0 <= ref.index < len(self._pairs(ref.block_id)):
            signal.emit(ref)

    def _add_sentence_entries(self, menu: QMenu, point: QPoint | None) -> None:
        """Edit and alternatives for the sentence under ``point`` (from the keyboard: pinned, else
        hovered), and adding a highlighted name there to the glossary."""
        ref = self.sentence_at(point) if point is not None else None
        ref = ref or self._pinned or (self._hover_sentence if point is None else None)
        placed = self.span_at(point) if point is not None else None
        if ref is None and (placed is None or placed.span.kind not in GLOSSARY_KINDS):
            return
        menu.addSeparator()
        if ref is not None:
            for model, signal in (
                (self.edit_sentence_action, self.sentence_edit_requested),
                (self.alternatives_action, self.alternatives_requested),
            ):
                action = menu.addAction(model.text())
                action.setShortcut(model.shortcut())  # shown in the menu; the view's action takes the key
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                action.triggered.connect(lambda _c=False, s=signal: self._request_for(ref, s))
        if placed is not None and placed.span.kind in GLOSSARY_KINDS:
            action = menu.addAction(strings.add_to_glossary(placed.span.text))
            action.triggered.connect(lambda: self.glossary_term_requested.emit(placed))
