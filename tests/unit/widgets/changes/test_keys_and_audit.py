"""File > Signing key… (create, rotate) and the Audit pane (verify, export to Excel)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook
from sqlalchemy import update

from schema.models import AuditRow
from studio import i18n
from studio.changes import keys
from studio.workspace.connection import Workspace
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.audit.pane import AuditPane
from widgets.changes.keys_dialog import SigningKeyDialog
from widgets.context import StudioContext

PASS = "a long passphrase"


def _active(ws: Workspace, user: str) -> list[str]:
    return [k.key_id for k in keys.list_keys(ws) if k.user == user and k.revoked_at is None]


def test_signing_key_dialog_creates_then_rotates_the_key(
    qtbot: QtBot, ctx: StudioContext, ws: Workspace
) -> None:
    ctx.set_user("zhou")
    dialog = SigningKeyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.action_button.isEnabled, timeout=SIGNAL_TIMEOUT)
    assert "no signing key yet" in dialog.state_label.text()
    dialog.pass1.setText(PASS)
    dialog.pass2.setText(PASS + "x")
    dialog.action_button.click()
    assert "differ" in dialog.error_label.text() and _active(ws, "zhou") == []
    dialog.pass1.setText("short")
    dialog.pass2.setText("short")
    dialog.action_button.click()
    qtbot.waitUntil(lambda: "at least 8" in dialog.error_label.text(), timeout=SIGNAL_TIMEOUT)
    dialog.pass1.setText(PASS)
    dialog.pass2.setText(PASS)
    with qtbot.waitSignal(dialog.key_changed, timeout=SIGNAL_TIMEOUT) as created:
        dialog.action_button.click()
    first = created.args[0].key_id
    assert _active(ws, "zhou") == [first]
    qtbot.waitUntil(lambda: first in dialog.state_label.text(), timeout=SIGNAL_TIMEOUT)
    assert "Rotate" in dialog.action_button.text()
    dialog.pass1.setText(PASS)
    dialog.pass2.setText(PASS)
    with qtbot.waitSignal(dialog.key_changed, timeout=SIGNAL_TIMEOUT) as rotated:
        dialog.action_button.click()
    new = rotated.args[0].key_id
    # The old key keeps signing until a release carrying the new one is live (studio.changes.keys).
    assert new != first and _active(ws, "zhou") == [first, new]
    qtbot.waitUntil(lambda: new in dialog.state_label.text(), timeout=SIGNAL_TIMEOUT)
    assert first in dialog.state_label.text()


@pytest.fixture
def audit_pane(qtbot: QtBot, ctx: StudioContext) -> AuditPane:
    pane = AuditPane(ctx)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.show()
    return pane


def test_audit_pane_verifies_and_exports(
    qtbot: QtBot, audit_pane: AuditPane, ws: Workspace, tmp_path: Path
) -> None:
    assert audit_pane.model.rowCount() >= 1
    with qtbot.waitSignal(audit_pane.verified, timeout=SIGNAL_TIMEOUT):
        audit_pane.verify_button.click()
    assert audit_pane.result_label.text().startswith("Intact")
    out = tmp_path / "audit.xlsx"
    with qtbot.waitSignals([audit_pane.exported, audit_pane.loaded], timeout=SIGNAL_TIMEOUT):
        audit_pane.export_to(out)
    assert (
        "Exported" in audit_pane.result_label.text()
        and "chain intact" in audit_pane.result_label.text()
    )
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["id", "at", "actor", "action"]
    # The export is itself an audited action, shown at the top after the refresh.
    assert audit_pane.model.index(0, 2).data() == "exported"
    # Issue 19: details read as "name: value" pairs in words, not raw JSON; the time is local,
    # with UTC in its tooltip; actions are words of the UI's language.
    details = audit_pane.model.index(0, 4).data()
    assert "What: Audit log" in details and "{" not in details
    assert audit_pane.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).endswith("UTC")
    i18n.set_language("zh_CN")
    try:
        from widgets.audit.log_model import read_log

        assert read_log(ws)[0][2] == "导出"
    finally:
        i18n.set_language(None)


def test_audit_pane_reports_a_tampered_chain(
    qtbot: QtBot, audit_pane: AuditPane, ws: Workspace
) -> None:
    with ws.session() as s:
        first = s.query(AuditRow).order_by(AuditRow.id).first()
        assert first is not None
        s.execute(update(AuditRow).where(AuditRow.id == first.id).values(actor="mallory"))
    with qtbot.waitSignal(audit_pane.verified, timeout=SIGNAL_TIMEOUT) as done:
        audit_pane.verify_button.click()
    assert not done.args[0].intact
    assert "Broken at entry" in audit_pane.result_label.text()


def test_audit_pane_export_through_the_file_dialog(
    qtbot: QtBot, audit_pane: AuditPane, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chosen"  # the person typed no extension
    monkeypatch.setattr(
        "widgets.audit.pane.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (str(target), "Excel (*.xlsx)"),
    )
    with qtbot.waitSignal(audit_pane.exported, timeout=SIGNAL_TIMEOUT):
        audit_pane.export_button.click()
    assert (tmp_path / "chosen.xlsx").exists()


def test_the_audit_log_filters_as_the_admin_types(
    qtbot: QtBot, audit_pane: AuditPane, ws: Workspace
) -> None:
    from studio.audit import log as audit

    with ws.session() as s:
        audit.append(s, "zhou", "approve", "change 1234", {"comment": "财务已确认 OK"})
        audit.append(s, "chen", "reject", "change 5678", {"comment": "缺少合同金额"})
    with qtbot.waitSignal(audit_pane.loaded, timeout=SIGNAL_TIMEOUT):
        audit_pane.reload()
    total = audit_pane.model.rowCount()
    assert total >= 3 and audit_pane.shown.rowCount() == total

    def shown_actions() -> list[str]:
        return [audit_pane.shown.index(r, 2).data() for r in range(audit_pane.shown.rowCount())]

    qtbot.keyClicks(audit_pane.filter, "APPROVE")  # any case
    assert shown_actions() == ["approved"]  # the action in the UI's language
    assert audit_pane.count_label.text() == f"1 of {total}"
    audit_pane.filter.setText("合同金额")  # the details, in Chinese
    assert shown_actions() == ["rejected"]
    audit_pane.filter.clear()
    assert audit_pane.shown.rowCount() == total and audit_pane.count_label.text() == ""
    # Ctrl+F goes to the filter wherever the focus is in the pane
    from PySide6.QtCore import Qt

    audit_pane.activateWindow()
    audit_pane.table.setFocus()
    qtbot.keyClick(audit_pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: audit_pane.filter.hasFocus(), timeout=5_000)
