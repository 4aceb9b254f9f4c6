"""Edit → Preferences: the reader's language, font, theme, highlights, detection languages, auto-save.

The form edits a copy: nothing reaches Settings until OK, so Cancel (or closing the window) leaves the
app exactly as it was. Restore Defaults resets the form to the defaults declared in ``Settings`` (not the
settings themselves); OK then stores them. The window reacts to what changed through ``Settings.changed``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.app import strings
from reader.core import display
from reader.core.document import SpanKind
from reader.core.language.identifier import LINGUA_LANGUAGES
from reader.ui.settings import (
    HIGHLIGHT_TYPES,
    MAX_FONT_SIZE,
    MAX_LINE_HEIGHT,
    MAX_PAGE_MARGIN,
    MIN_FONT_SIZE,
    MIN_LINE_HEIGHT,
    MIN_UNSURE_BELOW,
    THEMES,
    Settings,
)

THEME_LABELS = {"system": "Same as the system", "light": "Light", "dark": "Dark", "sepia": "Sepia"}
NO_DETECTION_LANGUAGE = "Choose at least one language for detection."


class PreferencesDialog(QDialog):
    """A form over ``settings``; writes on OK only."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")
        self._names = display.language_names()
        self._font_family = settings.font_family  # "" = the system font, kept unless the user picks one

        self.language_combo = QComboBox(self)
        codes = set(self._names) | {settings.reader_language}
        for code in sorted(codes, key=lambda c: self._names.get(c, c).casefold()):
            self.language_combo.addItem(f"{self._names.get(code, code.upper())} ({code})", code)

        self.font_combo = QFontComboBox(self)
        self.font_combo.currentFontChanged.connect(self._on_font_combo_changed)
        self.size_spin = QSpinBox(self)
        self.size_spin.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.size_spin.setSuffix(" pt")
        font_row = QHBoxLayout()
        font_row.addWidget(self.font_combo, 1)
        font_row.addWidget(self.size_spin)

        self.line_height_spin = QSpinBox(self)
        self.line_height_spin.setRange(MIN_LINE_HEIGHT, MAX_LINE_HEIGHT)
        self.line_height_spin.setSingleStep(10)
        self.line_height_spin.setSuffix(" %")
        self.line_height_spin.setAccessibleName("Line spacing")
        self.margin_spin = QSpinBox(self)
        self.margin_spin.setRange(0, MAX_PAGE_MARGIN)
        self.margin_spin.setSingleStep(8)
        self.margin_spin.setSuffix(" px")
        self.margin_spin.setAccessibleName("Margins")
        self.hyphenate_box = QCheckBox("Hyphenate long words", self)
        reading_row = QHBoxLayout()
        reading_row.addWidget(QLabel("Line spacing", self))
        reading_row.addWidget(self.line_height_spin)
        reading_row.addWidget(QLabel("Margins", self))
        reading_row.addWidget(self.margin_spin)
        reading_row.addWidget(self.hyphenate_box)
        reading_row.addStretch(1)

        self.theme_combo = QComboBox(self)
        for theme in THEMES:
            self.theme_combo.addItem(THEME_LABELS[theme], theme)

        self.highlight_boxes: dict[str, QCheckBox] = {}
        highlight_row = QHBoxLayout()
        for kind in HIGHLIGHT_TYPES:
            box = QCheckBox(strings.SPAN_KIND_PLURALS[SpanKind(kind)], self)
            self.highlight_boxes[kind] = box
            highlight_row.addWidget(box)
        highlight_row.addStretch(1)

        self.detection_filter = QLineEdit(self)
        self.detection_filter.setPlaceholderText("Filter languages")
        self.detection_filter.setClearButtonEnabled(True)
        self.detection_filter.textChanged.connect(self._on_detection_filter_changed)
        self.detection_list = QListWidget(self)
        self.detection_list.setMinimumHeight(160)
        candidates = (
            set(LINGUA_LANGUAGES)
            | set(Settings.option("detection_languages").default_value())
            | set(settings.detection_languages)
        )
        for code in sorted(candidates, key=lambda c: self._names.get(c, c).casefold()):
            item = QListWidgetItem(f"{self._names.get(code, code.upper())} ({code})", self.detection_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        self.detection_list.itemChanged.connect(lambda _item: self._update_ok_state())
        detection_box = QVBoxLayout()
        detection_box.addWidget(self.detection_filter)
        detection_box.addWidget(self.detection_list)

        self.auto_save_box = QCheckBox("Save every opened article to the library", self)

        self.unsure_box = QCheckBox(
            "Dot-underline translated sentences the model was unsure of: score below", self
        )
        self.unsure_spin = QDoubleSpinBox(self)
        self.unsure_spin.setRange(MIN_UNSURE_BELOW, 0.0)
        self.unsure_spin.setSingleStep(0.1)
        self.unsure_spin.setDecimals(1)
        self.unsure_spin.setAccessibleName("Unsure below this score")
        self.unsure_spin.setToolTip(
            "The model's mean log-probability per token: 0 is certain, lower is less sure."
        )
        self.unsure_box.toggled.connect(self.unsure_spin.setEnabled)
        unsure_row = QHBoxLayout()
        unsure_row.addWidget(self.unsure_box)
        unsure_row.addWidget(self.unsure_spin)
        unsure_row.addStretch(1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults
        )

        form = QFormLayout()
        form.addRow(self._label("&Your language:", self.language_combo), self.language_combo)
        form.addRow(self._label("&Font:", self.font_combo), font_row)
        form.addRow(self._label("&Reading:", self.line_height_spin), reading_row)
        form.addRow(self._label("&Theme:", self.theme_combo), self.theme_combo)
        form.addRow(self._label("&Highlight:", self.highlight_boxes["PER"]), highlight_row)
        form.addRow(self._label("&Detect these languages:", self.detection_filter), detection_box)
        form.addRow(self._label("&Confidence:", self.unsure_box), unsure_row)
        form.addRow("", self.auto_save_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._load(
            language=settings.reader_language,
            font_family=settings.font_family,
            font_size=settings.font_size,
            theme=settings.theme,
            highlights=settings.highlight_types,
            detection=settings.detection_languages,
            auto_save=settings.auto_save,
            reading=(settings.line_height, settings.page_margin, settings.hyphenate),
            unsure=(settings.unsure_marks, settings.unsure_below),
        )

    def _label(self, caption: str, buddy: QWidget) -> QLabel:
        """A form label whose mnemonic (Alt+letter) moves the focus to ``buddy``."""
        label = QLabel(caption, self)
        label.setBuddy(buddy)
        return label

    # -- form state -------------------------------------------------------------------------------------
    def _load(
        self,
        *,
        language: str,
        font_family: str,
        font_size: int,
        theme: str,
        highlights: set[str],
        detection: tuple[str, ...],
        auto_save: bool,
        reading: tuple[int, int, bool],
        unsure: tuple[bool, float],
    ) -> None:
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self._font_family = font_family
        self.font_combo.blockSignals(True)
        self.font_combo.setCurrentFont(QFont(font_family) if font_family else self.font())
        self.font_combo.blockSignals(False)
        self.size_spin.setValue(font_size)
        self.line_height_spin.setValue(reading[0])
        self.margin_spin.setValue(reading[1])
        self.hyphenate_box.setChecked(reading[2])
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(theme)))
        for kind, box in self.highlight_boxes.items():
            box.setChecked(kind in highlights)
        chosen = set(detection)
        self.detection_list.blockSignals(True)
        for i in range(self.detection_list.count()):
            item = self.detection_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.detection_list.blockSignals(False)
        self.auto_save_box.setChecked(auto_save)
        self.unsure_box.setChecked(unsure[0])
        self.unsure_spin.setValue(unsure[1])
        self.unsure_spin.setEnabled(unsure[0])
        self._update_ok_state()

    def restore_defaults(self) -> None:
        """Put the defaults into the form (stored only when the user presses OK)."""
        defaults = Settings.defaults()
        self._load(
            language=defaults["reader_language"],
            font_family=defaults["font_family"],
            font_size=defaults["font_size"],
            theme=defaults["theme"],
            highlights=defaults["highlight_types"],
            detection=defaults["detection_languages"],
            auto_save=defaults["auto_save"],
            reading=(defaults["line_height"], defaults["page_margin"], defaults["hyphenate"]),
            unsure=(defaults["unsure_marks"], defaults["unsure_below"]),
        )

    def selected_detection_languages(self) -> tuple[str, ...]:
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.detection_list.item(i) for i in range(self.detection_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        )

    def _on_font_combo_changed(self, font: QFont) -> None:
        self._font_family = font.family()

    def _on_detection_filter_changed(self, needle: str) -> None:
        needle = needle.strip().casefold()
        for i in range(self.detection_list.count()):
            item = self.detection_list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _update_ok_state(self) -> None:
        ok = bool(self.selected_detection_languages())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.message.setText("" if ok else NO_DETECTION_LANGUAGE)
        self.message.setVisible(not ok)

    # -- OK ---------------------------------------------------------------------------------------------
    def accept(self) -> None:
        detection = self.selected_detection_languages()
        if not detection:
            self._update_ok_state()
            return
        s = self.settings
        s.reader_language = str(self.language_combo.currentData())
        s.font_family = self._font_family
        s.font_size = self.size_spin.value()
        s.line_height = self.line_height_spin.value()
        s.page_margin = self.margin_spin.value()
        s.hyphenate = self.hyphenate_box.isChecked()
        s.theme = str(self.theme_combo.currentData())
        s.highlight_types = {kind for kind, box in self.highlight_boxes.items() if box.isChecked()}
        s.detection_languages = detection
        s.auto_save = self.auto_save_box.isChecked()
        s.unsure_marks = self.unsure_box.isChecked()
        s.unsure_below = self.unsure_spin.value()
        super().accept()


__all__ = ["PreferencesDialog"]
