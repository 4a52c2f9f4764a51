"""The Permissions pane judges a leaver by the records the server still gives them (issue 14):
asked off the UI thread, then the finding becomes an error with the count, and the health
summary says it. A real `studio serve` on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.impact import load_customers
from tests.helpers.leavers import CUSTOMERS, HELD, disable_wu_without_hand_over
from tests.helpers.server import LiveServer
from widgets.context import StudioContext
from widgets.permissions.pane import PermissionsPane


def test_the_pane_shows_how_many_records_a_leaver_still_owns(
    qtbot: QtBot,
    sample_workspace_path: Path,
    live_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", live_server.token)
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    load_customers(live_server, CUSTOMERS)
    disable_wu_without_hand_over(sample_workspace_path)
    ws: Workspace = open_workspace(str(sample_workspace_path))
    try:
        ctx = StudioContext(ws, "lin")
        ctx.server_url = live_server.base_url
        pane = PermissionsPane(ctx)
        qtbot.addWidget(pane)
        pane.show()
        qtbot.waitUntil(lambda: HELD in pane.findings_label.text(), timeout=15_000)
        assert any(f.code == "disabled_user_holds_records" and f.blocking for f in pane.findings)
        qtbot.waitUntil(
            lambda: "wu (2 records still theirs)" in pane.health_tab.health_text.text(),
            timeout=15_000,
        )
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)
        ws.close()
