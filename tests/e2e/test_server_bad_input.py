"""Every bad push of issue 7, against a real ``studio serve``: a 4xx with a JSON error body, and
the server's state exactly as before."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from studio.bundle.model import Bundle, Entity, Label, Policy, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.blocking_rule import BLOCKED_ENTITY
from tests.helpers.server import (
    DEMO_APPROVERS,
    LiveServer,
    demo_approver,
    make_approver,
    release_document,
    run_server,
)

chen, zhou, lin = demo_approver("chen"), demo_approver("zhou"), demo_approver("lin")


def with_role(bundle: Bundle, key: str) -> Bundle:
    return bundle.model_copy(
        update={"roles": (*bundle.roles, Role(key=key, label=Label(zh_CN=key, en=key)))}
    )


V1 = sample_bundle()
V2 = with_role(V1, "auditor")
V3 = with_role(V2, "partner")


class AtV2:
    """A server with releases 1 and 2 applied, shared by the tests of this module."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.v1 = release_document(V1, 1)
        self.v2 = release_document(V2, 2)
        for doc in (self.v1, self.v2):
            r = server.push(doc)
            assert r.status_code == 201, r.text

    def assert_unchanged(self) -> None:
        with self.server.client() as c:
            assert c.get("/api/v1/releases/current").json() == self.v2
            assert [r["version"] for r in c.get("/api/v1/releases").json()["releases"]] == [1, 2]
            registry = {a["user"] for a in c.get("/api/v1/approvers").json()["approvers"]}
        assert registry == {"lin", "chen", "zhou"}


@pytest.fixture(scope="module")
def at_v2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AtV2]:
    with run_server(data_dir=tmp_path_factory.mktemp("server")) as server:
        yield AtV2(server)


def refused(response: httpx.Response, code: str) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    return dict(error)


def _forged(doc: dict[str, Any]) -> dict[str, Any]:
    mallory = make_approver("mallory", "it_admin")
    doc["approvals"][0]["signature"] = mallory.approval(
        doc["change_id"], doc["bundle_sha256"], doc["version"]
    )["signature"]
    return doc


def _truncated(doc: dict[str, Any]) -> dict[str, Any]:
    doc["approvals"][1]["signature"] = doc["approvals"][1]["signature"][:-12]
    return doc


def _other_sha(doc: dict[str, Any]) -> dict[str, Any]:
    other = V1.sha256()
    doc["approvals"][1] = zhou.approval(doc["change_id"], other, doc["version"])
    return doc


def _bad_schema(doc: dict[str, Any]) -> dict[str, Any]:
    doc["bundle"]["entities"][0]["fields"][0]["key"] = "Not Snake Case"
    return doc


BAD_PUSHES: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "one approval": (lambda: release_document(V3, 3, approvers=[zhou]), "policy_not_met"),
    "same person twice": (
        lambda: release_document(V3, 3, approvers=[zhou, zhou]),
        "duplicate_approver",
    ),
    "author approves": (
        lambda: release_document(V3, 3, approvers=[lin, zhou], author="lin"),
        "author_approved",
    ),
    "forged signature": (lambda: _forged(release_document(V3, 3)), "bad_signature"),
    "truncated signature": (lambda: _truncated(release_document(V3, 3)), "bad_signature"),
    "approval for another sha256": (lambda: _other_sha(release_document(V3, 3)), "bad_signature"),
    "version skips": (lambda: release_document(V3, 4, parent_version=2), "version_conflict"),
    "version repeats": (lambda: release_document(V3, 2), "version_conflict"),
    "schema fails": (lambda: _bad_schema(release_document(V3, 3)), "schema_invalid"),
    "rejected": (lambda: release_document(V3, 3, decision="reject"), "rejected"),
    "policy loosened under the new policy only": (
        lambda: release_document(
            V3.model_copy(update={"policy": Policy(min_approvals=1, required_roles=("it_admin",))}),
            3,
            approvers=[chen],
        ),
        "policy_not_met",
    ),
    "registry change signed by an unregistered key": (
        lambda: release_document(
            V3.model_copy(
                update={
                    "approvers": (
                        *(a.as_approver() for a in DEMO_APPROVERS),
                        make_approver("wang", "business_lead").as_approver(),
                    )
                }
            ),
            3,
            approvers=[chen, make_approver("wang", "business_lead")],
        ),
        "unknown_key",
    ),
}


@pytest.mark.parametrize("case", list(BAD_PUSHES))
def test_a_bad_push_is_refused_and_changes_nothing(at_v2: AtV2, case: str) -> None:
    make, expected = BAD_PUSHES[case]
    refused(at_v2.server.push(make()), expected)
    at_v2.assert_unchanged()


def test_a_replayed_old_release_is_refused(at_v2: AtV2) -> None:
    error = refused(at_v2.server.push(at_v2.v1), "replayed_release")
    assert "version 1" in error["message"]
    at_v2.assert_unchanged()


def test_the_current_release_again_gets_its_first_answer(at_v2: AtV2) -> None:
    r = at_v2.server.push(at_v2.v2)
    assert r.status_code == 201 and r.json()["version"] == 2
    at_v2.assert_unchanged()


def test_the_same_key_with_another_document_is_refused(at_v2: AtV2) -> None:
    other = release_document(V2, 2)  # same bundle (same key), new change id and signatures
    refused(at_v2.server.push(other), "idempotency_key_reused")
    at_v2.assert_unchanged()


def test_an_idempotency_key_that_is_not_the_sha256_is_refused(at_v2: AtV2) -> None:
    refused(at_v2.server.push(release_document(V3, 3), key="f" * 64), "idempotency_key_mismatch")
    with at_v2.server.client() as c:
        r = c.post("/api/v1/releases", json=release_document(V3, 3))
    refused(r, "idempotency_key_missing")
    at_v2.assert_unchanged()


def test_a_malformed_body_is_a_422_with_the_error_shape(at_v2: AtV2) -> None:
    with at_v2.server.client() as c:
        headers = {"Idempotency-Key": "0" * 64, "Content-Type": "application/json"}
        post = c.post
        refused(post("/api/v1/releases", content=b"{not json", headers=headers), "schema_invalid")
        refused(post("/api/v1/releases", content=b"\xff\xfe{}", headers=headers), "schema_invalid")
        refused(
            post("/api/v1/releases", json={"version": "two"}, headers=headers), "schema_invalid"
        )
        refused(post("/api/v1/releases", json=[1, 2], headers=headers), "schema_invalid")
        doc = copy.deepcopy(at_v2.v2)
        doc["approvals"] = "everyone"
        refused(post("/api/v1/releases", json=doc, headers=headers), "schema_invalid")
        nan = json.dumps(release_document(V3, 3)).replace('"version": 3', '"version": NaN')
        refused(post("/api/v1/releases", content=nan.encode(), headers=headers), "schema_invalid")
        deep = b"[" * 5000 + b"]" * 5000  # deeper than any JSON parser here recurses
        refused(post("/api/v1/releases", content=deep, headers=headers), "schema_invalid")
        # FastAPI's own validation errors come back in the same shape
        refused(post("/api/v1/records/customer/batch", json={"records": 5}), "invalid_request")
        refused(post("/api/v1/records/Not-An-Entity/batch", json={}), "invalid_request")
        refused(c.get("/api/v1/releases/zero"), "invalid_request")
        refused(c.get("/api/v1/releases/99"), "not_found")
        refused(c.get("/api/v1/no-such-thing"), "not_found")
        refused(c.delete("/api/v1/releases"), "method_not_allowed")
    at_v2.assert_unchanged()


def test_a_missing_or_wrong_token_is_refused_without_echoing_it(at_v2: AtV2) -> None:
    doc = release_document(V3, 3)
    with httpx.Client(base_url=at_v2.server.base_url) as anonymous:
        refused(anonymous.get("/api/v1/releases/current"), "unauthorized")
        r = anonymous.post(
            "/api/v1/releases", json=doc, headers={"Idempotency-Key": doc["bundle_sha256"]}
        )
        refused(r, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
        assert anonymous.get("/api/v1/health").status_code == 200
        assert anonymous.get("/openapi.json").status_code == 200
    wrong = "wrong-token-value-1234567890"
    with at_v2.server.client(token=wrong) as c:
        r = c.get("/api/v1/releases")
    refused(r, "unauthorized")
    assert wrong not in r.text
    log = (at_v2.server.data_dir / "server.log").read_text(encoding="utf-8")
    assert wrong not in log and at_v2.server.token not in log
    at_v2.assert_unchanged()


def test_an_expired_token_is_refused(at_v2: AtV2) -> None:
    with at_v2.server.client() as c:
        issued = c.post("/api/v1/tokens", json={"label": "importer", "expires_in": 1}).json()
    token = issued["token"]
    with at_v2.server.client(token=token) as c:
        assert c.get("/api/v1/releases/current").status_code == 200
        # an issued token cannot issue more tokens (only the operator's can)
        refused(c.post("/api/v1/tokens", json={"expires_in": 3600}), "forbidden")
    time.sleep(1.2)
    doc = release_document(V3, 3)
    with at_v2.server.client(token=token) as c:
        refused(c.get("/api/v1/releases/current"), "token_expired")
        r = c.post("/api/v1/releases", json=doc, headers={"Idempotency-Key": doc["bundle_sha256"]})
    error = refused(r, "token_expired")
    assert token not in error["message"]
    at_v2.assert_unchanged()


def test_two_concurrent_pushes_of_one_version_have_exactly_one_winner(tmp_path: Any) -> None:
    with run_server(data_dir=tmp_path / "server") as server:
        assert server.push(release_document(V1, 1)).status_code == 201
        docs = [release_document(with_role(V1, f"r{i}"), 2) for i in range(4)]
        results: list[httpx.Response] = []
        barrier = threading.Barrier(len(docs))

        def go(doc: dict[str, Any]) -> None:
            barrier.wait()
            results.append(server.push(doc))

        threads = [threading.Thread(target=go, args=(d,)) for d in docs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status_code for r in results)
        assert statuses == [201, 409, 409, 409], [r.text for r in results]
        for r in results:
            if r.status_code == 409:
                refused(r, "version_conflict")
        with server.client() as c:
            listing = c.get("/api/v1/releases").json()["releases"]
        assert [x["version"] for x in listing] == [1, 2]


def test_a_bundle_with_blocking_findings_is_refused(tmp_path: Any) -> None:
    flagged = V1.model_copy(
        update={
            "entities": (*V1.entities, Entity(key=BLOCKED_ENTITY, label=Label(zh_CN="禁", en="X")))
        }
    )
    with run_server(
        data_dir=tmp_path / "server", entry_module="tests.helpers.serve_with_blocking_rule"
    ) as server:
        error = refused(server.push(release_document(flagged, 1)), "blocking_findings")
        assert "test_blocked" in error["message"]
        with server.client() as c:
            refused(c.get("/api/v1/releases/current"), "no_release")
        assert server.push(release_document(V1, 1)).status_code == 201


def test_an_oversized_body_is_refused_before_it_is_read(at_v2: AtV2) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        for _ in range(70):
            yield b" " * 2**20

    with at_v2.server.client() as c:
        r = c.post(
            "/api/v1/releases", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    at_v2.assert_unchanged()
