"""Themes: the application palette and the article view's colours (system, light, dark, sepia).

Every text colour meets WCAG AA against the surface it is drawn on (4.5:1) and every control outline 3:1;
tests/ui/test_theme.py computes the ratios from the palettes. The custom palettes set disabled colours
too, so a disabled button looks disabled in dark and sepia. Qt's Fusion style draws check box and radio
button outlines one shade darker than the window (invisible on a dark window), so ``ContrastStyle``
draws them again in a colour that reaches 3:1.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from reader.ui.article_html import DARK, LIGHT, SEPIA, Palette

THEMES = ("system", "light", "dark", "sepia")
TEXT_CONTRAST = 4.5  # WCAG 2.x AA, normal text
CONTROL_CONTRAST = 3.0  # WCAG 2.1 AA, user-interface components (1.4.11)
_Role = QPalette.ColorRole
# The palette's text-on-background pairs every theme must keep at TEXT_CONTRAST (tests and contrast.py).
TEXT_PAIRS = (
    (_Role.WindowText, _Role.Window),
    (_Role.Text, _Role.Base),
    (_Role.Text, _Role.AlternateBase),
    (_Role.ButtonText, _Role.Button),
    (_Role.HighlightedText, _Role.Highlight),
    (_Role.PlaceholderText, _Role.Base),
    (_Role.Link, _Role.Base),
    (_Role.ToolTipText, _Role.ToolTipBase),
)


def relative_luminance(colour: QColor | str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    c = QColor(colour)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ensure_contrast(fg: QColor | str, backgrounds: tuple[QColor | str, ...], ratio: float) -> QColor:
    """``fg``, moved towards black or white (whichever the first background is further from) in small
    steps until it reaches ``ratio`` against every background."""
    colour = QColor(fg)
    towards = QColor("#000000") if relative_luminance(backgrounds[0]) > 0.18 else QColor("#ffffff")
    for step in range(21):
        mixed = _mix(colour, towards, step / 20)
        if all(contrast_ratio(mixed, bg) >= ratio for bg in backgrounds):
            return mixed
    return towards


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass(frozen=True, slots=True)
class WindowColours:
    """The colours of one custom theme's Qt palette."""

    window: str
    base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    placeholder: str
    link: str
    disabled_text: str
    disabled_button: str


WINDOW_COLOURS = {
    "light": WindowColours(
        "#f2f2f5",
        "#ffffff",
        "#1d1d1f",
        "#e8e8ed",
        "#0a64d8",
        "#ffffff",
        "#5f5f66",
        "#0a5cc4",
        "#a3a3aa",
        "#ededf0",
    ),  # fmt: skip
    "dark": WindowColours(
        "#2a2a2d",
        "#1e1e20",
        "#e8e8ea",
        "#3a3a3e",
        "#0b5fcc",
        "#ffffff",
        "#a0a0a8",
        "#6cb4ff",
        "#66666c",
        "#303033",
    ),  # fmt: skip
    "sepia": WindowColours(
        "#ede3cc",
        "#f4ecd8",
        "#3b2f22",
        "#e3d7bb",
        "#8a5a22",
        "#ffffff",
        "#66573f",
        "#7a4b14",
        "#ab9c80",
        "#e8dec6",
    ),  # fmt: skip
}


def _palette(c: WindowColours) -> QPalette:
    # Built from the button and window colours so Light/Mid/Dark/Shadow are derived from this theme
    # (a bare QPalette() would keep the light defaults for them, in the dark theme too).
    palette = QPalette(QColor(c.button), QColor(c.window))
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.window,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.Highlight: c.highlight,
        QPalette.ColorRole.HighlightedText: c.highlighted_text,
        QPalette.ColorRole.PlaceholderText: c.placeholder,
        QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.BrightText: c.highlighted_text,
    }
    for role, colour in roles.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled_text))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor(c.disabled_button))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(c.disabled_button))
    return palette


def _system_palette(default: QPalette) -> QPalette:
    """The platform's palette with the roles that often fall short of AA raised to it (Fusion draws
    placeholder text at half opacity, for one)."""
    palette = QPalette(default)
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    for role, backgrounds in (
        (QPalette.ColorRole.PlaceholderText, (base,)),
        (QPalette.ColorRole.Link, (base, window)),
        (QPalette.ColorRole.Text, (base, palette.color(QPalette.ColorRole.AlternateBase))),
        (QPalette.ColorRole.WindowText, (window,)),
        (QPalette.ColorRole.ButtonText, (palette.color(QPalette.ColorRole.Button),)),
    ):
        colour = palette.color(QPalette.ColorGroup.Active, role)
        colour.setAlpha(255)
        if min(contrast_ratio(colour, bg) for bg in backgrounds) < TEXT_CONTRAST:
            colour = ensure_contrast(colour, backgrounds, TEXT_CONTRAST)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, colour)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    highlighted = palette.color(QPalette.ColorRole.HighlightedText)
    if contrast_ratio(highlight, highlighted) < TEXT_CONTRAST:
        highlight = ensure_contrast(highlight, (highlighted,), TEXT_CONTRAST)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, highlight)
    return palette


def control_border(palette: QPalette) -> QColor:
    """The outline colour for check boxes and radio buttons: 3:1 against the window and the field."""
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    button = palette.color(QPalette.ColorRole.Button)
    start = _mix(window, palette.color(QPalette.ColorRole.WindowText), 0.5)
    return ensure_contrast(start, (window, base, button), CONTROL_CONTRAST)


def error_colour(palette: QPalette) -> QColor:
    """Red text readable on the window colour (status bar, inline messages)."""
    window = palette.color(QPalette.ColorRole.Window)
    dark = relative_luminance(window) < 0.18
    return ensure_contrast(QColor("#ff8a80" if dark else "#b3261e"), (window,), TEXT_CONTRAST)


class ContrastStyle(QProxyStyle):
    """The platform style, with check box and radio button outlines drawn at 3:1 contrast."""

    _OUTLINED = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self._OUTLINED or not option.state & QStyle.StateFlag.State_Enabled:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(control_border(option.palette))
        pen.setWidthF(1.2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        side = min(option.rect.width(), option.rect.height()) - 2
        rect = QRectF(0, 0, side, side)
        rect.moveCenter(QRectF(option.rect).center())
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark)


def _install_style(app: QApplication) -> None:
    if not isinstance(app.style(), ContrastStyle):
        app.setStyle(ContrastStyle(app.style().name()))


def apply_theme(app: QApplication, theme: str, default_palette: QPalette) -> Palette:
    """Set the application palette for ``theme`` and return the article view's colours."""
    _install_style(app)
    if theme == "system":
        app.setPalette(_system_palette(default_palette))
        return DARK if system_is_dark() else LIGHT
    colours = WINDOW_COLOURS.get(theme, WINDOW_COLOURS["light"])
    app.setPalette(_palette(colours))
    return {"dark": DARK, "sepia": SEPIA}.get(theme, LIGHT)
