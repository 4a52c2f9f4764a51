"""Someone with write access to the workspace database edits a change after it was submitted or
approved: the studio shows it as altered, counts none of the voided approvals, and refuses the
push before a byte reaches the server (a real ``studio serve`` behind a logging proxy).

And the legitimate case: the draft edited after submission is not part of the change, and the
studio says so until the draft is submitted again.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from studio import changes, i18n
from studio.changes import ChangeRefused
from studio.changes.releases import live_version
from studio.client.push import RetryPolicy, push
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
from tests.helpers.fault_proxy import fault_proxy
from tests.helpers.server import LiveServer, release_versions, run_server

FAST = RetryPolicy(
    attempts=3, request_timeout=5.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)
ALTERED = "no longer matches what was submitted and approved"


def _sql(ws: Workspace, statement: str, **params: object) -> None:
    """An edit straight in the database, as someone with write access could make it."""
    with ws.session() as s:
        assert s.execute(text(statement), params).rowcount == 1  # type: ignore[attr-defined]


def _tamper(ws: Workspace, change_id: str, before: str, after: str) -> None:
    """Quietly edit the frozen bundle text of a change (``before`` must be in it)."""
    with ws.session() as s:
        stored = s.execute(
            text("SELECT bundle_json FROM change_requests WHERE id = :id"), {"id": change_id}
        ).scalar_one()
    assert before in stored
    _sql(
        ws,
        "UPDATE change_requests SET bundle_json = replace(bundle_json, :before, :after) "
        "WHERE id = :id",
        id=change_id,
        before=before,
        after=after,
    )


def _drop_backfill(ws: Workspace, change_id: str) -> None:
    """Quietly take the approved backfill out of the frozen bundle text."""
    _tamper(ws, change_id, "未知 unknown", "x")


def _drop_a_required(ws: Workspace, change_id: str) -> None:
    _tamper(ws, change_id, '"required":true', '"required":false')


def _assert_refused_before_sending(ws: Workspace, server: LiveServer, change_id: str) -> str:
    """Push through a logging proxy: refused with a message, and no request reached it."""
    with fault_proxy(server.base_url) as proxy, pytest.raises(ChangeRefused) as refused:
        push(ws, change_id, server_url=proxy.url, token=server.token, retry=FAST)
    assert proxy.log == []
    return str(refused.value)


def test_an_edited_bundle_voids_the_approvals_and_the_push_is_refused_locally(
    ws: Workspace, server: LiveServer
) -> None:
    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    edit_draft(ws, "require_company")
    second = submit_and_approve(ws, "Company is required")
    assert second.state == "approved" and second.can_push

    _drop_backfill(ws, second.id)

    view = changes.get_change(ws, second.id)
    assert view.state == "altered" and not view.can_push and not view.bundle_intact
    assert ALTERED in view.blockers[0] and second.id[:8] in view.blockers[0]
    assert [a.valid for a in view.approvals] == [False, False]
    assert not view.policy.met
    assert changes.list_changes(ws)[0].state == "altered"
    assert ALTERED in _assert_refused_before_sending(ws, server, second.id)
    # The server did not move, nor did the local live version.
    assert release_versions(server) == [1]
    with ws.session() as s:
        assert live_version(s) == 1
    i18n.set_language("zh_CN")
    try:
        zh = changes.get_change(ws, second.id)
        assert "与提交和审批时的内容不再一致" in zh.blockers[0]
        assert i18n.tr(zh.state) == "已被篡改"
    finally:
        i18n.set_language(None)

    # The way out: submit the draft again and have it approved again.
    again = changes.submit(ws, "lin", "Company is required (again)", passphrase=PASSPHRASE)
    # Superseded now, and still shown as altered: every stored state is checked (issue 20).
    assert changes.get_change(ws, second.id).state == "altered"
    assert again.approvals == () and not again.can_push
    approve_by(ws, again.id, "zhou", "chen")
    assert push(ws, again.id, server_url=server.base_url, token=server.token).version == 2
    assert release_versions(server) == [1, 2]


def test_a_recomputed_sha256_or_an_edited_approval_is_caught_too(
    ws: Workspace, server: LiveServer
) -> None:
    # Only the stored sha256 changed: it no longer matches the stored text.
    view = submit_and_approve(ws, "First")
    _sql(
        ws,
        "UPDATE change_requests SET bundle_sha256 = :sha WHERE id = :id",
        sha="0" * 64,
        id=view.id,
    )
    altered = changes.get_change(ws, view.id)
    assert altered.state == "altered" and ALTERED in altered.blockers[0]

    # Text and sha256 edited together: consistent, but the approvals signed the old sha256.
    edit_draft(ws, "require_company")
    view = submit_and_approve(ws, "Company is required")
    with ws.session() as s:
        (stored,) = s.execute(
            text("SELECT bundle_json FROM change_requests WHERE id = :id"), {"id": view.id}
        ).one()
    forged = stored.replace("未知 unknown", "x")
    _sql(
        ws,
        "UPDATE change_requests SET bundle_json = :text, bundle_sha256 = :sha WHERE id = :id",
        text=forged,
        sha=hashlib.sha256(forged.encode("utf-8")).hexdigest(),
        id=view.id,
    )
    altered = changes.get_change(ws, view.id)
    assert altered.bundle_intact and altered.state == "altered"
    assert [a.valid for a in altered.approvals] == [False, False]
    assert "approval by zhou" in altered.blockers[0] and "does not verify" in altered.blockers[0]
    assert "does not verify" in _assert_refused_before_sending(ws, server, view.id)

    # A rejection turned into an approval (and the change reopened) in the database.
    edit_draft(ws, "rename_notes")
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    changes.reject(ws, view.id, "zhou", PASSPHRASE, "not now")
    _sql(
        ws,
        "UPDATE approvals SET decision = 'approve' WHERE change_id = :id AND decision = 'reject'",
        id=view.id,
    )
    _sql(ws, "UPDATE change_requests SET state = 'open' WHERE id = :id", id=view.id)
    altered = changes.get_change(ws, view.id)
    assert altered.state == "altered" and [a.valid for a in altered.approvals] == [False]
    with pytest.raises(ChangeRefused, match="forged"):
        changes.approve(ws, view.id, "chen", PASSPHRASE)
    assert release_versions(server) == []


def test_an_edited_bundle_on_a_postgresql_workspace_is_refused_by_another_studio(
    pg_url: str, tmp_path: Path
) -> None:
    init_workspace(pg_url, sample=True).close()
    lin, other = open_workspace(pg_url), open_workspace(pg_url)
    try:
        make_demo_keys(lin)
        with run_server(data_dir=tmp_path / "server", approvers=registry_of(lin)) as server:  # type: ignore[arg-type]
            view = submit_and_approve(lin, "First")
            assert changes.get_change(other, view.id).can_push
            _drop_a_required(lin, view.id)
            seen = changes.get_change(other, view.id)
            assert seen.state == "altered" and not any(a.valid for a in seen.approvals)
            assert ALTERED in _assert_refused_before_sending(other, server, view.id)
            assert release_versions(server) == []
    finally:
        lin.close()
        other.close()


def test_the_approved_change_stays_pushable_without_the_later_edits(
    ws: Workspace, server: LiveServer
) -> None:
    view = submit_and_approve(ws, "First")
    edited_draft = edit_draft(ws, "require_company")
    edited = changes.draft_edited_since(ws)
    assert edited is not None and edited.change_id == view.id
    assert edited.draft_sha256 == edited_draft.sha256() != view.bundle_sha256
    assert changes.get_change(ws, view.id).can_push
    push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
    with server.client() as c:
        current = c.get("/api/v1/releases/current").json()
    assert current["bundle_sha256"] == view.bundle_sha256  # exactly what was signed
    assert changes.draft_edited_since(ws) is None  # nothing open any more: the diff says the rest


def _studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_cli_list_and_show_say_the_draft_was_edited_and_show_an_altered_change(
    ws: Workspace, server: LiveServer
) -> None:
    env = {"STUDIO_WORKSPACE": str(ws.target), "STUDIO_LANG": "en"}
    view = submit_and_approve(ws, "First")
    edit_draft(ws, "require_company")
    note = f"! The draft has been edited since change {view.id[:8]} was submitted;"

    listed = _studio("change", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(view.id[:8]) and "approved" in lines[0]
    assert lines[1].startswith(note) and "will not count for the new change" in lines[1]
    shown = _studio("change", "show", view.id[:8], env=env)
    assert sum(line.startswith(note) for line in shown.stdout.splitlines()) == 1
    as_json = json.loads(_studio("change", "list", "--format", "json", env=env).stdout)
    assert as_json["draft_edited_since"] == view.id
    zh = _studio("change", "list", env={**env, "STUDIO_LANG": "zh_CN"})
    assert f"变更 {view.id[:8]} 提交之后草稿又被修改过" in zh.stdout

    _drop_a_required(ws, view.id)
    shown = _studio("change", "show", view.id, env=env)
    assert "state: altered" in shown.stdout and ALTERED in shown.stdout
    assert "✗ zhou (business_lead)" in shown.stdout
    assert note not in shown.stdout  # an altered change is not "pending": it says so itself
    pushed = _studio(
        "change",
        "push",
        view.id,
        "--server",
        server.base_url,
        env={**env, "STUDIO_SERVER_TOKEN": server.token},
    )
    assert pushed.returncode == 1 and ALTERED in pushed.stderr
    assert (
        pushed.stderr.strip()
        .splitlines()[-1]
        .startswith(f"Change {view.id[:8]} (“First”) has been")
    )
    assert release_versions(server) == []


def test_an_approval_the_servers_registry_would_refuse_does_not_count(
    ws: Workspace, server: LiveServer
) -> None:
    """The role on an approval is not under its signature: the live approver registry decides.

    Someone edits chen's approval from it_admin to business_lead in the workspace; the signature
    still verifies, but the live registry names chen's key as it_admin, so the server would refuse
    it. The studio says so before any push, and the change is not approved."""
    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    edit_draft(ws, "rename_notes")
    change = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    approve_by(ws, change.id, "chen")
    _sql(
        ws,
        "UPDATE approvals SET role = 'business_lead' WHERE change_id = :id AND user_name = 'chen'",
        id=change.id,
    )
    view = changes.get_change(ws, change.id)
    assert [a.valid for a in view.approvals] == [False]
    assert view.state != "altered"  # the signature itself is fine
    assert any("does not match the live approver registry" in b for b in view.blockers)
    assert not view.can_push
    # zhou's own approval is still not enough: chen's does not count as it_admin either.
    view = approve_by(ws, change.id, "zhou")
    assert not view.policy.met and not view.can_push
    assert "does not match the live approver registry" in _assert_refused_before_sending(
        ws, server, change.id
    )
    assert release_versions(server) == [1]


def test_an_approval_with_a_key_revoked_before_it_does_not_count_but_is_no_tampering(
    ws: Workspace,
) -> None:
    """A key rotation racing an approval, or two studios' clocks apart: the approval is genuine
    but its key was revoked first. It does not count, and the change is not called altered."""
    change = changes.submit(ws, "lin", "First", passphrase=PASSPHRASE)
    approve_by(ws, change.id, "chen")
    _sql(
        ws,
        "UPDATE public_keys SET revoked_at = '2000-01-01 00:00:00' WHERE user_name = 'chen'",
    )
    view = changes.get_change(ws, change.id)
    assert view.state != "altered"
    assert [a.valid for a in view.approvals] == [False]
    assert any("was revoked before it was given" in b for b in view.blockers)
    assert not view.can_push
