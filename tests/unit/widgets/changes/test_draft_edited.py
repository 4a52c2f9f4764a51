"""The Changes pane says when the draft moved on after a submit, and when a stored change was
altered behind the studio's back (real keys in the real OS keyring, a real SQLite workspace)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from studio import changes
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, make_demo_keys
from tests.helpers.draft_edits import edit_customer, rename_name_label
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.changes.pane import ChangesPane


def _reload(qtbot: QtBot, pane: ChangesPane) -> None:
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()


def _select(pane: ChangesPane, change_id: str) -> None:
    pane.tabs.setCurrentIndex(1)
    rows = [pane.change_model.row_at(r).id for r in range(pane.change_model.rowCount())]
    pane.change_table.selectRow(rows.index(change_id))


def test_banner_after_an_edit_then_submit_again_supersedes_the_approved_change(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    make_demo_keys(ws)
    old = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    approve_by(ws, old.id, "zhou", "chen")
    _reload(qtbot, pane)
    assert not pane.edited_banner.isVisible()

    edit_customer(ws, rename_name_label)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.ctx.draft_changed()
    pane.tabs.setCurrentIndex(0)
    banner = pane.edited_banner.label.text()
    assert pane.edited_banner.isVisible()
    assert f"since change {old.id[:8]} (“First release”) was submitted" in banner
    assert "these edits are not part of it" in banner
    assert "the approvals given so far will not count for the new change" in banner
    assert pane.edited_banner.submit_button.isEnabled()

    # The approved change is still exactly what was signed: pushable, with the same note.
    _select(pane, old.id)
    assert pane.change_model.index(0, 2).data() == (
        "approved, ready to push (the draft was edited since)"
    )
    assert pane.push_button.isEnabled()
    status = pane.change_status.text()
    assert status.startswith("Approved: ready to push") and "these edits are not part" in status

    pane.tabs.setCurrentIndex(0)
    pane.edited_banner.submit_button.click()
    dialog = pane.submit_dialog
    assert dialog is not None and dialog.isVisible()
    intro = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"This supersedes change {old.id[:8]}" in intro
    dialog.title_edit.setText("First release, clearer customer name")
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        dialog.ok_button.click()
    assert not pane.edited_banner.isVisible()
    assert pane.change_model.rowCount() == 2
    assert pane.change_model.index(0, 2).data() == "waiting for approvals"
    assert pane.change_model.index(1, 2).data() == "superseded"
    _select(pane, old.id)
    assert not pane.push_button.isEnabled()
    assert "superseded by a newer submission" in pane.change_status.text()
    assert "these edits" not in pane.change_status.text()


def test_an_altered_change_is_red_in_the_list_and_cannot_be_pushed(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    make_demo_keys(ws)
    view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    approve_by(ws, view.id, "zhou", "chen")
    with ws.session() as s:
        s.execute(
            text(
                "UPDATE change_requests SET bundle_json = replace(bundle_json, :a, :b) "
                "WHERE id = :id"
            ),
            {"a": '"required":true', "b": '"required":false', "id": view.id},
        )
    _reload(qtbot, pane)
    _select(pane, view.id)
    assert pane.change_model.index(0, 2).data() == "altered (not what was approved)"
    assert pane.change_model.index(0, 4).data() == (
        "zhou (business_lead): approved (does not count), "
        "chen (it_admin): approved (does not count)"
    )
    assert not pane.push_button.isEnabled()
    status = pane.change_status.text()
    assert "no longer matches what was submitted and approved" in status
    assert "b3261e" in pane.change_status.styleSheet()
    with qtbot.waitSignal(pane.message_shown, timeout=SIGNAL_TIMEOUT) as shown:
        pane.push_selected()  # a stale button: the pane says why instead of pushing
    assert "no longer matches" in shown.args[0]
    assert not pane.edited_banner.isVisible()  # the draft is still what was submitted
