"""Issue 17, the author and rejections are authenticated: the author signs the submission (the
server verifies authorship from that signature), and a signed rejection sent to the server blocks
that change id and sha256 for every pusher. Against a real ``studio serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from studio import changes
from studio.bundle.sample import sample_bundle
from studio.client.push import send_rejection
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE
from tests.helpers.server import (
    DEMO_APPROVERS,
    LiveServer,
    demo_approver,
    make_approver,
    release_document,
    release_versions,
    run_server,
)

chen, zhou, lin = demo_approver("chen"), demo_approver("zhou"), demo_approver("lin")
ma = make_approver("ma", "it_admin")


def refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code, response.text


def test_renaming_the_author_does_not_dodge_author_approved(live_server_any: LiveServer) -> None:
    # chen wrote it and approves it: refused
    own = release_document(sample_bundle(), 1, approvers=[chen, zhou], author="chen")
    refused(live_server_any.push(own), 422, "author_approved")
    # the same approvals with only the unsigned field changed to lin: chen's signature stays
    renamed = {**own, "author": "lin"}
    refused(live_server_any.push(renamed), 403, "author_mismatch")
    # lin's key id with chen's signature: does not verify
    forged = {**own, "author": "lin", "author_signature": {**own["author_signature"]}}
    forged["author_signature"]["key_id"] = lin.key_id
    refused(live_server_any.push(forged), 403, "bad_signature")
    # no author signature at all: malformed
    bare = {k: v for k, v in own.items() if k != "author_signature"}
    refused(live_server_any.push(bare), 422, "schema_invalid")
    # an author signature over another decision (an approval) is not a submission
    wrong = {**own, "author": "lin"}
    approval = lin.approval(own["change_id"], own["bundle_sha256"], 1, "approve")
    wrong["author_signature"] = {"key_id": lin.key_id, "signature": approval["signature"]}
    refused(live_server_any.push(wrong), 403, "bad_signature")
    # an author outside the registry
    stranger = make_approver("mallory", "it_admin")
    doc = release_document(sample_bundle(), 1, author="mallory", author_key=stranger)
    refused(live_server_any.push(doc), 403, "unknown_key")
    assert release_versions(live_server_any) == []
    assert live_server_any.push(release_document(sample_bundle(), 1)).status_code == 201


def _rejection(doc: dict[str, Any], who: Any) -> dict[str, Any]:
    signed = who.approval(doc["change_id"], doc["bundle_sha256"], doc["version"], "reject")
    return {
        "change_id": doc["change_id"],
        "bundle_sha256": doc["bundle_sha256"],
        "version": doc["version"],
        **signed,
    }


def test_a_signed_rejection_blocks_that_change_whoever_pushes_it(
    tmp_path: Path, server_database: str | None
) -> None:
    with run_server(
        data_dir=tmp_path / "server",
        database_url=server_database,
        approvers=(*DEMO_APPROVERS, ma),
    ) as server:
        doc = release_document(sample_bundle(), 1, approvers=[ma, zhou])
        with server.client() as c:
            r = c.post("/api/v1/rejections", json=_rejection(doc, chen))
            assert r.status_code == 201, r.text
            again = c.post("/api/v1/rejections", json=_rejection(doc, chen))
            assert again.status_code == 200
        # the pusher drops chen's rejection: the server still holds it
        refused(server.push(doc), 422, "rejected")
        assert release_versions(server) == []
        # another change of the same bundle (a new submission) is not blocked
        assert (
            server.push(release_document(sample_bundle(), 1, approvers=[ma, zhou])).status_code
            == 201
        )


def test_a_forged_or_malformed_rejection_is_refused(live_server: LiveServer) -> None:
    doc = release_document(sample_bundle(), 1)
    with live_server.client() as c:
        forged = {**_rejection(doc, chen), "signature": _rejection(doc, zhou)["signature"]}
        refused(c.post("/api/v1/rejections", json=forged), 403, "bad_signature")
        mallory = make_approver("mallory", "it_admin")
        refused(c.post("/api/v1/rejections", json=_rejection(doc, mallory)), 403, "unknown_key")
        other = {**_rejection(doc, chen), "user": "zhou", "role": "business_lead"}
        refused(c.post("/api/v1/rejections", json=other), 403, "approver_mismatch")
        refused(
            c.post("/api/v1/rejections", json={**_rejection(doc, chen), "version": "1"}),
            422,
            "schema_invalid",
        )
        refused(
            c.post("/api/v1/rejections", json={**_rejection(doc, chen), "decision": "approve"}),
            422,
            "schema_invalid",
        )
    # none of them blocks the change
    assert live_server.push(doc).status_code == 201


def test_the_studio_signs_as_author_and_sends_its_rejections(
    ws: Workspace, server: LiveServer
) -> None:
    view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    assert view.author_signature is not None and view.author_signature.user == "lin"
    from studio.changes.flow import _find
    from studio.changes.flow import release_document as studio_release_document

    with ws.session() as s:
        doc = studio_release_document(s, _find(s, view.id))
    assert doc["author_signature"]["key_id"] == view.author_signature.key_id
    rejected = changes.reject(ws, view.id, "zhou", PASSPHRASE, "not now")
    assert not rejected.can_push
    url = send_rejection(ws, view.id, "zhou", server_url=server.base_url, token=server.token)
    assert url == server.base_url
    row = next(a for a in rejected.approvals if a.decision == "reject")
    body = {
        "change_id": view.id,
        "bundle_sha256": view.bundle_sha256,
        "version": view.target_version,
        "user": "zhou",
        "role": row.role,
        "decision": "reject",
        "key_id": row.key_id,
        "signature": row.signature,
    }
    with server.client() as c:  # the server holds it already
        assert c.post("/api/v1/rejections", json=body).status_code == 200
    # a change submitted without the author's key cannot be pushed
    unsigned = changes.submit(ws, "lin", "Unsigned")
    assert unsigned.author_signature is None
    assert any("has not signed" in b for b in unsigned.blockers)
