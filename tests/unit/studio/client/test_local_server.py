"""The in-process reference server: starts on loopback, answers, takes the workspace's keys as
its first registry, accepts a push from the studio, and stops cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from studio import changes
from studio.changes.releases import live_version
from studio.client.local_server import data_root, start_local_server
from studio.client.push import push
from studio.client.server_url import configured_server
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, make_demo_keys


@pytest.fixture
def ws(sample_workspace_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    workspace.close()


def test_no_server_configured_until_the_person_sets_one(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    assert configured_server(ws) is None
    monkeypatch.setenv("STUDIO_SERVER_URL", "https://crm.example.com")
    assert configured_server(ws) == "https://crm.example.com"


def test_local_server_runs_the_whole_flow_and_stops(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    make_demo_keys(ws)
    server = start_local_server(ws)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.data_dir.parent == data_root()
        assert (server.data_dir / "server.db").exists()
        with httpx.Client(base_url=server.url, trust_env=False) as c:
            assert c.get("/api/v1/releases/current").status_code == 401  # token required
        assert server.sync_registry(ws) == 3
        assert server.sync_registry(ws) == 3  # a second call changes nothing
        view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
        approve_by(ws, view.id, "zhou", "chen")
        result = push(ws, view.id, server_url=server.url, token=server.token)
        assert result.version == 1
        with ws.session() as s:
            assert live_version(s) == 1
        # The stored URL is the local server's own: still "no server configured".
        assert configured_server(ws) is None
    finally:
        server.stop()
    assert not server.running
    with pytest.raises(httpx.TransportError):
        httpx.get(server.url + "/api/v1/health", timeout=2.0, trust_env=False)
    # Started again (new port, same data): the release is still there and the URL followed.
    again = start_local_server(ws)
    try:
        assert again.data_dir == server.data_dir
        with again.client() as c:
            assert c.get("/api/v1/releases/current").json()["version"] == 1
        assert configured_server(ws) is None
    finally:
        again.stop()
