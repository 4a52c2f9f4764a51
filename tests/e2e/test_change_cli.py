"""The change-flow commands of DESIGN.md, run as a script would, against a real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.change_flow import PASSPHRASE, RegistryEntry
from tests.helpers.server import run_server


def studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_keys_submit_approve_push_list_audit(tmp_path: Path) -> None:
    env = {"STUDIO_WORKSPACE": str(tmp_path / "w.db"), "STUDIO_PASSPHRASE": PASSPHRASE}
    assert studio("init", "--sample", env=env).returncode == 0
    for user in ("lin", "zhou", "chen"):
        r = studio("keys", "create", "--user", user, env=env)
        assert r.returncode == 0, r.stderr
    again = studio("keys", "create", "--user", "lin", env=env)
    assert again.returncode == 1 and "rotate" in again.stderr
    registry = tmp_path / "approvers.json"
    assert studio("keys", "export-approvers", "--out", str(registry), env=env).returncode == 0
    entries = [RegistryEntry(e) for e in json.loads(registry.read_text(encoding="utf-8"))]
    assert [e.user for e in entries] == ["lin", "zhou", "chen"]

    with run_server(data_dir=tmp_path / "server", approvers=entries) as server:  # type: ignore[arg-type]
        env["STUDIO_SERVER_TOKEN"] = server.token
        r = studio("change", "submit", "--title", "First release", "--user", "lin", env=env)
        assert r.returncode == 0, r.stderr
        change_id = r.stdout.strip()
        assert len(change_id) == 36

        own = studio("change", "approve", change_id, "--user", "lin", env=env)
        assert own.returncode == 1 and own.stderr.strip().count("\n") == 0
        assert "author" in own.stderr

        early = studio("change", "push", change_id, "--server", server.base_url, env=env)
        assert early.returncode == 1 and "more approval" in early.stderr

        assert studio("change", "approve", change_id, "--user", "zhou", env=env).returncode == 0
        r = studio("change", "approve", change_id[:8], "--user", "chen", env=env)
        assert r.returncode == 0 and "can be pushed" in r.stdout

        r = studio("change", "push", change_id, "--server", server.base_url, env=env)
        assert r.returncode == 0, r.stderr
        assert "Version 1 is live" in r.stdout

        r = studio("change", "list", "--format", "json", env=env)
        (listed,) = json.loads(r.stdout)["changes"]
        assert listed["state"] == "pushed" and listed["target_version"] == 1
        r = studio("change", "show", change_id, "--format", "json", env=env)
        shown = json.loads(r.stdout)
        assert [a["user"] for a in shown["approvals"]] == ["zhou", "chen"]
        assert shown["diff"]["summary"]["entities_added"] == 5
        assert {"entity": "customer", "field": "name"} in [
            {"entity": r["entity"], "field": r["field"]} for r in shown["impact"]["required_fields"]
        ]
        text = studio("change", "show", change_id[:8], env=env).stdout
        assert "state: pushed" in text and "✓ zhou (business_lead) approve" in text
        assert "+ entity Customer (customer)" in text

        # a refusal names the change by its title too, not by an id alone
        late = studio("change", "approve", change_id, "--user", "zhou", env=env)
        assert late.returncode == 1 and f"{change_id[:8]} (“First release”)" in late.stderr

        same = studio("change", "rollback", "--to", "1", "--title", "x", "--user", "lin", env=env)
        assert same.returncode == 1 and "already live" in same.stderr

        other = tmp_path / "other.db"
        assert studio("init", "--sample", "--workspace", str(other), env=env).returncode == 0
        r = studio(
            "change", "sync", "--workspace", str(other), "--server", server.base_url, env=env
        )
        assert r.returncode == 0 and "1 release recorded" in r.stdout, r.stderr

        zh = studio(
            "change", "reject", change_id, "--user", "zhou", env={**env, "STUDIO_LANG": "zh_CN"}
        )
        assert zh.returncode == 1 and "驳回需要填写原因" in zh.stderr

    assert studio("audit", "verify", env=env).returncode == 0
    out = tmp_path / "audit.xlsx"
    r = studio("audit", "export", "--out", str(out), "--user", "lin", env=env)
    assert r.returncode == 0 and out.exists()
    # The workspace file holds no secret: neither the passphrase nor the server token.
    data = (tmp_path / "w.db").read_bytes()
    assert PASSPHRASE.encode() not in data and server.token.encode() not in data
