"""Roles, users and teams in the Permissions pane (pytest-qt, a real sample workspace): create,
copy, rename, staff, disable and delete through dialogs and buttons; refusals say who uses what;
every change is one undo step and is saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from studio.access.effective import effective_access
from studio.bundle.access import access_of
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace
from tests.unit.widgets.helpers import saved
from widgets.permissions.pane import PermissionsPane


def answer(tab, fill: Callable[[QDialog], None]) -> None:  # type: ignore[no-untyped-def]
    """Fill the next dialog the tab opens, then press OK (the dialog runs modal)."""

    def go() -> None:
        dialog = tab.dialog
        assert dialog is not None
        fill(dialog)
        dialog.accept()

    QTimer.singleShot(0, go)


def texts(dialog: QDialog, *values: str) -> None:
    for edit, value in zip(dialog.findChildren(QLineEdit), values, strict=True):
        edit.setText(value)


def rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_roles_copied_and_renamed_through_the_buttons(
    qtbot: QtBot,
    pane: PermissionsPane,
    workspace: Workspace,
) -> None:
    tab = pane.people
    pane.tabs.setCurrentWidget(tab)
    tab.select(tab.roles, "sales")
    answer(tab, lambda d: texts(d, "sales_trainee", "销售实习", "Sales trainee"))
    with saved(qtbot, pane):
        tab.buttons["Copy role…"].click()
    assert ["sales_trainee", "Sales trainee", "0"] in rows(tab.roles)
    copy = effective_access(pane.doc.bundle, "customer", role="sales_trainee")
    assert copy.action("edit").scope == "own"  # sales' permissions came along

    tab.select(tab.roles, "sales_trainee")
    answer(tab, lambda d: texts(d, "销售见习", "Sales apprentice"))
    with saved(qtbot, pane):
        tab.buttons["Rename role…"].click()
    assert ["sales_trainee", "Sales apprentice", "0"] in rows(tab.roles)
    with workspace.session() as s:
        stored = {r.key: r.label.en for r in load_draft(s).roles}
    assert stored["sales_trainee"] == "Sales apprentice"

    pane.undo_action.trigger()  # the rename, one step
    assert ["sales_trainee", "Sales trainee", "0"] in rows(tab.roles)

    tab.select(tab.roles, "sales")
    tab.buttons["Delete role"].click()
    assert tab.message.text() == "wu still hold the role sales; give them another role first."


def test_users_created_disabled_and_deleted_only_when_unused(
    qtbot: QtBot,
    pane: PermissionsPane,
) -> None:
    tab = pane.people
    pane.tabs.setCurrentWidget(tab)

    def new_user(d: QDialog) -> None:
        texts(d, "qian", "钱七 Qian Qi")
        role = d.findChild(QComboBox)
        role.setCurrentIndex(role.findData("service"))

    answer(tab, new_user)
    tab.buttons["New user…"].click()
    assert ["qian", "钱七 Qian Qi", "Customer service", ""] in rows(tab.users)

    tab.select(tab.users, "qian")
    tab.buttons["Disable / enable"].click()
    assert ["qian", "钱七 Qian Qi", "Customer service", "disabled"] in rows(tab.users)
    assert next(u for u in pane.doc.bundle.users if u.user == "qian").disabled

    tab.select(tab.users, "wu")  # in the east China sales team: not deleted, and said why
    tab.buttons["Delete user"].click()
    assert tab.message.text() == (
        "wu cannot be deleted: wu is in team east_sales. Change that first, or disable them."
    )
    assert "wu" in {u.user for u in pane.doc.bundle.users}

    tab.select(tab.users, "qian")
    tab.buttons["Delete user"].click()
    assert tab.message.text() == ""
    assert "qian" not in {u.user for u in pane.doc.bundle.users}
    pane.undo_action.trigger()
    assert "qian" in {u.user for u in pane.doc.bundle.users}

    tab.select(tab.users, "admin")
    tab.buttons["Disable / enable"].click()
    assert "last active admin" in tab.message.text()


def test_teams_created_staffed_renamed_and_deleted(
    qtbot: QtBot,
    pane: PermissionsPane,
) -> None:
    tab = pane.people
    pane.tabs.setCurrentWidget(tab)
    answer(tab, lambda d: texts(d, "north", "华北销售组", "North sales"))
    tab.buttons["New team…"].click()
    assert ["north", "North sales", "", ""] in rows(tab.teams)

    def staff(d: QDialog) -> None:
        leader = d.findChild(QComboBox, "team_leader")
        leader.setCurrentIndex(leader.findData("zhou"))
        members = d.findChild(QListWidget, "team_members")
        for i in range(members.count()):
            if members.item(i).data(Qt.ItemDataRole.UserRole) in ("wu", "zhao"):
                members.item(i).setCheckState(Qt.CheckState.Checked)

    tab.select(tab.teams, "north")
    answer(tab, staff)
    with saved(qtbot, pane):
        tab.buttons["Members…"].click()
    assert ["north", "North sales", "zhou", "wu, zhao"] in rows(tab.teams)
    team = next(t for t in access_of(pane.doc.bundle).teams if t.key == "north")
    assert (team.leader, team.members) == ("zhou", ("wu", "zhao"))

    tab.select(tab.teams, "north")
    answer(tab, lambda d: texts(d, "华北大区", "North region"))
    tab.buttons["Rename team…"].click()
    assert ["north", "North region", "zhou", "wu, zhao"] in rows(tab.teams)

    tab.select(tab.teams, "north")
    tab.buttons["Delete team"].click()
    assert "north" not in {t.key for t in access_of(pane.doc.bundle).teams}
    pane.undo_action.trigger()
    assert "north" in {t.key for t in access_of(pane.doc.bundle).teams}
