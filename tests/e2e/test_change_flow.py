"""The whole change flow against a real ``studio serve`` on loopback, with real keys in the real
OS keyring: lin authors, zhou (business lead) and chen (IT admin) approve, push; roll back."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import changes
from studio.audit import log as audit
from studio.changes import ChangeRefused, keys
from studio.changes.keystore import PassphraseError
from studio.changes.releases import live_version
from studio.client.push import AuthError, PushRefused, RetryPolicy, push
from studio.client.stats import fetch_stats
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import (
    PASSPHRASE,
    approve_by,
    edit_draft,
    make_demo_keys,
    registry_of,
    submit_and_approve,
)
from tests.helpers.server import LiveServer, author_signature, release_versions, run_server

FAST = RetryPolicy(
    attempts=3, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)


def _current(server: LiveServer) -> dict[str, object]:
    with server.client() as c:
        r = c.get("/api/v1/releases/current")
        assert r.status_code == 200
        return dict(r.json())


def test_full_flow_submit_approve_push_then_rollback(ws: Workspace, server: LiveServer) -> None:
    first = changes.submit(ws, "lin", "First release", "the sample CRM", passphrase=PASSPHRASE)
    assert first.target_version == 1 and first.parent_version is None
    half = changes.approve(ws, first.id, "zhou", PASSPHRASE, "looks right")
    assert not half.can_push and half.policy.missing_roles == ("it_admin",)
    with pytest.raises(ChangeRefused, match="more approval"):
        push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    full = changes.approve(ws, first.id, "chen", PASSPHRASE)
    assert full.state == "approved" and full.can_push
    stages: list[tuple[str, float]] = []
    result = push(
        ws,
        first.id,
        server_url=server.base_url,
        token=server.token,
        retry=FAST,
        progress=lambda stage, fraction: stages.append((stage, fraction)),
    )
    assert result.version == 1 and not result.replayed
    assert stages[-1][1] == 1.0
    with ws.session() as s:
        assert live_version(s) == 1
    assert _current(server)["bundle_sha256"] == first.bundle_sha256
    assert changes.get_change(ws, first.id).state == "pushed"

    edit_draft(ws, "require_company")
    second = submit_and_approve(ws, "Company is required")
    assert second.parent_version == 1 and second.target_version == 2
    (entity,) = second.diff["entities"]
    assert entity["key"] == "customer" and entity["fields"]["changed"][0]["key"] == "company"
    assert (
        push(ws, second.id, server_url=server.base_url, token=server.token, retry=FAST).version == 2
    )

    back = changes.rollback(ws, "lin", 1, "Back to the first release", passphrase=PASSPHRASE)
    assert back.rollback_of == 1 and back.target_version == 3
    assert back.bundle_sha256 == first.bundle_sha256
    approve_by(ws, back.id, "zhou", "chen")
    assert (
        push(ws, back.id, server_url=server.base_url, token=server.token, retry=FAST).version == 3
    )
    current = _current(server)
    assert current["version"] == 3 and current["bundle_sha256"] == first.bundle_sha256
    assert release_versions(server) == [1, 2, 3]
    with ws.session() as s:
        assert live_version(s) == 3
        report = audit.verify(s)
    assert report.intact
    hist = changes.history(ws)
    assert [h.version for h in hist] == [3, 2, 1]
    assert hist[0].rollback_of == 1 and hist[0].approvers == ("zhou", "chen")
    assert hist[0].title == "Back to the first release" and hist[0].author == "lin"
    assert changes.release_diff(ws, 3)["entities"][0]["key"] == "customer"
    # The server's statistics feed the reviewer's impact numbers.
    found = fetch_stats(server.base_url, server.token, ["customer"])
    assert found.problem is None and found.stats["customer"]["record_count"] == 0
    # The server URL is remembered for the next push (never the token).
    again = changes.rollback(ws, "lin", 2, "Forward again", passphrase=PASSPHRASE)
    approve_by(ws, again.id, "zhou", "chen")
    assert push(ws, again.id, token=server.token, retry=FAST).version == 4


def test_author_cannot_approve_and_one_person_counts_once(
    ws: Workspace, server: LiveServer
) -> None:
    view = changes.submit(ws, "lin", "Try", passphrase=PASSPHRASE)
    with pytest.raises(ChangeRefused, match="author"):
        changes.approve(ws, view.id, "lin", PASSPHRASE)
    changes.approve(ws, view.id, "zhou", PASSPHRASE)
    with pytest.raises(ChangeRefused, match="already decided"):
        changes.approve(ws, view.id, "zhou", PASSPHRASE)
    with pytest.raises(PassphraseError):
        changes.approve(ws, view.id, "chen", "not the passphrase")
    with pytest.raises(ChangeRefused, match="comment"):
        changes.reject(ws, view.id, "chen", PASSPHRASE, " ")
    rejected = changes.reject(ws, view.id, "chen", PASSPHRASE, "not now")
    assert rejected.state == "rejected" and not rejected.can_push
    with pytest.raises(ChangeRefused):
        push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
    assert release_versions(server) == []


def test_a_new_submit_supersedes_open_changes_and_their_approvals(ws: Workspace) -> None:
    old = changes.submit(ws, "lin", "Old", passphrase=PASSPHRASE)
    assert changes.draft_edited_since(ws) is None  # the draft is what was submitted
    approve_by(ws, old.id, "zhou", "chen")
    edit_draft(ws, "rename_notes")
    # The edit is not part of the approved change, and the studio says so; the change itself
    # stays exactly what was signed, so it stays pushable.
    edited = changes.draft_edited_since(ws)
    assert edited is not None and edited.change_id == old.id
    assert f"since change {old.id[:8]} was submitted" in edited.message
    assert "approvals given so far will not count" in edited.message
    assert changes.get_change(ws, old.id).state == "approved"
    new = changes.submit(ws, "lin", "New", passphrase=PASSPHRASE)
    assert new.bundle_sha256 != old.bundle_sha256
    assert changes.draft_edited_since(ws) is None
    superseded = changes.get_change(ws, old.id)
    assert superseded.state == "superseded" and not superseded.can_push
    assert "superseded" in superseded.blockers[0]
    with pytest.raises(ChangeRefused, match="superseded"):
        push(ws, old.id, server_url="http://127.0.0.1:9", token="t" * 32, retry=FAST)
    # The old approvals were signed over the old sha256: they never carry over.
    assert new.approvals == () and not new.can_push
    assert new.policy.approvals_needed == 2


def test_forged_approval_in_the_workspace_does_not_count(ws: Workspace) -> None:
    """Someone with database access copies zhou's approval onto another change: not counted."""
    from schema.models import ApprovalRow

    a = changes.submit(ws, "lin", "A", passphrase=PASSPHRASE)
    changes.approve(ws, a.id, "zhou", PASSPHRASE)
    edit_draft(ws, "rename_notes")
    b = changes.submit(ws, "lin", "B", passphrase=PASSPHRASE)
    with ws.session() as s:
        stolen = s.query(ApprovalRow).filter_by(change_id=a.id, decision="approve").one()
        s.add(
            ApprovalRow(
                change_id=b.id,
                user_name="zhou",
                role="business_lead",
                decision="approve",
                bundle_sha256=b.bundle_sha256,
                key_id=stolen.key_id,
                signature=stolen.signature,
            )
        )
    view = changes.get_change(ws, b.id)
    assert [a.valid for a in view.approvals] == [False]
    assert not view.policy.met and view.state == "altered" and not view.can_push
    assert "approval by zhou" in view.blockers[0] and "does not verify" in view.blockers[0]
    # Nobody signs a change that carries a forged approval: it has to be submitted again.
    with pytest.raises(ChangeRefused, match="forged"):
        changes.approve(ws, b.id, "chen", PASSPHRASE)


def test_wrong_token_is_a_clear_auth_error_and_nothing_is_live(
    ws: Workspace, server: LiveServer
) -> None:
    view = submit_and_approve(ws, "First")
    with pytest.raises(AuthError, match="refused the token"):
        push(ws, view.id, server_url=server.base_url, token="wrong-token-" + "y" * 20, retry=FAST)
    with ws.session() as s:
        assert live_version(s) is None
    assert release_versions(server) == []


def test_server_refusal_is_final_and_nothing_is_marked_live(ws: Workspace, tmp_path: Path) -> None:
    """The server knows only lin and zhou: chen's approval is refused there (4xx, no retry)."""
    with run_server(
        data_dir=tmp_path / "server2",
        approvers=registry_of(ws, ("lin", "zhou")),  # type: ignore[arg-type]
    ) as server:
        view = submit_and_approve(ws, "First")
        with pytest.raises(PushRefused) as refused:
            push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
        assert 400 <= refused.value.status < 500
        assert release_versions(server) == []
    with ws.session() as s:
        assert live_version(s) is None
    assert changes.get_change(ws, view.id).state == "approved"


def test_a_second_studio_sees_the_change_and_can_push_it(ws: Workspace, server: LiveServer) -> None:
    view = submit_and_approve(ws, "First")
    other = open_workspace(ws.target)
    try:
        assert (
            push(
                other, view.id[:8], server_url=server.base_url, token=server.token, retry=FAST
            ).version
            == 1
        )
    finally:
        other.close()
    with ws.session() as s:
        assert live_version(s) == 1


def test_a_policy_change_needs_the_current_policy_then_applies(
    ws: Workspace, server: LiveServer
) -> None:
    from studio.bundle.model import Policy
    from studio.draft.store import load_draft, replace_draft

    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    with ws.session() as s:
        draft = load_draft(s)
        replace_draft(
            s,
            draft.model_copy(
                update={"policy": Policy(min_approvals=1, required_roles=("it_admin",))}
            ),
            user="lin",
        )
    looser = changes.submit(ws, "lin", "One IT approval is enough", passphrase=PASSPHRASE)
    assert looser.diff["policy"] == [
        {"property": "min_approvals", "before": 2, "after": 1},
        {
            "property": "required_roles",
            "before": ["business_lead", "it_admin"],
            "after": ["it_admin"],
        },
    ]
    view = changes.approve(ws, looser.id, "chen", PASSPHRASE)
    assert not view.can_push and view.policy.missing_roles == ("business_lead",)
    changes.approve(ws, looser.id, "zhou", PASSPHRASE)
    push(ws, looser.id, server_url=server.base_url, token=server.token, retry=FAST)
    edit_draft(ws, "rename_notes")
    small = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    assert changes.approve(ws, small.id, "chen", PASSPHRASE).can_push
    assert (
        push(ws, small.id, server_url=server.base_url, token=server.token, retry=FAST).version == 3
    )


def test_rotated_key_is_registered_on_the_server_through_an_approved_change(
    ws: Workspace, server: LiveServer
) -> None:
    from studio.changes import keys

    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    old = keys.active_key_ids(ws, "zhou")
    new = keys.rotate_key(ws, "zhou", "zhou's new passphrase")
    rotation = changes.submit(ws, "lin", "Rotate zhou's key", passphrase=PASSPHRASE)
    assert [a["key_id"] for a in rotation.diff["approvers"]["added"]] == [new.key_id]
    # zhou is the only business lead: the rotation is approved with the key the server knows.
    view = changes.approve(ws, rotation.id, "zhou", PASSPHRASE)
    assert view.approvals[0].key_id == old[0]
    changes.approve(ws, rotation.id, "chen", PASSPHRASE)
    push(ws, rotation.id, server_url=server.base_url, token=server.token, retry=FAST)
    with server.client() as c:
        registry = {a["user"]: a["key_id"] for a in c.get("/api/v1/approvers").json()["approvers"]}
    assert registry["zhou"] == new.key_id
    assert keys.active_key_ids(ws, "zhou") == [new.key_id]  # the old key is revoked now
    # The new key signs what the server accepts; the earlier approvals still show as valid.
    edit_draft(ws, "rename_notes")
    nxt = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    assert (
        changes.approve(ws, nxt.id, "zhou", "zhou's new passphrase").approvals[0].key_id
        == new.key_id
    )
    changes.approve(ws, nxt.id, "chen", PASSPHRASE)
    assert push(ws, nxt.id, server_url=server.base_url, token=server.token, retry=FAST).version == 3
    assert all(a.valid for a in changes.get_change(ws, rotation.id).approvals)
    # Rolling back to version 1 keeps the live registry: zhou's old key does not come back.
    back = changes.rollback(ws, "lin", 1, "Back to 1", passphrase=PASSPHRASE)
    assert back.diff["approvers"] == {"added": [], "removed": [], "changed": []}


def test_submit_is_refused_while_an_error_finding_exists(ws: Workspace) -> None:
    from studio.draft.store import load_draft, replace_draft

    with ws.session() as s:
        bundle = load_draft(s)
        customer = bundle.entity("customer")
        assert customer is not None
        fields = tuple(
            f.model_copy(update={"required": True}) if f.key == "industry" else f
            for f in customer.fields
        )
        entities = tuple(
            customer.model_copy(update={"fields": fields}) if e.key == "customer" else e
            for e in bundle.entities
        )
        replace_draft(s, bundle.model_copy(update={"entities": entities}), user="lin")
    with pytest.raises(ChangeRefused, match=r"Cannot submit: \d+ error finding.*Industry"):
        changes.submit(ws, "lin", "Industry is required", passphrase=PASSPHRASE)
    assert changes.list_changes(ws) == []


def test_two_studios_on_one_postgresql_workspace_run_the_flow(pg_url: str, tmp_path: Path) -> None:
    """lin's studio submits, zhou's and chen's studios (own connections) approve, lin pushes."""
    init_workspace(pg_url, sample=True).close()
    lin, reviewer = open_workspace(pg_url), open_workspace(pg_url)
    try:
        make_demo_keys(lin)
        with run_server(data_dir=tmp_path / "server", approvers=registry_of(lin)) as server:  # type: ignore[arg-type]
            view = changes.submit(lin, "lin", "First", passphrase=PASSPHRASE)
            changes.approve(reviewer, view.id, "zhou", PASSPHRASE)
            changes.approve(reviewer, view.id, "chen", PASSPHRASE)
            assert (
                push(
                    lin, view.id, server_url=server.base_url, token=server.token, retry=FAST
                ).version
                == 1
            )
            new = keys.rotate_key(reviewer, "chen", "chen's new phrase")
            edit_draft(lin, "rename_notes")
            rotation = changes.submit(
                lin, "lin", "Rotate chen, rename notes", passphrase=PASSPHRASE
            )
            approve_by(reviewer, rotation.id, "zhou", "chen")
            push(lin, rotation.id, server_url=server.base_url, token=server.token, retry=FAST)
            back = changes.rollback(reviewer, "chen", 1, "Back", passphrase="chen's new phrase")
            changes.approve(reviewer, back.id, "zhou", PASSPHRASE)
            changes.approve(lin, back.id, "lin", PASSPHRASE)
            result = push(
                reviewer, back.id, server_url=server.base_url, token=server.token, retry=FAST
            )
            assert result.version == 3
            assert [h.version for h in changes.history(lin)] == [3, 2, 1]
            assert all(a.valid for a in changes.get_change(lin, rotation.id).approvals)
            with server.client() as c:
                registry = {
                    a["user"]: a["key_id"] for a in c.get("/api/v1/approvers").json()["approvers"]
                }
            assert registry["chen"] == new.key_id
        with lin.session() as s:
            assert audit.verify(s).intact
    finally:
        lin.close()
        reviewer.close()


def test_a_second_workspace_syncs_the_releases_it_did_not_push(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    from studio.client.sync import sync_releases

    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    edit_draft(ws, "rename_notes")
    second = submit_and_approve(ws, "Rename notes")
    push(ws, second.id, server_url=server.base_url, token=server.token, retry=FAST)
    other = init_workspace(tmp_path / "other.db", sample=True)
    try:
        result = sync_releases(other, server_url=server.base_url, token=server.token, retry=FAST)
        assert result.added == (1, 2) and result.server_version == 2
        with other.session() as s:
            assert live_version(s) == 2
        assert sync_releases(other, server_url=server.base_url, token=server.token).added == ()
        assert [h.version for h in changes.history(other)] == [2, 1]
    finally:
        other.close()


def test_a_release_another_client_signed_without_its_defaults_is_synced(
    tmp_path: Path,
) -> None:
    """Another client hashes and signs the canonical form of what it sends, defaults left out.
    The server accepts it (equal canonical JSON is equal JSON), and a studio syncing the server
    records it instead of calling the release corrupt."""
    import hashlib
    import json

    from studio.bundle.canonical_json import canonical_json
    from studio.bundle.sample import sample_bundle
    from studio.client.sync import sync_releases
    from tests.helpers.server import demo_approver

    bundle = sample_bundle().model_dump(mode="json", exclude_none=True)
    for entity in bundle["entities"]:
        for fd in entity["fields"]:
            for default_false in ("unique", "sensitive", "deprecated", "hidden"):
                if fd.get(default_false) is False:
                    del fd[default_false]
    sha = hashlib.sha256(canonical_json(bundle)).hexdigest()
    document = {
        "change_id": "chg-other-client",
        "version": 1,
        "parent_version": 0,
        "author": "lin",
        "author_signature": author_signature(demo_approver("lin"), "chg-other-client", sha, 1),
        "bundle": bundle,
        "bundle_sha256": sha,
        "approvals": [
            demo_approver(u).approval("chg-other-client", sha, 1) for u in ("chen", "zhou")
        ],
    }
    with run_server(data_dir=tmp_path / "server") as server, server.client() as c:
        answer = c.post(
            "/api/v1/releases",
            content=json.dumps(document, ensure_ascii=False).encode("utf-8"),
            headers={"Idempotency-Key": sha, "Content-Type": "application/json"},
        )
        assert answer.status_code == 201, answer.text
        other = init_workspace(tmp_path / "other.db", sample=True)
        try:
            result = sync_releases(other, server_url=server.base_url, token=server.token)
            assert result.added == (1,)
            with other.session() as s:
                assert live_version(s) == 1
        finally:
            other.close()
