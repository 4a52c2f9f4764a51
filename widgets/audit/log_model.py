"""The audit log as a table: newest first. ``read_log`` runs off the UI thread; ``set_rows`` on it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy import select

from schema.models import AuditRow, ChangeRequestRow
from studio.audit.details import details_words
from studio.i18n.audit import action_name
from studio.workspace.connection import Workspace
from widgets.table_base import ListTableModel
from widgets.times import local_time, utc_time

#: time, who, action, subject, details, hash; and the time in UTC (the time's tooltip)
Row = tuple[str, str, str, str, str, str, str]


def details_text(details: dict[str, Any]) -> str:
    """An entry's details in words, in the UI's language (``studio.audit.details``)."""
    return str(details_words(details))


def read_log(workspace: Workspace) -> list[Row]:
    """Every entry as display text: time (local), who, action (in the UI's language), subject
    (a change's title where the subject is a change), details, hash (newest first)."""
    with workspace.session() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).all()
        titles: dict[str, str] = {
            cid: title
            for cid, title in s.execute(select(ChangeRequestRow.id, ChangeRequestRow.title))
        }
        return [
            (
                local_time(r.at),
                r.actor,
                action_name(r.action),
                f"{titles[r.subject]} ({r.subject[:8]})" if r.subject in titles else r.subject,
                details_text(r.details or {}),
                r.hash[:12],
                utc_time(r.at),
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
            QCoreApplication.translate("AuditLog", "Time"),
            QCoreApplication.translate("AuditLog", "Who"),
            QCoreApplication.translate("AuditLog", "Action"),
            QCoreApplication.translate("AuditLog", "Subject"),
            QCoreApplication.translate("AuditLog", "Details"),
            QCoreApplication.translate("AuditLog", "Hash"),
        )

    def cell(self, item: Row, column: int) -> str:
        return item[column]

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return self._rows[index.row()][6]  # the time in UTC
        return super().data(index, role)
