"""The entity permission matrix (pytest-qt, a real sample workspace): a selection of cells set
at once, taken away at once, and a role's actions copied from another, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from studio.access.effective import role_scopes
from tests.unit.widgets.helpers import saved
from widgets.permissions.pane import PermissionsPane


def _select_column(pane: PermissionsPane, entity: str) -> None:
    column = next(c for c in range(pane.model.columnCount()) if pane.model.entity_key(c) == entity)
    pane.table.setCurrentIndex(pane.model.index(0, column))
    pane.table.selectionModel().select(
        pane.model.index(0, column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Columns,
    )


def _answer(pane: PermissionsPane, fill) -> None:  # type: ignore[no-untyped-def]
    def go() -> None:
        dialog = pane.entity_tab.scopes_dialog
        assert dialog is not None and dialog.isVisible()
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, go)


def test_a_column_of_the_entity_matrix_is_set_at_once_and_undone_at_once(
    qtbot: QtBot,
    pane: PermissionsPane,
) -> None:
    before = pane.doc.bundle
    pane.tabs.setCurrentIndex(1)
    _select_column(pane, "contract")
    assert len(pane.entity_tab.selected_pairs()) == len(before.roles)

    def read_own_only(dialog) -> None:  # type: ignore[no-untyped-def]
        for box in dialog.findChildren(QComboBox):
            box.setCurrentIndex(box.findData(""))
        dialog.findChildren(QComboBox)[1].setCurrentIndex(1)  # read: own records

    _answer(pane, read_own_only)
    with saved(qtbot, pane):
        pane.entity_tab.entity_set_button.click()
    bundle = pane.doc.bundle
    assert {r.key: role_scopes(bundle, r.key, "contract") for r in bundle.roles} == {
        r.key: {"read": "own"} for r in bundle.roles
    }
    assert role_scopes(bundle, "admin", "customer") == role_scopes(before, "admin", "customer")
    column = next(
        c for c in range(pane.model.columnCount()) if pane.model.entity_key(c) == "contract"
    )
    assert pane.model.index(0, column).data() == "· R/o · · · · ·"

    pane.undo_action.trigger()
    assert pane.doc.bundle.sha256() == before.sha256()

    _select_column(pane, "lead")
    pane.entity_tab.entity_clear_button.click()
    assert all(role_scopes(pane.doc.bundle, r.key, "lead") == {} for r in before.roles)


def test_copy_a_roles_actions_from_another(
    qtbot: QtBot,
    pane: PermissionsPane,
) -> None:
    pane.tabs.setCurrentIndex(1)
    row = next(r for r in range(pane.model.rowCount()) if pane.model.role_key(r) == "intern")
    pane.table.setCurrentIndex(pane.model.index(row, 0))

    def from_sales(dialog) -> None:  # type: ignore[no-untyped-def]
        box = dialog.findChild(QComboBox, "entity_copy_source")
        box.setCurrentIndex(box.findData("sales"))

    _answer(pane, from_sales)
    pane.entity_tab.entity_copy_button.click()
    bundle = pane.doc.bundle
    for e in bundle.entities:
        assert role_scopes(bundle, "intern", e.key) == role_scopes(bundle, "sales", e.key)
    pane.undo_action.trigger()
    assert role_scopes(pane.doc.bundle, "intern", "customer") != role_scopes(
        pane.doc.bundle, "sales", "customer"
    )


def test_fix_all_archives_instead_of_deleting_in_one_step(
    qtbot: QtBot,
    pane: PermissionsPane,
) -> None:
    before = pane.doc.bundle
    assert pane.set_scopes("sales", "customer", {"read": "all", "edit": "own", "delete": "own"})
    qtbot.waitUntil(
        lambda: any(f.code == "protected_delete" for f in pane.findings), timeout=10_000
    )
    assert pane.fix_button.isEnabled()
    pane.fix_button.click()
    scopes = role_scopes(pane.doc.bundle, "sales", "customer")
    assert "delete" not in scopes and scopes["archive"] == "own"
    qtbot.waitUntil(lambda: not pane.fix_button.isEnabled(), timeout=10_000)
    pane.undo_action.trigger()  # the fix, one step
    assert "delete" in role_scopes(pane.doc.bundle, "sales", "customer")
    pane.undo_action.trigger()
    assert pane.doc.bundle.sha256() == before.sha256()
