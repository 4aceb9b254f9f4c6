"""Help → Keyboard shortcuts: every action of the window with its shortcuts, searchable, grouped by menu."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

OTHER_GROUP = "Other"


def action_label(text: str) -> str:
    """The action's text as a person reads it: mnemonic markers gone ("&&" stays a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


# Qt's first code for dedicated keyboard keys (Back, Open, Copy, Zoom In, media keys): a standard
# shortcut often includes one, and listing "Copy" beside "Ctrl+C" only confuses.
_FIRST_DEDICATED_KEY = Qt.Key.Key_Back.value


# X11 maps the Sun keyboard's Undo/Copy/Paste/Find… keys to F14-F20, so Qt's standard shortcuts list
# them too ("Undo: Ctrl+Z, F14"); no reader has those keys, so they count as dedicated keys.
_EXTRA_F_KEYS = range(Qt.Key.Key_F13.value, Qt.Key.Key_F35.value + 1)


def _is_dedicated_key(seq: QKeySequence) -> bool:
    if seq.count() != 1:
        return False
    combo = cast(Any, seq)[0]  # QKeyCombination; PySide6's stubs lack QKeySequence.__getitem__
    no_modifier = combo.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    key = combo.key().value
    return no_modifier and (key >= _FIRST_DEDICATED_KEY or key in _EXTRA_F_KEYS)


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts in the platform's own notation, comma-separated (dedicated keys left out
    when a typed shortcut exists)."""
    sequences = [seq for seq in action.shortcuts() if not seq.isEmpty()]
    typed = [seq for seq in sequences if not _is_dedicated_key(seq)]
    return ", ".join(seq.toString(QKeySequence.SequenceFormat.NativeText) for seq in typed or sequences)


class ShortcutsDialog(QDialog):
    """A table of action → shortcut; the filter matches either column, case-insensitively."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(520, 560)

        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText("Search actions or keys")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.textChanged.connect(self._on_filter_text_changed)

        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

        self._populate(actions)
        self.filter_field.setFocus()

    def _populate(self, actions: Iterable[QAction]) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        seen: set[int] = set()
        for action in actions:
            label = action_label(action.text())
            if not label or action.isSeparator() or id(action) in seen:
                continue
            seen.add(id(action))
            group_name = str(action.property("group") or OTHER_GROUP)
            group = groups.get(group_name)
            if group is None:
                group = QTreeWidgetItem(self.tree, [action_label(group_name), ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[group_name] = group
            QTreeWidgetItem(group, [label, shortcut_text(action)])
        self.tree.expandAll()

    def _on_filter_text_changed(self, needle: str) -> None:
        needle = needle.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            any_visible = False
            for j in range(group.childCount()):
                row = group.child(j)
                match = not needle or needle in row.text(0).casefold() or needle in row.text(1).casefold()
                row.setHidden(not match)
                any_visible = any_visible or match
            group.setHidden(not any_visible)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(group, action, shortcut) of the rows currently shown (for tests and accessibility checks)."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.isHidden():
                continue
            for j in range(group.childCount()):
                row = group.child(j)
                if not row.isHidden():
                    rows.append((group.text(0), row.text(0), row.text(1)))
        return rows


__all__ = ["ShortcutsDialog", "action_label", "shortcut_text"]
