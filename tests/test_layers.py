"""The layers stay apart: the core and the store never import Qt, and the core never reaches upward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "reader"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("core", ("PySide6", "shiboken6", "reader.ui", "reader.app", "reader.store", "reader.cli")),
        ("store", ("PySide6", "shiboken6", "reader.ui", "reader.app", "reader.cli")),
    ],
)
def test_layer_imports(layer: str, forbidden: tuple[str, ...]) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in files
        for module in sorted(imported_modules(path))
        if any(module == bad or module.startswith(bad + ".") for bad in forbidden)
    ]
    assert offenders == []
