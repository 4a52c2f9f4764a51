"""``studio serve`` as an operator runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.helpers.server import REPO_ROOT, _free_port, demo_approver, registry_json


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "STUDIO_SERVER_TOKEN"}
    env["PYTHONPATH"] = str(REPO_ROOT)
    return {**env, **extra}


def test_a_public_address_without_tls_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studio", "serve", "--host", "0.0.0.0", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert result.returncode == 1
    assert "without TLS" in result.stderr and "0.0.0.0" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_approvers_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "approvers.json"
    entry = demo_approver("zhou").registry_entry()
    bad.write_text(json.dumps([{**entry, "key_id": "0" * 16}]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "studio", "serve", "--data", str(tmp_path), "--approvers", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(STUDIO_SERVER_TOKEN="t" * 20),
    )
    assert result.returncode == 1
    assert "not valid" in result.stderr and "key_id" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_token_one_is_made_and_shown_once(tmp_path: Path) -> None:
    port = _free_port()
    approvers = tmp_path / "approvers.json"
    approvers.write_text(
        json.dumps(registry_json([demo_approver("chen"), demo_approver("zhou")])), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "studio",
            "serve",
            "--port",
            str(port),
            "--data",
            str(tmp_path),
            "--approvers",
            str(approvers),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "token" in line
        token = line.strip().rsplit(" ", 1)[-1]
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        ok = httpx.get(f"{base}/api/v1/approvers", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200
        assert {a["user"] for a in ok.json()["approvers"]} == {"chen", "zhou"}
        assert httpx.get(f"{base}/api/v1/approvers").status_code == 401
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert token not in err  # shown once, never again (not in the access log)


def test_restarting_with_another_registry_is_refused(tmp_path: Path) -> None:
    env = _env(STUDIO_SERVER_TOKEN="t" * 20)
    first = tmp_path / "a.json"
    first.write_text(json.dumps(registry_json([demo_approver("chen")])), encoding="utf-8")
    second = tmp_path / "b.json"
    second.write_text(json.dumps(registry_json([demo_approver("zhou")])), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "studio",
            "serve",
            "--port",
            str(port),
            "--data",
            str(tmp_path),
            "--approvers",
            str(first),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "serve",
            "--port",
            str(_free_port()),
            "--data",
            str(tmp_path),
            "--approvers",
            str(second),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert "already set" in result.stderr and "Traceback" not in result.stderr
