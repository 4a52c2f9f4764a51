"""Roles (rows) x entities (columns); each cell shows the role's actions on that entity.

An action is its letter — C create, R read, E edit, A archive, D delete, I import, X export —
followed by ``/t`` (team's records) or ``/o`` (own records) when not on all records; ``·`` where
not allowed. Delete stands out in red: it is the dangerous one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from studio.access.effective import role_scopes
from studio.bundle.access import ACTIONS
from studio.bundle.model import Bundle

Index = QModelIndex | QPersistentModelIndex

LETTERS = dict(zip(ACTIONS, "CREADIX", strict=True))
_SUFFIX = {"all": "", "team": "/t", "own": "/o"}


def cell_text(scopes: dict[str, str]) -> str:
    return " ".join(LETTERS[a] + _SUFFIX[scopes[a]] if a in scopes else "·" for a in ACTIONS)


class EntityPermissionMatrixModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._roles: list[tuple[str, str]] = []
        self._entities: list[tuple[str, str]] = []
        self._cells: dict[tuple[str, str], dict[str, str]] = {}

    def set_bundle(self, bundle: Bundle, lang: str) -> None:
        self.beginResetModel()
        self._roles = [(r.key, r.label.text(lang)) for r in bundle.roles]
        self._entities = [(e.key, e.label.text(lang)) for e in bundle.entities]
        self._cells = {
            (r, e): role_scopes(bundle, r, e) for r, _l in self._roles for e, _m in self._entities
        }
        self.endResetModel()

    def role_key(self, row: int) -> str:
        return self._roles[row][0]

    def entity_key(self, column: int) -> str:
        return self._entities[column][0]

    def scopes(self, row: int, column: int) -> dict[str, str]:
        return dict(self._cells.get((self._roles[row][0], self._entities[column][0]), {}))

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
        scopes = self.scopes(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(scopes)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and "delete" in scopes:
            return QColor("#b3261e")  # delete rights stand out: they are the dangerous ones
        return None
