"""The reference server's releases, against a real ``studio serve`` on loopback."""

from __future__ import annotations

from studio.bundle.model import Label, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.server import LiveServer, release_document


def _second_bundle():  # a small, valid change: one more role
    b = sample_bundle()
    return b.model_copy(
        update={"roles": (*b.roles, Role(key="auditor", label=Label(zh_CN="审计", en="Auditor")))}
    )


def test_first_and_second_release_are_applied_and_returned_exactly(
    live_server: LiveServer,
) -> None:
    first = release_document(sample_bundle(), 1)
    r = live_server.push(first)
    assert r.status_code == 201, r.text
    assert r.json()["version"] == 1
    second = release_document(_second_bundle(), 2)
    r = live_server.push(second)
    assert r.status_code == 201, r.text
    with live_server.client() as c:
        assert c.get("/api/v1/releases/current").json() == second
        assert c.get("/api/v1/releases/1").json() == first
        assert c.get("/api/v1/releases/2").json() == second
        listing = c.get("/api/v1/releases").json()["releases"]
    assert [(x["version"], x["author"], x["approvers"]) for x in listing] == [
        (1, "lin", ["chen", "zhou"]),
        (2, "lin", ["chen", "zhou"]),
    ]
    assert listing[1]["bundle_sha256"] == second["bundle_sha256"]


def test_the_same_push_twice_gets_the_first_answer_and_applies_once(
    live_server: LiveServer,
) -> None:
    doc = release_document(sample_bundle(), 1)
    first = live_server.push(doc)
    again = live_server.push(doc)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    with live_server.client() as c:
        assert len(c.get("/api/v1/releases").json()["releases"]) == 1


def test_bootstrap_sets_the_first_registry_once(tmp_path) -> None:
    from tests.helpers.server import DEMO_APPROVERS, registry_json, run_server

    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        doc = release_document(sample_bundle(), 1)
        r = server.push(doc)
        assert r.status_code == 409 and r.json()["error"]["code"] == "registry_empty"
        with server.client() as c:
            assert c.get("/api/v1/approvers").json() == {"approvers": []}
            bad = [{**registry_json(DEMO_APPROVERS)[0], "key_id": "0123456789abcdef"}]
            r = c.post("/api/v1/approvers/bootstrap", json=bad)
            assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_approver_key"
            r = c.post("/api/v1/approvers/bootstrap", json=registry_json(DEMO_APPROVERS))
            assert r.status_code == 201, r.text
            again = c.post("/api/v1/approvers/bootstrap", json=registry_json(DEMO_APPROVERS[:1]))
            assert again.status_code == 409
            assert again.json()["error"]["code"] == "registry_already_set"
            assert len(c.get("/api/v1/approvers").json()["approvers"]) == 3
        assert server.push(doc).status_code == 201


def test_adding_and_rotating_approvers_is_a_release_under_the_current_registry(
    live_server: LiveServer,
) -> None:
    from tests.helpers.server import demo_approver, make_approver

    chen, zhou, lin = demo_approver("chen"), demo_approver("zhou"), demo_approver("lin")
    assert live_server.push(release_document(sample_bundle(), 1)).status_code == 201
    wang = make_approver("wang", "business_lead")
    zhou_new = make_approver("zhou", "business_lead", seed="zhou-rotated")
    registry = (lin, chen, wang, zhou_new)
    changed = sample_bundle().model_copy(
        update={"approvers": tuple(a.as_approver() for a in registry)}
    )
    # approved by the current registry (zhou's old key): applied
    r = live_server.push(release_document(changed, 2, approvers=[chen, zhou]))
    assert r.status_code == 201, r.text
    with live_server.client() as c:
        users = {(a["user"], a["key_id"]) for a in c.get("/api/v1/approvers").json()["approvers"]}
    assert users == {(a.user, a.key_id) for a in registry}
    # from now on zhou's old key is refused, and wang can approve
    third = _second_bundle().model_copy(update={"approvers": changed.approvers})
    old_key = live_server.push(release_document(third, 3, approvers=[chen, zhou]))
    assert old_key.status_code == 403 and old_key.json()["error"]["code"] == "unknown_key"
    assert live_server.push(release_document(third, 3, approvers=[chen, wang])).status_code == 201


def test_a_rollback_to_an_earlier_bundle_is_a_new_version(live_server: LiveServer) -> None:
    v1 = release_document(sample_bundle(), 1)
    assert live_server.push(v1).status_code == 201
    assert live_server.push(release_document(_second_bundle(), 2)).status_code == 201
    # the same bundle as version 1 (so the same Idempotency-Key), newly approved as version 3
    rollback = release_document(sample_bundle(), 3)
    r = live_server.push(rollback)
    assert r.status_code == 201, r.text
    with live_server.client() as c:
        current = c.get("/api/v1/releases/current").json()
    assert current == rollback and current["bundle"] == v1["bundle"]


def test_reads_are_not_blocked_by_a_writer(live_server: LiveServer) -> None:
    """SQLite: a push holds the write lock while it verifies; GETs must still answer."""
    import sqlite3
    import time

    assert live_server.push(release_document(sample_bundle(), 1)).status_code == 201
    db = sqlite3.connect(live_server.data_dir / "server.db", isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        start = time.monotonic()
        with live_server.client(timeout=10) as c:
            assert c.get("/api/v1/releases/current").status_code == 200
            assert c.get("/api/v1/stats/customer").status_code == 200
        assert time.monotonic() - start < 5
    finally:
        db.execute("ROLLBACK")
        db.close()
