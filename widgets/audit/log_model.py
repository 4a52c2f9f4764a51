"""The audit log as a table: newest first. ``read_log`` runs off the UI thread; ``set_rows`` on it."""

from __future__ import annotations

import json
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
Row = tuple[str, str, str, str, str, str]


def read_log(workspace: Workspace) -> list[Row]:
    """Every entry as display text: time, who, action, subject, details, hash (newest first)."""
    with workspace.session() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).all()
        return [
            (
                r.at.strftime("%Y-%m-%d %H:%M:%S"),
                r.actor,
                r.action,
                r.subject,
                json.dumps(r.details, ensure_ascii=False, sort_keys=True),
                r.hash[:12],
            )
            for r in rows
        ]


class AuditLogModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def load(self, workspace: Workspace) -> None:
        """Read synchronously (small logs, tests); the pane uses ``read_log`` in an Op."""
        self.set_rows(read_log(workspace))

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

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
            QCoreApplication.translate("AuditLog", "Details"),
            QCoreApplication.translate("AuditLog", "Hash"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None
