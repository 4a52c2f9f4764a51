"""The automation pane: routing rules edited into the draft (with undo), drag to reorder, a
condition builder that offers only what fits the field, the stage-flow grid, and the replay run
off the UI thread with progress, shown with its headline first."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import xlsxwriter
from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTranslator,
)
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from schema.models import ReleaseRow
from studio.draft.rules_edits import entity_rules
from studio.draft.store import load_draft, replace_draft
from studio.i18n import set_language
from studio.workspace.connection import open_workspace
from tests.helpers.rules import make_leads, region_rules, with_rules
from tests.unit.widgets.helpers import in_language
from widgets.automation.pane import AutomationPane
from widgets.automation.rules_model import MIME
from widgets.context import StudioContext
from widgets.translation import TRANSLATIONS

SCREENSHOT = Path("/tmp/automation-pane.png")


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    ws = open_workspace(str(sample_workspace_path))
    live = with_rules(lead=region_rules("city"))
    with ws.session() as s:
        s.add(
            ReleaseRow(
                version=1,
                change_id=str(uuid.uuid4()),
                author="lin",
                bundle_json=live.canonical_json().decode("utf-8"),
                bundle_sha256=live.sha256(),
                document={},
            )
        )
    with ws.session() as s:
        replace_draft(s, live, user="lin")
    context = StudioContext(ws, "lin")
    yield context
    context.workspace.close()


def open_pane(qtbot: QtBot, ctx: StudioContext) -> AutomationPane:
    pane = AutomationPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(1280, 760)
    pane.show()
    qtbot.waitUntil(lambda: pane.routing.rules_model.rowCount() == 3, timeout=30_000)
    return pane


def draft_keys(ctx: StudioContext) -> list[str]:
    rules = entity_rules(ctx.document.bundle, "lead")
    return [r.key for r in rules.assignment.rules] if rules.assignment else []


def test_edit_a_rule_in_the_builder_then_undo(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = open_pane(qtbot, ctx)
    pane.routing.select_rule("east_china")
    row = pane.routing.builder.rows[1]
    assert row.fd() is not None and row.fd().key == "city"  # type: ignore[union-attr]
    ops = [row.op.itemData(i) for i in range(row.op.count())]
    assert "gt" not in ops and "regex" in ops  # only what fits an address field
    district = next(i for i, f in enumerate(pane.routing.builder.fields) if f.key == "district")
    row.field.setCurrentIndex(district)
    row.op.setCurrentIndex(row.op.findData("not_empty"))
    pane.routing.apply_rule()
    assert pane.message.text() == ""
    rules = entity_rules(ctx.document.bundle, "lead")
    assert rules.assignment is not None
    assert rules.assignment.rules[0].when.all[1].field == "district"  # type: ignore[index,union-attr]
    ctx.document.undo_stack.undo()
    rules = entity_rules(ctx.document.bundle, "lead")
    assert rules.assignment.rules[0].when.all[1].field == "city"  # type: ignore[index,union-attr]


def test_the_regex_check_is_live_and_a_bad_value_is_refused_beside_the_editor(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    pane = open_pane(qtbot, ctx)
    pane.routing.select_rule("east_china")
    row = pane.routing.builder.rows[1]
    row.op.setCurrentIndex(row.op.findData("regex"))
    row.value.setText("(a+)+$")
    assert "backtrack" in row.check.text() and row.check.isVisible()
    pane.routing.apply_rule()
    assert "backtrack" in pane.message.text()
    draft_rules = entity_rules(ctx.document.bundle, "lead").assignment
    live = ctx.document.live
    assert draft_rules is not None and live is not None
    live_rules = entity_rules(live, "lead").assignment
    assert live_rules is not None
    assert draft_rules.rules[0].when == live_rules.rules[0].when  # the refused edit changed nothing


def test_toggle_duplicate_and_drag_to_reorder(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = open_pane(qtbot, ctx)
    model = pane.routing.rules_model
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert not entity_rules(ctx.document.bundle, "lead").assignment.rules[0].enabled  # type: ignore[union-attr]
    pane.routing.select_rule("north_china")
    pane.routing.duplicate_rule()
    assert draft_keys(ctx) == ["east_china", "north_china", "north_china_2", "south_china"]
    data = QMimeData()
    data.setData(MIME, b"south_china")
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert draft_keys(ctx)[0] == "south_china"
    assert ctx.document.undo_stack.count() == 3


def test_the_rules_lint_checks_are_shown_beside_the_editor(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    pane = open_pane(qtbot, ctx)
    shown = [pane.findings.item(i).text() for i in range(pane.findings.count())]
    assert shown == ["No problems found in these rules."]
    pane.routing.default_picker.set_outcome(None)
    pane.routing.apply_default()
    shown = [pane.findings.item(i).text() for i in range(pane.findings.count())]
    assert any("has no default" in t for t in shown), shown
    ctx.document.undo_stack.undo()
    assert pane.findings.item(0).text() == "No problems found in these rules."


def test_stage_flow_grid_lands_in_the_draft(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = open_pane(qtbot, ctx)
    pane.entity_box.setCurrentIndex(pane.entity_box.findData("opportunity"))
    editor = pane.stage_editor
    assert editor.stages() == ["discovery", "proposal", "negotiation", "won", "lost"]
    editor.grid.item(0, 1).setCheckState(Qt.CheckState.Checked)  # discovery -> proposal
    editor.grid.item(1, 2).setCheckState(Qt.CheckState.Checked)  # proposal -> negotiation
    editor.grid.item(2, 3).setCheckState(Qt.CheckState.Checked)
    editor.grid.item(2, 4).setCheckState(Qt.CheckState.Checked)
    editor.gates.item(2, 0).setText("amount")
    editor.gates.item(2, 1).setText("14")
    editor.apply_button.click()
    flow = entity_rules(ctx.document.bundle, "opportunity").stage_flow
    assert flow is not None and ("discovery", "proposal") in flow.transitions
    assert flow.enter_requires == {"negotiation": ("amount",)} and flow.dwell_days == {
        "negotiation": 14
    }


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_replay_from_a_workbook_shows_the_headline_first(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    set_language(lang)
    translator = QTranslator()
    if lang == "zh_CN":
        assert translator.load(str(TRANSLATIONS / "studio_zh_CN.qm"))
        QCoreApplication.installTranslator(translator)
    with ctx.workspace.session() as s:
        replace_draft(s, with_rules(load_draft(s), lead=region_rules("district")), user="lin")
    ctx.document.load()
    pane = open_pane(qtbot, ctx)
    book = tmp_path / "leads.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    sheet = wb.add_worksheet("lead")
    sheet.write_row(0, 0, ["province", "city", "district"])
    for i, lead in enumerate(make_leads(1_000), start=1):
        sheet.write_row(i, 0, [lead["province"], lead["city"], lead["district"] or ""])
    wb.close()
    pane.replay.sample = book
    pane.tabs.setCurrentIndex(3)
    pane.replay.run_replay()
    assert pane.replay.op is not None
    with qtbot.waitSignal(pane.replay.op.finished, timeout=60_000):
        pass
    document = pane.replay.replay_view.document
    assert document is not None and document["level"] == "block"
    text = pane.replay.replay_view.headline.text()
    assert ("默认" in text) if lang == "zh_CN" else ("default" in text)
    tab = pane.tabs.tabText(3)
    assert tab == ("用真实记录回放" if lang == "zh_CN" else "Replay on real records")
    assert pane.replay.replay_view.model.rows[0][1] == "queue:unassigned"
    view = pane.replay.replay_view
    assert view.samples.rowCount() > 0  # records that change outcome, to open
    entity, sample = view.samples.rows[0]
    assert entity == "lead" and sample["after"] == "queue:unassigned"
    dialog = view.open_sample(0)
    assert dialog is not None and dialog.isVisible()
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    shown = "队列 unassigned" if lang == "zh_CN" else "queue unassigned"
    assert shown in texts and sample["record"]["province"] in texts
    dialog.close()
    qtbot.wait(50)
    pane.grab().save(str(SCREENSHOT.with_name(f"automation-replay-{lang}.png")))
    pane.tabs.setCurrentIndex(0)
    pane.routing.select_rule("east_china")
    qtbot.wait(50)
    pane.grab().save(str(SCREENSHOT.with_name(f"automation-rules-{lang}.png")))
    QCoreApplication.removeTranslator(translator)
    set_language(None)


def test_cancelling_the_replay_shows_no_figures_and_changes_nothing(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    with ctx.workspace.session() as s:
        replace_draft(s, with_rules(load_draft(s), lead=region_rules("district")), user="lin")
    ctx.document.load()
    pane = open_pane(qtbot, ctx)
    book = tmp_path / "leads.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    sheet = wb.add_worksheet("lead")
    sheet.write_row(0, 0, ["province", "city", "district"])
    for i, lead in enumerate(make_leads(200), start=1):
        sheet.write_row(i, 0, [lead["province"], lead["city"], lead["district"] or ""])
    wb.close()
    pane.replay.sample = book
    pane.replay.run_replay()
    assert pane.replay.op is not None
    with qtbot.waitSignal(pane.replay.op.finished, timeout=60_000):
        pass
    assert pane.replay.replay_view.document is not None  # a first replay's figures are on screen
    sha = ctx.document.bundle.sha256()

    # Every worker thread is held until Cancel has been pressed: the replay cannot finish first.
    pool = QThreadPool.globalInstance()
    gate = threading.Event()

    class Hold(QRunnable):
        def run(self) -> None:
            gate.wait()

    for _ in range(pool.maxThreadCount()):
        pool.start(Hold())
    try:
        pane.replay.run_replay()
        op, dialog = pane.replay.op, pane.replay.dialog
        assert op is not None and dialog is not None and not pane.replay.replay_button.isEnabled()
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None
        cancel.click()  # the progress dialog's Cancel button
    finally:
        gate.set()
    with qtbot.waitSignal(op.finished, timeout=60_000):
        pass
    assert pane.replay.replay_view.document is None  # no figures: neither new ones nor the old ones
    assert "cancelled" in pane.replay.replay_view.headline.text()
    assert pane.replay.replay_view.model.rowCount() == 0
    assert pane.replay.replay_button.isEnabled()
    assert ctx.document.bundle.sha256() == sha and not ctx.document.undo_stack.canUndo()


NESTED = {
    "all": [
        {"field": "province", "op": "in", "value": ["浙江省"]},
        {
            "any": [
                {"field": "city", "op": "not_empty"},
                {
                    "all": [
                        {"field": "district", "op": "not_empty"},
                        {"field": "source", "op": "empty"},
                    ]
                },
            ]
        },
    ]
}


def test_nested_groups_are_edited_in_the_builder_and_land_in_the_draft(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    pane = open_pane(qtbot, ctx)
    builder = pane.routing.builder
    pane.routing.select_rule("east_china")
    builder.set_group(NESTED)
    assert builder.group() == NESTED  # shown whole, and read back unchanged
    [inner] = builder.top.groups
    assert inner.kind_key() == "any" and len(inner.rows) == 1
    [deepest] = inner.groups
    assert [r.fd().key for r in deepest.rows] == ["district", "source"]  # type: ignore[union-attr]

    # Edit inside the nested group: the city condition becomes "city is one of 杭州市".
    city = inner.rows[0]
    city.op.setCurrentIndex(city.op.findData("in"))
    city.value.setText("杭州市")
    # A new group at the top: any of two mobile prefixes.
    extra = builder.top.add_group()
    assert extra.kind_key() == "any"  # nesting inside "all of" starts as "any of"
    for prefix in ("139", "186"):
        row = extra.add_row({"field": "mobile", "op": "prefix", "value": prefix})
        assert row.fd() is not None
    # And the deepest group goes.
    deepest.findChild(QPushButton, "condition_group_remove").click()
    pane.routing.apply_rule()
    assert pane.message.text() == ""
    rules = entity_rules(ctx.document.bundle, "lead").assignment
    assert rules is not None
    when = rules.rules[0].when.model_dump(mode="json", exclude_none=True)
    assert when == {
        "all": [
            {"field": "province", "op": "in", "value": ["浙江省"]},
            {"any": [{"field": "city", "op": "in", "value": ["杭州市"]}]},
            {
                "any": [
                    {"field": "mobile", "op": "prefix", "value": "139"},
                    {"field": "mobile", "op": "prefix", "value": "186"},
                ]
            },
        ]
    }
    ctx.document.undo_stack.undo()
    rules = entity_rules(ctx.document.bundle, "lead").assignment
    assert rules is not None and rules.rules[0].when.all[1].field == "city"  # type: ignore[index,union-attr]


def test_conditions_nested_100_deep_are_kept_as_they_are(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = open_pane(qtbot, ctx)
    deep: dict[str, object] = {"all": [{"field": "city", "op": "not_empty"}]}
    for i in range(100):
        deep = {("any" if i % 2 else "all"): [{"field": "province", "op": "not_empty"}, deep]}
    builder = pane.routing.builder
    builder.set_group(deep)
    assert builder.group() == deep
    kept = builder.findChildren(QLabel, "condition_kept")
    assert len(kept) == 1 and "kept as it is" in kept[0].text()
    builder.top.rows[0].value.setText("")  # editing the shallow part keeps the deep part
    assert builder.group() == deep


def test_the_address_picker_offers_provinces_cities_and_districts(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    pane = open_pane(qtbot, ctx)
    builder = pane.routing.builder
    builder.set_group(None)

    def pick(field: str, op: str, *path: str) -> str:
        row = builder.add_row({"field": field, "op": op, "value": ["x"] if op == "in" else "x"})
        row.value.setText("")
        assert row.options.isVisibleTo(builder)
        menu = row.options.menu()
        for i, name in enumerate(path):
            menu.aboutToShow.emit()  # filled when first opened
            action = next(a for a in menu.actions() if a.text() == name)
            if i == len(path) - 1:
                action.trigger()
            else:
                menu = action.menu()
        return row.value.text()

    assert pick("province", "eq", "浙江省") == "浙江省"
    assert pick("city", "eq", "浙江省", "杭州市") == "杭州市"
    assert pick("city", "eq", "上海市", "上海市") == "上海市"  # a municipality is its own city
    assert pick("district", "eq", "浙江省", "杭州市", "西湖区") == "西湖区"
    row = builder.rows[-1]
    row.op.setCurrentIndex(row.op.findData("in"))
    menu = row.options.menu()
    menu.aboutToShow.emit()
    hangzhou = next(a for a in menu.actions() if a.text() == "浙江省").menu()
    hangzhou.aboutToShow.emit()
    city = next(a for a in hangzhou.actions() if a.text() == "杭州市").menu()
    city.aboutToShow.emit()
    next(a for a in city.actions() if a.text() == "滨江区").trigger()
    assert row.value.text() == "西湖区, 滨江区"  # "is one of": each pick is added
    assert row.condition() == {"field": "district", "op": "in", "value": ["西湖区", "滨江区"]}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_with_no_rule_selected_the_editor_is_disabled_and_adding_is_explicit(
    qtbot: QtBot, ctx: StudioContext, lang: str, tmp_path: Path
) -> None:
    with in_language(lang):
        pane = open_pane(qtbot, ctx)
        routing = pane.routing
        routing.rules_view.clearSelection()
        routing.rules_view.setCurrentIndex(QModelIndex())
        assert routing.current_rule() is None
        assert routing.no_rule.isVisible()
        assert not any(e.isEnabled() for e in routing.editors())
        hint = "添加规则" if lang == "zh_CN" else "Add rule"
        assert hint in routing.no_rule.text()
        out = Path(os.environ.get("STUDIO_SCREENSHOT_DIR", tmp_path))
        assert pane.grab().save(str(out / f"automation-no-rule-{lang}.png"))
        # Apply with nothing selected adds nothing (the button is disabled; asked anyway).
        before = draft_keys(ctx)
        routing.apply_rule()
        assert draft_keys(ctx) == before
        # Adding is its own action: a new rule (switched off), selected and editable.
        add = routing.findChild(QPushButton, "rule_new")
        assert add.text() == hint
        add.click()
        assert draft_keys(ctx) == [*before, "rule_4"]
        assert routing.selected_key() == "rule_4" and not routing.no_rule.isVisible()
        assert all(e.isEnabled() for e in routing.editors())

        # Validation rules: nothing selected, nothing to apply; "Add validation" opens a form
        # whose button says it adds, and the new rule is selected once in the draft.
        tab = pane.validations
        pane.tabs.setCurrentIndex(1)
        assert tab.current_validation() is None and tab.no_validation.isVisible()
        assert not tab.apply_button.isEnabled() and not tab.v_key.isEnabled()
        tab.apply_validation()
        assert not entity_rules(ctx.document.bundle, "lead").validations
        tab.findChild(QPushButton, "validation_new").click()
        assert tab.adding and tab.v_key.isEnabled() and not tab.no_validation.isVisible()
        assert tab.apply_button.text() == ("添加到草稿" if lang == "zh_CN" else "Add to the draft")
        tab.v_key.setText("needs_city")
        tab.v_require.set_group({"all": [{"field": "city", "op": "not_empty"}]})
        tab.v_zh.setText("请填写城市")
        tab.v_en.setText("City is required")
        tab.apply_button.click()
        assert [v.key for v in entity_rules(ctx.document.bundle, "lead").validations] == [
            "needs_city"
        ]
        assert tab.selected_key() == "needs_city" and not tab.adding
        assert tab.apply_button.text() == (
            "应用到草稿" if lang == "zh_CN" else "Apply to the draft"
        )
        assert pane.grab().save(str(out / f"automation-validation-added-{lang}.png"))
