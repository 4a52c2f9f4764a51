"""What is typed into a rule's (or validation's) form survives a draft change made elsewhere
(another pane's edit, the draft read again): only a change of the very rule shown resets it.

Both tabs, and a new validation being added: each case types into the form, has the draft change
under it, and looks at the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from studio.draft import edits as de
from studio.draft import rules_edits as re_
from tests.unit.widgets.automation.test_automation_pane import ctx, open_pane  # noqa: F401
from tests.unit.widgets.automation.test_rule_form_kept import _two_validations
from widgets.automation.pane import AutomationPane
from widgets.context import StudioContext


def _typed_rule(pane: AutomationPane) -> QLineEdit:
    pane.routing.select_rule("east_china")
    pane.routing.rule_zh.setText("华东大区")  # as typed (an input method commits it whole)
    return pane.routing.rule_zh


def _typed_validation(pane: AutomationPane) -> QLineEdit:
    _two_validations(pane)
    pane.validations.select_validation("needs_city")
    pane.validations.v_zh.setText("城市必填")
    return pane.validations.v_zh


def _typed_new_validation(pane: AutomationPane) -> QLineEdit:
    pane.tabs.setCurrentIndex(1)
    pane.validations.findChild(QPushButton, "validation_new").click()
    pane.validations.v_key.setText("needs_email")
    pane.validations.v_require.set_group({"all": [{"field": "mobile", "op": "not_empty"}]})
    pane.validations.v_zh.setText("请填写手机")
    return pane.validations.v_key


FORMS: dict[str, Callable[[AutomationPane], QLineEdit]] = {
    "routing rule": _typed_rule,
    "validation": _typed_validation,
    "new validation": _typed_new_validation,
}


def _elsewhere(b: Bundle) -> Bundle:
    """Another pane's edit: a field of another entity renamed in English."""
    return de.update_field(b, "customer", "company", {"label_en": "Firm"})


@pytest.mark.parametrize("form", FORMS)
def test_typing_survives_another_panes_edit(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
    form: str,
) -> None:
    pane = open_pane(qtbot, ctx)
    typed = FORMS[form](pane)
    text = typed.text()
    assert ctx.document.apply("rename a field", _elsewhere) is None
    assert typed.text() == text and typed.isEnabled()
    # And it is applied as typing is: on leaving it, or with its Apply button.
    if form == "routing rule":
        pane.routing.apply_button.click()
        rules = re_.entity_rules(ctx.document.bundle, "lead").assignment
        assert rules is not None
        east = next(r for r in rules.rules if r.key == "east_china")
        assert east.label is not None and east.label.zh_CN == "华东大区"
    else:
        pane.validations.apply_button.click()
        keys = {v.key: v for v in re_.entity_rules(ctx.document.bundle, "lead").validations}
        if form == "validation":
            assert keys["needs_city"].message.zh_CN == "城市必填"
        else:
            assert "needs_email" in keys


@pytest.mark.parametrize("form", FORMS)
def test_typing_survives_the_draft_read_again(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
    form: str,
) -> None:
    pane = open_pane(qtbot, ctx)
    typed = FORMS[form](pane)
    text = typed.text()
    if ctx.document.undo_stack.count():  # the validations added: saved before the reload
        qtbot.waitUntil(lambda: ctx.document._op is None, timeout=10_000)
    ctx.document.load()
    assert typed.text() == text and typed.isEnabled()


def _relabel(key: str, zh: str) -> Callable[[Bundle], Bundle]:
    def edit(b: Bundle) -> Bundle:
        rules = re_.entity_rules(b, "lead").assignment
        assert rules is not None
        rule: dict[str, Any] = next(r for r in rules.rules if r.key == key).model_dump(
            mode="json", exclude_none=True
        )
        rule["label"] = {"zh_CN": zh, "en": rule["label"]["en"]}
        return re_.replace_rule(b, "lead", key, rule)

    return edit


def test_a_change_of_the_rule_shown_shows_it(
    qtbot: QtBot,
    ctx: StudioContext,  # noqa: F811
) -> None:
    pane = open_pane(qtbot, ctx)
    typed = _typed_rule(pane)
    # Another rule changed: the typing stays.
    assert ctx.document.apply("relabel", _relabel("north_china", "华北大区")) is None
    assert typed.text() == "华东大区"
    # The rule being typed into changed under the form (an undo, another window): it shows that.
    assert ctx.document.apply("relabel", _relabel("east_china", "东部")) is None
    assert typed.text() == "东部"
    assert not pane.routing.form_edited()
