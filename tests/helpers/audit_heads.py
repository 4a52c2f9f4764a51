"""Signed audit heads as a pusher sends them (``POST /api/v1/audit-heads``), made with a demo
user's workspace key (in the real keyring), for tests that attack the server's head checks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from studio.changes import keys
from studio.changes.releases import release
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE
from tests.helpers.server import LiveServer

HeadBody = Callable[..., dict[str, Any]]


def signed_as(ws: Workspace, user: str) -> HeadBody:
    """``body(workspace, seq, hash, version, bundle_sha256=None)``: a head signed by ``user``'s
    key over that head and release ``version`` (its sha256 as the workspace holds it, unless
    ``bundle_sha256`` says otherwise)."""
    with ws.session() as s:
        key_id, key = keys.signing_key(s, user, PASSPHRASE)

    def body(
        workspace: str, seq: int, head_hash: str, version: int, bundle_sha256: str | None = None
    ) -> dict[str, Any]:
        if bundle_sha256 is None:
            with ws.session() as s:
                row = release(s, version)
                assert row is not None, f"the workspace holds no release {version}"
                bundle_sha256 = row.bundle_sha256
        return {
            "workspace": workspace,
            "seq": seq,
            "hash": head_hash,
            "version": version,
            "user": user,
            "key_id": key_id,
            "signature": signing.sign_head(key, workspace, seq, head_hash, version, bundle_sha256),
        }

    return body


def verify_against(ws: Workspace, server: LiveServer) -> subprocess.CompletedProcess[str]:
    """``studio audit verify --server`` on ``ws`` in a process of its own, in English."""
    return subprocess.run(
        [sys.executable, "-m", "studio", "audit", "verify", "--server", server.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "STUDIO_WORKSPACE": str(ws.target),
            "STUDIO_LANG": "en",
            "STUDIO_SERVER_TOKEN": server.token,
        },
    )
