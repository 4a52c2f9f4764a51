"""The field permission matrix (pytest-qt, a real sample workspace): keyboard editing, bulk set
of a column and its undo, one save of only the changed cells, filters, the inline findings, the
effective-access tab, the leaver hand-over, and a screenshot in Chinese."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from studio.access.effective import effective_access, role_field_access
from studio.workspace.connection import Workspace
from tests.unit.widgets.helpers import saved, stored
from widgets.context import StudioContext
from widgets.permissions.field_matrix_model import ExplicitRole, LevelRole
from widgets.permissions.pane import PermissionsPane


def show_entity(pane: PermissionsPane, key: str) -> None:
    pane.entity_box.setCurrentIndex(pane.entity_box.findData(key))
    assert pane.field_model.entity == key


def cell(pane: PermissionsPane, field: str, role: str):  # type: ignore[no-untyped-def]
    model = pane.field_model
    row = next(r for r in range(model.rowCount()) if model.field_key(r) == field)
    column = next(c for c in range(model.columnCount()) if model.role_key(c) == role)
    return model.index(row, column)


def column_levels(pane: PermissionsPane, role: str) -> list[str]:
    model = pane.field_model
    column = next(c for c in range(model.columnCount()) if model.role_key(c) == role)
    return [model.index(r, column).data(LevelRole) for r in range(model.rowCount())]


def test_bulk_set_a_column_saves_only_those_cells_and_undo_restores_it(
    qtbot: QtBot, pane: PermissionsPane, workspace: Workspace
) -> None:
    show_entity(pane, "customer")
    before = pane.doc.bundle
    start = cell(pane, "name", "intern")
    pane.matrix.setCurrentIndex(start)
    pane.select_column()
    statements: list[str] = []

    def record(_c, _cur, statement, *_a):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", record)
    try:
        with saved(qtbot, pane):
            qtbot.keyClick(pane.matrix, Qt.Key.Key_M)  # mask the whole column
    finally:
        event.remove(workspace.engine, "before_cursor_execute", record)
    fields = [f.key for f in before.entity("customer").fields]  # type: ignore[union-attr]
    assert column_levels(pane, "intern") == ["masked"] * len(fields)
    assert stored(workspace) == pane.doc.bundle
    # one save: the new cells inserted in one statement, nothing else of the matrix touched
    inserts = [
        s for s in statements if s.lstrip().upper().startswith("INSERT INTO FIELD_PERMISSIONS")
    ]
    assert len(inserts) == 1
    assert not [s for s in statements if "DELETE FROM field_permissions" in s]
    assert pane.doc.undo_stack.count() == 1  # one step, however many cells
    with saved(qtbot, pane):
        pane.undo_action.trigger()
    assert pane.doc.bundle == before
    assert column_levels(pane, "intern") == list(
        role_field_access(before, "intern", "customer").values()
    )
    assert stored(workspace) == before


def test_keyboard_sets_one_cell_and_the_rules_mark_it(qtbot: QtBot, pane: PermissionsPane) -> None:
    show_entity(pane, "contract")
    target = cell(pane, "contract_amount", "intern")
    assert target.data(LevelRole) == "masked" and target.data(ExplicitRole) == "masked"
    pane.matrix.setCurrentIndex(target)
    pane.matrix.selectionModel().select(target, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    with saved(qtbot, pane):
        qtbot.keyClick(pane.matrix, Qt.Key.Key_R)
    assert cell(pane, "contract_amount", "intern").data(LevelRole) == "read"
    # the permission rules run off the UI thread and mark the cell they are about
    qtbot.waitUntil(
        lambda: ("intern", "contract_amount") in pane.field_model.findings, timeout=10_000
    )
    assert "of them an error" in pane.findings_label.text() or "of them errors" in (
        pane.findings_label.text()
    )
    with saved(qtbot, pane):
        qtbot.keyClick(pane.matrix, Qt.Key.Key_Delete)  # follow the entity permission again
    # without a cell, the sensitive field is masked for a role outside its readers
    assert cell(pane, "contract_amount", "intern").data(LevelRole) == "masked"
    assert cell(pane, "contract_amount", "intern").data(ExplicitRole) is None


def test_filters_sensitive_search_and_one_role(pane: PermissionsPane) -> None:
    show_entity(pane, "contract")
    pane.sensitive_only.setChecked(True)
    assert pane.field_model.rowCount() == 1
    pane.sensitive_only.setChecked(False)
    pane.search.setText("sign")
    assert pane.field_model.rowCount() == 2  # signed_on, signed
    pane.search.clear()
    pane.role_box.setCurrentIndex(pane.role_box.findData("finance"))
    shown = [
        pane.field_model.role_key(c)
        for c in range(pane.field_model.columnCount())
        if not pane.matrix.isColumnHidden(c)
    ]
    assert shown == ["finance"]
    every = pane.field_model.rowCount()
    pane.changed_only.setChecked(True)  # nothing is live: every field counts as changed
    assert pane.field_model.rowCount() == every == 6


def test_what_can_this_user_do_agrees_with_the_core(pane: PermissionsPane) -> None:
    pane.tabs.setCurrentIndex(2)
    pane.access_tab.who_box.setCurrentIndex(pane.access_tab.who_box.findData("zhao"))
    pane.access_tab.who_entity.setCurrentIndex(pane.access_tab.who_entity.findData("contract"))
    table = pane.access_tab.access_table
    shown = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    core = effective_access(pane.doc.bundle, "contract", user="zhao")
    assert shown["contract_amount"] == str(core.field("contract_amount").reason)
    assert "masked" in shown["contract_amount"]


def test_the_leaver_hand_over_is_one_undoable_edit(qtbot: QtBot, pane: PermissionsPane) -> None:
    assert not pane.hand_over("wu", "wu")  # refused: to themselves
    with saved(qtbot, pane):
        assert pane.hand_over("wu", "zhou")
    wu = next(u for u in pane.doc.bundle.users if u.user == "wu")
    assert wu.disabled
    assert not pane.hand_over("zhao", "wu")  # refused: to a leaver
    with saved(qtbot, pane):
        pane.undo_action.trigger()
    assert not next(u for u in pane.doc.bundle.users if u.user == "wu").disabled


def test_entity_actions_and_scopes_edit_through_the_draft(
    qtbot: QtBot, pane: PermissionsPane
) -> None:
    model = pane.model
    row = next(r for r in range(model.rowCount()) if model.role_key(r) == "service")
    column = next(c for c in range(model.columnCount()) if model.entity_key(c) == "customer")
    assert model.index(row, column).data() == "· R E · · · ·"
    with saved(qtbot, pane):
        assert pane.set_scopes("service", "customer", {"read": "all", "archive": "own"})
    assert model.index(row, column).data() == "· R · A/o · · ·"
    with saved(qtbot, pane):
        pane.undo_action.trigger()
    assert model.index(row, column).data() == "· R E · · · ·"


def test_health_summary_and_its_workbook(
    qtbot: QtBot, pane: PermissionsPane, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: "Findings:" in pane.health_tab.health_text.text(), timeout=10_000)
    assert "Customer: 100 % of roles cannot delete it." in pane.health_tab.health_text.text()
    op = pane.health_tab.write_health(str(tmp_path / "health.xlsx"))
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert (tmp_path / "health.xlsx").stat().st_size > 1000


def test_screenshot_in_chinese(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from studio.i18n import set_language
    from widgets.translation import TRANSLATIONS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "studio_zh_CN.qm"))
    app.installTranslator(translator)
    set_language("zh_CN")
    try:
        ctx = StudioContext(workspace, "lin")
        p = PermissionsPane(ctx)
        qtbot.addWidget(p)
        qtbot.waitUntil(lambda: bool(p.doc.bundle.entities), timeout=10_000)
        show_entity(p, "contract")
        p.resize(1280, 640)
        p.show()
        qtbot.waitExposed(p)
        qtbot.waitUntil(lambda: bool(p.findings_label.text()), timeout=10_000)
        assert p.tabs.tabText(0) == "字段权限"
        assert cell(p, "contract_amount", "intern").data() == "脱敏"
        out = Path(os.environ.get("STUDIO_SCREENSHOT_DIR", tmp_path)) / "permissions_zh.png"
        assert p.grab().save(str(out))
        assert out.stat().st_size > 10_000
    finally:
        app.removeTranslator(translator)
        set_language(None)
