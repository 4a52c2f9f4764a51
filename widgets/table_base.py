"""What the read-only list tables share: one row per item of a list, fixed translated headers.

A subclass names its columns (``header_texts``) and says what a cell shows (``cell``) and, if it
likes, in which colour (``color``); a role of its own goes in an override of ``data`` that falls
back on this one. Editable or tree models (the field table, the form canvas) are not of this kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from studio.lint.findings import Severity

Index = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel):
    """Rows: any items, in the order given to ``set_rows``; the text of a cell is its tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header_texts())

    def header_texts(self) -> tuple[str, ...]:
        raise NotImplementedError

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_texts()[section]
        return None

    def cell(self, item: Any, column: int) -> str:
        raise NotImplementedError

    def color(self, item: Any, column: int) -> str | None:
        return None

    def tooltip(self, item: Any, column: int) -> str:
        """A cell's tooltip: its text, unless a model says more (a local time's UTC)."""
        return self.cell(item, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(item, index.column())
            return QBrush(QColor(color)) if color else None
        return None


def severity_icons() -> dict[Severity, QIcon]:
    """The style's message-box icon for each finding severity (tables mark findings with it)."""
    style = QApplication.style()
    return {
        Severity.error: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
        Severity.warning: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        Severity.info: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
    }
