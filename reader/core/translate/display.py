"""Readable labels for packages in the model manager dialog and `reader models`: sizes, language
names (CLDR via Babel, in the reader's own language when given), the index's age."""

from __future__ import annotations

from reader.core.language import codes
from reader.core.translate.packages import AvailablePackage, InstalledPackage


def format_size(size_bytes: int | None) -> str:
    """``57 MB``, ``1.2 MB``, ``640 KB``; empty when unknown."""
    if size_bytes is None:
        return ""
    if size_bytes >= 1024 * 1024 * 1024:
        return f"{size_bytes / 1024**3:.1f} GB"
    if size_bytes >= 10 * 1024 * 1024:
        return f"{size_bytes / 1024**2:.0f} MB"
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / 1024**2:.1f} MB"
    return f"{max(1, size_bytes // 1024)} KB"


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
    size = format_size(package.size_bytes)
    if size:
        parts.append(size)
    return " · ".join(parts)


def describe_index_age(age_seconds: float | None) -> str:
    """``updated 3 hours ago`` / ``never downloaded``."""
    if age_seconds is None:
        return "never downloaded"
    for unit, seconds in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if age_seconds >= seconds:
            count = int(age_seconds // seconds)
            return f"updated {count} {unit}{'s' if count != 1 else ''} ago"
    return "updated just now"
