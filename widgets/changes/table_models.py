"""Table models of the Changes pane: findings, change requests, releases (history)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QWidget

from studio.changes import ChangeView
from studio.changes.change_list import DamagedChange
from studio.changes.history import ReleaseView
from studio.i18n import name_list
from widgets.table_base import ListTableModel
from widgets.times import local_time, utc_time

SEVERITY_COLOR = {"error": "#b3261e", "warning": "#8a5a00", "info": "#0b3d6e"}
STATE_COLOR = {
    "approved": "#1b7f3b",
    "pushed": "#1b7f3b",
    "rejected": "#b3261e",
    "outdated": "#8a5a00",
    "superseded": "#777777",
    "altered": "#b3261e",
}


def severity_text(severity: str) -> str:
    return {
        "error": QCoreApplication.translate("Findings", "Error"),
        "warning": QCoreApplication.translate("Findings", "Warning"),
        "info": QCoreApplication.translate("Findings", "Info"),
    }.get(severity, severity)


def state_text(state: str) -> str:
    return {
        "open": QCoreApplication.translate("ChangeList", "waiting for approvals"),
        "approved": QCoreApplication.translate("ChangeList", "approved, ready to push"),
        "rejected": QCoreApplication.translate("ChangeList", "rejected"),
        "superseded": QCoreApplication.translate("ChangeList", "superseded"),
        "outdated": QCoreApplication.translate("ChangeList", "outdated"),
        "pushed": QCoreApplication.translate("ChangeList", "live"),
        "altered": QCoreApplication.translate("ChangeList", "altered (not what was approved)"),
    }.get(state, state)


def decision_text(decision: str) -> str:
    return (
        QCoreApplication.translate("ChangeList", "approved")
        if decision == "approve"
        else QCoreApplication.translate("ChangeList", "rejected")
    )


class FindingsModel(ListTableModel):
    """Rows: finding dicts (``Finding.to_json()``)."""

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Findings", "Severity"),
            QCoreApplication.translate("Findings", "Where"),
            QCoreApplication.translate("Findings", "Finding"),
            QCoreApplication.translate("Findings", "Suggested fix"),
        )

    def cell(self, item: Any, column: int) -> str:
        if column == 0:
            return severity_text(item["severity"])
        if column == 1:
            where = ".".join(p for p in (item.get("entity"), item.get("field")) if p)
            return " / ".join(p for p in (where, item.get("role")) if p)
        if column == 2:
            return str(item["message"])
        return str(item.get("fix") or "")

    def color(self, item: Any, column: int) -> str | None:
        return SEVERITY_COLOR.get(item["severity"]) if column == 0 else None


class ChangeListModel(ListTableModel):
    """Rows: ``ChangeView``s, newest first, and ``DamagedChange``s (a change whose stored text
    cannot be read) in their place, said to be damaged."""

    #: The open change the draft was edited away from since it was submitted; set before
    #: ``set_rows`` (``studio.changes.edited_since``).
    edited_id: str | None = None
    #: Role key -> label in the UI's language (``studio.bundle.label_text.role_names``).
    role_names: dict[str, str] = {}  # noqa: RUF012 - replaced whole, never mutated

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ChangeList", "Title"),
            QCoreApplication.translate("ChangeList", "Author"),
            QCoreApplication.translate("ChangeList", "State"),
            QCoreApplication.translate("ChangeList", "Version"),
            QCoreApplication.translate("ChangeList", "Decisions"),
            QCoreApplication.translate("ChangeList", "Submitted"),
        )

    def cell(self, item: ChangeView | DamagedChange, column: int) -> str:
        if isinstance(item, DamagedChange):
            return self._damaged_cell(item, column)
        if column == 0:
            if item.rollback_of is not None:
                return (
                    QCoreApplication.translate("ChangeList", "%1 (rollback to v%2)")
                    .replace("%1", item.title)
                    .replace("%2", str(item.rollback_of))
                )
            return item.title
        if column == 1:
            return item.author
        if column == 2:
            if item.id == self.edited_id:
                return QCoreApplication.translate(
                    "ChangeList", "%1 (the draft was edited since)"
                ).replace("%1", state_text(item.state))
            return state_text(item.state)
        if column == 3:
            return f"v{item.target_version}"
        if column == 4:
            void = QCoreApplication.translate("ChangeList", "%1 (does not count)")
            # "zhou (业务负责人): approved" / "zhou（业务负责人）：已批准", listed as the language lists
            one = QCoreApplication.translate("ChangeList", "%1 (%2): %3")
            return str(
                name_list(
                    one.replace("%1", a.user)
                    .replace("%2", self.role_names.get(a.role, a.role))
                    .replace(
                        "%3",
                        decision_text(a.decision)
                        if a.valid
                        else void.replace("%1", decision_text(a.decision)),
                    )
                    for a in item.approvals
                )
            )
        return local_time(item.created_at, seconds=False)

    @staticmethod
    def _damaged_cell(item: DamagedChange, column: int) -> str:
        """What can still be read of a damaged change: its title, author and version."""
        if column == 0:
            return item.title
        if column == 1:
            return item.author
        if column == 2:
            return QCoreApplication.translate("ChangeList", "damaged")
        if column == 3:
            return f"v{item.target_version}" if item.target_version is not None else "v?"
        return ""

    def tooltip(self, item: ChangeView | DamagedChange, column: int) -> str:
        if isinstance(item, DamagedChange):
            return str(item.reason)
        return utc_time(item.created_at) if column == 5 else self.cell(item, column)

    def color(self, item: ChangeView | DamagedChange, column: int) -> str | None:
        if isinstance(item, DamagedChange):
            return STATE_COLOR["altered"] if column == 2 else None
        return STATE_COLOR.get(item.state) if column == 2 else None


class HistoryModel(ListTableModel):
    """Rows: ``ReleaseView``s, newest first (the first is the live version)."""

    live_version: int | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.live_version = max((r.version for r in rows), default=None)
        super().set_rows(rows)

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("History", "Version"),
            QCoreApplication.translate("History", "Change"),
            QCoreApplication.translate("History", "Author"),
            QCoreApplication.translate("History", "Approved by"),
            QCoreApplication.translate("History", "Live since"),
        )

    def cell(self, item: ReleaseView, column: int) -> str:
        if column == 0:
            is_live = item.version == self.live_version
            live = QCoreApplication.translate("History", " (live)") if is_live else ""
            return f"v{item.version}{live}"
        if column == 1:
            if item.rollback_of is not None:
                return (
                    QCoreApplication.translate("History", "%1 (rollback to v%2)")
                    .replace("%1", item.title)
                    .replace("%2", str(item.rollback_of))
                )
            return item.title
        if column == 2:
            return item.author
        if column == 3:
            return str(name_list(item.approvers))
        return local_time(item.applied_at, seconds=False)

    def tooltip(self, item: Any, column: int) -> str:
        return utc_time(item.applied_at) if column == 4 else self.cell(item, column)

    def color(self, item: ReleaseView, column: int) -> str | None:
        return "#1b7f3b" if item.version == self.live_version and column == 0 else None


def make_table_view(parent: QWidget, name: str, model: Any) -> QTableView:
    """A read-only, single-row-selection table over ``model``."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def table_over_details(parent: QWidget, table: QTableView, details: QWidget) -> QSplitter:
    """The list above, the selected row's details below (with twice the room)."""
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.addWidget(table)
    splitter.addWidget(details)
    splitter.setStretchFactor(1, 2)
    return splitter


def reselect(view: QTableView, ids: list[Any], wanted: Any) -> None:
    """Select the row whose id is ``wanted`` after a reload, else the first row."""
    row = ids.index(wanted) if wanted in ids else (0 if ids else -1)
    if row >= 0:
        view.selectionModel().select(
            view.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
