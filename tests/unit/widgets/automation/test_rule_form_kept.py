"""What is typed into a rule's form is not lost by clicking another rule: it is applied to the
draft on leaving (as the field designer's inputs are), or, when it cannot be, the form stays on
the rule with the reason (once: a second click away drops it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from studio.draft.rules_edits import entity_rules
from tests.unit.widgets.automation.test_automation_pane import ctx, open_pane  # noqa: F401
from tests.unit.widgets.helpers import stored
from widgets.automation.pane import AutomationPane
from widgets.context import StudioContext


def _click_rule(qtbot: QtBot, pane: AutomationPane, row: int) -> None:
    view = pane.routing.rules_view
    at: QPoint = view.visualRect(pane.routing.rules_model.index(row, 1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def _label_zh(bundle, key: str) -> str:  # type: ignore[no-untyped-def]
    rules = entity_rules(bundle, "lead").assignment
    assert rules is not None
    rule = next(r for r in rules.rules if r.key == key)
    return rule.label.zh_CN if rule.label else ""


def test_a_typed_rule_name_is_applied_when_another_rule_is_clicked(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
    sample_workspace_path: Path,
) -> None:
    pane = open_pane(qtbot, ctx)
    routing = pane.routing
    routing.select_rule("east_china")
    qtbot.mouseClick(routing.rule_zh, Qt.MouseButton.LeftButton)
    routing.rule_zh.selectAll()
    routing.rule_zh.insert("华东大区")
    with qtbot.waitSignal(
        ctx.document.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "saved"
    ):
        _click_rule(qtbot, pane, 1)
    assert routing.selected_key() == "north_china"
    assert routing.rule_zh.text() == "华北"  # the rule clicked
    assert _label_zh(stored(sample_workspace_path), "east_china") == "华东大区"
    # One step of the undo history, as Apply would be.
    ctx.document.undo_stack.undo()
    assert _label_zh(ctx.document.bundle, "east_china") == "华东"


def test_a_form_that_cannot_be_applied_keeps_its_rule_and_says_why(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
) -> None:
    pane = open_pane(qtbot, ctx)
    routing = pane.routing
    routing.select_rule("east_china")
    routing.rule_key.setText("north_china")  # taken by the next rule
    routing.rule_zh.setText("华东大区")
    _click_rule(qtbot, pane, 2)
    qtbot.waitUntil(lambda: routing.selected_key() == "east_china", timeout=5_000)
    assert routing.rule_key.text() == "north_china" and routing.rule_zh.text() == "华东大区"
    assert "north_china" in pane.message.text()
    assert _label_zh(ctx.document.bundle, "east_china") == "华东"
    # No trap: clicking away again leaves the rule, dropping what could not be applied.
    _click_rule(qtbot, pane, 2)
    assert routing.selected_key() == "south_china" and routing.rule_key.text() == "south_china"
    _click_rule(qtbot, pane, 0)
    assert routing.rule_key.text() == "east_china"
    assert _label_zh(ctx.document.bundle, "east_china") == "华东"


def test_clicking_another_rule_with_nothing_typed_changes_nothing(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
) -> None:
    pane = open_pane(qtbot, ctx)
    pane.routing.select_rule("east_china")
    before = ctx.document.bundle
    _click_rule(qtbot, pane, 1)
    _click_rule(qtbot, pane, 0)
    assert ctx.document.bundle is before
    assert ctx.document.undo_stack.count() == 0
