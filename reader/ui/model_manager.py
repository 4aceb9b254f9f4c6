"""Tools → Models: install, download and remove translation packages and entity-recognition models.

Two tabs share one widget (``ModelTab``) over a small adapter per kind of model (``TranslationModels``,
``NerModels``), so both behave the same: an Installed list with Remove and Install from file, an Available
list with a filter and Refresh, a progress bar with Cancel, and a one-line message area. Every call into
the managers (they touch the disk and the network) is an operation from ``reader.app.model_sources`` on
the I/O pool; results come back on the GUI thread, and errors go to the tab's own message line (the
dialog's place for them). The network is used only when the user clicks Refresh or Download (or the
window's "Install German → English" banner calls ``offer_pair``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from packaging.version import InvalidVersion, Version
from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.app import model_sources
from reader.app.model_sources import (
    PIVOT,
    NerModels,
    PackageInFile,
    Row,
    TranslationModels,
    age_text,
    describe_package,
)
from reader.app.operations import Operations, QueryOp
from reader.app.runner import TaskHandle
from reader.app.strings import user_message
from reader.core.display import file_size, pair_label
from reader.core.errors import CancelledError
from reader.ui.theme import error_colour

if TYPE_CHECKING:
    from reader.core.annotate.ner_models import NerModelManager
    from reader.core.translate.packages import PackageManager

T = TypeVar("T")


def _tree(headers: list[str], parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    tree.header().setStretchLastSection(False)
    return tree


def is_older(candidate: str, installed: str) -> bool:
    """Whether version ``candidate`` is older than ``installed`` (PEP 440 order, else plain text)."""
    try:
        return Version(candidate) < Version(installed)
    except InvalidVersion:
        return bool(candidate and installed) and candidate < installed


class ModelTab(QWidget):
    """Installed and available models of one kind, with their operations.

    Signals:
        models_changed(): something was installed or removed (the window retries translation).
        operation_finished(str): an operation ended; the text is the one-line message shown.
    """

    models_changed = Signal()
    operation_finished = Signal(str)

    def __init__(
        self, backend: TranslationModels | NerModels, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.ops = ops
        self._task: TaskHandle | None = None  # the running operation (refresh, download, install, remove)
        self._installed_gen = 0
        self._available_gen = 0
        self._available_rows: list[Row] = []
        self._refresh_attempted = False
        self._loading_available = False
        self._pending_pair: tuple[str, str] | None = None  # offered by the window's banner
        self._offer_attempted: set[tuple[str, str]] = set()  # legs already tried for that offer
        self._installed_rows: list[Row] = []

        self.installed_list = _tree(["Model", "Version", "Size on disk"], self)
        self.remove_button = QPushButton("&Remove", self)
        self.install_file_button = QPushButton("Install from &File…", self)
        installed_box = QGroupBox("Installed", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.install_file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        installed_layout = QVBoxLayout(installed_box)
        installed_layout.addWidget(self.installed_list)
        installed_layout.addLayout(buttons)

        self.filter_field = QLineEdit(self)
        self.filter_field.setPlaceholderText("Filter by language or name")
        self.filter_field.setClearButtonEnabled(True)
        self.index_label = QLabel(self)
        self.refresh_button = QPushButton("Re&fresh", self)
        self.refresh_button.setToolTip("Download the list of available models (uses the network)")
        self.available_list = _tree(["Model", "Download", "Version", ""], self)
        self.download_button = QPushButton("&Download and Install", self)
        available_box = QGroupBox("Available", self)
        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.index_label)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.download_button)
        available_layout = QVBoxLayout(available_box)
        available_layout.addLayout(top)
        available_layout.addWidget(self.available_list)
        available_layout.addLayout(bottom)
        if not backend.uses_index:
            self.refresh_button.hide()
            self.index_label.hide()

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 100)
        self.cancel_button = QPushButton("&Cancel", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(installed_box, 2)
        layout.addWidget(available_box, 3)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        self.progress_bar.hide()
        self.cancel_button.hide()

        self.remove_button.clicked.connect(self.remove_selected)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.installed_list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.remove_selected)
        self.install_file_button.clicked.connect(self.choose_file)
        self.refresh_button.clicked.connect(lambda: self.load_available(refresh=True))
        self.download_button.clicked.connect(self.download_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.filter_field.textChanged.connect(self._apply_filter)
        self.installed_list.itemSelectionChanged.connect(self._update_buttons)
        self.available_list.itemSelectionChanged.connect(self._update_buttons)
        self.available_list.itemActivated.connect(lambda _item, _col: self.download_selected())

        self.load_installed()
        self.load_available(refresh=False)

    # -- state ------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _update_buttons(self) -> None:
        idle = not self.busy
        self.remove_button.setEnabled(idle and bool(self.installed_list.selectedItems()))
        self.install_file_button.setEnabled(idle)
        self.refresh_button.setEnabled(idle)
        self.download_button.setEnabled(idle and bool(self.available_list.selectedItems()))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet(f"color: {error_colour(self.palette()).name()};" if error else "")

    def _start(
        self,
        op: QueryOp[T],
        on_success: Callable[[T], str],
        *,
        progress: bool,
        message: str = "",
    ) -> None:
        """Run one model operation visibly: its result becomes the message line, its error a one-line message.

        ``on_success`` must not start another operation; follow-ups (a pending pair) run after it.
        """

        def finish(text: str, is_error: bool) -> None:
            self.show_message(text, error=is_error)
            self._update_buttons()
            self.operation_finished.emit(text)
            self._resolve_pending()

        def succeeded(result: T) -> None:
            self._task = None
            self.cancel_button.hide()
            text = on_success(result)
            if progress:
                self.progress_bar.setRange(0, 100)
                self.progress_bar.setValue(100)
            finish(text, False)

        def failed(error: BaseException) -> None:
            self._task = None
            self.cancel_button.hide()
            self.progress_bar.hide()
            self._pending_pair = None  # don't retry on our own after a failure the user must see
            finish(user_message(error), not isinstance(error, CancelledError))

        self.show_message(message)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setFormat("%p%")
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(progress)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(progress)
        op.success(succeeded).failure(failed)
        if progress:
            op.with_progress(self._on_progress)
        self._task = op.run_in_background()
        self._update_buttons()

    def _on_progress(self, done: int, total: int | None) -> None:
        if total:
            self.progress_bar.setFormat("%p%")
            self.progress_bar.setRange(0, 100)
            self.progress_bar.setValue(min(100, done * 100 // total))
        else:
            self.progress_bar.setRange(0, 0)  # unknown length: a busy indicator
            self.progress_bar.setFormat(file_size(done))

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.show_message("Cancelling…")

    # -- lists ------------------------------------------------------------------------------------------
    def load_installed(self) -> None:
        """List installed models (sizes come from the disk, so off the GUI thread)."""
        self._installed_gen += 1
        backend = self.backend

        def show(rows: list[Row]) -> None:
            self._installed_rows = rows
            self._fill(self.installed_list, [(r, [r.label, r.version, r.size]) for r in rows])
            self._update_buttons()

        op = model_sources.list_installed(self.ops, backend).success(show)
        op.failure(lambda error: self.show_message(user_message(error), error=True))
        op.generation(lambda: self._installed_gen).run_in_background()  # a newer listing wins

    def load_available(self, *, refresh: bool) -> None:
        """Show the available models: the cached index, or (refresh=True) a fresh one from the network."""
        if refresh and self.busy:
            return
        backend = self.backend
        self._available_gen += 1
        gen = self._available_gen

        def success(result: tuple[list[Row], float | None]) -> str:
            if gen == self._available_gen:
                self._show_available(result)
            count = len(result[0])
            return f"{count} model{'s' if count != 1 else ''} available." if refresh else ""

        if refresh:
            self._refresh_attempted = True
            op = model_sources.list_available(self.ops, backend, refresh=True)
            self._start(op, success, progress=False, message="Downloading the list of models…")
            return

        def listed(result: tuple[list[Row], float | None]) -> None:
            self._loading_available = False
            if gen == self._available_gen:  # else a refresh started meanwhile; its list wins
                self._show_available(result)
                self._resolve_pending()

        def failed(error: BaseException) -> None:
            self._loading_available = False
            if gen == self._available_gen:
                self.show_message(user_message(error), error=True)
                self._resolve_pending()

        self._loading_available = True
        op = model_sources.list_available(self.ops, backend, refresh=False)
        op.success(listed).failure(failed).run_in_background()

    def _show_available(self, result: tuple[list[Row], float | None]) -> None:
        rows, age = result
        self._available_rows = rows
        self.index_label.setText(age_text(age))
        self._fill(
            self.available_list,
            [(r, [r.label, r.size, r.version, "installed" if r.installed else ""]) for r in rows],
        )
        self._apply_filter(self.filter_field.text())

    @staticmethod
    def _fill(tree: QTreeWidget, rows: list[tuple[Row, list[str]]]) -> None:
        """Replace the rows, keeping the selection on the same models."""
        selected = {item.data(0, Qt.ItemDataRole.UserRole).search for item in tree.selectedItems()}
        tree.clear()
        for row, columns in rows:
            item = QTreeWidgetItem(tree, columns)
            item.setData(0, Qt.ItemDataRole.UserRole, row)
            if row.search in selected:
                item.setSelected(True)

    def _apply_filter(self, needle: str) -> None:
        words = needle.casefold().split()
        for i in range(self.available_list.topLevelItemCount()):
            item = self.available_list.topLevelItem(i)
            row: Row = item.data(0, Qt.ItemDataRole.UserRole)
            haystack = row.search.casefold()
            item.setHidden(not all(word in haystack for word in words))

    def visible_available(self) -> list[str]:
        """Labels of the Available rows the filter lets through (what the user sees)."""
        return [
            item.text(0)
            for item in (
                self.available_list.topLevelItem(i) for i in range(self.available_list.topLevelItemCount())
            )
            if not item.isHidden()
        ]

    def installed_labels(self) -> list[str]:
        return [
            self.installed_list.topLevelItem(i).text(0)
            for i in range(self.installed_list.topLevelItemCount())
        ]

    # -- operations -------------------------------------------------------------------------------------
    def _selected(self, tree: QTreeWidget) -> Row | None:
        items = tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _after_change(self, text: str) -> str:
        self.load_installed()
        if self._available_rows:
            self.load_available(refresh=False)
        self.models_changed.emit()
        return text

    def download_selected(self) -> None:
        row = self._selected(self.available_list)
        if row is None or self.busy or not self._confirm_downgrade(row.pair, row.version, row.label):
            return
        self._start(
            model_sources.download(self.ops, self.backend, row.key),
            lambda label: self._after_change(f"Installed {label}."),
            progress=True,
            message=f"Downloading {row.label}…",
        )

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Install a model from a file",
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation),
            self.backend.file_filter,
        )
        if path:
            self.install_file(Path(path))

    def install_file(self, path: Path) -> None:
        """Install from a file, after a look inside it: installing an older version over a newer one
        asks first."""
        if self.busy:
            return

        def checked(found: PackageInFile) -> None:
            if found is None or self._confirm_downgrade(found[0], found[1], pair_label(*found[0])):
                self._install_file(path)

        op = model_sources.package_in_file(self.ops, self.backend, path).success(checked)
        op.failure(lambda _error: self._install_file(path))  # the install itself says what is wrong
        op.run_in_background()

    def _confirm_downgrade(self, pair: tuple[str, str] | None, version: str, label: str) -> bool:
        installed = next((r for r in self._installed_rows if pair is not None and r.pair == pair), None)
        if installed is None or not is_older(version, installed.version):
            return True
        return self.confirm(
            "Install an older version?",
            f"{label} {installed.version} is installed. Replace it with the older version {version}?",
        )

    def confirm(self, title: str, question: str) -> bool:
        """Ask before something that cannot be undone; No is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _install_file(self, path: Path) -> None:
        if self.busy:
            return
        self._start(
            model_sources.install_file(self.ops, self.backend, path),
            lambda label: self._after_change(f"Installed {label}."),
            progress=False,
        )

    def remove_selected(self) -> None:
        row = self._selected(self.installed_list)
        if row is None or self.busy:
            return
        size = f" ({row.size})" if row.size else ""
        if not self.confirm("Remove model?", f"Remove {row.label}{size}? You can install it again later."):
            return
        self._start(
            model_sources.remove(self.ops, self.backend, row.key),
            lambda _r: self._after_change(f"Removed {row.label}."),
            progress=False,
        )

    def select_pair(self, pair: tuple[str, str]) -> bool:
        for i in range(self.available_list.topLevelItemCount()):
            item = self.available_list.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole).pair == pair:
                self.filter_field.clear()
                self.available_list.setCurrentItem(item)
                self.available_list.scrollToItem(item)
                return True
        return False

    def offer_pair(self, source: str, target: str) -> None:
        """Install what translating ``source`` → ``target`` needs, fetching the index first if needed.

        The direct package when the index lists it; otherwise the two legs through English
        (source → English, English → target), the way the engine pivots.
        """
        self._pending_pair = (source, target)
        self._offer_attempted = set()
        self._resolve_pending()

    def _plan(self, pair: tuple[str, str]) -> list[tuple[str, str]] | None:
        """Pairs still to install for ``pair`` (empty: nothing to do), or None if the index can't cover it."""
        listed = {row.pair: row for row in self._available_rows if row.pair is not None}
        direct = listed.get(pair)
        if direct is not None:
            return [] if direct.installed else [pair]
        source, target = pair
        legs = [(source, PIVOT), (PIVOT, target)]
        if PIVOT not in pair and all(leg in listed for leg in legs):
            return [leg for leg in legs if not listed[leg].installed]
        return None

    def _resolve_pending(self) -> None:
        pair = self._pending_pair
        if pair is None or self._loading_available or self.busy:
            return
        plan = self._plan(pair)
        if plan is None and not self._refresh_attempted and self.backend.uses_index:
            self.load_available(refresh=True)
            return
        if plan is None:
            self._pending_pair = None
            self.show_message(f"No {pair_label(*pair)} package is listed in the index.", error=True)
            return
        todo = [leg for leg in plan if leg not in self._offer_attempted]
        if not todo:
            self._pending_pair = None
            return
        self._offer_attempted.add(todo[0])
        if self.select_pair(todo[0]):
            self.download_selected()


class ModelManagerDialog(QDialog):
    """Translation packages and entity-recognition models; non-modal, kept by the window.

    Signals:
        models_changed(): a model was installed or removed.
    """

    models_changed = Signal()

    def __init__(
        self,
        packages: PackageManager,
        ner_models: NerModelManager | None,
        ops: Operations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Models")
        self.resize(640, 560)
        self.tabs = QTabWidget(self)
        self.translation_tab = ModelTab(TranslationModels(packages), ops, self)
        self.tabs.addTab(self.translation_tab, TranslationModels.title)
        self.translation_tab.models_changed.connect(self.models_changed)
        self.ner_tab: ModelTab | None = None
        if ner_models is not None:
            self.ner_tab = ModelTab(NerModels(ner_models), ops, self)
            self.tabs.addTab(self.ner_tab, NerModels.title)
            self.ner_tab.models_changed.connect(self.models_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Each time the dialog opens: the lists as they are now (a model may have been installed from
        the command line meanwhile), without the messages of last time."""
        super().showEvent(event)
        for tab in (self.translation_tab, self.ner_tab):
            if tab is not None and not tab.busy:
                tab.show_message("")
                tab.load_installed()
                tab.load_available(refresh=False)

    def offer_pair(self, source: str, target: str) -> None:
        """Called by the window's missing-pair banner: show and install that translation package."""
        self.tabs.setCurrentWidget(self.translation_tab)
        self.translation_tab.offer_pair(source, target)


__all__ = [
    "ModelManagerDialog",
    "ModelTab",
    "NerModels",
    "TranslationModels",
    "age_text",
    "describe_package",
]
