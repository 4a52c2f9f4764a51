"""The audit log as a table: newest first. ``read_log`` runs off the UI thread; ``set_rows`` on it."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from schema.models import AuditRow
from studio.workspace.connection import Workspace
from widgets.table_base import ListTableModel

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


class AuditLogModel(ListTableModel):
    """Rows: ``read_log``'s display tuples."""

    def load(self, workspace: Workspace) -> None:
        """Read synchronously (small logs, tests); the pane uses ``read_log`` in an Op."""
        self.set_rows(read_log(workspace))

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("AuditLog", "Time (UTC)"),
            QCoreApplication.translate("AuditLog", "Who"),
            QCoreApplication.translate("AuditLog", "Action"),
            QCoreApplication.translate("AuditLog", "Subject"),
            QCoreApplication.translate("AuditLog", "Details"),
            QCoreApplication.translate("AuditLog", "Hash"),
        )

    def cell(self, item: Row, column: int) -> str:
        return item[column]
