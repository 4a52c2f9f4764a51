"""Automation rules (issue 18): lead routing, validation rules and stage flows per entity, and the
replay of the draft's rules over recent real records before anyone approves them.

One tab per part, each its own module: ``routing_tab`` (rules, default, the rule editor with its
condition builder), ``validation_tab``, ``stage_flow_editor`` and ``replay_tab``. Every edit goes to
the draft through the designer document (``edit``: one undo history with the other designers;
``studio.draft.rules_edits`` are the edits).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import Bundle, Entity
from studio.draft import rules_edits as re_
from studio.i18n import language
from widgets.automation.replay_tab import ReplayTab
from widgets.automation.routing_tab import RoutingTab
from widgets.automation.stage_flow_editor import StageFlowEditor
from widgets.automation.validation_tab import ValidationTab
from widgets.context import StudioContext
from widgets.history_actions import history_action
from widgets.pane import Pane, register_pane
from widgets.table_base import severity_icons


@register_pane
class AutomationPane(Pane):
    pane_id = "automation"
    listens_to = frozenset({"workspace", "draft"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Undo/redo of the one draft history, as in the other designers: a removed rule comes
        # back with Ctrl+Z or from the Edit menu. A text input keeps Ctrl+Z for its own text.
        self.undo_action = history_action(ctx.document, self, self.tr("&Undo"), undo=True)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = history_action(ctx.document, self, self.tr("&Redo"), undo=False)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
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
        self.routing = RoutingTab(self)
        self.validations = ValidationTab(self)
        self.stage_editor = StageFlowEditor(self)
        self.stage_editor.apply_requested.connect(self.apply_stage_flow)
        self.replay = ReplayTab(self)
        self.tabs.addTab(self.routing, self.tr("Routing"))
        self.tabs.addTab(self.validations, self.tr("Validation rules"))
        self.tabs.addTab(self.stage_editor, self.tr("Stage flow"))
        self.tabs.addTab(self.replay, self.tr("Replay on real records"))
        layout.addWidget(self.tabs, 1)
        # The lint checks of this entity's rules, beside the editors (``studio check`` says the
        # same): a shadowed rule, a disabled outcome user, a stage nobody can reach...
        self.findings = QListWidget(self)
        self.findings.setObjectName("automation_findings")
        self.findings.setMaximumHeight(110)
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings)
        ctx.document.changed.connect(self.reload)
        self.reload()

    def edit_actions(self) -> list[QAction]:
        """For the main window's Edit menu."""
        return [self.undo_action, self.redo_action]

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
        self.routing.show_entity(entity, rules, self.bundle)
        self.validations.show_entity(entity, rules)
        self.stage_editor.set_flow(entity, rules.stage_flow if rules is not None else None)
        self.show_findings(entity)

    def show_findings(self, entity: Entity | None) -> None:
        """The automation-rule findings of ``entity`` (only this family of checks: cheap, linear
        in the rules, so it runs on every edit)."""
        from studio.lint.automation_rules import automation_rules

        found = [
            f
            for f in automation_rules(self.bundle, None, self.ctx.document.live)
            if entity is not None and f.entity == entity.key
        ]
        icons = severity_icons()
        self.findings.clear()
        for f in found:
            item = QListWidgetItem(icons[f.severity], f.message)
            item.setToolTip(f"{f.message} ({f.code})")
            self.findings.addItem(item)
        if not found:
            self.findings.addItem(self.tr("No problems found in these rules."))

    # -- edits ----------------------------------------------------------------------------------
    def edit(self, text: str, fn: Any) -> bool:
        """Apply ``fn`` to the draft as one undoable edit; show a refusal beside the editor."""
        self.message.setText("")
        refusal = self.ctx.document.apply(text, fn)
        if refusal is not None:
            self.message.setText(str(refusal))
            return False
        return True

    def entity_key(self) -> str | None:
        entity = self.entity()
        if entity is None:
            self.message.setText(self.tr("Choose an entity first."))
        return entity.key if entity else None

    def apply_stage_flow(self, flow: dict[str, Any] | None) -> None:
        entity = self.entity_key()
        if entity is None:
            return

        def edit(b: Bundle) -> Bundle:
            rules = re_.entity_rules(b, entity).model_dump(mode="json", exclude_none=True)
            if flow is None:
                rules.pop("stage_flow", None)
            else:
                rules["stage_flow"] = flow
            return re_.set_entity_rules(b, entity, rules)

        self.edit(self.tr("edit stage flow"), edit)
