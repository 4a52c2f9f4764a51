"""The whole change flow through the GUI, as the README tells it: the studio's own server on
loopback, lin submits, zhou and chen approve in the review dialog, push, roll back from History."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.changes.releases import live_version
from tests.e2e.test_rollback_across_added_field import add_tax_no
from tests.helpers.change_flow import PASSPHRASE, make_demo_keys
from tests.helpers.draft_edits import edit_customer, rename_name_label
from tests.helpers.review_gui import open_review
from widgets.app import build_main_window
from widgets.changes.pane import ChangesPane

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TIMEOUT = 20_000


def _approve_as(qtbot: QtBot, pane: ChangesPane, user: str) -> None:
    dialog = open_review(qtbot, pane, user, timeout=TIMEOUT)  # Approve waits for the review
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignals([dialog.decided, pane.loaded], timeout=TIMEOUT):
        dialog.approve_button.click()


def _push(qtbot: QtBot, pane: ChangesPane) -> None:
    pane.change_table.selectRow(0)
    assert pane.push_button.isEnabled(), pane.change_status.text()
    pane.push_button.click()
    assert pane.push_runner is not None
    with qtbot.waitSignals([pane.push_runner.succeeded, pane.loaded], timeout=TIMEOUT):
        pass


def test_submit_approve_push_and_roll_back_in_the_window(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    window = build_main_window(str(sample_workspace_path), "lin")
    qtbot.addWidget(window)
    make_demo_keys(window.ctx.workspace)
    pane: ChangesPane = window.panes["changes"]  # type: ignore[assignment]
    with qtbot.waitSignal(window.ctx.server_changed, timeout=TIMEOUT):
        window.show()
    assert window.ctx.local_server is not None

    # lin submits the sample as the first release.
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.reload()
    pane.submit_button.click()
    assert pane.submit_dialog is not None
    pane.submit_dialog.title_edit.setText("First release")
    pane.submit_dialog.passphrase_edit.setText(PASSPHRASE)  # lin signs what lin submits
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.submit_dialog.ok_button.click()
    _approve_as(qtbot, pane, "zhou")
    _approve_as(qtbot, pane, "chen")
    _push(qtbot, pane)
    with window.ctx.workspace.session() as s:
        assert live_version(s) == 1

    # History: v1 is live; a rollback to it needs v2 first, so make v2 through the same flow.
    # v2 adds a field: the rollback keeps it, deprecated and hidden (issue 19).
    edit_customer(window.ctx.workspace, lambda c: add_tax_no(rename_name_label(c)))
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.ctx.set_user("lin")
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.ctx.draft_changed()
    pane.submit_button.click()
    pane.submit_dialog.title_edit.setText("Clearer customer name")  # type: ignore[union-attr]
    pane.submit_dialog.passphrase_edit.setText(PASSPHRASE)  # type: ignore[union-attr]
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.submit_dialog.ok_button.click()  # type: ignore[union-attr]
    _approve_as(qtbot, pane, "zhou")
    _approve_as(qtbot, pane, "chen")
    _push(qtbot, pane)

    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.ctx.set_user("lin")
    pane.tabs.setCurrentIndex(2)
    pane.history_table.selectRow(1)
    assert pane.history_model.row_at(1).version == 1
    pane.rollback_button.click()
    pane.submit_dialog.passphrase_edit.setText(PASSPHRASE)  # type: ignore[union-attr]
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.submit_dialog.ok_button.click()  # type: ignore[union-attr]
    assert "Submitted" in pane.message_label.text()
    # The reviewer reads, in plain words, that the field added since stays with its data.
    review = open_review(qtbot, pane, "zhou", timeout=TIMEOUT)
    assert "A rollback to v1" in review.status_label.text()
    assert "deprecated and hidden" in review.status_label.text()
    assert "customer.tax_no is retired" in review.details.impact_label.text()
    review.reject_dialog()
    _approve_as(qtbot, pane, "zhou")
    _approve_as(qtbot, pane, "chen")
    _push(qtbot, pane)
    with window.ctx.workspace.session() as s:
        assert live_version(s) == 3
    assert pane.history_model.index(0, 0).data() == "v3 (live)"
    local = window.ctx.local_server
    with local.client() as c:
        current = c.get("/api/v1/releases/current").json()
    assert current["version"] == 3
    # v1's configuration is live with tax_no retired: not v1's bundle byte for byte.
    assert current["bundle_sha256"] != pane.history_model.row_at(2).bundle_sha256
    tax_no = [f for f in current["bundle"]["entities"][0]["fields"] if f["key"] == "tax_no"]
    assert tax_no and tax_no[0]["deprecated"] and tax_no[0]["hidden"]

    # The draft still holds v2's edits: the pane says so and offers to reset it to live.
    with qtbot.waitSignal(pane.loaded, timeout=TIMEOUT):
        pane.ctx.set_user("lin")
    pane.tabs.setCurrentIndex(0)
    assert not pane.draft_tab.rollback_note.isHidden()
    assert "a rollback to v1" in pane.draft_tab.rollback_note.text()
    assert pane.reset_button.isEnabled()
    pane.reset_button.click()
    confirm = pane.draft_tab.reset_confirm
    assert confirm is not None and "v3" in confirm.text()
    with qtbot.waitSignals([pane.draft_tab.reset_done, pane.loaded], timeout=TIMEOUT):
        confirm.accept()
    assert "live version v3 again" in pane.message_label.text()
    assert pane.draft_tab.rollback_note.isHidden()
    assert not pane.reset_button.isEnabled() and not pane.submit_button.isEnabled()
    assert "equals the live version" in pane.submit_block_label.text()
    window.close()
    assert not local.running
