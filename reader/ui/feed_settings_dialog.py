"""Per-source settings: full article or feed summary, translation, and how many articles and days to keep."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget


class FeedSettingsDialog(QDialog):
    """Edits one ``FeedSource``'s settings; ``settings()`` is the result after ``accept``."""

    def __init__(self, source: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedSettingsDialog")
        self.setWindowTitle(f"Settings for {source.title}")
        self.full_fetch = QCheckBox("Fetch the full article (otherwise keep the feed's summary)", self)
        self.full_fetch.setChecked(source.full_fetch)
        self.translate = QCheckBox("Translate new articles with the installed models", self)
        self.translate.setChecked(source.translate)
        self.keep_articles = QSpinBox(self)
        self.keep_articles.setRange(0, 100_000)
        self.keep_articles.setSpecialValueText("No limit")
        self.keep_articles.setValue(source.keep_articles)
        self.keep_days = QSpinBox(self)
        self.keep_days.setRange(0, 100_000)
        self.keep_days.setSpecialValueText("No limit")
        self.keep_days.setSuffix(" days")
        self.keep_days.setValue(source.keep_days)
        note = QLabel("Starred and tagged articles are always kept; older ones go to the trash.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.full_fetch)
        form.addRow(self.translate)
        form.addRow("Keep at most", self.keep_articles)
        form.addRow("Keep for", self.keep_days)
        form.addRow(note)
        form.addRow(buttons)

    def settings(self) -> dict[str, Any]:
        """The fields of ``reader.store.feeds.SourceSettings`` (the UI does not import the store)."""
        return {
            "full_fetch": self.full_fetch.isChecked(),
            "translate": self.translate.isChecked(),
            "keep_articles": self.keep_articles.value(),
            "keep_days": self.keep_days.value(),
        }
