"""``studio serve`` as an operator runs it."""

from __future__ import annotations

import json
import os
import ssl
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


def test_without_a_token_one_is_made_and_shown_once(tmp_path: Path, isolated_home: Path) -> None:
    """Also: without --data the database goes to the studio's user data folder."""
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
    assert list((isolated_home / "data").glob("*/server/server.db"))


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


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_tls_serves_https_and_half_a_tls_pair_is_refused(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    env = _env(STUDIO_SERVER_TOKEN="t" * 20)
    half = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "serve",
            "--data",
            str(tmp_path),
            "--ssl-certfile",
            str(cert),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert half.returncode == 1 and "--ssl-keyfile" in half.stderr
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
            "--ssl-certfile",
            str(cert),
            "--ssl-keyfile",
            str(key),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ctx = ssl.create_default_context(cafile=str(cert))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"https://127.0.0.1:{port}/api/v1/health", verify=ctx, timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert r.status_code == 200
        authed = httpx.get(
            f"https://127.0.0.1:{port}/api/v1/approvers",
            verify=ctx,
            headers={"Authorization": "Bearer " + "t" * 20},
        )
        assert authed.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
