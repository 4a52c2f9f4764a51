"""One rule for which server the studio talks to (push, sync, statistics, the GUI's start-up)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from schema.models import WorkspaceMeta
from studio.client.http import PushError
from studio.client.server_url import (
    META_LOCAL_URL,
    META_SERVER,
    configured_server,
    resolve_server_url,
)
from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture
def ws(sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    workspace.close()


def _store(ws: Workspace, **meta: str) -> None:
    with ws.session() as s:
        for key, value in meta.items():
            s.merge(WorkspaceMeta(key=key, value=value))


def test_option_then_environment_then_the_last_push(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert configured_server(ws) is None
    with pytest.raises(PushError, match="No server configured"):
        resolve_server_url(ws)
    _store(ws, **{META_SERVER: "https://stored.example.com/"})
    assert configured_server(ws) == resolve_server_url(ws) == "https://stored.example.com"
    monkeypatch.setenv("STUDIO_SERVER_URL", "https://env.example.com")
    assert resolve_server_url(ws) == "https://env.example.com"
    assert resolve_server_url(ws, "https://option.example.com") == "https://option.example.com"


def test_a_url_a_local_server_stored_counts_for_nobody(ws: Workspace) -> None:
    """Its port changes every start: push, sync and statistics must not go there either."""
    _store(ws, **{META_SERVER: "http://127.0.0.1:41234", META_LOCAL_URL: "http://127.0.0.1:41234"})
    assert configured_server(ws) is None
    with pytest.raises(PushError, match="No server configured"):
        resolve_server_url(ws)


def test_a_refused_url_is_refused_by_every_caller(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_SERVER_URL", "http://crm.example.com")
    with pytest.raises(PushError, match="Refusing plain HTTP"):
        configured_server(ws)
    with pytest.raises(PushError, match="Refusing plain HTTP"):
        resolve_server_url(ws)
