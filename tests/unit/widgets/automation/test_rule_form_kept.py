"""What is typed into a rule's form is not lost by clicking another rule: it is applied to the
draft on leaving (as the field designer's inputs are), or, when it cannot be, the form stays on
the rule with the reason (once: a second click away drops it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
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


class _Tab:
    """The Routing or the Validation rules tab as the person uses it: three rules (or
    validations) in a list, a key and a Chinese name (message) to type."""

    def __init__(self, qtbot: QtBot, pane: AutomationPane, kind: str) -> None:
        self.qtbot, self.pane, self.kind = qtbot, pane, kind
        if kind == "routing":
            self.keys = ("east_china", "north_china", "south_china")
            self.key_edit, self.name_edit = pane.routing.rule_key, pane.routing.rule_zh
        else:
            _two_validations(pane, third=True)
            self.keys = ("needs_city", "needs_mobile", "needs_province")
            self.key_edit, self.name_edit = pane.validations.v_key, pane.validations.v_zh
        self.click(0)

    def click(self, row: int) -> None:
        (_click_rule if self.kind == "routing" else _click_validation)(self.qtbot, self.pane, row)

    def selected(self) -> str | None:
        tab = self.pane.routing if self.kind == "routing" else self.pane.validations
        return tab.selected_key()

    def name(self, key: str) -> str:
        bundle = self.pane.ctx.document.bundle
        return _label_zh(bundle, key) if self.kind == "routing" else _message_zh(bundle, key)


@pytest.mark.parametrize("kind", ["routing", "validation"])
def test_a_form_that_cannot_be_applied_keeps_its_rule_and_says_why(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
    kind: str,
) -> None:
    pane = open_pane(qtbot, ctx)
    tab = _Tab(qtbot, pane, kind)
    first, second, third = tab.keys
    before = tab.name(first)
    tab.key_edit.setText(second)  # taken by the next one
    tab.name_edit.setText("华东大区")
    tab.click(2)
    qtbot.waitUntil(lambda: tab.selected() == first, timeout=5_000)
    assert tab.key_edit.text() == second and tab.name_edit.text() == "华东大区"
    assert pane.message.text() != ""
    assert tab.name(first) == before
    # No trap: clicking away again leaves it, dropping what could not be applied.
    tab.click(2)
    assert tab.selected() == third and tab.key_edit.text() == third
    tab.click(0)
    assert tab.key_edit.text() == first
    assert tab.name(first) == before


@pytest.mark.parametrize("kind", ["routing", "validation"])
def test_clicking_another_rule_with_nothing_typed_changes_nothing(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
    kind: str,
) -> None:
    pane = open_pane(qtbot, ctx)
    tab = _Tab(qtbot, pane, kind)
    before = ctx.document.bundle
    steps = ctx.document.undo_stack.count()
    tab.click(1)
    tab.click(0)
    assert ctx.document.bundle is before
    assert ctx.document.undo_stack.count() == steps


def _two_validations(pane: AutomationPane, *, third: bool = False) -> None:
    """needs_city and needs_mobile (and, with ``third``, needs_province) added as a person adds
    them."""
    tab = pane.validations
    pane.tabs.setCurrentIndex(1)
    for key, field, zh in (
        ("needs_city", "city", "请填写城市"),
        ("needs_mobile", "mobile", "请填写手机"),
        *((("needs_province", "province", "请填写省份"),) if third else ()),
    ):
        tab.findChild(QPushButton, "validation_new").click()
        tab.v_key.setText(key)
        tab.v_require.set_group({"all": [{"field": field, "op": "not_empty"}]})
        tab.v_zh.setText(zh)
        tab.apply_button.click()


def _click_validation(qtbot: QtBot, pane: AutomationPane, row: int) -> None:
    view = pane.validations.validation_list
    at = view.visualItemRect(view.item(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)


def _message_zh(bundle, key: str) -> str:  # type: ignore[no-untyped-def]
    return next(v for v in entity_rules(bundle, "lead").validations if v.key == key).message.zh_CN


def test_a_typed_validation_message_is_applied_when_another_validation_is_clicked(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
) -> None:
    pane = open_pane(qtbot, ctx)
    _two_validations(pane)
    tab = pane.validations
    tab.select_validation("needs_city")
    tab.v_zh.setText("城市必填")
    _click_validation(qtbot, pane, 1)
    assert tab.selected_key() == "needs_mobile" and tab.v_zh.text() == "请填写手机"
    assert _message_zh(ctx.document.bundle, "needs_city") == "城市必填"
    # A form that cannot be applied (the key of the other one) keeps its validation once.
    tab.select_validation("needs_city")
    tab.v_key.setText("needs_mobile")
    _click_validation(qtbot, pane, 1)
    qtbot.waitUntil(lambda: tab.selected_key() == "needs_city", timeout=5_000)
    assert pane.message.text() != ""
    _click_validation(qtbot, pane, 1)
    assert tab.selected_key() == "needs_mobile"
    assert _message_zh(ctx.document.bundle, "needs_city") == "城市必填"


def test_duplicate_and_remove_need_a_selected_rule(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
) -> None:
    """They were enabled with no rule selected, and a click did nothing."""
    pane = open_pane(qtbot, ctx)
    routing = pane.routing
    names = ("rule_duplicate", "rule_remove")
    routing.rules_view.setCurrentIndex(routing.rules_model.index(-1, -1))
    assert routing.selected_key() is None
    assert not any(routing.findChild(QPushButton, n).isEnabled() for n in names)
    assert routing.findChild(QPushButton, "rule_new").isEnabled()
    routing.select_rule("east_china")
    assert all(routing.findChild(QPushButton, n).isEnabled() for n in names)
    tab = pane.validations
    assert tab.current_validation() is None and not tab.remove_button.isEnabled()
    _two_validations(pane)
    assert tab.remove_button.isEnabled()
