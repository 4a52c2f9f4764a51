"""Issue 17, a bounded soak: 30 s of anonymous junk plus valid pushes on loopback. Afterwards every
valid push was applied exactly once, the server's memory stayed under 500 MB, and no answer was a
5xx. ``STUDIO_SOAK_SECONDS`` shortens or lengthens it."""

from __future__ import annotations

import json
import os
import random
import socket
import threading
import time
from pathlib import Path

import httpx

from studio.bundle.model import Label, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.server import LiveServer, release_document, release_versions, rss_mb, run_server

SECONDS = float(os.environ.get("STUDIO_SOAK_SECONDS", "30"))


def _junk(server: LiveServer, stop: threading.Event, statuses: list[int], seed: int) -> None:
    rnd = random.Random(seed)
    host, port = server.base_url.removeprefix("http://").split(":")
    paths = [
        "/api/v1/releases",
        "/api/v1/records/customer/batch",
        "/api/v1/approvers/bootstrap",
        "/api/v1/rejections",
        "/api/v1/tokens",
        "/api/v1/releases/current",
    ]
    with httpx.Client(base_url=server.base_url, timeout=10) as anonymous:
        while not stop.is_set():
            kind = rnd.randrange(6)
            try:
                if kind == 0:  # anonymous JSON
                    r = anonymous.post(rnd.choice(paths), json={"junk": rnd.random()})
                    statuses.append(r.status_code)
                elif kind == 1:  # a large text/plain body, as a web page could send
                    r = anonymous.post(
                        rnd.choice(paths),
                        content=b"x" * rnd.randrange(1, 4 * 2**20),
                        headers={"Content-Type": "text/plain"},
                    )
                    statuses.append(r.status_code)
                elif kind == 2:  # a wrong token
                    r = anonymous.get(
                        "/api/v1/releases", headers={"Authorization": "Bearer nope-" + str(seed)}
                    )
                    statuses.append(r.status_code)
                elif kind == 3:  # garbage on the wire
                    with socket.create_connection((host, int(port)), timeout=5) as s:
                        s.sendall(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300))))
                        s.settimeout(2)
                        answer = s.recv(200)
                        if answer.startswith(b"HTTP/1.1 "):
                            statuses.append(int(answer.split(b" ", 2)[1]))
                elif kind == 4:  # a half-sent request, abandoned
                    s = socket.create_connection((host, int(port)), timeout=5)
                    s.sendall(b"POST /api/v1/releases HTTP/1.1\r\nHost: x\r\nContent-Le")
                    time.sleep(rnd.random() * 0.2)
                    s.close()
                else:  # the health check, which must stay quick
                    r = anonymous.get("/api/v1/health")
                    statuses.append(r.status_code)
            except (httpx.HTTPError, OSError):
                pass  # the server may close a junk connection: that is fine


def test_a_bounded_soak_applies_every_valid_push_once(tmp_path: Path) -> None:
    with run_server(
        data_dir=tmp_path / "server", extra_args=["--header-timeout", "3", "--body-timeout", "5"]
    ) as server:
        stop = threading.Event()
        statuses: list[int] = []
        junk = [
            threading.Thread(target=_junk, args=(server, stop, statuses, seed)) for seed in range(4)
        ]
        for t in junk:
            t.start()
        peak = 0.0
        applied: list[int] = []
        pushed_answers: list[int] = []
        bundle = sample_bundle()
        deadline = time.monotonic() + SECONDS
        version = 0
        try:
            while time.monotonic() < deadline:
                version += 1
                bundle = bundle.model_copy(
                    update={
                        "roles": (
                            *bundle.roles,
                            Role(key=f"soak_{version}", label=Label(zh_CN="角色", en="Role")),
                        )
                    }
                )
                doc = release_document(bundle, version)
                body = json.dumps(doc).encode()
                for _attempt in range(2):  # every push sent twice: a retry must apply nothing
                    for _try in range(20):
                        try:
                            with server.client(timeout=30) as c:
                                r = c.post(
                                    "/api/v1/releases",
                                    content=body,
                                    headers={
                                        "Idempotency-Key": doc["bundle_sha256"],
                                        "Content-Type": "application/json",
                                    },
                                )
                            break
                        except httpx.HTTPError:
                            time.sleep(0.2)  # connection refused or closed under load: retry
                    else:
                        raise AssertionError(f"push of version {version} never got an answer")
                    pushed_answers.append(r.status_code)
                    assert r.status_code == 201, r.text
                applied.append(version)
                peak = max(peak, rss_mb(server.pid))
                time.sleep(0.1)
        finally:
            stop.set()
            for t in junk:
                t.join(timeout=30)
        peak = max(peak, rss_mb(server.pid))
        assert release_versions(server) == applied
        assert len(applied) >= 5
        assert all(s < 500 for s in statuses + pushed_answers), sorted(set(statuses))
        assert peak < 500, peak
        print(
            f"soak {SECONDS:.0f} s: {len(applied)} pushes applied once each, "
            f"{len(statuses)} junk answers ({sorted(set(statuses))}), peak RSS {peak:.0f} MB"
        )
