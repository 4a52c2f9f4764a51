"""The Audit pane checks the log against the heads a real ``studio serve`` (run apart) keeps of
it (issue 20): what the server vouches for, and a log cut after a push in red."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from schema.models import AuditRow
from studio.client.push import RetryPolicy, push
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import (
    PASSPHRASE,
    make_demo_keys,
    registry_of,
    submit_and_approve,
)
from tests.helpers.server import LiveServer, run_server
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.audit.pane import AuditPane
from widgets.changes.styles import ERROR_STYLE
from widgets.context import StudioContext


@pytest.fixture
def served(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    make_demo_keys(ws)
    with run_server(data_dir=tmp_path / "server", approvers=registry_of(ws)) as server:  # type: ignore[arg-type]
        monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
        yield server


def _pushed(ws: Workspace, server: LiveServer) -> int:
    view = submit_and_approve(ws, "First")
    result = push(
        ws,
        view.id,
        server_url=server.base_url,
        token=server.token,
        retry=RetryPolicy(),
        passphrase=PASSPHRASE,
    )
    assert result.anchored is not None
    return result.anchored.seq


def _verify(qtbot: QtBot, ctx: StudioContext, server: LiveServer) -> AuditPane:
    ctx.server_url = server.base_url
    pane = AuditPane(ctx)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.show()
    with qtbot.waitSignal(pane.verified, timeout=SIGNAL_TIMEOUT):
        pane.verify_button.click()
    return pane


def test_the_audit_pane_says_what_the_server_vouches_for(
    qtbot: QtBot, ws: Workspace, ctx: StudioContext, served: LiveServer
) -> None:
    anchored = _pushed(ws, served)
    pane = _verify(qtbot, ctx, served)
    text = pane.result_label.text()
    assert text.startswith("Intact") and f"vouches for entries 1 to {anchored}" in text


def test_the_audit_pane_shows_a_log_cut_after_a_push_in_red(
    qtbot: QtBot, ws: Workspace, ctx: StudioContext, served: LiveServer
) -> None:
    anchored = _pushed(ws, served)
    with ws.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.seq > anchored - 3))
    pane = _verify(qtbot, ctx, served)
    assert "it was truncated" in pane.result_label.text()
    assert pane.result_label.styleSheet() == ERROR_STYLE
