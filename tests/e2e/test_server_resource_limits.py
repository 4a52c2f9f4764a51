"""Issue 17, anonymous and oversized traffic: the token is checked before a body is read, bodies
are capped while they stream in, non-JSON is a 415, half-sent requests time out, the connection
count is bounded, repeated log lines are limited, verification happens before the write lock, and
nesting is bounded everywhere. Against a real ``studio serve`` on loopback."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from tests.helpers.server import (
    LiveServer,
    make_approver,
    release_document,
    release_versions,
    rss_mb,
    run_server,
)


def _raw(server: LiveServer, request: bytes, timeout: float = 10.0) -> bytes:
    """Send ``request`` (head, perhaps part of a body) and read what comes back until close."""
    host, port = server.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(request)
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
                if b"\r\n\r\n" in b"".join(chunks) and b'"error"' in b"".join(chunks):
                    break
        except TimeoutError:
            pass
        return b"".join(chunks)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def _head(path: str, length: int, *, token: str | None, content_type: str) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Content-Type: {content_type}",
        f"Content-Length: {length}",
    ]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@pytest.mark.parametrize(
    "path", ["/api/v1/records/customer/batch", "/api/v1/releases", "/api/v1/approvers/bootstrap"]
)
def test_the_token_is_checked_before_the_body_is_read(live_server: LiveServer, path: str) -> None:
    # 200 MB announced, not one byte of it sent: the answer comes at once.
    start = time.monotonic()
    answer = _raw(live_server, _head(path, 200 * 2**20, token=None, content_type="text/plain"))
    assert _status(answer) == 401, answer[:300]
    assert b'"unauthorized"' in answer
    assert time.monotonic() - start < 5


def test_non_json_bodies_are_a_415_and_oversized_ones_a_413_unread(
    live_server: LiveServer,
) -> None:
    token = live_server.token
    plain = _raw(
        live_server, _head("/api/v1/releases", 300 * 2**20, token=token, content_type="text/plain")
    )
    assert _status(plain) == 415 and b'"unsupported_media_type"' in plain
    big = _raw(
        live_server,
        _head(
            "/api/v1/records/customer/batch",
            17 * 2**20,
            token=token,
            content_type="application/json",
        ),
    )
    assert _status(big) == 413 and b'"too_large"' in big
    small = _raw(
        live_server,
        _head("/api/v1/tokens", 2 * 2**20, token=token, content_type="application/json"),
    )
    assert _status(small) == 413


def test_a_records_body_without_a_length_is_cut_off_at_its_cap(live_server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"key_field": "mobile", "records": ["'
        for _ in range(40):
            yield b"x" * 2**20
        yield b'"]}'

    with live_server.client() as c:
        r = c.post(
            "/api/v1/records/customer/batch",
            content=chunks(),
            headers={"Content-Type": "application/json"},
        )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert rss_mb(live_server.pid) < 400


def test_nesting_is_bounded_everywhere(live_server: LiveServer) -> None:
    deep: Any = "x"
    for _ in range(300):
        deep = {"a": deep}
    with live_server.client() as c:
        r = c.post(
            "/api/v1/records/customer/batch",
            json={"key_field": "mobile", "records": [{"mobile": "13800000000", "n": deep}]},
        )
        assert r.status_code == 422, r.text
        ok = c.post(
            "/api/v1/records/customer/batch",
            json={"key_field": "mobile", "records": [{"mobile": "13800000001", "n": [[1]]}]},
        )
        assert ok.status_code == 200, ok.text
        assert c.get("/api/v1/records/customer").status_code == 200
    # a bundle nested ~985 levels deep inside its rules (written as text: too deep to encode)
    group = '{"all":[' * 985 + '{"field":"x","op":"empty"}' + "]}" * 985
    doc = release_document(sample_bundle(), 1)
    text = json.dumps(doc)
    body = text.replace(
        '"bundle": {', '"bundle": {"rules": {"lead": {"validations": [' + group + "]}}, ", 1
    )
    with live_server.client() as c:
        r = c.post(
            "/api/v1/releases",
            content=body.encode(),
            headers={"Idempotency-Key": doc["bundle_sha256"], "Content-Type": "application/json"},
        )
    assert r.status_code == 422 and r.json()["error"]["code"] == "schema_invalid", r.text


def test_half_sent_requests_time_out_and_connections_are_capped(tmp_path: Path) -> None:
    with run_server(
        data_dir=tmp_path / "server",
        extra_args=["--header-timeout", "2", "--body-timeout", "2"],
        max_open_files=256,
    ) as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        idle = []
        for _ in range(300):
            try:
                idle.append(socket.create_connection((host, int(port)), timeout=5))
            except OSError:
                break
        try:
            start = time.monotonic()
            while True:
                try:
                    if httpx.get(f"{server.base_url}/api/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() - start < 15, "the server stayed unreachable"
                time.sleep(0.2)
            # a body that never ends is cut off too
            with socket.create_connection((host, int(port)), timeout=10) as s:
                s.sendall(
                    _head(
                        "/api/v1/records/customer/batch",
                        100,
                        token=server.token,
                        content_type="application/json",
                    )
                    + b'{"key_'
                )
                started = time.monotonic()
                s.recv(65536)  # the server closes (or answers) after the body timeout
                assert time.monotonic() - started < 8
        finally:
            for s in idle:
                s.close()
        log = server.data_dir / "server.log"
        assert log.stat().st_size < 2 * 2**20


def test_large_refused_pushes_do_not_hold_the_write_lock(
    tmp_path: Path, server_database: str | None
) -> None:
    """Pushes signed by an unregistered key, each ~20 MB: refused after parsing and verifying,
    which happen before the write lock is taken, so a records batch goes through meanwhile."""
    mallory = make_approver("mallory", "it_admin")
    # ~20 MB of padding in a free-form value (the rules section is typed: a backfill).
    data = sample_bundle().model_dump(mode="json", exclude_none=True)
    data["entities"][0]["fields"][-1]["backfill"] = ["x" * 1000] * 20_000
    bundle = Bundle.model_validate(data)
    doc = release_document(bundle, 1, approvers=[mallory, make_approver("eve", "business_lead")])
    body = json.dumps(doc).encode()
    with run_server(data_dir=tmp_path / "server", database_url=server_database) as server:
        answers: list[int] = []
        batch: list[tuple[int, float]] = []

        def push() -> None:
            with server.client(timeout=120) as c:
                r = c.post(
                    "/api/v1/releases",
                    content=body,
                    headers={
                        "Idempotency-Key": doc["bundle_sha256"],
                        "Content-Type": "application/json",
                    },
                )
                answers.append(r.status_code)

        threads = [threading.Thread(target=push) for _ in range(6)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        start = time.monotonic()
        with server.client(timeout=60) as c:
            r = c.post(
                "/api/v1/records/customer/batch",
                json={"key_field": "mobile", "records": [{"mobile": "13800000000"}]},
            )
        batch.append((r.status_code, time.monotonic() - start))
        peak = rss_mb(server.pid)
        for t in threads:
            t.join()
        assert batch[0][0] == 200 and batch[0][1] < 10, batch
        assert all(400 <= a < 500 for a in answers), answers
        assert peak < 1500
        assert release_versions(server) == []
