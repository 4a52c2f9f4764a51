"""The audit log anchored on the server (issue 20), against a real ``studio serve`` run apart.

Each push leaves the log's head (sequence number and hash) with the server, which keeps it;
``studio audit verify`` checks the log against those heads. What the chain alone let through is
caught: the last entries deleted, the whole log deleted, entries deleted and the chain
recomputed. And a push whose submission or approvals were cut from the log is refused.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import delete, select, text

from schema.models import AuditRow
from studio import changes
from studio.audit import log as audit
from studio.audit.anchors import check_heads, log_hashes
from studio.bundle.sample import sample_bundle
from studio.changes import ChangeRefused
from studio.client.anchor import fetch_heads
from studio.client.push import RetryPolicy, push
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.helpers.audit_heads import signed_as, verify_against
from tests.helpers.change_flow import PASSPHRASE, edit_draft, submit_and_approve
from tests.helpers.fault_proxy import fault_proxy
from tests.helpers.server import (
    LiveServer,
    demo_approver,
    release_document,
    release_versions,
)

FAST = RetryPolicy(
    attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)
HEADS = "/api/v1/audit-heads"


def _push_v1(ws: Workspace, server: LiveServer) -> int:
    """v1 pushed; the sequence number of the head the push anchored."""
    view = submit_and_approve(ws, "First")
    result = push(
        ws,
        view.id,
        server_url=server.base_url,
        token=server.token,
        retry=FAST,
        passphrase=PASSPHRASE,
    )
    assert result.anchored is not None and result.anchor_problem is None
    with ws.session() as s:
        assert result.anchored.seq == s.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()))
    return result.anchored.seq


def _recompute_chain(ws: Workspace) -> None:
    """Renumber and rehash the whole log, as someone covering a deletion would."""
    with ws.session() as s:
        prev = audit.GENESIS
        for number, row in enumerate(
            s.scalars(select(AuditRow).order_by(AuditRow.seq)).all(), start=1
        ):
            row.seq = number
            row.prev_hash = prev
            row.hash = audit._entry_hash(
                prev, audit._stamp(row), row.actor, row.action, row.subject, row.details
            )
            prev = row.hash
            s.flush()
        assert audit.verify(s).intact  # the chain alone sees nothing


def test_each_push_anchors_the_head_and_verify_says_what_the_server_vouches_for(
    ws: Workspace, server: LiveServer
) -> None:
    anchored = _push_v1(ws, server)
    done = verify_against(ws, server)
    assert done.returncode == 0, done.stderr
    assert f"The server vouches for entries 1 to {anchored}." in done.stdout
    # New entries after the push: the server cannot vouch for them until the next push.
    edit_draft(ws, "rename_notes")
    changes.submit(ws, "lin", "Rename notes")
    with ws.session() as s:
        last = max(log_hashes(s))
    done = verify_against(ws, server)
    assert done.returncode == 0, done.stderr
    assert f"Entries {anchored + 1} to {last} are not anchored on the server yet" in done.stdout


def test_the_last_entries_deleted_are_caught(ws: Workspace, server: LiveServer) -> None:
    anchored = _push_v1(ws, server)
    with ws.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.seq > anchored - 3))
        assert audit.verify(s).intact  # no gap in the chain: the cut is at its end
    done = verify_against(ws, server)
    assert done.returncode == 1
    assert (
        f"Entries {anchored - 2} to {anchored} were anchored on the server but are missing "
        "from this log: it was truncated." in done.stderr
    )


def test_the_whole_log_deleted_is_caught(ws: Workspace, server: LiveServer) -> None:
    anchored = _push_v1(ws, server)
    with ws.session() as s:
        s.execute(delete(AuditRow))
    done = verify_against(ws, server)
    assert done.returncode == 1 and "intact (0 entries)" not in done.stdout
    assert f"Entries 1 to {anchored} were anchored on the server but are missing" in done.stderr


def test_entries_deleted_and_the_chain_recomputed_are_caught(
    ws: Workspace, server: LiveServer
) -> None:
    anchored = _push_v1(ws, server)
    with ws.session() as s:
        # the first approval goes, and the chain is made whole again around the hole
        first_approval = s.scalar(
            select(AuditRow.seq).where(AuditRow.action == "approve").order_by(AuditRow.seq)
        )
        s.execute(delete(AuditRow).where(AuditRow.seq == first_approval))
    _recompute_chain(ws)
    # Padded back to the anchored length, the entry at the anchored position is another one.
    edit_draft(ws, "rename_notes")
    changes.submit(ws, "lin", "Rename notes")
    with ws.session() as s:
        report = check_heads(log_hashes(s), fetch_heads(ws, server.base_url, server.token))
    assert not report.intact and report.rewritten == (anchored,) and report.vouched_to == 0
    done = verify_against(ws, server)
    assert done.returncode == 1
    assert f"Entry {anchored} is not the entry the server anchored at that position" in (
        done.stderr
    )


def test_a_push_whose_approvals_were_cut_from_the_log_is_refused_before_sending(
    ws: Workspace, server: LiveServer
) -> None:
    view = submit_and_approve(ws, "First")
    with ws.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.subject == view.id, AuditRow.action == "approve"))
        assert audit.verify(s).intact
    with fault_proxy(server.base_url) as proxy, pytest.raises(ChangeRefused) as refused:
        push(ws, view.id, server_url=proxy.url, token=server.token, retry=FAST)
    assert "holds no record of zhou's approval" in str(refused.value)
    assert proxy.log == [] and release_versions(server) == []


def test_the_server_keeps_heads_and_refuses_another_hash_at_a_kept_position(
    ws: Workspace, server: LiveServer
) -> None:
    anchored = _push_v1(ws, server)
    heads = fetch_heads(ws, server.base_url, server.token)
    assert [h.seq for h in heads] == [anchored]
    with ws.session() as s:
        ident = s.execute(
            text("SELECT value FROM workspace_meta WHERE key = 'audit_anchor_id'")
        ).scalar_one()
    lin = signed_as(ws, "lin")
    with server.client() as c:
        same = c.post(HEADS, json=lin(ident, anchored, heads[0].hash, 1))
        assert same.status_code == 200
        other = c.post(HEADS, json=lin(ident, anchored, "0" * 64, 1))
        assert other.status_code == 409
        assert other.json()["error"]["code"] == "audit_head_conflict"
        bad = c.post(HEADS, json={**lin(ident, anchored, "0" * 64, 1), "seq": str(anchored)})
        assert bad.status_code == 422
        listed = c.get(HEADS, params={"workspace": ident}).json()["heads"]
        assert [(h["seq"], h["hash"], h["user"]) for h in listed] == [
            (anchored, heads[0].hash, "lin")
        ]
    anonymous = httpx.get(f"{server.base_url}{HEADS}", params={"workspace": ident}, timeout=10)
    assert anonymous.status_code == 401


def test_concurrent_heads_at_one_position_keep_exactly_one(live_server_any: LiveServer) -> None:
    """Two studios of a team workspace (or a forger racing a push) send different hashes for the
    same position at once: exactly one is kept, the others get 409 (SQLite and PostgreSQL)."""
    assert live_server_any.push(release_document(sample_bundle(), 1)).status_code == 201
    workspace = "a" * 32
    barrier = threading.Barrier(4)
    lin = demo_approver("lin")
    sha = sample_bundle().sha256()

    def send(n: int) -> int:
        head_hash = f"{n:x}" * 64
        body = {
            "workspace": workspace,
            "seq": 7,
            "hash": head_hash,
            "version": 1,
            "user": "lin",
            "key_id": lin.key_id,
            "signature": signing.sign_head(lin.private_key, workspace, 7, head_hash, 1, sha),
        }
        with live_server_any.client() as c:
            barrier.wait()
            return c.post(HEADS, json=body).status_code

    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(send, range(1, 5)))
    assert statuses == [201, 409, 409, 409]
    with live_server_any.client() as c:
        kept = c.get(HEADS, params={"workspace": workspace}).json()["heads"]
    assert len(kept) == 1 and kept[0]["seq"] == 7
