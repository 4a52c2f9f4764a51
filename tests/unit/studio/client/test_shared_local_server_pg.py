"""Two studios on one PostgreSQL workspace, no server configured: each starts its own local
server, and the two servers share one version chain in the workspace's database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import inspect

from studio import changes
from studio.changes.releases import live_version
from studio.client.local_server import SHARED_SCHEMA, start_local_server
from studio.client.push import push
from studio.client.server_url import configured_server
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, edit_draft, make_demo_keys


@pytest.fixture
def two_studios(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Workspace, ...]]:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    init_workspace(pg_url, sample=True).close()
    first, second = open_workspace(pg_url), open_workspace(pg_url)
    yield first, second
    first.close()
    second.close()


def test_a_push_from_one_studio_moves_the_other_studios_server_too(
    two_studios: tuple[Workspace, Workspace],
) -> None:
    ws_a, ws_b = two_studios
    make_demo_keys(ws_a)
    server_a, server_b = start_local_server(ws_a), start_local_server(ws_b)
    try:
        assert server_a.url != server_b.url
        assert server_a.sync_registry(ws_a) == 3
        assert server_b.sync_registry(ws_b) == 3  # already set by the first studio: kept

        first = changes.submit(ws_a, "lin", "First release", passphrase=PASSPHRASE)
        approve_by(ws_a, first.id, "zhou", "chen")
        pushed = push(
            ws_a, first.id, server_url=server_a.url, token=server_a.token, remember_server=False
        )
        assert pushed.version == 1
        # A's loopback URL is not stored for B: on B's machine that port is empty.
        assert configured_server(ws_b) is None

        with server_b.client() as c:
            assert c.get("/api/v1/releases/current").json()["version"] == 1

        # The second studio goes on from there through its own server.
        edit_draft(ws_b)
        second = changes.submit(ws_b, "lin", "Company required", passphrase=PASSPHRASE)
        approve_by(ws_b, second.id, "zhou", "chen")
        pushed = push(
            ws_b, second.id, server_url=server_b.url, token=server_b.token, remember_server=False
        )
        assert pushed.version == 2
        with ws_a.session() as s:
            assert live_version(s) == 2
        with server_a.client() as c:
            assert c.get("/api/v1/releases/current").json()["version"] == 2
    finally:
        server_a.stop()
        server_b.stop()

    # The server's tables live apart from the workspace's (both have a "releases" table).
    tables = inspect(ws_a.engine).get_table_names(schema=SHARED_SCHEMA)
    assert {"releases", "approvers", "records"} <= set(tables)
