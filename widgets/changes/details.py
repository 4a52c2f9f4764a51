"""The diff, the findings and the impact of a change: shared by the Changes pane and the review."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from widgets.changes.diff_model import DiffModel
from widgets.changes.table_models import FindingsModel
from widgets.sentences import counted

#: Above this many rows the diff opens collapsed to one row per entity.
MAX_EXPANDED = 150


def _count_rows(model: Any, parent: Any = None) -> int:
    parent = parent if parent is not None else QModelIndex()
    rows = model.rowCount(parent)
    return rows + sum(_count_rows(model, model.index(r, 0, parent)) for r in range(rows))


#: Pixels: the narrowest "before" / "after" column.
MIN_VALUE_WIDTH = 160


class ChangeDetails(QWidget):
    """Top: the diff grouped by entity; below: impact sentences and the rules' findings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff_model = DiffModel(self)
        self.diff_view = QTreeView(self)
        self.diff_view.setObjectName("diff_view")
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setUniformRowHeights(True)
        self.diff_view.setAlternatingRowColors(True)
        # Collapsed rows do not count when sizing columns: size again when a group opens.
        self.diff_view.expanded.connect(lambda _index: self._fit_columns())
        self.impact_label = QLabel(self)
        self.impact_label.setObjectName("impact")
        self.impact_label.setWordWrap(True)
        self.impact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings_model = FindingsModel(self)
        self.findings_view = QTableView(self)
        self.findings_view.setObjectName("findings_view")
        self.findings_view.setModel(self.findings_model)
        self.findings_view.verticalHeader().setVisible(False)
        # Rows follow their wrapped message as the column width changes.
        self.findings_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.findings_view.setWordWrap(True)
        header = self.findings_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.findings_title = QLabel(self)
        self.findings_title.setObjectName("findings_title")

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.impact_label)
        lower_layout.addWidget(self.findings_title)
        lower_layout.addWidget(self.findings_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.diff_view)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_change(
        self, diff: dict[str, Any], findings: list[dict[str, Any]], impact: list[str]
    ) -> None:
        self.diff_model.set_diff(diff)
        if _count_rows(self.diff_model) <= MAX_EXPANDED:
            self.diff_view.expandAll()
        else:  # a first release or a big change: entities first, opened on demand
            self.diff_view.collapseAll()
        self._fit_columns()
        self.findings_model.set_rows(findings)
        errors = sum(f["severity"] == "error" for f in findings)
        warnings = sum(f["severity"] == "warning" for f in findings)
        if not findings:
            self.findings_title.setText(self.tr("Checks: no findings."))
        else:
            self.findings_title.setText(
                self.tr("Checks: {errors}, {warnings}, {all} in all.").format(
                    errors=counted(errors, self.tr("{n} error"), self.tr("{n} errors")),
                    warnings=counted(warnings, self.tr("{n} warning"), self.tr("{n} warnings")),
                    all=len(findings),
                )
            )
        self.show_impact(impact)

    def _fit_columns(self) -> None:
        for column in range(3):
            self.diff_view.resizeColumnToContents(column)
            # "before" and "after" stay readable even while every group is closed
            if column and self.diff_view.columnWidth(column) < MIN_VALUE_WIDTH:
                self.diff_view.setColumnWidth(column, MIN_VALUE_WIDTH)

    def show_impact(self, impact: list[str]) -> None:
        if impact:
            # The core's sentences (``impact_sentences``), one a line: a list, not a paragraph.
            self.impact_label.setText(self.tr("Impact: %1").replace("%1", "\n".join(impact)))
            self.impact_label.show()
        else:
            self.impact_label.hide()

    def clear(self) -> None:
        self.show_change({}, [], [])

    def diff_texts(self) -> list[str]:
        """Every row of the diff tree as 'change | before | after' (for tests and copying)."""
        out: list[str] = []

        def walk(parent: Any) -> None:
            for row in range(self.diff_model.rowCount(parent)):
                cells = [self.diff_model.index(row, c, parent).data() or "" for c in range(3)]
                out.append(" | ".join(cells))
                walk(self.diff_model.index(row, 0, parent))

        walk(QModelIndex())
        return out
