"""Automation rules (issue 18): lead routing, validation rules and stage flows per entity, and the
replay of the draft's rules over recent real records before anyone approves them.

Every edit goes to the draft through the designer document (one undo history with the other
designers; ``studio.draft.rules_edits`` are the edits). The replay runs
``studio.client.replay.replay_draft`` off the UI thread with progress and cancel (``widgets.ops``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle, Entity
from studio.bundle.rules import AssignmentRule, ValidationRule
from studio.draft import rules_edits as re_
from studio.errors import StudioError
from studio.i18n import language
from widgets.automation.condition_builder import ConditionBuilder
from widgets.automation.outcome_picker import OutcomePicker
from widgets.automation.replay_view import ReplayView
from widgets.automation.rules_model import RulesModel
from widgets.automation.stage_flow_editor import StageFlowEditor
from widgets.context import StudioContext
from widgets.ops import Op, OpProgressDialog
from widgets.pane import Pane, register_pane


def _label(zh: str, en: str, fallback: str) -> dict[str, str] | None:
    zh, en = zh.strip(), en.strip()
    if not zh and not en:
        return None
    return {"zh_CN": zh or en or fallback, "en": en or zh or fallback}


@register_pane
class AutomationPane(Pane):
    pane_id = "automation"
    listens_to = frozenset({"workspace", "draft"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.op: Op | None = None
        self.dialog: OpProgressDialog | None = None
        self.sample: Path | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Entity"), self))
        self.entity_box = QComboBox(self)
        self.entity_box.setObjectName("automation_entity")
        self.entity_box.currentIndexChanged.connect(lambda _i: self.show_entity())
        top.addWidget(self.entity_box, 1)
        layout.addLayout(top)
        self.message = QLabel(self)
        self.message.setObjectName("automation_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("automation_tabs")
        self.tabs.addTab(self._routing_tab(), self.tr("Routing"))
        self.tabs.addTab(self._validation_tab(), self.tr("Validation rules"))
        self.stage_editor = StageFlowEditor(self)
        self.stage_editor.apply_requested.connect(self.apply_stage_flow)
        self.tabs.addTab(self.stage_editor, self.tr("Stage flow"))
        self.tabs.addTab(self._replay_tab(), self.tr("Replay on real records"))
        layout.addWidget(self.tabs, 1)
        ctx.document.changed.connect(self.reload)
        self.reload()

    # -- layout -------------------------------------------------------------------------------
    def _routing_tab(self) -> QWidget:
        tab = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(tab)
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
        self.rules_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_rule())
        lv.addWidget(self.rules_view, 1)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("rule_new", self.tr("New rule"), self.new_rule),
            ("rule_duplicate", self.tr("Duplicate"), self.duplicate_rule),
            ("rule_remove", self.tr("Remove"), self.remove_rule),
        ):
            button = QPushButton(text, left)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
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

        right = QWidget(tab)
        form = QFormLayout(right)
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
        self.apply_button.clicked.connect(self.apply_rule)
        form.addRow(self.tr("Key"), self.rule_key)
        form.addRow(self.tr("Name (Chinese)"), self.rule_zh)
        form.addRow(self.tr("Name (English)"), self.rule_en)
        form.addRow(self.tr("When"), self.builder)
        form.addRow(self.tr("Goes to"), self.outcome)
        form.addRow("", self.apply_button)
        tab.addWidget(left)
        tab.addWidget(right)
        tab.setSizes([560, 720])
        return tab

    def _validation_tab(self) -> QWidget:
        tab = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(tab)
        lv = QVBoxLayout(left)
        self.validation_list = QListWidget(left)
        self.validation_list.setObjectName("validation_list")
        self.validation_list.currentRowChanged.connect(lambda _r: self.show_validation())
        lv.addWidget(self.validation_list, 1)
        row = QHBoxLayout()
        for name, text, slot in (
            ("validation_new", self.tr("New validation"), self.new_validation),
            ("validation_remove", self.tr("Remove"), self.remove_validation),
        ):
            button = QPushButton(text, left)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        lv.addLayout(row)
        right = QWidget(tab)
        form = QFormLayout(right)
        self.v_key = QLineEdit(right)
        self.v_key.setObjectName("validation_key")
        self.v_when = ConditionBuilder(right)
        self.v_require = ConditionBuilder(right)
        self.v_zh = QLineEdit(right)
        self.v_zh.setObjectName("validation_message_zh")
        self.v_en = QLineEdit(right)
        self.v_en.setObjectName("validation_message_en")
        apply_button = QPushButton(self.tr("Apply to the draft"), right)
        apply_button.setObjectName("validation_apply")
        apply_button.clicked.connect(self.apply_validation)
        form.addRow(self.tr("Key"), self.v_key)
        form.addRow(self.tr("Applies when"), self.v_when)
        form.addRow(self.tr("Requires"), self.v_require)
        form.addRow(self.tr("Message (Chinese)"), self.v_zh)
        form.addRow(self.tr("Message (English)"), self.v_en)
        form.addRow("", apply_button)
        tab.addWidget(left)
        tab.addWidget(right)
        return tab

    def _replay_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.window_box = QComboBox(tab)
        self.window_box.setObjectName("replay_window")
        for days in (7, 30, 90):
            self.window_box.addItem(self.tr("Last %n day(s)", "", days), days)
        self.window_box.setCurrentIndex(1)
        self.replay_button = QPushButton(self.tr("Replay the draft's rules"), tab)
        self.replay_button.setObjectName("replay_run")
        self.replay_button.clicked.connect(self.run_replay)
        pick = QPushButton(self.tr("Use a workbook…"), tab)
        pick.setObjectName("replay_workbook")
        pick.clicked.connect(self.pick_workbook)
        self.source = QLabel(self.tr("Records: the server's, of the chosen window"), tab)
        row.addWidget(self.window_box)
        row.addWidget(pick)
        row.addWidget(self.source, 1)
        row.addWidget(self.replay_button)
        layout.addLayout(row)
        self.replay_view = ReplayView(tab)
        layout.addWidget(self.replay_view, 1)
        return tab

    # -- showing the draft ----------------------------------------------------------------------
    @property
    def bundle(self) -> Bundle:
        return self.ctx.bundle()  # loads the draft (off the UI thread) on first use

    def entity(self) -> Entity | None:
        key = self.entity_box.currentData()
        return self.bundle.entity(key) if key else None

    def reload(self) -> None:
        current = self.entity_box.currentData() or "lead"
        self.entity_box.blockSignals(True)
        self.entity_box.clear()
        for e in self.bundle.entities:
            marker = " •" if e.key in (self.bundle.rules or {}) else ""
            self.entity_box.addItem(f"{e.label.text(language())} ({e.key}){marker}", e.key)
        self.entity_box.setCurrentIndex(max(self.entity_box.findData(current), 0))
        self.entity_box.blockSignals(False)
        self.show_entity()

    def show_entity(self) -> None:
        entity = self.entity()
        rules = re_.entity_rules(self.bundle, entity.key) if entity is not None else None
        selected = self.selected_key()
        self.rules_model.set_rules(
            list(rules.assignment.rules) if rules is not None and rules.assignment else []
        )
        for picker in (self.outcome, self.default_picker):
            picker.set_bundle(self.bundle)
        self.default_picker.set_outcome(
            rules.assignment.default.model_dump()
            if rules is not None and rules.assignment and rules.assignment.default
            else None
        )
        self.builder.set_entity(entity)
        self.v_when.set_entity(entity)
        self.v_require.set_entity(entity)
        self.select_rule(selected)
        self.show_rule()
        self.validation_list.blockSignals(True)
        self.validation_list.clear()
        for v in rules.validations if rules is not None else ():
            item = QListWidgetItem(f"{v.key} — {v.message.text(language())}")
            item.setData(Qt.ItemDataRole.UserRole, v.key)
            self.validation_list.addItem(item)
        self.validation_list.blockSignals(False)
        self.show_validation()
        self.stage_editor.set_flow(entity, rules.stage_flow if rules is not None else None)

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

    def show_rule(self) -> None:
        rule = self.current_rule()
        self.rule_key.setText(rule.key if rule else "")
        self.rule_zh.setText(rule.label.zh_CN if rule and rule.label else "")
        self.rule_en.setText(rule.label.en if rule and rule.label else "")
        self.builder.set_group(
            rule.when.model_dump(mode="json", exclude_none=True) if rule else None
        )
        self.outcome.set_outcome(rule.assign.model_dump() if rule else None)

    # -- edits ----------------------------------------------------------------------------------
    def _edit(self, text: str, fn: Any) -> bool:
        """Apply ``fn`` to the draft as one undoable edit; show a refusal beside the editor."""
        self.message.setText("")
        refusal = self.ctx.document.apply(text, fn)
        if refusal is not None:
            self.message.setText(str(refusal))
            return False
        return True

    def _entity_key(self) -> str | None:
        entity = self.entity()
        if entity is None:
            self.message.setText(self.tr("Choose an entity first."))
        return entity.key if entity else None

    def apply_rule(self) -> None:
        entity = self._entity_key()
        if entity is None:
            return
        try:
            rule: dict[str, Any] = {
                "key": self.rule_key.text().strip(),
                "enabled": self.current_rule().enabled if self.current_rule() else True,
                "when": self.builder.group(),
                "assign": self.outcome.outcome(),
            }
        except StudioError as exc:
            self.message.setText(str(exc))
            return
        label = _label(self.rule_zh.text(), self.rule_en.text(), rule["key"])
        if label is not None:
            rule["label"] = label
        old = self.selected_key()
        at = next((i for i, r in enumerate(self.rules_model.rules) if r.key == old), None)

        def edit(b: Bundle) -> Bundle:
            if old is not None and old != rule["key"]:
                b = re_.remove_rule(b, entity, old)
            return re_.put_rule(b, entity, rule, at=at)

        if self._edit(self.tr("edit routing rule"), edit):
            self.select_rule(rule["key"])

    def new_rule(self) -> None:
        entity = self._entity_key()
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
        if self._edit(self.tr("add routing rule"), lambda b: re_.put_rule(b, entity, rule)):
            self.select_rule(key)

    def duplicate_rule(self) -> None:
        entity, key = self._entity_key(), self.selected_key()
        if entity is None or key is None:
            return
        made: list[str] = []

        def edit(b: Bundle) -> Bundle:
            after, new_key = re_.duplicate_rule(b, entity, key)
            made.append(new_key)
            return after

        if self._edit(self.tr("duplicate routing rule"), edit) and made:
            self.select_rule(made[0])

    def remove_rule(self) -> None:
        entity, key = self._entity_key(), self.selected_key()
        if entity is not None and key is not None:
            self._edit(self.tr("remove routing rule"), lambda b: re_.remove_rule(b, entity, key))

    def toggle_rule(self, key: str, enabled: bool) -> None:
        entity = self._entity_key()
        if entity is not None:
            self._edit(
                self.tr("switch routing rule on or off"),
                lambda b: re_.set_enabled(b, entity, key, enabled),
            )

    def move_rule(self, key: str, to: int) -> None:
        entity = self._entity_key()
        if entity is not None and self._edit(
            self.tr("reorder routing rules"), lambda b: re_.move_rule(b, entity, key, to)
        ):
            self.select_rule(key)

    def apply_default(self) -> None:
        entity = self._entity_key()
        if entity is not None:
            outcome = self.default_picker.outcome()
            self._edit(
                self.tr("set default outcome"), lambda b: re_.set_default(b, entity, outcome)
            )

    # -- validations and stage flow -------------------------------------------------------------
    def current_validation(self) -> ValidationRule | None:
        item = self.validation_list.currentItem()
        entity = self.entity()
        if item is None or entity is None:
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        rules = re_.entity_rules(self.bundle, entity.key)
        return next((v for v in rules.validations if v.key == key), None)

    def show_validation(self) -> None:
        v = self.current_validation()
        self.v_key.setText(v.key if v else "")
        self.v_when.set_group(
            v.when.model_dump(mode="json", exclude_none=True) if v and v.when else None
        )
        self.v_require.set_group(
            v.require.model_dump(mode="json", exclude_none=True) if v else None
        )
        self.v_zh.setText(v.message.zh_CN if v else "")
        self.v_en.setText(v.message.en if v else "")

    def _set_validations(self, text: str, change: Any) -> bool:
        entity = self._entity_key()
        if entity is None:
            return False

        def edit(b: Bundle) -> Bundle:
            rules = re_.entity_rules(b, entity).model_dump(mode="json", exclude_none=True)
            rules["validations"] = change(rules.get("validations", []))
            return re_.set_entity_rules(b, entity, rules)

        return self._edit(text, edit)

    def apply_validation(self) -> None:
        old = self.current_validation()
        try:
            when = self.v_when.group()
            rule: dict[str, Any] = {
                "key": self.v_key.text().strip(),
                "require": self.v_require.group(),
                "message": _label(self.v_zh.text(), self.v_en.text(), self.v_key.text()),
            }
        except StudioError as exc:
            self.message.setText(str(exc))
            return
        if when.get("all") or when.get("any"):
            rule["when"] = when

        def change(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            keys = [i["key"] for i in items]
            if old is not None and old.key in keys:
                items[keys.index(old.key)] = rule
            else:
                items.append(rule)
            return items

        self._set_validations(self.tr("edit validation rule"), change)

    def new_validation(self) -> None:
        self.validation_list.setCurrentRow(-1)
        self.show_validation()
        self.v_key.setText(f"validation_{self.validation_list.count() + 1}")

    def remove_validation(self) -> None:
        old = self.current_validation()
        if old is not None:
            self._set_validations(
                self.tr("remove validation rule"),
                lambda items: [i for i in items if i["key"] != old.key],
            )

    def apply_stage_flow(self, flow: dict[str, Any] | None) -> None:
        entity = self._entity_key()
        if entity is None:
            return

        def edit(b: Bundle) -> Bundle:
            rules = re_.entity_rules(b, entity).model_dump(mode="json", exclude_none=True)
            if flow is None:
                rules.pop("stage_flow", None)
            else:
                rules["stage_flow"] = flow
            return re_.set_entity_rules(b, entity, rules)

        self._edit(self.tr("edit stage flow"), edit)

    # -- replay ---------------------------------------------------------------------------------
    def pick_workbook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Records to replay"), "", self.tr("Workbooks (*.xlsx)")
        )
        self.sample = Path(path) if path else None
        self.source.setText(
            self.tr("Records: %1").replace("%1", path)
            if path
            else self.tr("Records: the server's, of the chosen window")
        )

    def run_replay(self) -> None:
        """Replay the draft's rules as the document holds them (saved or not) off the UI thread."""
        from datetime import timedelta

        from studio.client.replay import replay_bundles

        ws, live, draft = self.ctx.workspace, self.ctx.document.live, self.bundle
        window = timedelta(days=int(self.window_box.currentData()))
        sample = self.sample

        def work(progress: Any) -> Any:
            return replay_bundles(ws, live, draft, window=window, sample=sample, progress=progress)

        self.replay_button.setEnabled(False)
        self.op = Op(work, self, progress=True)
        self.dialog = OpProgressDialog(self.op, self.tr("Replaying recent records…"), self)
        self.op.succeeded.connect(self._replayed)
        self.op.failed.connect(self.replay_view.set_problem)
        self.op.cancelled.connect(self.replay_view.set_problem)
        self.op.finished.connect(lambda: self.replay_button.setEnabled(True))
        self.op.start()

    def _replayed(self, run: Any) -> None:
        if run is None:
            self.replay_view.set_problem(
                self.tr("The draft changes no automation rules: nothing to replay.")
            )
            return
        self.replay_view.set_document(run.to_json())
