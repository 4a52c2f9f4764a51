"""A real ``studio serve`` for tests and benchmarks, and signed release documents to push to it.

- ``run_server(...)``: context manager that starts ``python -m studio serve`` on a free loopback
  port with a temp data dir and a known token, waits until it answers, yields a ``LiveServer``
  (a named tuple ``(base_url, token, data_dir)``) and stops it.
- ``live_server``: the pytest fixture around it, with the demo approvers registered.
- ``DEMO_APPROVERS`` / ``demo_approver(user)``: deterministic test keys for the sample's demo
  users (lin and chen: it_admin, zhou: business_lead). Test-only keys, derived from their names.
- ``release_document(bundle, version, approvers=...)``: a release document signed by them.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from studio.bundle.model import Approver, Bundle
from studio.contract import signing

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_TOKEN = "test-token-" + "x" * 24


@dataclass(frozen=True)
class DemoApprover:
    """A person with a key pair, as the server's registry knows them."""

    user: str
    role: str
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        return signing.public_key_b64(self.private_key)

    @property
    def key_id(self) -> str:
        return signing.key_id(self.public_key)

    def registry_entry(self) -> dict[str, str]:
        return {
            "user": self.user,
            "role": self.role,
            "key_id": self.key_id,
            "public_key": self.public_key,
        }

    def as_approver(self) -> Approver:
        return Approver(**self.registry_entry())

    def approval(
        self, change_id: str, bundle_sha256: str, version: int, decision: str = "approve"
    ) -> dict[str, str]:
        """This person's signed decision, as a release document carries it."""
        return {
            "user": self.user,
            "role": self.role,
            "decision": decision,
            "key_id": self.key_id,
            "signature": signing.sign(
                self.private_key, change_id, bundle_sha256, version, decision
            ),
        }


def make_approver(user: str, role: str, seed: str | None = None) -> DemoApprover:
    """A person whose key is derived from ``seed`` (default: their name): the same every run."""
    raw = hashlib.sha256(f"studio-test-key:{seed or user}".encode()).digest()
    return DemoApprover(user, role, signing.private_key_from_raw(raw))


DEMO_APPROVERS: tuple[DemoApprover, ...] = (
    make_approver("lin", "it_admin"),
    make_approver("chen", "it_admin"),
    make_approver("zhou", "business_lead"),
)


def demo_approver(user: str) -> DemoApprover:
    return next(a for a in DEMO_APPROVERS if a.user == user)


def registry_json(approvers: Sequence[DemoApprover]) -> list[dict[str, str]]:
    return [a.registry_entry() for a in approvers]


def release_document(
    bundle: Bundle,
    version: int,
    *,
    approvers: Sequence[DemoApprover] = (),
    author: str = "lin",
    change_id: str | None = None,
    parent_version: int | None = None,
    decision: str = "approve",
    author_key: DemoApprover | None = None,
) -> dict[str, Any]:
    """A release document for ``bundle`` as ``version``, signed by ``approvers``.

    Default approvers: chen (it_admin) and zhou (business_lead), authored by lin, which meets the
    default policy. ``parent_version`` defaults to ``version - 1``. The author signs the
    submission with ``author_key`` (default: the demo key of that name).
    """
    signers = list(approvers) or [demo_approver("chen"), demo_approver("zhou")]
    sha = bundle.sha256()
    cid = change_id or f"chg-{uuid.uuid4().hex[:12]}"
    return {
        "change_id": cid,
        "version": version,
        "parent_version": version - 1 if parent_version is None else parent_version,
        "author": author,
        "author_signature": author_signature(author_key or author_of(author), cid, sha, version),
        "bundle": bundle.model_dump(mode="json", exclude_none=True),
        "bundle_sha256": sha,
        "approvals": [a.approval(cid, sha, version, decision) for a in signers],
    }


def author_of(user: str) -> DemoApprover:
    """The demo key of ``user`` (an unregistered one for a name the demo registry lacks)."""
    known = [a for a in DEMO_APPROVERS if a.user == user]
    return known[0] if known else make_approver(user, "it_admin")


def author_signature(
    author: DemoApprover, change_id: str, bundle_sha256: str, version: int
) -> dict[str, str]:
    """The author's signature over the submission (decision ``submit``)."""
    signed = author.approval(change_id, bundle_sha256, version, "submit")
    return {"key_id": signed["key_id"], "signature": signed["signature"]}


def sign_again(doc: dict[str, Any], bundle_sha256: str) -> dict[str, Any]:
    """``doc`` with its sha256 set and its author's and approvers' signatures made anew."""
    signers = {a.key_id: a for a in DEMO_APPROVERS}
    cid, version = doc["change_id"], doc["version"]
    approvals = []
    for a in doc["approvals"]:
        signer = signers.get(a["key_id"]) or make_approver(a["user"], a["role"])
        approvals.append(signer.approval(cid, bundle_sha256, version, a["decision"]))
    return {
        **doc,
        "bundle_sha256": bundle_sha256,
        "author_signature": author_signature(author_of(doc["author"]), cid, bundle_sha256, version),
        "approvals": approvals,
    }


class LiveServer(NamedTuple):
    base_url: str
    token: str
    data_dir: Path
    #: The server process (for its memory and file descriptors).
    pid: int = 0

    def client(self, token: str | None = None, timeout: float = 30.0) -> httpx.Client:
        """An httpx client on the server with the bearer token (or another one)."""
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token or self.token}"},
            timeout=timeout,
        )

    def push(self, document: dict[str, Any], key: str | None = None) -> httpx.Response:
        """POST a release document with its sha256 as Idempotency-Key (or ``key``)."""
        with self.client() as c:
            return c.post(
                "/api/v1/releases",
                json=document,
                headers={"Idempotency-Key": key or document["bundle_sha256"]},
            )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def run_server(
    *,
    data_dir: Path | None = None,
    database_url: str | None = None,
    approvers: Sequence[DemoApprover] | None = DEMO_APPROVERS,
    token: str = TEST_TOKEN,
    entry_module: str = "studio",
    startup_timeout: float = 60.0,
    extra_args: Sequence[str] = (),
    max_open_files: int | None = None,
) -> Iterator[LiveServer]:
    """Start a real ``python -m studio serve`` on a free loopback port; stop it afterwards.

    ``approvers=None`` starts a server without a registry (for the bootstrap endpoint).
    ``entry_module`` lets a test start the same CLI from a module that first registers extra
    rules (see ``tests/helpers/serve_with_blocking_rule.py``). ``extra_args`` go to
    ``studio serve``; ``max_open_files`` lowers the server's file-descriptor limit.
    """
    own_dir = data_dir is None
    folder = Path(tempfile.mkdtemp(prefix="studio-server-")) if own_dir else data_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    args = ["serve", "--host", "127.0.0.1", "--data", str(folder), *extra_args]
    if database_url:
        args += ["--database", database_url]
    if approvers is not None:
        registry_file = folder / "approvers.json"
        registry_file.write_text(json.dumps(registry_json(approvers)), encoding="utf-8")
        args += ["--approvers", str(registry_file)]
    env = {
        **os.environ,
        "STUDIO_SERVER_TOKEN": token,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    log_path = folder / "server.log"
    for _attempt in range(3):  # a free port can be taken between probing and binding
        port = _free_port()
        log = log_path.open("ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", entry_module, *args, "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=folder,
            preexec_fn=_limit_files(max_open_files) if max_open_files else None,
        )
        base_url = f"http://127.0.0.1:{port}"
        if _wait_until_up(proc, base_url, startup_timeout):
            break
        _stop(proc)
        log.close()
    else:
        raise RuntimeError(
            "studio serve did not start:\n" + log_path.read_text(encoding="utf-8", errors="replace")
        )
    try:
        yield LiveServer(base_url, token, folder, proc.pid)
    finally:
        _stop(proc)
        log.close()
        if own_dir:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)


def _limit_files(count: int) -> Any:
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))

    return limit


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wait_until_up(proc: subprocess.Popen[bytes], base_url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=1.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A real ``studio serve`` on loopback with lin, chen and zhou registered as approvers."""
    with run_server(data_dir=tmp_path / "server") as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def server_database(request: pytest.FixtureRequest) -> str | None:
    """Where a server keeps its data: None (its own SQLite file) or a fresh PostgreSQL database,
    so storage-sensitive tests run against both."""
    return request.getfixturevalue("pg_url") if request.param == "postgresql" else None


@pytest.fixture
def live_server_any(tmp_path: Path, server_database: str | None) -> Iterator[LiveServer]:
    """``live_server`` on SQLite and again on PostgreSQL."""
    with run_server(data_dir=tmp_path / "server", database_url=server_database) as server:
        yield server


def release_versions(server: LiveServer) -> list[int]:
    """The versions the server holds, oldest first."""
    with server.client() as c:
        return [r["version"] for r in c.get("/api/v1/releases").json()["releases"]]
