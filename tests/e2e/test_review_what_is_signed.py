"""What reviewers see is what they sign (issue 20), against a real ``studio serve`` on loopback.

The two attacks of the issue, by the author working alone with write access to the workspace
database: a label edit submitted with two hidden edits (the policy down to one it_admin approval,
the intern role given create/update/delete on lead — customer is protected since issue 14, so
deleting customers is refused at submit whatever is hidden), hidden

1. by rewriting the change's stored ``diff`` and ``findings`` columns, or
2. by rewriting the workspace's copy of live release v1 (its text, its sha256 left as is; or
   both, consistently), so that the honest diff made against it hides the same edits.

The review is derived from the exact bundle under signature and a live baseline verified against
its sha256 and the server's current release: the hidden edits show, a baseline that cannot be
verified is said (and nobody can approve against it), and no hidden edit goes live.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import text

from studio import changes
from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle, EntityPermission, Policy
from studio.changes import ChangeRefused
from studio.changes.baseline import local_baseline
from studio.changes.releases import AlteredReleaseError, live_bundle
from studio.client.push import RetryPolicy, push
from studio.client.review import review_change
from studio.client.sync import sync_releases
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, edit_draft, submit_and_approve
from tests.helpers.server import LiveServer, release_versions

FAST = RetryPolicy(
    attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)
WEAK = Policy(min_approvals=1, required_roles=("it_admin",))


def _with_hidden_edits(bundle: Bundle) -> Bundle:
    """``bundle`` with the two edits the author wants nobody to see."""
    perms = [p for p in bundle.entity_permissions if (p.role, p.entity) != ("intern", "lead")]
    perms.append(
        EntityPermission(
            role="intern", entity="lead", create=True, read=True, update=True, delete=True
        )
    )
    return bundle.model_copy(update={"policy": WEAK, "entity_permissions": tuple(perms)})


def _v1(ws: Workspace, server: LiveServer) -> Bundle:
    view = submit_and_approve(ws, "First")
    push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
    with ws.session() as s:
        live = live_bundle(s)
    assert live is not None
    return live


def _draft_label_edit_and_hidden_edits(ws: Workspace) -> Bundle:
    """The draft: the label edit everyone may see, plus the hidden edits; returns the label edit
    alone (what the author wants reviewers to believe the change is)."""
    label_only = edit_draft(ws, "rename_notes")
    with ws.session() as s:
        replace_draft(s, _with_hidden_edits(load_draft(s)), user="lin")
    return label_only


def _sql(ws: Workspace, statement: str, **params: object) -> None:
    with ws.session() as s:
        assert s.execute(text(statement), params).rowcount == 1  # type: ignore[attr-defined]


def _assert_shows_the_hidden_edits(diff: dict[str, object] | None) -> None:
    assert diff is not None
    policy = {c["property"]: c["after"] for c in diff["policy"]}  # type: ignore[index, union-attr]
    assert policy["min_approvals"] == 1
    granted = {
        p["op"]
        for p in diff["entity_permissions"]  # type: ignore[union-attr]
        if (p["role"], p["entity"]) == ("intern", "lead") and p["after"]
    }
    assert {"create", "update", "delete"} <= granted


def _studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_a_rewritten_stored_diff_hides_nothing_from_show_review_or_list(
    ws: Workspace, server: LiveServer
) -> None:
    live = _v1(ws, server)
    label_only = _draft_label_edit_and_hidden_edits(ws)
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    # The attack: the stored diff and findings say "a label edit", nothing else.
    forged = diff_bundles(live, label_only)
    _sql(
        ws,
        "UPDATE change_requests SET diff = :diff, findings = '[]' WHERE id = :id",
        diff=json.dumps(forged),
        id=view.id,
    )

    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert review.baseline.server_checked and review.baseline.verified and review.can_approve
    _assert_shows_the_hidden_edits(review.diff)
    assert "verified against its sha256 and the server's current release" in (
        review.baseline_sentence
    )
    # The pane's list and ``get_change`` derive an open change's diff too (the stored one is a
    # cache nobody reads for a change that can still be signed).
    _assert_shows_the_hidden_edits(changes.get_change(ws, view.id).diff)
    _assert_shows_the_hidden_edits(changes.list_changes(ws)[0].diff)

    env = {
        "STUDIO_WORKSPACE": str(ws.target),
        "STUDIO_LANG": "en",
        "STUDIO_SERVER_TOKEN": server.token,
    }
    shown = _studio("change", "show", view.id[:8], "--server", server.base_url, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "Approval policy:" in shown.stdout and "min_approvals: 2 -> 1" in shown.stdout
    assert "intern × lead delete: no -> yes" in shown.stdout
    as_json = json.loads(
        _studio(
            "change", "show", view.id, "--server", server.base_url, "--format", "json", env=env
        ).stdout
    )
    _assert_shows_the_hidden_edits(as_json["diff"])
    assert as_json["baseline"]["server_checked"] and as_json["can_approve"]


def test_a_rewritten_live_release_is_caught_before_anyone_can_sign(
    ws: Workspace, server: LiveServer
) -> None:
    live = _v1(ws, server)
    # The attack: the workspace's v1 already "holds" the hidden edits (its sha256 left as is),
    # so that the honest diff of the draft against it shows only the label edit.
    tampered = _with_hidden_edits(live).canonical_json().decode("utf-8")
    _sql(ws, "UPDATE releases SET bundle_json = :text WHERE version = 1", text=tampered)
    _draft_label_edit_and_hidden_edits(ws)

    # Submitting against it is refused, with the reason.
    with pytest.raises(AlteredReleaseError, match="release v1 has been altered"):
        changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    # And a change submitted before the rewrite cannot be approved against it either.
    _sql(ws, "UPDATE releases SET bundle_json = :text WHERE version = 1", text=_text_of(live))
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    _sql(ws, "UPDATE releases SET bundle_json = :text WHERE version = 1", text=tampered)
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert not review.can_approve and review.diff is None
    assert "release v1 has been altered" in review.problems[0]
    with pytest.raises(ChangeRefused, match="release v1 has been altered"):
        changes.approve(ws, view.id, "chen", PASSPHRASE)
    shown = _studio(
        "change",
        "show",
        view.id,
        "--server",
        server.base_url,
        env={"STUDIO_WORKSPACE": str(ws.target), "STUDIO_LANG": "en"},
    )
    assert "release v1 has been altered" in shown.stdout
    assert changes.get_change(ws, view.id).can_push is False

    # The way back: the workspace is brought in step with the server, which replaces the copy.
    sync_releases(ws, server_url=server.base_url, token=server.token, retry=FAST)
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert review.can_approve and review.baseline.server_checked
    _assert_shows_the_hidden_edits(review.diff)
    assert release_versions(server) == [1]


def _text_of(bundle: Bundle) -> str:
    return bundle.canonical_json().decode("utf-8")


def _rewrite_v1_consistently(ws: Workspace, bundle: Bundle) -> None:
    """v1's text, sha256 and accepted document rewritten to agree with each other."""
    sha = bundle.sha256()
    _sql(
        ws,
        "UPDATE releases SET bundle_json = :text, bundle_sha256 = :sha, "
        "document = json_set(document, '$.bundle_sha256', :sha, '$.bundle', json(:text)) "
        "WHERE version = 1",
        text=_text_of(bundle),
        sha=sha,
    )


def test_a_live_release_rewritten_with_its_sha256_is_caught_by_the_server(
    ws: Workspace, server: LiveServer
) -> None:
    live = _v1(ws, server)
    # Text and sha256 rewritten together: the accepted document kept beside them still names
    # the old sha256, which the studio notices on its own.
    tampered = _with_hidden_edits(live)
    forged_text = _text_of(tampered)
    _sql(
        ws,
        "UPDATE releases SET bundle_json = :text, bundle_sha256 = :sha WHERE version = 1",
        text=forged_text,
        sha=hashlib.sha256(forged_text.encode("utf-8")).hexdigest(),
    )
    _draft_label_edit_and_hidden_edits(ws)
    with ws.session() as s:
        assert "record of live release v1 has been altered" in str(local_baseline(s).problem)
    # The document rewritten too: consistent in the workspace, but not the server's.
    _rewrite_v1_consistently(ws, tampered)
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    # The diff made at submit against the forged v1 is honest about a lie: the label alone.
    assert not changes.get_change(ws, view.id).diff["policy"]

    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert not review.can_approve
    assert "is not the server's" in review.problems[0]
    with pytest.raises(ChangeRefused, match="is not the server's"):
        changes.approve(ws, view.id, "zhou", PASSPHRASE, reviewed=review)
    # The CLI's approve asks the server before it signs.
    env = {
        "STUDIO_WORKSPACE": str(ws.target),
        "STUDIO_LANG": "en",
        "STUDIO_SERVER_TOKEN": server.token,
        "STUDIO_PASSPHRASE": PASSPHRASE,
    }
    approved = _studio(
        "change", "approve", view.id, "--user", "zhou", "--server", server.base_url, env=env
    )
    assert approved.returncode == 1 and "is not the server's" in approved.stderr
    assert changes.get_change(ws, view.id).approvals == ()

    # In step with the server again: the review shows what the change really does, and it is
    # approved on the strength of that review.
    sync_releases(ws, server_url=server.base_url, token=server.token, retry=FAST)
    again = changes.submit(ws, "lin", "Rename notes (again)", passphrase=PASSPHRASE)
    review = review_change(ws, again.id, server_url=server.base_url, token=server.token)
    assert review.can_approve
    _assert_shows_the_hidden_edits(review.diff)


def test_an_approval_refers_to_the_review_it_was_given_on(
    ws: Workspace, server: LiveServer
) -> None:
    """A review derived against one live release does not back an approval once the workspace's
    live release is another (here: rewritten consistently after the review was shown)."""
    live = _v1(ws, server)
    edit_draft(ws, "rename_notes")
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert review.can_approve
    _rewrite_v1_consistently(ws, _with_hidden_edits(live))
    with pytest.raises(ChangeRefused, match="changed since it was reviewed"):
        changes.approve(ws, view.id, "zhou", PASSPHRASE, reviewed=review)
    assert changes.get_change(ws, view.id).approvals == ()
