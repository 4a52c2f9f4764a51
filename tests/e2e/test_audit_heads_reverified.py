"""``studio audit verify`` re-checks the signature of every head the server hands back (issue 20),
against a real ``studio serve`` run apart: a head written into the server's storage behind its
back (its checks bypassed) vouches for nothing, and verify says which entries it then cannot
vouch for."""

from __future__ import annotations

import sqlite3

from sqlalchemy import delete, select

from schema.models import AuditRow
from studio.audit.anchors import log_hashes
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.e2e.test_audit_anchors import _recompute_chain
from tests.e2e.test_audit_heads_signed import _anchor_id, _push
from tests.helpers.audit_heads import verify_against
from tests.helpers.change_flow import edit_draft
from tests.helpers.server import LiveServer, make_approver


def _server_sql(server: LiveServer, statement: str, *params: object) -> None:
    """Write the server's own database directly, as someone with access to its files would."""
    conn = sqlite3.connect(server.data_dir / "server.db")
    try:
        with conn:
            assert conn.execute(statement, params).rowcount == 1
    finally:
        conn.close()


def test_a_head_whose_signature_was_altered_on_the_server_vouches_for_nothing(
    ws: Workspace, server: LiveServer
) -> None:
    first = _push(ws, server, "First")
    edit_draft(ws, "rename_notes")
    second = _push(ws, server, "Second")
    assert verify_against(ws, server).returncode == 0
    forged = signing.sign_head(
        make_approver("lin", "it_admin", seed="mallory").private_key,
        *(_anchor_id(ws), second, "0" * 64, 2, "0" * 64),
    )
    _server_sql(server, "UPDATE signed_audit_heads SET signature = ? WHERE seq = ?", forged, second)
    done = verify_against(ws, server)
    assert done.returncode == 1, done.stdout
    assert (
        f"The head the server keeps at entry {second} (signed as lin) does not verify with a key "
        "this workspace knows: it vouches for nothing." in done.stderr
    )
    with ws.session() as s:
        last = max(log_hashes(s))
    assert f"The server vouches for entries 1 to {first}." in done.stderr
    assert f"The server cannot vouch for entries {first + 1} to {last}." in done.stderr


def test_a_head_for_a_rewritten_log_slipped_into_the_servers_storage_is_caught(
    ws: Workspace, server: LiveServer
) -> None:
    """The author cuts the approvals from the log, recomputes the chain and, with access to the
    server's files, replaces the head the push left with one for the rewritten log, signed with
    a key of their own making: the chain verifies, the heads match, and verify still refuses."""
    anchored = _push(ws, server, "First")
    with ws.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.action == "approve"))
    _recompute_chain(ws)
    with ws.session() as s:
        last = int(s.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc())) or 0)
        new_hash = log_hashes(s)[last]
    ident = _anchor_id(ws)
    mallory = make_approver("lin", "it_admin", seed="mallory")
    conn = sqlite3.connect(server.data_dir / "server.db")
    sha = conn.execute("SELECT bundle_sha256 FROM releases WHERE version = 1").fetchone()[0]
    conn.close()
    _server_sql(
        server,
        "UPDATE signed_audit_heads SET seq = ?, hash = ?, key_id = ?, signature = ? WHERE seq = ?",
        last,
        new_hash,
        mallory.key_id,
        signing.sign_head(mallory.private_key, ident, last, new_hash, 1, sha),
        anchored,
    )
    done = verify_against(ws, server)
    assert done.returncode == 1, done.stdout
    assert f"The head the server keeps at entry {last} (signed as lin) does not verify" in (
        done.stderr
    )
    assert f"The server cannot vouch for entries 1 to {last}." in done.stderr
    assert "vouches for entries 1" not in done.stdout + done.stderr
