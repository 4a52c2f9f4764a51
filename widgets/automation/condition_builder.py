"""The condition builder: "all of" / "any of" and one row per condition (field, operator, value).

It offers only the entity's fields and the operators valid for each field's type
(``studio.automation.fields.ops_for``); a select field gets a picker of its options; a regex is
checked as it is typed, with the reason beside it (bounded-time rules, ``regex_safety``). The
builder edits flat groups (every condition of one kind); a nested group from a bundle is shown
as text and kept as it is unless the person replaces it.

An entity of 500 fields stays responsive: the field list is built once per entity as a model
that every row's combo box shares, so adding a row costs no 500-item copy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.automation.fields import ops_for, parse_value, value_text
from studio.automation.regex_safety import regex_problem
from studio.bundle.model import SELECT_TYPES, Entity, FieldDef
from studio.bundle.rules import UNARY_OPS
from studio.errors import EditError
from studio.i18n import language


def op_label(op: str) -> str:
    """An operator as the builder shows it."""
    names = {
        "eq": QCoreApplication.translate("ConditionBuilder", "equals"),
        "ne": QCoreApplication.translate("ConditionBuilder", "does not equal"),
        "in": QCoreApplication.translate("ConditionBuilder", "is one of"),
        "not_in": QCoreApplication.translate("ConditionBuilder", "is none of"),
        "prefix": QCoreApplication.translate("ConditionBuilder", "starts with"),
        "contains": QCoreApplication.translate("ConditionBuilder", "contains"),
        "empty": QCoreApplication.translate("ConditionBuilder", "is empty"),
        "not_empty": QCoreApplication.translate("ConditionBuilder", "is not empty"),
        "gt": QCoreApplication.translate("ConditionBuilder", "is greater than"),
        "gte": QCoreApplication.translate("ConditionBuilder", "is at least"),
        "lt": QCoreApplication.translate("ConditionBuilder", "is less than"),
        "lte": QCoreApplication.translate("ConditionBuilder", "is at most"),
        "between": QCoreApplication.translate("ConditionBuilder", "is between"),
        "regex": QCoreApplication.translate("ConditionBuilder", "matches the pattern"),
    }
    return names.get(op, op)


class ConditionRow(QWidget):
    """One condition: field, operator, value; ``remove`` asks the builder to drop the row."""

    remove = Signal(object)
    edited = Signal()

    def __init__(self, builder: ConditionBuilder) -> None:
        super().__init__(builder)
        self.builder = builder
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = QComboBox(self)
        self.field.setObjectName("condition_field")
        self.field.setModel(builder.field_model)
        self.field.setMinimumContentsLength(10)
        self.field.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.op = QComboBox(self)
        self.op.setObjectName("condition_op")
        self.value = QLineEdit(self)
        self.value.setObjectName("condition_value")
        self.value.setMinimumWidth(160)
        self.options = QToolButton(self)
        self.options.setText("▾")
        self.options.setObjectName("condition_options")
        self.options.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.check = QLabel(self)
        self.check.setObjectName("condition_check")
        self.check.setStyleSheet("color: #b00020;")
        drop = QPushButton("−", self)
        drop.setObjectName("condition_remove")
        drop.setFixedWidth(28)
        drop.clicked.connect(lambda: self.remove.emit(self))
        for w in (self.field, self.op):
            row.addWidget(w)
        row.addWidget(self.value, 1)
        row.addWidget(self.options)
        row.addWidget(self.check)
        row.addWidget(drop)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.op.currentIndexChanged.connect(self._op_changed)
        self.value.textChanged.connect(self._value_changed)
        self._field_changed()

    def fd(self) -> FieldDef | None:
        i = self.field.currentIndex()
        return self.builder.fields[i] if 0 <= i < len(self.builder.fields) else None

    def _field_changed(self) -> None:
        fd = self.fd()
        current = self.op.currentData()
        self.op.blockSignals(True)
        self.op.clear()
        for op in ops_for(fd) if fd is not None else ():
            self.op.addItem(op_label(op), op)
        at = self.op.findData(current)
        self.op.setCurrentIndex(max(at, 0))
        self.op.blockSignals(False)
        menu = QMenu(self.options)
        for o in fd.options if fd is not None and fd.type in SELECT_TYPES else ():
            action = QAction(f"{o.label.text(language())} ({o.key})", menu)
            action.setData(o.key)
            action.triggered.connect(lambda _=False, key=o.key: self._pick(key))
            menu.addAction(action)
        self.options.setMenu(menu)
        self.options.setVisible(bool(menu.actions()))
        self._op_changed()

    def _pick(self, key: str) -> None:
        if self.op.currentData() in ("in", "not_in"):
            have = [v.strip() for v in self.value.text().split(",") if v.strip()]
            if key not in have:
                have.append(key)
            self.value.setText(", ".join(have))
        else:
            self.value.setText(key)

    def _op_changed(self) -> None:
        op = self.op.currentData()
        self.value.setEnabled(op not in UNARY_OPS)
        placeholder = {
            "in": self.tr("a, b, c"),
            "not_in": self.tr("a, b, c"),
            "between": self.tr("low, high"),
            "regex": self.tr("a regular expression"),
        }.get(op, "")
        self.value.setPlaceholderText(placeholder)
        self._value_changed()

    def _value_changed(self) -> None:
        # The live regex check: the reason beside the input, as Picard's checker does.
        problem = None
        if self.op.currentData() == "regex" and self.value.text():
            problem = regex_problem(self.value.text())
        self.check.setText(str(problem) if problem is not None else "")
        self.check.setVisible(problem is not None)
        self.edited.emit()

    def set_condition(self, cond: dict[str, Any]) -> None:
        at = next((i for i, f in enumerate(self.builder.fields) if f.key == cond.get("field")), -1)
        self.field.setCurrentIndex(at)
        self.op.setCurrentIndex(max(self.op.findData(cond.get("op")), 0))
        self.value.setText(value_text(cond.get("value")))

    def condition(self) -> dict[str, Any]:
        """The condition as the bundle holds it; raises ``EditError`` for a value that does not fit."""
        fd = self.fd()
        if fd is None:
            raise EditError("field", "Choose a field.")
        op = str(self.op.currentData())
        cond: dict[str, Any] = {"field": fd.key, "op": op}
        value = parse_value(fd, op, self.value.text())
        if value is not None:
            cond["value"] = value
        return cond


class ConditionBuilder(QWidget):
    """A flat condition group of one entity's fields."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[FieldDef] = []
        self.field_model = QStringListModel(self)
        self._nested: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("condition_kind")
        self.kind.addItem(self.tr("All of these hold"), "all")
        self.kind.addItem(self.tr("Any of these holds"), "any")
        self.kind.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.add = QPushButton(self.tr("+ Condition"), self)
        self.add.setObjectName("condition_add")
        self.add.clicked.connect(lambda: self.add_row())
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.add)
        layout.addLayout(top)
        self.nested_note = QLabel(self)
        self.nested_note.setWordWrap(True)
        self.nested_note.setVisible(False)
        layout.addWidget(self.nested_note)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.rows: list[ConditionRow] = []

    def set_entity(self, entity: Entity | None) -> None:
        self.fields = list(entity.fields) if entity is not None else []
        self.field_model.setStringList(
            [f"{f.label.text(language())} ({f.key})" for f in self.fields]
        )
        self.set_group(None)

    def add_row(self, cond: dict[str, Any] | None = None) -> ConditionRow:
        row = ConditionRow(self)
        row.remove.connect(self._remove)
        row.edited.connect(self.edited)
        if cond is not None:
            row.set_condition(cond)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.show()  # added to a builder that may already be on screen
        self.edited.emit()
        return row

    def _remove(self, row: ConditionRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.edited.emit()

    def set_group(self, group: dict[str, Any] | None) -> None:
        for row in list(self.rows):
            self._remove(row)
        self._nested = None
        self.nested_note.setVisible(False)
        if not group:
            return
        kind = "all" if "all" in group else "any"
        self.kind.setCurrentIndex(0 if kind == "all" else 1)
        members = group.get(kind) or []
        if any("all" in m or "any" in m for m in members):
            from studio.bundle.rules_diff import group_text

            self._nested = group
            self.nested_note.setText(
                self.tr("Nested conditions (kept as they are): %1").replace("%1", group_text(group))
            )
            self.nested_note.setVisible(True)
            return
        for cond in members:
            self.add_row(cond)

    def group(self) -> dict[str, Any]:
        """The group as the bundle holds it; raises ``EditError`` for the first bad row."""
        if self._nested is not None and not self.rows:
            return self._nested
        return {str(self.kind.currentData()): [row.condition() for row in self.rows]}
