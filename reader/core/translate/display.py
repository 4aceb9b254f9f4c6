"""Readable labels for packages in the model manager dialog and `reader models`: language names (CLDR
via Babel, in the reader's own language when given, the index's own names as fallback) and sizes."""

from __future__ import annotations

from reader.core.display import file_size
from reader.core.language import codes
from reader.core.translate.packages import AvailablePackage, InstalledPackage


def language_name(code: str, fallback: str | None = None, *, locale: str = "en") -> str:
    """The language's name in ``locale`` (``de`` → ``German``/``Deutsch``, ``pb`` → ``Portuguese
    (Brazil)``); fallback, else the code (see ``reader.core.language.codes.language_name``)."""
    return codes.language_name(code, fallback, locale=locale)


def package_label(package: AvailablePackage | InstalledPackage, *, locale: str = "en") -> str:
    """``German → English`` in the reader's language (the index's own names as fallback)."""
    source = language_name(package.from_code, package.from_name, locale=locale)
    target = language_name(package.to_code, package.to_name, locale=locale)
    return f"{source} → {target}"


def package_summary(package: AvailablePackage | InstalledPackage, *, locale: str = "en") -> str:
    """One line for a list: ``German → English · version 1.9 · 92 MB``."""
    parts = [package_label(package, locale=locale), f"version {package.version}"]
    size = file_size(package.size_bytes)
    if size:
        parts.append(size)
    return " · ".join(parts)
