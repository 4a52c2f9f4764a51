"""The reference server's releases, against a real ``studio serve`` on loopback."""

from __future__ import annotations

from studio.bundle import Label, Role
from studio.sample import sample_bundle
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
