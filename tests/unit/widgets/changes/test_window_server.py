"""The main window starts the studio's own server when none is configured, and stops it on quit."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.app import build_main_window


def test_local_server_starts_with_the_window_and_stops_on_close(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    window = build_main_window(str(sample_workspace_path), None)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ctx.server_changed, timeout=SIGNAL_TIMEOUT):
        window.show()
    local = window.ctx.local_server
    assert local is not None and local.url.startswith("http://127.0.0.1:")
    assert local.url in window.panes["changes"].server_label.text()
    assert httpx.get(local.url + "/api/v1/health", trust_env=False).status_code == 200
    assert window.findChild(type(window.menuBar().actions()[0]), "action_signing_key")
    window.close()
    assert not local.running and window.ctx.local_server is None


def test_a_configured_server_is_used_instead(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_SERVER_URL", "https://crm.example.com")
    window = build_main_window(str(sample_workspace_path), None)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ctx.server_changed, timeout=SIGNAL_TIMEOUT):
        window.show()
    assert window.ctx.local_server is None
    assert window.ctx.server_url == "https://crm.example.com"
    assert "https://crm.example.com" in window.panes["changes"].server_label.text()
