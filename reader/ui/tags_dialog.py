"""Editing an article's tags: comma-separated, with completion of the tags already in the library."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


def parse_tags(text: str) -> list[str]:
    return sorted({tag.strip() for tag in text.split(",") if tag.strip()}, key=str.casefold)


class TagField(QLineEdit):
    """A line edit whose completer completes the tag being typed (after the last comma)."""

    def __init__(self, known: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer_model = QStringListModel(sorted(known, key=str.casefold), self)
        self.tag_completer = QCompleter(self.completer_model, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setWidget(self)
        self.tag_completer.activated.connect(self.complete_with)
        self.textEdited.connect(self._on_text_edited)

    def current_word(self) -> str:
        return self.text().rsplit(",", 1)[-1].strip()

    def _on_text_edited(self, _text: str) -> None:
        word = self.current_word()
        if not word:
            self.tag_completer.popup().hide()
            return
        self.tag_completer.setCompletionPrefix(word)
        if self.tag_completer.completionCount():
            self.tag_completer.complete()
        else:
            self.tag_completer.popup().hide()

    def complete_with(self, tag: str) -> None:
        head = self.text().rsplit(",", 1)[0] + ", " if "," in self.text() else ""
        self.setText(f"{head}{tag}, ")


class TagsDialog(QDialog):
    def __init__(
        self, title: str, current: Sequence[str], known: Sequence[str], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.field = TagField(known, self)
        self.field.setText(", ".join(current))
        label = QLabel(f"Tags for “{title}”, separated by commas:", self)
        label.setWordWrap(True)
        label.setBuddy(self.field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def tags(self) -> list[str]:
        return parse_tags(self.field.text())
