"""``studio change show`` counts the server's records a newly required field would break."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from studio.workspace.connection import open_workspace
from tests.helpers.impact import load_customers, submit_required_company
from tests.helpers.server import LiveServer


def studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def _submitted(path: Path) -> str:
    ws = open_workspace(str(path))
    try:
        return submit_required_company(ws).id
    finally:
        ws.close()


def test_show_prints_how_many_records_would_break(
    sample_workspace_path: Path, live_server: LiveServer
) -> None:
    change_id = _submitted(sample_workspace_path)
    load_customers(live_server)
    env = {
        "STUDIO_WORKSPACE": str(sample_workspace_path),
        "STUDIO_SERVER_TOKEN": live_server.token,
    }
    r = studio("change", "show", change_id[:8], "--server", live_server.base_url, env=env)
    assert r.returncode == 0, r.stderr
    assert (
        "becomes required: customer.company (2 records on the server have no value and could "
        "no longer be saved)" in r.stdout
    )
    # A first release adds every entity: only fields the server's records lack are listed
    # (the Review dialog's rule, studio.changes.impact.impact_sentences), not every required one.
    assert "customer.name" not in r.stdout.split("becomes required", 1)[1]
    assert "unavailable" not in r.stdout
    assert live_server.token not in r.stdout + r.stderr

    r = studio(
        "change",
        "show",
        change_id,
        "--format",
        "json",
        env={**env, "STUDIO_SERVER_URL": live_server.base_url},
    )
    shown = json.loads(r.stdout)
    company = next(f for f in shown["impact"]["required_fields"] if f["field"] == "company")
    assert company["records_violating"] == 2 and company["entity"] == "customer"
    assert shown["impact"]["statistics_problem"] is None

    zh = studio(
        "change",
        "show",
        change_id,
        "--server",
        live_server.base_url,
        env={**env, "STUDIO_LANG": "zh_CN"},
    )
    assert "服务器上有 2 条记录没有取值，将无法再保存" in zh.stdout


def test_show_with_the_server_down_says_unknown_and_why(sample_workspace_path: Path) -> None:
    change_id = _submitted(sample_workspace_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}"
    env = {
        "STUDIO_WORKSPACE": str(sample_workspace_path),
        "STUDIO_SERVER_TOKEN": "secret-" + "z" * 30,
    }
    r = studio("change", "show", change_id, "--server", down, env=env)
    assert r.returncode == 0, r.stderr
    # A first release: fields of the entities it adds are listed only for records the server
    # counted; here it could not count, and the line says why.
    assert "how many records lack a value is unknown" not in r.stdout
    assert f"Server statistics unavailable: cannot reach {down} (ConnectError)" in r.stdout
    assert "secret-" not in r.stdout + r.stderr

    r = studio("change", "show", change_id, "--server", down, "--format", "json", env=env)
    shown = json.loads(r.stdout)
    company = next(f for f in shown["impact"]["required_fields"] if f["field"] == "company")
    assert company["records_violating"] is None
    assert "cannot reach" in shown["impact"]["statistics_problem"]
