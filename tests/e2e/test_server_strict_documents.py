"""Issue 17, the stored document must be exactly what was signed: strict parsing (no coercion, no
duplicate keys), a replay answer only for the same bytes, and every accepted document re-verified
offline by an independent strict reader. Against a real ``studio serve``."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from studio.bundle.model import Label, Policy, Role
from studio.bundle.sample import sample_bundle
from tests.helpers.server import (
    LiveServer,
    demo_approver,
    release_document,
    release_versions,
    sign_again,
)

chen, zhou = demo_approver("chen"), demo_approver("zhou")
SCHEMA = json.loads((Path(__file__).parents[2] / "resources" / "bundle.schema.json").read_text())


def _plain_canonical(value: Any) -> bytes:
    """The wire contract's canonical JSON, written from scratch (not the studio's function)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys {keys}"
    return dict(pairs)


def verify_offline(raw: bytes, registry: dict[str, dict[str, str]]) -> None:
    """An independent strict reader: JSON without duplicate keys, the published JSON Schema,
    the bundle's sha256 over its canonical JSON, and every signature checked with cryptography."""
    doc = json.loads(raw, object_pairs_hook=_strict_pairs)
    assert isinstance(doc["version"], int) and not isinstance(doc["version"], bool)
    jsonschema.validate(doc["bundle"], SCHEMA, cls=jsonschema.Draft202012Validator)
    assert hashlib.sha256(_plain_canonical(doc["bundle"])).hexdigest() == doc["bundle_sha256"]
    signed = [*doc["approvals"]]
    for approval in signed:
        entry = registry[approval["key_id"]]
        assert (entry["user"], entry["role"]) == (approval["user"], approval["role"])
        payload = _plain_canonical(
            {
                "change_id": doc["change_id"],
                "bundle_sha256": doc["bundle_sha256"],
                "version": doc["version"],
                "decision": approval["decision"],
            }
        )
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(entry["public_key"]))
        try:
            key.verify(base64.b64decode(approval["signature"]), payload)
        except InvalidSignature:  # pragma: no cover - the assertion below says which
            pytest.fail(f"the signature of {approval['user']} does not verify offline")


def resigned(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with its sha256 and approvals made for the bundle exactly as it now is."""
    return sign_again(doc, hashlib.sha256(_plain_canonical(doc["bundle"])).hexdigest())


def push_raw(server: LiveServer, body: bytes, key: str) -> httpx.Response:
    with server.client() as c:
        return c.post(
            "/api/v1/releases",
            content=body,
            headers={"Idempotency-Key": key, "Content-Type": "application/json"},
        )


def schema_refused(r: httpx.Response) -> None:
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "schema_invalid", r.text


def test_lax_coercions_are_refused(live_server_any: LiveServer) -> None:
    assert live_server_any.push(release_document(sample_bundle(), 1)).status_code == 201
    base = release_document(
        sample_bundle().model_copy(
            update={
                "roles": (*sample_bundle().roles, Role(key="x", label=Label(zh_CN="x", en="x")))
            }
        ),
        2,
    )
    as_text = copy.deepcopy(base)
    as_text["bundle"]["entity_permissions"][0]["delete"] = "false"
    schema_refused(live_server_any.push(resigned(as_text)))
    length = copy.deepcopy(base)
    field = next(f for e in length["bundle"]["entities"] for f in e["fields"] if "max_length" in f)
    field["max_length"] = str(field["max_length"])
    schema_refused(live_server_any.push(resigned(length)))
    for version in (True, "2", 2.0):
        doc = {**base, "version": version}
        schema_refused(live_server_any.push(doc))
    assert release_versions(live_server_any) == [1]
    assert live_server_any.push(base).status_code == 201


def test_duplicate_keys_are_refused(live_server_any: LiveServer) -> None:
    good = release_document(sample_bundle(), 1)
    lowered = sample_bundle().model_copy(update={"policy": Policy(min_approvals=1)})
    head = {k: v for k, v in good.items() if k != "bundle"}
    first = json.dumps(lowered.model_dump(mode="json", exclude_none=True))
    second = json.dumps(good["bundle"])
    body = json.dumps(head)[:-1] + f', "bundle": {first}, "bundle": {second}}}'
    schema_refused(push_raw(live_server_any, body.encode(), good["bundle_sha256"]))
    # inside the bundle too
    text = json.dumps(good)
    dup = text.replace('"schema_version": 1', '"schema_version": 1, "schema_version": 1', 1)
    assert dup != text
    schema_refused(push_raw(live_server_any, dup.encode(), good["bundle_sha256"]))
    assert release_versions(live_server_any) == []
    assert live_server_any.push(good).status_code == 201


def test_a_replay_answer_is_only_for_the_same_document(live_server_any: LiveServer) -> None:
    v1 = release_document(sample_bundle(), 1)
    assert live_server_any.push(v1).status_code == 201
    other = copy.deepcopy(v1)  # the same header, another bundle
    other["bundle"]["policy"] = {"min_approvals": 1, "required_roles": []}
    r = live_server_any.push(other, key=v1["bundle_sha256"])
    assert r.status_code in (409, 422), r.text
    assert "Idempotent-Replayed" not in r.headers
    # the same meaning in other bytes is not a replay either
    spaced = json.dumps(v1, indent=2).encode()
    r = push_raw(live_server_any, spaced, v1["bundle_sha256"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "idempotency_key_reused"
    # the very same document is (test_the_same_push_twice_gets_the_first_answer_and_applies_once)
    assert live_server_any.push(v1).headers.get("Idempotent-Replayed") == "true"
    with live_server_any.client() as c:
        assert c.get("/api/v1/releases/current").json() == v1


def test_every_accepted_document_reverifies_offline(live_server_any: LiveServer) -> None:
    from tests.helpers.server import DEMO_APPROVERS

    registry = {a.key_id: a.registry_entry() for a in DEMO_APPROVERS}
    bundles = [sample_bundle()]
    for i in range(3):
        b = bundles[-1]
        bundles.append(
            b.model_copy(
                update={"roles": (*b.roles, Role(key=f"r{i}", label=Label(zh_CN="角色", en="R")))}
            )
        )
    for version, bundle in enumerate(bundles, start=1):
        assert live_server_any.push(release_document(bundle, version)).status_code == 201
    with live_server_any.client() as c:
        for version in range(1, len(bundles) + 1):
            raw = c.get(f"/api/v1/releases/{version}").content
            verify_offline(raw, registry)
