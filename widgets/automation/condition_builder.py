"""The condition builder: "all of" / "any of" and one row per condition (field, operator, value).

It offers only the entity's fields and the operators valid for each field's type
(``studio.automation.fields.ops_for``); a select field gets a picker of its options; a regex is
checked as it is typed, with the reason beside it (bounded-time rules, ``regex_safety``); an
address field's part (province, city, district) gets the divisions picker (``address_picker``).

Groups nest: each group says "all of" or "any of" and holds conditions and groups, each of which
can be added and removed. A group nested deeper than ``MAX_DEPTH`` (a bundle may carry conditions
100 deep) is shown as text and kept as it is unless the person removes it.

An entity of 500 fields stays responsive: the field list is built once per entity as a model
that every row's combo box shares, so adding a row costs no 500-item copy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.automation.fields import FULL_WIDTH_COMMA, ops_for, parse_value, value_text
from studio.automation.regex_safety import regex_problem
from studio.bundle.model import SELECT_TYPES, Entity, FieldDef, FieldType
from studio.bundle.rules import UNARY_OPS
from studio.errors import EditError
from studio.i18n import language
from widgets.automation.address_picker import PARTS, address_menu

# Groups deeper than this are kept as text (each level is a frame of widgets).
MAX_DEPTH = 6


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
        if fd is not None and fd.type == FieldType.address and fd.address_part in PARTS:
            menu = address_menu(self.options, fd.address_part, self._pick)
        else:
            menu = QMenu(self.options)
            for o in fd.options if fd is not None and fd.type in SELECT_TYPES else ():
                action = QAction(f"{o.label.text(language())} ({o.key})", menu)
                action.setData(o.key)
                action.triggered.connect(lambda _=False, key=o.key: self._pick(key))
                menu.addAction(action)
        old = self.options.menu()
        self.options.setMenu(menu)
        if old is not None:
            old.deleteLater()
        self.options.setVisible(bool(menu.actions()) or menu.objectName() == "address_picker")
        self._op_changed()

    def _pick(self, key: str) -> None:
        if self.op.currentData() in ("in", "not_in"):
            text = self.value.text().replace(FULL_WIDTH_COMMA, ",")
            have = [v.strip() for v in text.split(",") if v.strip()]
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


class ConditionGroup(QFrame):
    """One group: "all of" / "any of", its conditions and its nested groups, in order.
    ``remove`` asks the parent group to drop it (the builder's top group has no remove button)."""

    remove = Signal(object)
    edited = Signal()

    def __init__(self, builder: ConditionBuilder, depth: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.builder = builder
        self.depth = depth
        # Conditions and groups in order; a kept (too deep) group is a ``KeptGroup``.
        self.members: list[ConditionRow | ConditionGroup | KeptGroup] = []
        if depth:
            self.setFrameShape(QFrame.Shape.StyledPanel)
            self.setObjectName("condition_group")
        layout = QVBoxLayout(self)
        if not depth:
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
        self.add_group_button = QPushButton(self.tr("+ Group"), self)
        self.add_group_button.setObjectName("condition_add_group")
        self.add_group_button.setToolTip(
            self.tr("A group of its own inside this one, e.g. any of several conditions")
        )
        self.add_group_button.clicked.connect(lambda: self.add_group())
        self.add_group_button.setEnabled(depth + 1 < MAX_DEPTH)
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.add)
        top.addWidget(self.add_group_button)
        if depth:
            drop = QPushButton("−", self)
            drop.setObjectName("condition_group_remove")
            drop.setToolTip(self.tr("Remove this group"))
            drop.setFixedWidth(28)
            drop.clicked.connect(lambda: self.remove.emit(self))
            top.addWidget(drop)
        layout.addLayout(top)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)

    @property
    def rows(self) -> list[ConditionRow]:
        """This group's own conditions (not those of nested groups)."""
        return [m for m in self.members if isinstance(m, ConditionRow)]

    @property
    def groups(self) -> list[ConditionGroup]:
        return [m for m in self.members if isinstance(m, ConditionGroup)]

    def _append(self, member: ConditionRow | ConditionGroup | KeptGroup) -> None:
        member.remove.connect(self._remove)
        member.edited.connect(self.edited)
        self.members.append(member)
        self.rows_box.addWidget(member)
        member.show()  # added to a builder that may already be on screen
        self.edited.emit()

    def add_row(self, cond: dict[str, Any] | None = None) -> ConditionRow:
        row = ConditionRow(self.builder)
        row.setParent(self)
        if cond is not None:
            row.set_condition(cond)
        self._append(row)
        return row

    def add_group(self, group: dict[str, Any] | None = None) -> ConditionGroup | KeptGroup:
        """A nested group (``group``: its content; default: an empty "any of", the usual reason
        to nest inside an "all of")."""
        if self.depth + 1 >= MAX_DEPTH:
            kept = KeptGroup(group or {"any": []}, self)
            self._append(kept)
            return kept
        child = ConditionGroup(self.builder, self.depth + 1, self)
        child.set_group(group or {"any" if self.kind_key() == "all" else "all": []})
        self._append(child)
        return child

    def _remove(self, member: QWidget) -> None:
        self.members.remove(member)  # type: ignore[arg-type]
        member.setParent(None)
        member.deleteLater()
        self.edited.emit()

    def clear(self) -> None:
        for member in list(self.members):
            self._remove(member)

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def set_group(self, group: dict[str, Any] | None) -> None:
        self.clear()
        if not group:
            return
        kind = "all" if "all" in group else "any"
        self.kind.setCurrentIndex(0 if kind == "all" else 1)
        for member in group.get(kind) or []:
            if isinstance(member, dict) and ("all" in member or "any" in member):
                self.add_group(member)
            else:
                self.add_row(member)

    def group(self) -> dict[str, Any]:
        """The group as the bundle holds it; raises ``EditError`` for the first bad row."""
        return {self.kind_key(): [m.condition() for m in self.members]}

    def condition(self) -> dict[str, Any]:
        return self.group()


class KeptGroup(QWidget):
    """A group nested too deep to edit here: shown as text, kept as it is, removable."""

    remove = Signal(object)
    edited = Signal()

    def __init__(self, group: dict[str, Any], parent: QWidget) -> None:
        super().__init__(parent)
        from studio.bundle.rules_diff import group_text

        self.kept = group
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(
            self.tr("Nested deeper than this editor goes (kept as it is): %1").replace(
                "%1", group_text(group)
            ),
            self,
        )
        self.text.setObjectName("condition_kept")
        self.text.setWordWrap(True)
        drop = QPushButton("−", self)
        drop.setObjectName("condition_kept_remove")
        drop.setFixedWidth(28)
        drop.clicked.connect(lambda: self.remove.emit(self))
        row.addWidget(self.text, 1)
        row.addWidget(drop)

    def condition(self) -> dict[str, Any]:
        return self.kept


class ConditionBuilder(QWidget):
    """A condition group of one entity's fields, with groups nested in it."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[FieldDef] = []
        self.field_model = QStringListModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.top = ConditionGroup(self, 0, self)
        self.top.edited.connect(self.edited)
        layout.addWidget(self.top)

    @property
    def rows(self) -> list[ConditionRow]:
        """The top group's own conditions."""
        return self.top.rows

    @property
    def kind(self) -> QComboBox:
        return self.top.kind

    def set_entity(self, entity: Entity | None) -> None:
        self.fields = list(entity.fields) if entity is not None else []
        self.field_model.setStringList(
            [f"{f.label.text(language())} ({f.key})" for f in self.fields]
        )
        self.set_group(None)

    def add_row(self, cond: dict[str, Any] | None = None) -> ConditionRow:
        return self.top.add_row(cond)

    def set_group(self, group: dict[str, Any] | None) -> None:
        self.top.set_group(group)

    def group(self) -> dict[str, Any]:
        """The group as the bundle holds it; raises ``EditError`` for the first bad row."""
        return self.top.group()
