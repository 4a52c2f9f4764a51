"""The Permissions pane's actions that need something chosen say so by being disabled, and the
leaver hand-over cannot be asked of one person to themselves (OK did nothing, silently)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from widgets.permissions.pane import PermissionsPane


def test_copy_role_needs_a_cell(qtbot: QtBot, pane: PermissionsPane) -> None:
    pane.matrix.setCurrentIndex(pane.field_model.index(-1, -1))
    assert not pane.copy_button.isEnabled()
    pane.matrix.setCurrentIndex(pane.field_model.index(0, 1))
    assert pane.copy_button.isEnabled()


def test_the_hand_over_is_from_one_person_to_another(qtbot: QtBot, pane: PermissionsPane) -> None:
    before = pane.doc.bundle
    pane.hand_over_dialog()
    dialog = pane.leaver_dialog
    assert dialog is not None and dialog.isVisible()
    leaver, successor = dialog.findChildren(QComboBox)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert leaver.currentData() != successor.currentData() and ok.isEnabled()
    successor.setCurrentIndex(successor.findData(leaver.currentData()))
    assert not ok.isEnabled()
    leaver.setCurrentIndex(leaver.findData("wu"))
    successor.setCurrentIndex(successor.findData("zhou"))
    assert ok.isEnabled()
    ok.click()
    wu = next(u for u in pane.doc.bundle.users if u.user == "wu")
    assert pane.doc.bundle is not before and wu.disabled
