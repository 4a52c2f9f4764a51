"""The routing rules of one entity as a Qt table: on/off, name, conditions, outcome.

The model only shows the draft: every change (a tick, a drag to another place) is asked of the
pane through a signal, which applies it to the draft as an undoable edit; the model is then reset
from the draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from studio.bundle.rules import AssignmentRule
from studio.bundle.rules_diff import group_text, outcome_text
from studio.i18n import language

Index = QModelIndex | QPersistentModelIndex
MIME = "application/x-studio-rule-key"


class RulesModel(QAbstractTableModel):
    """Rows: the routing rules in order; columns: on, name, when, outcome."""

    # (rule key, enabled)
    toggled = Signal(str, bool)
    # (rule key, new position)
    moved = Signal(str, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rules: list[AssignmentRule] = []
        self._texts: list[tuple[str, str, str]] = []

    def set_rules(self, rules: list[AssignmentRule]) -> None:
        self.beginResetModel()
        self.rules = list(rules)
        # Rendered once: a table of 10,000 rules repaints without re-rendering conditions.
        self._texts = [
            (
                r.label.text(language()) if r.label is not None else r.key,
                group_text(r.when.model_dump(mode="json", exclude_none=True)),
                outcome_text(r.assign.model_dump(mode="json")),
            )
            for r in self.rules
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("On"), self.tr("Rule"), self.tr("When"), self.tr("Goes to"))[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule = self.rules[index.row()]
        col = index.column()
        if col == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and col > 0:
            return self._texts[index.row()][col - 1]
        if role == Qt.ItemDataRole.ForegroundRole and not rule.enabled:
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.UserRole:
            return rule.key
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == 0:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.toggled.emit(self.rules[index.row()].key, checked)
            return True
        return False

    # -- drag to reorder ----------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(MIME, QByteArray(self.rules[rows[0]].key.encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        key = bytes(data.data(MIME).data()).decode()
        target = row if row >= 0 else parent.row() if parent.isValid() else len(self.rules)
        current = next((i for i, r in enumerate(self.rules) if r.key == key), None)
        if current is None:
            return False
        if target > current:
            target -= 1  # the rule leaves its place first
        if target != current:
            self.moved.emit(key, target)
        # The move happens in the draft; the view must not remove the dragged row itself.
        return False
