"""`reader models list | available | install NAME-or-FILE | remove NAME`: offline model packages.

Translation packages (Argos) are built in. Other kinds of model (NER) plug in through
``register_source(kind, factory)``: a factory returns an object with the ``ModelSource`` methods, and
``--kind NAME`` selects it (``list`` shows every kind). Progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from reader.core.cancel import ProgressCallback
from reader.core.display import file_size
from reader.core.errors import ModelError

TRANSLATION = "translation"


class ModelSource(Protocol):
    """What `reader models` needs from one kind of model."""

    def installed_rows(self) -> list[list[str]]: ...

    def available_rows(self, refresh: bool) -> list[list[str]]: ...

    def install(self, name_or_file: str, progress: ProgressCallback) -> str: ...

    def remove(self, name: str) -> str: ...


_SOURCES: dict[str, Callable[[], ModelSource]] = {}


def register_source(kind: str, factory: Callable[[], ModelSource]) -> None:
    """Add a kind of model to `reader models` (call before the parser is built)."""
    _SOURCES[kind] = factory


class TranslationSource:
    """Argos translation packages in Reader's packages dir."""

    def __init__(self) -> None:
        from reader.core.translate.packages import PackageManager

        self.manager = PackageManager()

    def installed_rows(self) -> list[list[str]]:
        from reader.core.translate.display import format_size

        return [
            [p.pair, f"{p.from_name} → {p.to_name}", p.version, format_size(p.size_bytes)]
            for p in self.manager.installed()
        ]

    def available_rows(self, refresh: bool) -> list[list[str]]:
        from reader.core.translate.display import describe_index_age, format_size

        packages = self.manager.available(refresh=refresh)
        if not packages and not refresh:
            packages = self.manager.available(refresh=True)
        print(f"reader: package index {describe_index_age(self.manager.index_age())}", file=sys.stderr)
        installed = {p.package_id: p.version for p in self.manager.installed()}
        rows = []
        for p in packages:
            state = "installed" if installed.get(p.package_id) == p.version else ""
            if p.package_id in installed and not state:
                state = f"update ({installed[p.package_id]} installed)"
            size = format_size(p.size_bytes) if p.size_bytes else ""
            rows.append([p.pair, f"{p.from_name} → {p.to_name}", p.version, size, state])
        return rows

    def install(self, name_or_file: str, progress: ProgressCallback) -> str:
        path = Path(name_or_file).expanduser()
        if path.suffix == ".argosmodel" or path.is_file():
            package = self.manager.install_file(path)
        else:
            wanted = (
                name_or_file.strip().lower().replace("→", "-").replace("_", "-").removeprefix("translate-")
            )
            candidates = self.manager.available() or self.manager.available(refresh=True)
            matches = [p for p in candidates if f"{p.from_code}-{p.to_code}" == wanted]
            if not matches:
                raise ModelError(f"No package '{name_or_file}' in the index (see `reader models available`).")
            package = self.manager.download_and_install(
                max(matches, key=lambda p: p.version), progress=progress
            )
        return f"installed {package.pair} ({package.from_name} → {package.to_name}, {package.version})"

    def remove(self, name: str) -> str:
        self.manager.remove(name)
        return f"removed {name}"


register_source(TRANSLATION, TranslationSource)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "models",
        help="list, download, install and remove offline translation packages",
        description="Manage the offline models Reader uses (Argos Translate packages for translation).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def kind_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--kind", choices=sorted(_SOURCES), default=TRANSLATION, help="which kind of model")

    p = actions.add_parser("list", help="installed models")
    p.add_argument("--kind", choices=sorted(_SOURCES), default=None, help="only this kind (default: all)")
    p.set_defaults(handler=_list)
    p = actions.add_parser("available", help="models in the online index (downloads the index)")
    p.add_argument("--cached", action="store_true", help="use the last downloaded index, stay offline")
    kind_option(p)
    p.set_defaults(handler=_available)
    p = actions.add_parser("install", help="install from the index (e.g. de-en) or from a local file")
    p.add_argument("name", metavar="NAME-or-FILE")
    kind_option(p)
    p.set_defaults(handler=_install)
    p = actions.add_parser("remove", help="remove an installed model (e.g. de-en)")
    p.add_argument("name", metavar="NAME")
    kind_option(p)
    p.set_defaults(handler=_remove)


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _list(args: argparse.Namespace) -> int:
    kinds = [args.kind] if args.kind else sorted(_SOURCES)
    for kind in kinds:
        rows = _SOURCES[kind]().installed_rows()
        if len(kinds) > 1:
            print(f"{kind}:")
        if rows:
            _table(rows)
        else:
            print(f"no {kind} models installed (see `reader models available`)")
    return 0


def _available(args: argparse.Namespace) -> int:
    rows = _SOURCES[args.kind]().available_rows(refresh=not args.cached)
    if rows:
        _table(rows)
    else:
        print("the index lists no packages (try again without --cached)")
    return 0


def _progress() -> ProgressCallback:
    shown = [-1]

    def report(done: int, total: int | None) -> None:
        step = done * 20 // total if total else done // (5 * 1024 * 1024)
        if step != shown[0]:
            shown[0] = step
            amount = f"{done * 100 // total}%" if total else file_size(done)
            print(f"reader: downloading… {amount}", file=sys.stderr)

    return report


def _install(args: argparse.Namespace) -> int:
    print(_SOURCES[args.kind]().install(args.name, _progress()))
    return 0


def _remove(args: argparse.Namespace) -> int:
    print(_SOURCES[args.kind]().remove(args.name))
    return 0
