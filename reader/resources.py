"""The one place that resolves Reader's bundled files (sample article, icons, stylesheets, data).

In a source checkout they live in ``resources/`` at the repository root; in a wheel they are
packaged as ``reader/resources_data/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    bundled = _PACKAGE_DIR / "resources_data"
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_article_path() -> Path:
    return resource_path("sample", "sample-article.html")
