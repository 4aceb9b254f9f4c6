"""The language-correction menu of a paragraph's badge: type to filter, recently chosen languages first."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget, QWidgetAction

from reader.app import strings
from reader.core import display

MAX_RECENT = 5


class LanguageMenu(QMenu):
    """Languages as checkable actions, ``recent`` first under their own heading; typing anywhere in the
    open menu filters by name or code (the filter field shows what was typed)."""

    def __init__(
        self,
        codes: Sequence[str],
        current: str | None,
        recent: Sequence[str],
        choose: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("languageMenu")
        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("languageFilter")
        self.filter_field.setPlaceholderText("Type to find a language")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys reach the menu, which forwards them
        self.filter_field.textChanged.connect(self._on_filter_text_changed)
        holder = QWidgetAction(self)
        holder.setDefaultWidget(self.filter_field)
        self.addAction(holder)
        header = self.addAction(strings.BADGE_TOOLTIP)
        header.setEnabled(False)
        known = list(dict.fromkeys([*codes, *([current] if current else [])]))
        firsts = [code for code in recent if code in known or code == current]
        ordered = list(dict.fromkeys([*firsts, *sorted(known, key=display.language_name)]))
        self.language_actions: list[QAction] = []
        for index, code in enumerate(ordered):
            if index == len(firsts) and firsts:
                self.addSeparator()
            action = self.addAction(display.language_name(code))
            action.setData(code)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: choose(c))
            self.language_actions.append(action)

    def visible_languages(self) -> list[str]:
        """Codes of the languages shown, in order (for tests and accessibility)."""
        return [str(a.data()) for a in self.language_actions if a.isVisible()]

    def _on_filter_text_changed(self, needle: str) -> None:
        needle = needle.strip().casefold()
        for action in self.language_actions:
            code = str(action.data())
            action.setVisible(not needle or needle in action.text().casefold() or needle == code)
        first = next((a for a in self.language_actions if a.isVisible()), None)
        if first is not None and needle:
            self.setActiveAction(first)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Letters typed while the menu has focus go to the filter (Enter still picks the active item)."""
        typed = event.text()
        if typed and typed.isprintable() and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.filter_field.setText(self.filter_field.text() + typed)
            return
        if event.key() == Qt.Key.Key_Backspace and self.filter_field.text():
            self.filter_field.setText(self.filter_field.text()[:-1])
            return
        super().keyPressEvent(event)
