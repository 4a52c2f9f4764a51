"""Pushing through a real faulty network: 502s, a connection dropped after the server committed,
a timeout, a 401. Whatever happens, the release is applied exactly once and the local live
version is the server's."""

from __future__ import annotations

import pytest

from studio import changes
from studio.changes import ChangeView
from studio.changes.releases import live_version
from studio.client.push import AuthError, RetryPolicy, ServerUnavailable, push
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import submit_and_approve
from tests.helpers.fault_proxy import fault_proxy
from tests.helpers.server import LiveServer, release_versions

# Transient faults make the push client retry, and stamina logs each retry as a warning.
pytestmark = pytest.mark.allow_log

FAST = RetryPolicy(
    attempts=4, request_timeout=1.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)


@pytest.fixture
def approved(ws: Workspace) -> ChangeView:
    return submit_and_approve(ws, "First release")


def _local(ws: Workspace) -> int | None:
    with ws.session() as s:
        return live_version(s)


def _posts(log: list[tuple[str, str, str]]) -> list[str]:
    """The pushes of the release (the audit head that follows a push is not one)."""
    return [
        action
        for method, path, action in log
        if method == "POST" and path.startswith("/api/v1/releases")
    ]


def test_502_then_pass_applies_once(
    ws: Workspace, server: LiveServer, approved: ChangeView
) -> None:
    with fault_proxy(server.base_url, ["502", "502"]) as proxy:
        result = push(ws, approved.id, server_url=proxy.url, token=server.token, retry=FAST)
    assert result.version == 1 and result.attempts == 3
    assert _posts(proxy.log) == ["502", "502", "pass"]
    assert release_versions(server) == [1] and _local(ws) == 1


def test_connection_dropped_after_the_server_committed(
    ws: Workspace, server: LiveServer, approved: ChangeView
) -> None:
    with fault_proxy(server.base_url, ["drop_after_commit"]) as proxy:
        result = push(ws, approved.id, server_url=proxy.url, token=server.token, retry=FAST)
    # The retry got the server's first answer back (Idempotent-Replayed); nothing applied twice.
    assert result.replayed and result.attempts == 2
    assert release_versions(server) == [1] and _local(ws) == 1


def test_crash_mid_push_then_push_again_after_restart(
    ws: Workspace, server: LiveServer, approved: ChangeView
) -> None:
    """Every attempt loses the answer: the studio gives up without marking anything live; a
    restarted studio pushes again and gets the server's confirmation of the one release."""
    once = RetryPolicy(
        attempts=2, request_timeout=1.0, wait_initial=0.05, wait_max=0.1, wait_jitter=0.0
    )
    with (
        fault_proxy(server.base_url, ["drop_after_commit", "drop_after_commit"]) as proxy,
        pytest.raises(ServerUnavailable, match="nothing was marked live"),
    ):
        push(ws, approved.id, server_url=proxy.url, token=server.token, retry=once)
    assert release_versions(server) == [1]
    assert _local(ws) is None
    assert changes.get_change(ws, approved.id).state == "approved"
    restarted = open_workspace(ws.target)
    try:
        result = push(
            restarted, approved.id, server_url=server.base_url, token=server.token, retry=FAST
        )
    finally:
        restarted.close()
    assert result.version == 1 and result.replayed
    assert release_versions(server) == [1] and _local(ws) == 1


def test_timeout_is_retried(ws: Workspace, server: LiveServer, approved: ChangeView) -> None:
    with fault_proxy(server.base_url, ["hang"], hang_seconds=2.5) as proxy:
        result = push(ws, approved.id, server_url=proxy.url, token=server.token, retry=FAST)
    assert _posts(proxy.log) == ["hang", "pass"]
    assert result.version == 1
    assert release_versions(server) == [1] and _local(ws) == 1


def test_401_is_not_retried_and_says_so(
    ws: Workspace, server: LiveServer, approved: ChangeView
) -> None:
    with (
        fault_proxy(server.base_url, ["401"]) as proxy,
        pytest.raises(AuthError, match="token expired"),
    ):
        push(ws, approved.id, server_url=proxy.url, token=server.token, retry=FAST)
    assert _posts(proxy.log) == ["401"]
    assert release_versions(server) == [] and _local(ws) is None
    # With a good path again, the same change goes live once.
    assert (
        push(ws, approved.id, server_url=server.base_url, token=server.token, retry=FAST).version
        == 1
    )
    assert release_versions(server) == [1]


def test_server_down_gives_up_with_a_clear_message(ws: Workspace, approved: ChangeView) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ServerUnavailable, match="did not answer after 4 attempts"):
        push(ws, approved.id, server_url=f"http://127.0.0.1:{port}", token="t" * 32, retry=FAST)
    assert _local(ws) is None
