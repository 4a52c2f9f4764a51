"""Who a record goes to: a user, a team or a queue of the bundle (or, for a default, no owner)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from studio.automation.directory import team_members
from studio.bundle.model import Bundle
from studio.bundle.rules import EntityRules


class OutcomePicker(QWidget):
    def __init__(self, parent: QWidget | None = None, *, allow_none: bool = False) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox(self)
        self.kind.setObjectName("outcome_kind")
        if allow_none:
            self.kind.addItem(self.tr("No owner"), None)
        self.kind.addItem(self.tr("User"), "user")
        self.kind.addItem(self.tr("Team (round-robin)"), "team")
        self.kind.addItem(self.tr("Queue"), "queue")
        self.target = QComboBox(self)
        self.target.setObjectName("outcome_target")
        self.target.setEditable(True)
        row.addWidget(self.kind)
        row.addWidget(self.target, 1)
        self.users: list[str] = []
        self.teams: list[str] = []
        self.queues: list[str] = []
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def set_bundle(self, bundle: Bundle) -> None:
        """Offer the bundle's users, its teams and the queues its rules already use."""
        self.users = [u.user for u in bundle.users]
        teams: set[str] = set()
        queues: set[str] = set()
        for rules in (bundle.rules or {}).values():
            for outcome in _outcomes(rules):
                (
                    teams
                    if outcome["kind"] == "team"
                    else queues
                    if outcome["kind"] == "queue"
                    else set()
                ).add(outcome["target"])
        access = getattr(bundle, "access", None)
        teams |= {
            t.key
            for t in getattr(access, "teams", None) or ()
            if team_members(bundle, t.key) is not None
        }
        self.teams, self.queues = sorted(teams), sorted(queues | {"unassigned"})
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        text = self.target.currentText()
        self.target.clear()
        self.target.addItems(
            {"user": self.users, "team": self.teams, "queue": self.queues}.get(kind, [])
        )
        self.target.setEnabled(kind is not None)
        self.target.setEditText(text)

    def set_outcome(self, outcome: dict[str, Any] | None) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(outcome["kind"] if outcome else None), 0))
        self.target.setEditText(outcome["target"] if outcome else "")

    def outcome(self) -> dict[str, Any] | None:
        kind = self.kind.currentData()
        if kind is None:
            return None
        return {"kind": kind, "target": self.target.currentText().strip()}


def _outcomes(rules: EntityRules) -> list[dict[str, Any]]:
    out = []
    if rules.assignment is not None:
        out += [r.assign.model_dump() for r in rules.assignment.rules]
        if rules.assignment.default is not None:
            out.append(rules.assignment.default.model_dump())
    return out
