"""The Routing tab of the automation pane: the entity's ordered routing rules (drag to reorder,
switch on or off, duplicate, remove, add), the default outcome, and the selected rule's editor
(key, names, condition builder, outcome; disabled while no rule is selected). Every edit goes to
the draft through the pane (one undo history with the other designers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle, Entity
from studio.bundle.rules import AssignmentRule, EntityRules
from studio.draft import rules_edits as re_
from studio.errors import StudioError
from widgets.automation.condition_builder import ConditionBuilder
from widgets.automation.labels import label_of
from widgets.automation.outcome_picker import OutcomePicker
from widgets.automation.rule_form import RuleForm
from widgets.automation.rules_model import RulesModel

if TYPE_CHECKING:
    from widgets.automation.pane import AutomationPane


class RoutingTab(QSplitter):
    """The routing rules of the pane's entity."""

    def __init__(self, pane: AutomationPane) -> None:
        super().__init__(Qt.Orientation.Horizontal, pane)
        self.pane = pane
        left = QWidget(self)
        lv = QVBoxLayout(left)
        self.rules_model = RulesModel(self)
        self.rules_model.toggled.connect(self.toggle_rule)
        self.rules_model.moved.connect(self.move_rule)
        self.rules_view = QTableView(left)
        self.rules_view.setObjectName("automation_rules")
        self.rules_view.setModel(self.rules_model)
        self.rules_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.rules_view.setDragEnabled(True)
        self.rules_view.setAcceptDrops(True)
        self.rules_view.setDropIndicatorShown(True)
        self.rules_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.rules_view.horizontalHeader().setStretchLastSection(True)
        self.rules_view.selectionModel().currentRowChanged.connect(self._row_changed)
        lv.addWidget(self.rules_view, 1)
        buttons = QHBoxLayout()
        self._on_rule: list[QPushButton] = []
        for name, text, slot in (
            ("rule_new", self.tr("Add rule"), self.new_rule),
            ("rule_duplicate", self.tr("Duplicate"), self.duplicate_rule),
            ("rule_remove", self.tr("Remove"), self.remove_rule),
        ):
            button = QPushButton(text, left)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if name != "rule_new":  # they act on the selected rule
                self._on_rule.append(button)
        lv.addLayout(buttons)
        default_row = QHBoxLayout()
        default_row.addWidget(QLabel(self.tr("When no rule matches:"), left))
        self.default_picker = OutcomePicker(left, allow_none=True)
        self.default_picker.setObjectName("automation_default")
        default_row.addWidget(self.default_picker, 1)
        set_default = QPushButton(self.tr("Set"), left)
        set_default.setObjectName("default_apply")
        set_default.clicked.connect(self.apply_default)
        default_row.addWidget(set_default)
        lv.addLayout(default_row)

        right = QWidget(self)
        form = QFormLayout(right)
        # With no rule selected there is nothing to edit: the form is disabled and says how to
        # get one (an empty form whose Apply added a rule looked like editing the one on the left).
        self.no_rule = QLabel(
            self.tr("Select a rule on the left to edit it, or add one with “Add rule”."), right
        )
        self.no_rule.setObjectName("rule_none_selected")
        self.no_rule.setWordWrap(True)
        form.addRow(self.no_rule)
        self.rule_key = QLineEdit(right)
        self.rule_key.setObjectName("rule_key")
        self.rule_zh = QLineEdit(right)
        self.rule_zh.setObjectName("rule_label_zh")
        self.rule_en = QLineEdit(right)
        self.rule_en.setObjectName("rule_label_en")
        self.builder = ConditionBuilder(right)
        self.builder.setObjectName("rule_conditions")
        self.outcome = OutcomePicker(right)
        self.outcome.setObjectName("rule_outcome")
        self.apply_button = QPushButton(self.tr("Apply to the draft"), right)
        self.apply_button.setObjectName("rule_apply")
        # Not apply_rule itself: the click's ``checked`` would arrive as the rule's key.
        self.apply_button.clicked.connect(lambda: self.apply_rule())
        form.addRow(self.tr("Key"), self.rule_key)
        form.addRow(self.tr("Name (Chinese)"), self.rule_zh)
        form.addRow(self.tr("Name (English)"), self.rule_en)
        form.addRow(self.tr("When"), self.builder)
        form.addRow(self.tr("Goes to"), self.outcome)
        form.addRow("", self.apply_button)
        self.addWidget(left)
        self.addWidget(right)
        self.setSizes([560, 720])
        # The rule the form shows, and what is typed into it: applied on leaving the rule.
        self.form = RuleForm(
            self,
            self._form,
            lambda key: self.apply_rule(key, reselect=False),
            self.select_rule,
            pane.message,
        )

    def show_entity(self, entity: Entity | None, rules: EntityRules | None, bundle: Bundle) -> None:
        selected = self.selected_key()
        listed = list(rules.assignment.rules) if rules is not None and rules.assignment else []
        # What is typed into the form survives a change elsewhere in the draft.
        kept = self.form.keeps(
            entity.key if entity else None,
            selected,
            next((r for r in listed if r.key == selected), None),
        )
        self.rules_model.set_rules(listed)
        for picker in (self.default_picker,) if kept else (self.outcome, self.default_picker):
            picker.set_bundle(bundle)
        self.default_picker.set_outcome(
            rules.assignment.default.model_dump()
            if rules is not None and rules.assignment and rules.assignment.default
            else None
        )
        if kept:
            with self.form.quiet():
                self.select_rule(selected)
            return
        self.builder.set_entity(entity)
        self.select_rule(selected)
        self.show_rule()

    def selected_key(self) -> str | None:
        index = self.rules_view.currentIndex()
        return self.rules_model.rules[index.row()].key if index.isValid() else None

    def select_rule(self, key: str | None) -> None:
        row = next((i for i, r in enumerate(self.rules_model.rules) if r.key == key), -1)
        if row >= 0:
            self.rules_view.selectionModel().setCurrentIndex(
                self.rules_model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def current_rule(self) -> AssignmentRule | None:
        key = self.selected_key()
        return next((r for r in self.rules_model.rules if r.key == key), None)

    def _row_changed(self, *_args: object) -> None:
        """Another rule was selected: what was typed into the form of the one left is applied to
        the draft first; when it cannot be, the selection goes back to it (``RuleForm``)."""
        if not self.form.leaving and self.form.leave(self.selected_key()):
            self.show_rule()

    def _form(self) -> object:
        """What the form holds now, to tell whether anything was typed since it was shown."""
        try:
            when: object = self.builder.group()
        except StudioError as exc:
            when = ("unfinished", str(exc))
        return (
            self.rule_key.text(),
            self.rule_zh.text(),
            self.rule_en.text(),
            when,
            self.outcome.outcome(),
        )

    def form_edited(self) -> bool:
        """Whether the form differs from the rule it was shown for."""
        return self.form.edited()

    def show_rule(self) -> None:
        rule = self.current_rule()
        self.rule_key.setText(rule.key if rule else "")
        self.rule_zh.setText(rule.label.zh_CN if rule and rule.label else "")
        self.rule_en.setText(rule.label.en if rule and rule.label else "")
        self.builder.set_group(
            rule.when.model_dump(mode="json", exclude_none=True) if rule else None
        )
        self.outcome.set_outcome(rule.assign.model_dump() if rule else None)
        self.no_rule.setVisible(rule is None)
        for editor in (*self.editors(), *self._on_rule):
            editor.setEnabled(rule is not None)
        entity = self.pane.entity()
        self.form.shown_now(rule.key if rule else None, rule, entity.key if entity else None)

    def editors(self) -> tuple[QWidget, ...]:
        """The selected rule's editors (disabled while no rule is selected)."""
        return (
            self.rule_key,
            self.rule_zh,
            self.rule_en,
            self.builder,
            self.outcome,
            self.apply_button,
        )

    # -- edits ---------------------------------------------------------------------------------
    def apply_rule(self, key: str | None = None, *, reselect: bool = True) -> bool:
        """The form into the rule ``key`` (default: the selected one; a rule is added only by
        ``new_rule``); whether it was applied."""
        entity = self.pane.entity_key()
        key = key if key is not None else self.selected_key()
        current = next((r for r in self.rules_model.rules if r.key == key), None)
        if entity is None or current is None:
            return False
        try:
            rule: dict[str, Any] = {
                "key": self.rule_key.text().strip(),
                "enabled": current.enabled,
                "when": self.builder.group(),
                "assign": self.outcome.outcome(),
            }
        except StudioError as exc:
            self.pane.message.setText(str(exc))
            return False
        label = label_of(self.rule_zh.text(), self.rule_en.text(), rule["key"])
        if label is not None:
            rule["label"] = label
        old = current.key

        def edit(b: Bundle) -> Bundle:
            return re_.replace_rule(b, entity, old, rule)

        with self.form.applying():
            if not self.pane.edit(self.tr("edit routing rule"), edit):
                return False
        if reselect:
            self.select_rule(rule["key"])
        return True

    def new_rule(self) -> None:
        entity = self.pane.entity_key()
        if entity is None:
            return
        taken = {r.key for r in self.rules_model.rules}
        n = len(taken) + 1
        while f"rule_{n}" in taken:
            n += 1
        key = f"rule_{n}"
        rule = {
            "key": key,
            "enabled": False,  # a new rule changes no outcome until it is edited and switched on
            "when": {"all": []},
            "assign": {"kind": "queue", "target": "unassigned"},
        }
        if self.pane.edit(self.tr("add routing rule"), lambda b: re_.put_rule(b, entity, rule)):
            self.select_rule(key)

    def duplicate_rule(self) -> None:
        entity, key = self.pane.entity_key(), self.selected_key()
        if entity is None or key is None:
            return
        made: list[str] = []

        def edit(b: Bundle) -> Bundle:
            after, new_key = re_.duplicate_rule(b, entity, key)
            made.append(new_key)
            return after

        if self.pane.edit(self.tr("duplicate routing rule"), edit) and made:
            self.select_rule(made[0])

    def remove_rule(self) -> None:
        entity, key = self.pane.entity_key(), self.selected_key()
        if entity is not None and key is not None:
            self.pane.edit(
                self.tr("remove routing rule"), lambda b: re_.remove_rule(b, entity, key)
            )

    def toggle_rule(self, key: str, enabled: bool) -> None:
        entity = self.pane.entity_key()
        if entity is not None:
            self.pane.edit(
                self.tr("switch routing rule on or off"),
                lambda b: re_.set_enabled(b, entity, key, enabled),
            )

    def move_rule(self, key: str, to: int) -> None:
        entity = self.pane.entity_key()
        if entity is not None and self.pane.edit(
            self.tr("reorder routing rules"), lambda b: re_.move_rule(b, entity, key, to)
        ):
            self.select_rule(key)

    def apply_default(self) -> None:
        entity = self.pane.entity_key()
        if entity is not None:
            outcome = self.default_picker.outcome()
            self.pane.edit(
                self.tr("set default outcome"), lambda b: re_.set_default(b, entity, outcome)
            )
