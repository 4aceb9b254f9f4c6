"""WCAG contrast in every theme: the lowest text and control ratios the app's palettes produce.

    uv run python benchmarks/contrast.py

Prints, per theme, the lowest ratio among the text pairs (window, field, button, selection, placeholder,
link and tooltip text; the article's text, secondary text, language badges, text on every highlight
colour, error text) and among the control outlines (check boxes, radio buttons, the hover underline).
Targets: WCAG 2.1 AA, 4.5:1 for text and 3:1 for controls.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from reader.core.document import SpanKind
from reader.ui.theme import (
    CONTROL_CONTRAST,
    TEXT_CONTRAST,
    TEXT_PAIRS,
    THEMES,
    apply_theme,
    contrast_ratio,
    control_border,
    error_colour,
)

Role = QPalette.ColorRole


def main() -> None:
    app = QApplication([sys.argv[0]])
    default = QPalette(app.palette())
    worst_text, worst_control = 21.0, 21.0
    for theme in THEMES:
        article = apply_theme(app, theme, default)
        palette = app.palette()
        text = [contrast_ratio(palette.color(fg), palette.color(bg)) for fg, bg in TEXT_PAIRS]
        text.append(contrast_ratio(error_colour(palette), palette.color(Role.Window)))
        text += [
            contrast_ratio(getattr(article, n), article.background)
            for n in ("text", "muted", "badge", "error")
        ]
        text += [contrast_ratio(article.text, article.colour(kind)) for kind in SpanKind]
        border = control_border(palette)
        controls = [contrast_ratio(border, palette.color(r)) for r in (Role.Window, Role.Base, Role.Button)]
        controls.append(contrast_ratio(article.counterpart, article.background))
        worst_text, worst_control = min(worst_text, *text), min(worst_control, *controls)
        print(
            f"{theme:7} lowest text contrast {min(text):.2f}:1, lowest control contrast {min(controls):.2f}:1"
        )
    text_ok = "met" if worst_text >= TEXT_CONTRAST else "MISSED"
    control_ok = "met" if worst_control >= CONTROL_CONTRAST else "MISSED"
    print(
        f"targets: text >= {TEXT_CONTRAST}:1 -> {text_ok}; controls >= {CONTROL_CONTRAST}:1 -> {control_ok}"
    )


if __name__ == "__main__":
    main()
