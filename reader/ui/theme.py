"""Themes: the application palette and the article view's colours (system, light, dark, sepia)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.article_html import DARK, LIGHT, SEPIA, Palette

THEMES = ("system", "light", "dark", "sepia")


def _palette(window: str, base: str, text: str, button: str, highlight: str, muted: str) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: window,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: muted,
        QPalette.ColorRole.Link: highlight,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(muted))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(muted))
    return palette


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark)


def apply_theme(app: QApplication, theme: str, default_palette: QPalette) -> Palette:
    """Set the application palette for ``theme`` and return the article view's colours."""
    if theme == "system":
        app.setPalette(default_palette)
        return DARK if system_is_dark() else LIGHT
    if theme == "dark":
        app.setPalette(_palette("#2a2a2d", "#1e1e20", "#e8e8ea", "#3a3a3e", "#0a84ff", "#8e8e96"))
        return DARK
    if theme == "sepia":
        app.setPalette(_palette("#ede3cc", "#f4ecd8", "#3b2f22", "#e3d7bb", "#9c6b30", "#8c7a60"))
        return SEPIA
    app.setPalette(_palette("#f2f2f5", "#ffffff", "#1d1d1f", "#e8e8ed", "#0a64d8", "#8a8a90"))
    return LIGHT
