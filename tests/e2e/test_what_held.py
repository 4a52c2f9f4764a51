"""What held in issue 20's attack review, kept so (a real ``studio serve`` run apart): approvals
copied from another change count for nothing; a rejected change set back to open stays blocked;
local releases deleted or faked leave the change outdated and refused; and no passphrase, token
or private key lands in any file the flow writes."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from studio import changes
from studio.changes import ChangeRefused, keys
from studio.client.push import push
from studio.contract import signing
from studio.workspace.connection import Workspace
from tests.e2e.test_change_integrity import FAST, _assert_refused_before_sending
from tests.helpers.change_flow import PASSPHRASE, edit_draft, submit_and_approve
from tests.helpers.server import LiveServer, release_versions


def _sql(ws: Workspace, statement: str, **params: object) -> int:
    with ws.session() as s:
        return int(s.execute(text(statement), params).rowcount)  # type: ignore[attr-defined]


def test_approvals_copied_from_another_change_count_for_nothing(
    ws: Workspace, server: LiveServer
) -> None:
    first = submit_and_approve(ws, "First")
    edit_draft(ws, "rename_notes")
    second = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    copied = _sql(
        ws,
        "INSERT INTO approvals (change_id, user_name, role, decision, bundle_sha256, key_id, "
        "signature, comment, created_at) SELECT :to, user_name, role, decision, :sha, key_id, "
        "signature, comment, created_at FROM approvals WHERE change_id = :from "
        "AND decision = 'approve'",
        to=second.id,
        sha=second.bundle_sha256,
        **{"from": first.id},
    )
    assert copied == 2
    seen = changes.get_change(ws, second.id)
    assert seen.state != "approved" and not seen.can_push and not seen.policy.met
    assert not any(a.valid for a in seen.approvals if a.decision == "approve")
    _assert_refused_before_sending(ws, server, second.id)
    assert release_versions(server) == []


def test_a_rejected_change_set_back_to_open_stays_blocked(
    ws: Workspace, server: LiveServer
) -> None:
    view = changes.submit(ws, "lin", "First", passphrase=PASSPHRASE)
    changes.reject(ws, view.id, "zhou", PASSPHRASE, "not now")
    assert _sql(ws, "UPDATE change_requests SET state = 'open' WHERE id = :id", id=view.id) == 1
    seen = changes.get_change(ws, view.id)
    assert seen.state != "approved" and not seen.can_push
    # Even with the other approvals the policy asks for, zhou's signed rejection stands.
    with pytest.raises(ChangeRefused):
        for user in ("chen", "zhou"):
            changes.approve(ws, view.id, user, PASSPHRASE)
    seen = changes.get_change(ws, view.id)
    assert seen.state != "approved" and not seen.can_push
    _assert_refused_before_sending(ws, server, view.id)
    assert release_versions(server) == []


@pytest.mark.parametrize("how", ["deleted", "faked"])
def test_local_releases_deleted_or_faked_leave_the_change_outdated_and_refused(
    ws: Workspace, server: LiveServer, how: str
) -> None:
    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    edit_draft(ws, "rename_notes")
    second = submit_and_approve(ws, "Rename notes")  # made against v1
    if how == "deleted":
        assert _sql(ws, "DELETE FROM releases") == 1
    else:  # a v2 that the server never accepted, as if the change's base had moved on
        assert (
            _sql(
                ws,
                "INSERT INTO releases (version, change_id, author, bundle_json, bundle_sha256, "
                "document, applied_at) SELECT 2, change_id, author, bundle_json, bundle_sha256, "
                "document, applied_at FROM releases WHERE version = 1",
            )
            == 1
        )
    seen = changes.get_change(ws, second.id)
    assert seen.state in ("outdated", "altered") and not seen.can_push
    with pytest.raises(ChangeRefused):
        push(ws, second.id, server_url=server.base_url, token=server.token, retry=FAST)
    assert release_versions(server) == [1]


def test_no_passphrase_token_or_private_key_in_any_file_written(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    view = submit_and_approve(ws, "First")
    env = {
        **os.environ,
        "STUDIO_LANG": "en",
        "STUDIO_WORKSPACE": str(ws.target),
        "STUDIO_SERVER_TOKEN": server.token,
        "STUDIO_PASSPHRASE": PASSPHRASE,
    }
    for args in (
        ("change", "push", view.id, "--server", server.base_url, "--user", "lin"),
        ("audit", "verify", "--server", server.base_url),
        ("audit", "export", "--out", str(tmp_path / "audit.xlsx")),
        ("change", "show", view.id, "--out", str(tmp_path / "change.xlsx")),
        ("config", "export", str(tmp_path / "bundle.json")),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "studio", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stderr)
        assert PASSPHRASE not in done.stdout + done.stderr
        assert server.token not in done.stdout + done.stderr
    secrets = {
        "passphrase": PASSPHRASE.encode(),
        "token": server.token.encode(),
    }
    for user in ("lin", "zhou", "chen"):
        with ws.session() as s:
            _key_id, key = keys.signing_key(s, user, PASSPHRASE)
        raw = signing.private_key_raw(key)
        secrets[f"{user}'s private key"] = raw
        secrets[f"{user}'s private key (base64)"] = base64.b64encode(raw)
        secrets[f"{user}'s private key (hex)"] = raw.hex().encode()
    ws.close()  # everything on disk
    # The test's folder (workspace, server data, exports) and its home (the studio's data,
    # config and log folders); the OS keyring keeps its own encrypted files elsewhere.
    home = Path(os.environ["XDG_DATA_HOME"]).parent
    written = [p for root in (tmp_path, home) for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "w.db" for p in written) and any(p.suffix == ".xlsx" for p in written)
    assert any("server" in p.parts for p in written)
    for path in written:
        data = path.read_bytes()
        for what, secret in secrets.items():
            assert secret not in data, f"{what} in {path}"
