"""The outline: the article's people, organisations, places, other names and dates, with counts.

Activating an entry (click or Enter) asks the view to jump to the next mention of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from reader.app import strings
from reader.core.document import SpanKind
from reader.ui.article_html import PlacedSpan

KEY_ROLE = Qt.ItemDataRole.UserRole
ORDER = (SpanKind.PERSON, SpanKind.ORGANIZATION, SpanKind.LOCATION, SpanKind.MISC, SpanKind.DATE)


class OutlinePanel(QTreeWidget):
    """Signal: mention_requested(key) — the key PlacedSpan.key of the entry activated."""

    mention_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.setHeaderLabels(["In this article", ""])
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)
        self._signature: tuple[tuple[str, int], ...] = ()
        # Groups the reader folded stay folded through every rebuild (and the next article).
        self.collapsed_kinds: set[str] = set()
        self.itemCollapsed.connect(lambda item: self._on_group_toggled(item, collapsed=True))
        self.itemExpanded.connect(lambda item: self._on_group_toggled(item, collapsed=False))
        self._rebuilding = False

    def set_mentions(self, spans: Sequence[PlacedSpan], visible: Collection[SpanKind]) -> None:
        """Rebuild from the rendered spans (original column counts; translations only add keys)."""
        counts: Counter[str] = Counter()
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        kinds: dict[str, SpanKind] = {}
        values: dict[str, str] = {}
        for placed in spans:
            key = placed.key
            kinds[key] = placed.span.kind
            if placed.span.kind is SpanKind.DATE and placed.span.value:
                values[key] = placed.span.value
            # Label with how the original writes it; translations only count when the original lacks it.
            weight = 100 if placed.column.value == "original" else 1
            labels[key][placed.span.text] += weight
            if placed.column.value == "original":
                counts[key] += 1
            else:
                counts.setdefault(key, 0)
        signature = tuple(sorted((key, counts[key]) for key in counts))
        if signature == self._signature:
            return
        self._signature = signature
        self._rebuilding = True
        self.clear()
        for kind in ORDER:
            keys = [key for key in counts if kinds[key] is kind]
            if not keys or kind not in visible:
                continue
            group = QTreeWidgetItem([strings.SPAN_KIND_PLURALS[kind], str(len(keys))])
            group.setData(0, KEY_ROLE, kind.value)
            self.addTopLevelItem(group)
            for key in sorted(keys, key=lambda k: (-counts[k], labels[k].most_common(1)[0][0].casefold())):
                label = labels[key].most_common(1)[0][0]
                child = QTreeWidgetItem([label, str(max(counts[key], 1))])
                child.setData(0, KEY_ROLE, key)
                child.setToolTip(0, f"{strings.SPAN_KIND_LABELS[kind]}: {values.get(key, label)}")
                group.addChild(child)
            group.setExpanded(kind.value not in self.collapsed_kinds)
        self._rebuilding = False
        self.resizeColumnToContents(1)

    def entries(self) -> dict[str, list[tuple[str, int]]]:
        """What the panel shows: group label → [(entry label, count)] (for tests and accessibility)."""
        out: dict[str, list[tuple[str, int]]] = {}
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            out[group.text(0)] = [
                (group.child(j).text(0), int(group.child(j).text(1))) for j in range(group.childCount())
            ]
        return out

    def _on_group_toggled(self, item: QTreeWidgetItem, *, collapsed: bool) -> None:
        if self._rebuilding or item.parent() is not None:
            return
        kind = str(item.data(0, KEY_ROLE))
        if collapsed:
            self.collapsed_kinds.add(kind)
        else:
            self.collapsed_kinds.discard(kind)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if item.parent() is not None and key:
            self.mention_requested.emit(str(key))
