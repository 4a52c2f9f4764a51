"""The audit log as a table: newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy import select

from schema.models import AuditRow
from studio.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex


class AuditLogModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str, str]] = []

    def load(self, workspace: Workspace) -> None:
        with workspace.session() as s:
            rows = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).all()
            data = [
                (r.at.strftime("%Y-%m-%d %H:%M:%S"), r.actor, r.action, r.subject, r.hash[:12])
                for r in rows
            ]
        self.beginResetModel()
        self._rows = data
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("AuditLog", "Time (UTC)"),
            QCoreApplication.translate("AuditLog", "Who"),
            QCoreApplication.translate("AuditLog", "Action"),
            QCoreApplication.translate("AuditLog", "Subject"),
            QCoreApplication.translate("AuditLog", "Hash"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        return None
