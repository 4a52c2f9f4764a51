"""Audit heads are signed by the pusher and verified by the server (issue 20), against a real
``studio serve`` run apart: holding the server's token is not enough to leave a head, and a
forged or replayed head is refused, so a rewritten log cannot be vouched for afterwards."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import delete, select, text

from schema.models import AuditRow
from studio import changes
from studio.audit.anchors import log_hashes
from studio.changes.keystore import PassphraseError
from studio.client.anchor import fetch_heads
from studio.client.push import RetryPolicy, push
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.e2e.test_audit_anchors import _recompute_chain
from tests.helpers.audit_heads import signed_as, verify_against
from tests.helpers.change_flow import PASSPHRASE, edit_draft, submit_and_approve
from tests.helpers.fault_proxy import fault_proxy
from tests.helpers.server import LiveServer, make_approver, release_versions

FAST = RetryPolicy(
    attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)
HEADS = "/api/v1/audit-heads"


def _push(ws: Workspace, server: LiveServer, title: str) -> int:
    view = submit_and_approve(ws, title)
    result = push(
        ws,
        view.id,
        server_url=server.base_url,
        token=server.token,
        retry=FAST,
        passphrase=PASSPHRASE,
    )
    assert result.anchored is not None, result.anchor_problem
    return result.anchored.seq


def _anchor_id(ws: Workspace) -> str:
    with ws.session() as s:
        return str(
            s.execute(
                text("SELECT value FROM workspace_meta WHERE key = 'audit_anchor_id'")
            ).scalar_one()
        )


def _refusal(server: LiveServer, body: object) -> tuple[int, str]:
    with server.client() as c:
        answer = c.post(HEADS, json=body)
    code = answer.json().get("error", {}).get("code", "") if answer.status_code >= 400 else ""
    return answer.status_code, code


def test_a_push_leaves_a_head_signed_by_the_pusher_that_anyone_can_re_verify(
    ws: Workspace, server: LiveServer
) -> None:
    anchored = _push(ws, server, "First")
    with server.client() as c:
        (kept,) = c.get(HEADS, params={"workspace": _anchor_id(ws)}).json()["heads"]
        registry = {a["key_id"]: a for a in c.get("/api/v1/approvers").json()["approvers"]}
        sha = c.get("/api/v1/releases/1").json()["bundle_sha256"]
    assert kept["seq"] == anchored and kept["user"] == "lin" and kept["version"] == 1
    signer = registry[kept["key_id"]]
    assert signer["user"] == "lin"
    assert signing.verify_head(
        signer["public_key"], kept["signature"], _anchor_id(ws), anchored, kept["hash"], 1, sha
    )


def test_an_unsigned_or_forged_head_is_refused_and_nothing_is_kept(
    ws: Workspace, server: LiveServer
) -> None:
    anchored = _push(ws, server, "First")
    ident = _anchor_id(ws)
    lin = signed_as(ws, "lin")
    genuine = lin(ident, anchored + 5, "1" * 64, 1)
    stranger = make_approver("lin", "it_admin", seed="not lin's key")
    with ws.session() as s:
        sha = s.execute(text("SELECT bundle_sha256 FROM releases WHERE version = 1")).scalar_one()
    attempts = {
        # the head as the server took it before heads were signed: the token alone
        "unsigned": (
            {"workspace": ident, "seq": anchored + 5, "hash": "1" * 64},
            (422, "schema_invalid"),
        ),
        # a key the registry does not hold, in lin's name
        "unregistered key": (
            {
                **genuine,
                "key_id": stranger.key_id,
                "signature": signing.sign_head(
                    stranger.private_key, ident, anchored + 5, "1" * 64, 1, sha
                ),
            },
            (403, "unknown_key"),
        ),
        # lin's signature, claimed as chen's
        "another user's name": ({**genuine, "user": "chen"}, (403, "approver_mismatch")),
        # lin's signature over one head, sent with another hash
        "signature of another head": ({**genuine, "hash": "2" * 64}, (403, "bad_signature")),
        # a release the server does not hold
        "unknown release": ({**genuine, "version": 9}, (422, "unknown_release")),
        "garbage signature": ({**genuine, "signature": "A" * 88}, (403, "bad_signature")),
    }
    for name, (body, expected) in attempts.items():
        assert _refusal(server, body) == expected, name
    assert [h.seq for h in fetch_heads(ws, server.base_url, server.token)] == [anchored]


def test_a_replayed_head_is_refused(ws: Workspace, server: LiveServer) -> None:
    """A head signed for one workspace, release or server fits no other, and a head older than
    the newest one kept is not taken (the same head again is answered 200, nothing added)."""
    first = _push(ws, server, "First")
    edit_draft(ws, "rename_notes")
    second = _push(ws, server, "Second")
    assert second > first
    ident = _anchor_id(ws)
    lin = signed_as(ws, "lin")
    with ws.session() as s:
        hashes = log_hashes(s)
    # The newest head again: the first answer, nothing added.
    assert _refusal(server, lin(ident, second, hashes[second], 2)) == (200, "")
    # An older position, validly signed, sent after a newer head: refused as stale.
    older = first + 1
    assert _refusal(server, lin(ident, older, hashes[older], 1)) == (409, "audit_head_stale")
    # A head signed for this workspace, sent under another workspace's id.
    other = lin(ident, second + 1, "3" * 64, 2)
    assert _refusal(server, {**other, "workspace": "b" * 32}) == (403, "bad_signature")
    # A head signed for release 1 sent as following release 2.
    for_v1 = lin(ident, second + 1, "3" * 64, 1)
    assert _refusal(server, {**for_v1, "version": 2}) == (403, "bad_signature")
    # A head signed over another server's release 2 (another bundle under that number).
    elsewhere = lin(ident, second + 1, "3" * 64, 2, bundle_sha256="4" * 64)
    assert _refusal(server, elsewhere) == (403, "bad_signature")
    assert [h.seq for h in fetch_heads(ws, server.base_url, server.token)] == [first, second]


def test_a_rewritten_log_cannot_be_vouched_for_with_the_token_alone(
    ws: Workspace, server: LiveServer
) -> None:
    """The author alone, with write access to the workspace and the server's token: they cut
    the approvals, recompute the chain and try to anchor the rewritten log as it now stands."""
    anchored = _push(ws, server, "First")
    with ws.session() as s:
        s.execute(delete(AuditRow).where(AuditRow.action == "approve"))
    _recompute_chain(ws)
    edit_draft(ws, "rename_notes")
    for _ in range(4):  # padded past the anchored position
        changes.submit(ws, "lin", "Pad")
    ident = _anchor_id(ws)
    with ws.session() as s:
        last = max(log_hashes(s))
        forged_hash = log_hashes(s)[last]
    unsigned = {"workspace": ident, "seq": last, "hash": forged_hash}
    assert _refusal(server, unsigned)[0] == 422
    stranger = make_approver("lin", "it_admin", seed="mallory")
    with ws.session() as s:
        sha = s.execute(text("SELECT bundle_sha256 FROM releases WHERE version = 1")).scalar_one()
    forged = {
        **unsigned,
        "version": 1,
        "user": "lin",
        "key_id": stranger.key_id,
        "signature": signing.sign_head(stranger.private_key, ident, last, forged_hash, 1, sha),
    }
    assert _refusal(server, forged) == (403, "unknown_key")
    done = verify_against(ws, server)
    assert done.returncode == 1
    assert f"Entry {anchored} is not the entry the server anchored at that position" in (
        done.stderr
    )


def test_a_wrong_passphrase_pushes_nothing(ws: Workspace, server: LiveServer) -> None:
    view = submit_and_approve(ws, "First")
    with fault_proxy(server.base_url) as proxy, pytest.raises(PassphraseError):
        push(
            ws,
            view.id,
            server_url=proxy.url,
            token=server.token,
            retry=FAST,
            passphrase="not the passphrase",
        )
    assert proxy.log == [] and release_versions(server) == []


def test_a_push_without_a_passphrase_goes_live_and_says_the_head_is_not_anchored(
    ws: Workspace, server: LiveServer
) -> None:
    view = submit_and_approve(ws, "First")
    result = push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
    assert result.version == 1 and result.anchored is None
    assert result.anchor_problem is not None and "signed by the pusher" in result.anchor_problem
    assert fetch_heads(ws, server.base_url, server.token) == []
    with ws.session() as s:
        assert s.scalar(select(AuditRow.action).order_by(AuditRow.seq.desc())) == "push"


def test_studio_change_push_signs_the_head_with_the_pushers_passphrase(
    ws: Workspace, server: LiveServer
) -> None:
    view = submit_and_approve(ws, "First")
    done = subprocess.run(
        [sys.executable, "-m", "studio", "change", "push", view.id, "--server", server.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "STUDIO_WORKSPACE": str(ws.target),
            "STUDIO_LANG": "en",
            "STUDIO_SERVER_TOKEN": server.token,
            "STUDIO_PASSPHRASE": PASSPHRASE,
            "STUDIO_USER": "chen",
        },
    )
    assert done.returncode == 0, done.stderr
    (kept,) = fetch_heads(ws, server.base_url, server.token)
    with ws.session() as s:
        assert kept.seq == max(log_hashes(s))
    with server.client() as c:
        assert c.get(HEADS, params={"workspace": _anchor_id(ws)}).json()["heads"][0]["user"] == (
            "chen"
        )
