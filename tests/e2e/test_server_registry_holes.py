"""Issue 17, approvals that nobody signed: weak keys, the first-registry race, a policy the
registry cannot meet, and restarting with the first ``--approvers`` file after a rotation.
Against a real ``studio serve`` (SQLite, and PostgreSQL where the item is about storage)."""

from __future__ import annotations

import base64
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from studio.bundle.model import Approver, Policy
from studio.bundle.sample import sample_bundle
from tests.helpers.server import (
    DEMO_APPROVERS,
    LiveServer,
    demo_approver,
    make_approver,
    registry_json,
    release_document,
    release_versions,
    run_server,
    sign_again,
)

chen, zhou, lin = demo_approver("chen"), demo_approver("zhou"), demo_approver("lin")

#: The identity point: a small-order key for which R = identity, S = 0 "verifies" anything.
IDENTITY_KEY = base64.b64encode(bytes([1]) + bytes(31)).decode()
#: Another small-order point (order 2: y = -1) and a non-canonical encoding (y = p).
ORDER_TWO_KEY = base64.b64encode(((2**255 - 19) - 1).to_bytes(32, "little")).decode()
NON_CANONICAL_KEY = base64.b64encode((2**255 - 19).to_bytes(32, "little")).decode()
WEAK_KEYS = [IDENTITY_KEY, ORDER_TWO_KEY, NON_CANONICAL_KEY]


def ghost_entry(
    public_key: str, user: str = "ghost", role: str = "business_lead"
) -> dict[str, str]:
    from studio.contract import signing

    return {
        "user": user,
        "role": role,
        "key_id": signing.key_id(public_key),
        "public_key": public_key,
    }


def refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code, response.text


@pytest.mark.parametrize("weak", WEAK_KEYS)
def test_a_small_order_or_non_canonical_key_is_refused_by_bootstrap(
    tmp_path: Path, weak: str
) -> None:
    with (
        run_server(data_dir=tmp_path / "server", approvers=None) as server,
        server.client() as c,
    ):
        body = [*registry_json([chen]), ghost_entry(weak)]
        refused(c.post("/api/v1/approvers/bootstrap", json=body), 422, "invalid_approver_key")
        assert c.get("/api/v1/approvers").json() == {"approvers": []}


def test_a_small_order_key_in_an_approvers_file_stops_the_server(tmp_path: Path) -> None:
    import json
    import os

    from tests.helpers.server import REPO_ROOT

    path = tmp_path / "approvers.json"
    path.write_text(json.dumps([*registry_json(DEMO_APPROVERS), ghost_entry(IDENTITY_KEY)]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "studio",
            "serve",
            "--data",
            str(tmp_path),
            "--approvers",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "STUDIO_SERVER_TOKEN": "t" * 20},
    )
    assert result.returncode == 1
    assert "not valid" in result.stderr and "public" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("weak", WEAK_KEYS)
def test_a_release_registering_a_small_order_key_is_refused(
    live_server: LiveServer, weak: str
) -> None:
    assert live_server.push(release_document(sample_bundle(), 1)).status_code == 201
    ghost = Approver.model_construct(**ghost_entry(weak))
    doc = release_document(sample_bundle(), 2)
    doc["bundle"]["approvers"] = [*registry_json(DEMO_APPROVERS), ghost.model_dump()]
    # the approvals cover whatever sha256 is claimed: the key itself is what is refused
    import hashlib

    from studio.bundle.canonical_json import canonical_json

    sha = hashlib.sha256(canonical_json(doc["bundle"])).hexdigest()
    doc = sign_again(doc, sha)
    refused(live_server.push(doc), 422, "invalid_approver_key")
    assert release_versions(live_server) == [1]


def test_the_ghost_signature_never_verifies() -> None:
    """R = identity, S = 0 under the identity key: valid for every message by RFC 8032's
    cofactorless equation in some libraries; never here."""
    from studio.contract import signing

    ghost_sig = base64.b64encode(bytes([1]) + bytes(31) + bytes(32)).decode()
    assert not signing.verify(IDENTITY_KEY, ghost_sig, "c", "0" * 64, 1, "approve")
    # A real signature with S + L (the same point equation, a non-canonical S) does not verify.
    from studio.contract.ed25519_strict import L

    good = chen.approval("c", "0" * 64, 1)["signature"]
    raw = base64.b64decode(good)
    s = int.from_bytes(raw[32:], "little") + L
    if s < 2**256:
        bad = base64.b64encode(raw[:32] + s.to_bytes(32, "little")).decode()
        assert not signing.verify(chen.public_key, bad, "c", "0" * 64, 1, "approve")
    assert signing.verify(chen.public_key, good, "c", "0" * 64, 1, "approve")
    # A small-order R with a real key never verifies either.
    small_r = base64.b64encode(bytes([1]) + bytes(31) + raw[32:]).decode()
    assert not signing.verify(chen.public_key, small_r, "c", "0" * 64, 1, "approve")


# -- exactly one bootstrap wins -------------------------------------------------------------


def _concurrently(calls: list[Any]) -> list[httpx.Response]:
    results: list[httpx.Response] = []
    barrier = threading.Barrier(len(calls))

    def go(call: Any) -> None:
        barrier.wait()
        results.append(call())

    threads = [threading.Thread(target=go, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _bootstrap(server: LiveServer, body: list[dict[str, str]], token: str | None = None) -> Any:
    def call() -> httpx.Response:
        with server.client(token=token) as c:
            return c.post("/api/v1/approvers/bootstrap", json=body)

    return call


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_issued_token_cannot_bootstrap_and_one_bootstrap_wins(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    personas = [make_approver("p1", "it_admin"), make_approver("p2", "business_lead")]
    with run_server(data_dir=tmp_path / "a", database_url=url, approvers=None) as server:
        with server.client() as c:
            importer = c.post("/api/v1/tokens", json={"label": "importer"}).json()["token"]
        results = _concurrently(
            [
                _bootstrap(server, registry_json(DEMO_APPROVERS)),
                _bootstrap(server, registry_json(personas), token=importer),
                _bootstrap(server, registry_json(personas), token=importer),
            ]
        )
        codes = sorted(r.status_code for r in results)
        assert codes == [201, 403, 403], [r.text for r in results]
        with server.client() as c:
            users = {a["user"] for a in c.get("/api/v1/approvers").json()["approvers"]}
        assert users == {"lin", "chen", "zhou"}
        # the personas cannot put a release live
        doc = release_document(sample_bundle(), 1, approvers=personas, author="lin")
        assert server.push(doc).status_code == 403


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_identical_concurrent_bootstraps_on_two_servers_give_one_201_and_409s(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    data = tmp_path / "shared"  # SQLite: both servers on one file
    with (
        run_server(data_dir=data, database_url=url, approvers=None) as one,
        run_server(data_dir=data, database_url=url, approvers=None) as two,
    ):
        body = registry_json(DEMO_APPROVERS)
        results = _concurrently([_bootstrap(s, body) for s in (one, two, one, two, one, two)])
        codes = sorted(r.status_code for r in results)
        assert codes == [201, 409, 409, 409, 409, 409], [r.text for r in results]
        for r in results:
            if r.status_code == 409:
                assert r.json()["error"]["code"] == "registry_already_set"
        with one.client() as c:
            assert len(c.get("/api/v1/approvers").json()["approvers"]) == 3


# -- a policy the registry can never meet ------------------------------------------------------


@pytest.mark.parametrize("with_section", [False, True])
def test_a_release_whose_policy_its_registry_cannot_meet_is_refused(
    live_server: LiveServer, with_section: bool
) -> None:
    assert live_server.push(release_document(sample_bundle(), 1)).status_code == 201
    update: dict[str, Any] = {"policy": Policy(min_approvals=5, required_roles=("it_admin",))}
    if with_section:
        update["approvers"] = tuple(a.as_approver() for a in DEMO_APPROVERS)
    bricking = sample_bundle().model_copy(update=update)
    r = live_server.push(release_document(bricking, 2))
    refused(r, 422, "registry_cannot_approve")
    # three people, the author never approving: two approvals is the most that can be met
    two = sample_bundle().model_copy(
        update={"policy": Policy(min_approvals=3, required_roles=("it_admin",))}
    )
    refused(live_server.push(release_document(two, 2)), 422, "registry_cannot_approve")
    assert release_versions(live_server) == [1]
    reachable = sample_bundle().model_copy(
        update={"policy": Policy(min_approvals=2, required_roles=("it_admin", "business_lead"))}
    )
    from studio.bundle.model import Label, Role

    reachable = reachable.model_copy(
        update={"roles": (*reachable.roles, Role(key="x1", label=Label(zh_CN="x", en="x")))}
    )
    assert live_server.push(release_document(reachable, 2)).status_code == 201


# -- restarting with the first --approvers file after a rotation ------------------------------


def test_restarting_with_the_first_approvers_file_after_a_rotation_works(tmp_path: Path) -> None:
    data = tmp_path / "server"
    zhou_new = make_approver("zhou", "business_lead", seed="zhou-rotated")
    rotated = (lin, chen, zhou_new)
    with run_server(data_dir=data) as server:
        assert server.push(release_document(sample_bundle(), 1)).status_code == 201
        bundle = sample_bundle().model_copy(
            update={"approvers": tuple(a.as_approver() for a in rotated)}
        )
        assert server.push(release_document(bundle, 2)).status_code == 201
    with run_server(data_dir=data) as again:  # the same, original file
        with again.client() as c:
            keys = {a["key_id"] for a in c.get("/api/v1/approvers").json()["approvers"]}
        assert keys == {a.key_id for a in rotated}  # the file did not undo the rotation
        from studio.bundle.model import Label, Role

        v3 = bundle.model_copy(
            update={"roles": (*bundle.roles, Role(key="x3", label=Label(zh_CN="x", en="x")))}
        )
        r = again.push(release_document(v3, 3, approvers=[chen, zhou_new]))
        assert r.status_code == 201, r.text
    with (
        pytest.raises(RuntimeError, match="differs from --approvers"),
        run_server(data_dir=data, approvers=(lin, chen)),
    ):
        pass
