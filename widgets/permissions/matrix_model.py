"""Roles (rows) x entities (columns); each cell shows the role's C/R/U/D on that entity."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from studio.bundle.model import Bundle

Index = QModelIndex | QPersistentModelIndex


class EntityPermissionMatrixModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roles: list[tuple[str, str]] = []
        self._entities: list[tuple[str, str]] = []
        self._cells: dict[tuple[str, str], str] = {}

    def set_bundle(self, bundle: Bundle, lang: str) -> None:
        self.beginResetModel()
        self._roles = [(r.key, r.label.text(lang)) for r in bundle.roles]
        self._entities = [(e.key, e.label.text(lang)) for e in bundle.entities]
        self._cells = {
            (p.role, p.entity): "".join(
                letter if allowed else "·"
                for letter, allowed in zip(
                    "CRUD", (p.create, p.read, p.update, p.delete), strict=True
                )
            )
            for p in bundle.entity_permissions
        }
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entities)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._entities[section][1]
        return self._roles[section][1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = (self._roles[index.row()][0], self._entities[index.column()][0])
        cell = self._cells.get(key, "····")
        if role == Qt.ItemDataRole.DisplayRole:
            return cell
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and cell.endswith("D"):
            return QColor("#b3261e")  # delete rights stand out: they are the dangerous ones
        return None
