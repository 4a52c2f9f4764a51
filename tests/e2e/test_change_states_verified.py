"""The studio's own checks verify every state a change can be stored in (issue 20), so that it
never shows "approved" for what the server will refuse: an edited bundle under any stored state,
a public key replaced under the same key id, a weakened local copy of the live policy."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import text

from studio import changes
from studio.bundle.model import Policy
from studio.changes.releases import live_bundle
from studio.client.push import RetryPolicy, push
from studio.client.review import review_change
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, edit_draft, submit_and_approve
from tests.helpers.server import LiveServer, release_versions

FAST = RetryPolicy(attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2)


def _sql(ws: Workspace, statement: str, **params: object) -> None:
    with ws.session() as s:
        assert s.execute(text(statement), params).rowcount >= 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("stored", ["approved", "pushed", "superseded", "rejected", "open"])
def test_an_edited_bundle_shows_altered_whatever_state_it_is_stored_in(
    ws: Workspace, stored: str
) -> None:
    view = submit_and_approve(ws, "First")
    assert view.state == "approved"
    _sql(
        ws,
        "UPDATE change_requests SET bundle_json = replace(bundle_json, :before, :after), "
        "state = :state WHERE id = :id",
        before='"required":true',
        after='"required":false',
        state=stored,
        id=view.id,
    )
    seen = changes.get_change(ws, view.id)
    assert seen.state == "altered" and not seen.can_push
    assert not any(a.valid for a in seen.approvals) and not seen.policy.met
    assert changes.list_changes(ws)[0].state == "altered"


@pytest.mark.parametrize("stored", ["approved", "pushed"])
def test_a_state_the_studio_never_leaves_an_unpushed_change_in_shows_altered(
    ws: Workspace, stored: str
) -> None:
    """Bundle untouched: "approved" is no stored state, and "pushed" needs a recorded release."""
    view = submit_and_approve(ws, "First")
    _sql(ws, "UPDATE change_requests SET state = :s WHERE id = :id", s=stored, id=view.id)
    seen = changes.get_change(ws, view.id)
    assert seen.state == "altered" and not seen.can_push
    assert "does not match the workspace's records" in seen.blockers[0]


def test_a_public_key_replaced_under_the_same_key_id_does_not_count(ws: Workspace) -> None:
    view = changes.submit(ws, "lin", "First", passphrase=PASSPHRASE)
    changes.approve(ws, view.id, "zhou", PASSPHRASE)
    # The attack: chen's registered public key swapped for one the author holds, under chen's
    # key id, and an "approval by chen" signed with it.
    forger = signing.new_private_key()
    with ws.session() as s:
        kid = s.execute(
            text("SELECT key_id FROM public_keys WHERE user_name = 'chen' AND revoked_at IS NULL")
        ).scalar_one()
    _sql(
        ws,
        "UPDATE public_keys SET public_key = :pub WHERE key_id = :kid",
        pub=signing.public_key_b64(forger),
        kid=kid,
    )
    signature = signing.sign(forger, view.id, view.bundle_sha256, view.target_version, "approve")
    _sql(
        ws,
        "INSERT INTO approvals (change_id, user_name, role, decision, bundle_sha256, key_id, "
        "signature, comment, created_at) VALUES (:cid, 'chen', 'it_admin', 'approve', :sha, "
        ":kid, :sig, '', CURRENT_TIMESTAMP)",
        cid=view.id,
        sha=view.bundle_sha256,
        kid=kid,
        sig=signature,
    )
    assert base64.b64decode(signature)  # a well-formed signature, by the replaced key
    seen = changes.get_change(ws, view.id)
    chen = next(a for a in seen.approvals if a.user == "chen")
    assert not chen.valid
    assert seen.state == "altered" and not seen.policy.met and not seen.can_push


def test_a_weakened_local_copy_of_the_live_policy_makes_no_approval_enough(
    ws: Workspace, server: LiveServer
) -> None:
    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    with ws.session() as s:
        live = live_bundle(s)
    assert live is not None
    weak = live.model_copy(update={"policy": Policy(min_approvals=1, required_roles=("it_admin",))})
    edit_draft(ws, "rename_notes")
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    changes.approve(ws, view.id, "chen", PASSPHRASE)

    # Text rewritten, sha256 left: the policy is judged from the verified release only.
    _sql(
        ws,
        "UPDATE releases SET bundle_json = :t WHERE version = 1",
        t=weak.canonical_json().decode("utf-8"),
    )
    seen = changes.get_change(ws, view.id)
    assert seen.state != "approved" and not seen.can_push and not seen.policy.met
    assert any("release v1 has been altered" in b for b in seen.blockers)

    # Text, sha256 and document rewritten together: only the server can tell, and the review
    # (which asks it) says so; the server refuses the push whatever the workspace shows.
    sha = weak.sha256()
    _sql(
        ws,
        "UPDATE releases SET bundle_json = :t, bundle_sha256 = :sha, "
        "document = json_set(document, '$.bundle_sha256', :sha) WHERE version = 1",
        t=weak.canonical_json().decode("utf-8"),
        sha=sha,
    )
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert not review.can_approve and "is not the server's" in review.problems[0]
    assert release_versions(server) == [1]


def test_a_bundle_text_that_no_longer_parses_shows_altered_and_breaks_no_list(
    ws: Workspace,
) -> None:
    view = submit_and_approve(ws, "First")
    _sql(
        ws, "UPDATE change_requests SET bundle_json = '{\"entities\": [' WHERE id = :id", id=view.id
    )
    [listed] = changes.list_changes(ws)
    assert listed.state == "altered" and listed.diff == {} and not listed.can_push
    assert changes.get_change(ws, view.id).state == "altered"
