"""The server's pure check of a push: every refusal of the issue's "Bad input", and what passes."""

from __future__ import annotations

import base64
import copy
import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio import lint as rules
from studio.bundle.canonical_json import canonical_json
from studio.bundle.model import Bundle, Entity, Label, Policy
from studio.bundle.sample import sample_bundle
from studio.server.verify import ServerState, check_release, verify_release
from tests.helpers.blocking_rule import BLOCKED_ENTITY, blocking_test_rule
from tests.helpers.server import (
    DEMO_APPROVERS,
    demo_approver,
    make_approver,
    release_document,
    sign_again,
)

chen, zhou, lin = demo_approver("chen"), demo_approver("zhou"), demo_approver("lin")
REGISTRY = {a.key_id: a.as_approver() for a in DEMO_APPROVERS}


def fresh() -> ServerState:
    return ServerState(current_version=None, current_bundle=None, registry=REGISTRY)


def at(version: int, bundle: Bundle | None = None) -> ServerState:
    return ServerState(
        current_version=version, current_bundle=bundle or sample_bundle(), registry=REGISTRY
    )


def code(doc: Any, state: ServerState, key: str | None = "from-doc") -> str | None:
    if key == "from-doc":
        key = doc["bundle_sha256"] if isinstance(doc, dict) else None
    refusal = verify_release(doc, key, state)
    return refusal.code if refusal else None


def test_a_first_release_with_the_default_policy_passes() -> None:
    doc = release_document(sample_bundle(), 1)
    assert verify_release(doc, doc["bundle_sha256"], fresh()) is None
    result = check_release(doc, doc["bundle_sha256"], fresh())
    assert not hasattr(result, "code")
    # parent 0 and parent null both mean "no release yet"
    assert code(release_document(sample_bundle(), 1, parent_version=0), fresh()) is None
    doc_null = release_document(sample_bundle(), 1)
    doc_null["parent_version"] = None
    assert code(doc_null, fresh()) is None


def test_the_next_version_passes() -> None:
    assert code(release_document(sample_bundle(), 4), at(3)) is None


def test_one_approval_is_not_enough() -> None:
    assert code(release_document(sample_bundle(), 1, approvers=[zhou]), fresh()) == "policy_not_met"


def test_two_approvals_by_the_same_person_count_once() -> None:
    doc = release_document(sample_bundle(), 1, approvers=[zhou, zhou])
    refusal = verify_release(doc, doc["bundle_sha256"], fresh())
    assert refusal is not None and refusal.code == "duplicate_approver"
    assert "zhou" in refusal.message
    # the same person under a second key of theirs counts once too
    zhou2 = make_approver("zhou", "business_lead", seed="zhou-second-key")
    registry = {**REGISTRY, zhou2.key_id: zhou2.as_approver()}
    state = ServerState(None, None, registry)
    assert code(release_document(sample_bundle(), 1, approvers=[zhou, zhou2]), state) == (
        "duplicate_approver"
    )


def test_the_author_cannot_approve() -> None:
    doc = release_document(sample_bundle(), 1, approvers=[lin, zhou], author="lin")
    assert code(doc, fresh()) == "author_approved"


def test_a_forged_signature_is_refused() -> None:
    doc = release_document(sample_bundle(), 1)
    forger = make_approver("mallory", "it_admin")
    # chen's name and key id, signed by someone else's key
    doc["approvals"][0]["signature"] = forger.approval(doc["change_id"], doc["bundle_sha256"], 1)[
        "signature"
    ]
    assert code(doc, fresh()) == "bad_signature"


def test_a_truncated_or_garbled_signature_is_refused() -> None:
    doc = release_document(sample_bundle(), 1)
    truncated = copy.deepcopy(doc)
    truncated["approvals"][0]["signature"] = doc["approvals"][0]["signature"][:40]
    assert code(truncated, fresh()) == "bad_signature"
    flipped = copy.deepcopy(doc)
    raw = bytearray(base64.b64decode(doc["approvals"][0]["signature"]))
    raw[10] ^= 0x01
    flipped["approvals"][0]["signature"] = base64.b64encode(bytes(raw)).decode()
    assert code(flipped, fresh()) == "bad_signature"


def test_an_approval_for_another_bundle_is_refused() -> None:
    doc = release_document(sample_bundle(), 1)
    other = "ab" * 32
    doc["approvals"][1] = zhou.approval(doc["change_id"], other, 1)
    assert code(doc, fresh()) == "bad_signature"


def test_an_approval_for_another_version_or_change_is_refused() -> None:
    doc = release_document(sample_bundle(), 1)
    doc["approvals"][1] = zhou.approval(doc["change_id"], doc["bundle_sha256"], 2)
    assert code(doc, fresh()) == "bad_signature"
    doc["approvals"][1] = zhou.approval("another-change", doc["bundle_sha256"], 1)
    assert code(doc, fresh()) == "bad_signature"


def test_versions_that_skip_repeat_or_replay_are_refused() -> None:
    assert code(release_document(sample_bundle(), 3), at(1)) == "version_conflict"  # skips
    assert code(release_document(sample_bundle(), 1), at(1)) == "version_conflict"  # repeats
    assert code(release_document(sample_bundle(), 1), at(4)) == "version_conflict"  # old replay
    # right version, wrong parent
    assert code(release_document(sample_bundle(), 2, parent_version=0), at(1)) == (
        "version_conflict"
    )


def test_a_bundle_that_fails_its_schema_is_refused() -> None:
    doc = release_document(sample_bundle(), 1)
    doc["bundle"]["entities"][0]["fields"][0]["type"] = "hologram"
    refusal = verify_release(doc, doc["bundle_sha256"], fresh())
    assert refusal is not None and refusal.code == "schema_invalid" and refusal.status == 422
    assert "hologram" in refusal.message or "type" in refusal.message
    assert code({"not": "a release"}, fresh(), key="x") == "schema_invalid"
    assert code([1, 2, 3], fresh(), key="x") == "schema_invalid"


def test_the_sha256_and_idempotency_key_must_name_the_bundle() -> None:
    doc = release_document(sample_bundle(), 1)
    assert code(doc, fresh(), key="0" * 64) == "idempotency_key_mismatch"
    assert code(doc, fresh(), key=None) == "idempotency_key_missing"
    doc["bundle"]["roles"][0]["label"]["en"] = "Changed after signing"
    assert code(doc, fresh()) == "sha_mismatch"


def test_unknown_keys_and_borrowed_keys_are_refused() -> None:
    stranger = make_approver("zhou", "business_lead", seed="unregistered")
    assert code(release_document(sample_bundle(), 1, approvers=[chen, stranger]), fresh()) == (
        "unknown_key"
    )
    doc = release_document(sample_bundle(), 1)
    doc["approvals"][0]["user"] = "wu"  # chen's key, claimed by someone else
    assert code(doc, fresh()) == "approver_mismatch"


def test_a_rejection_refuses_the_push() -> None:
    doc = release_document(sample_bundle(), 1, decision="reject")
    assert code(doc, fresh()) == "rejected"


def test_no_registry_means_no_release() -> None:
    state = ServerState(None, None, {})
    assert code(release_document(sample_bundle(), 1), state) == "registry_empty"


def _loosened() -> Bundle:
    return sample_bundle().model_copy(
        update={"policy": Policy(min_approvals=1, required_roles=("it_admin",))}
    )


def test_loosening_the_policy_needs_the_current_policys_approvals() -> None:
    # approved only as the new (looser) policy asks: refused
    doc = release_document(_loosened(), 2, approvers=[chen])
    refusal = verify_release(doc, doc["bundle_sha256"], at(1))
    assert refusal is not None and refusal.code == "policy_not_met"
    assert "business_lead" in refusal.message
    # approved as the current policy asks: applied; after it, one it_admin is enough
    assert code(release_document(_loosened(), 2), at(1)) is None
    assert code(release_document(sample_bundle(), 3, approvers=[chen]), at(2, _loosened())) is None


def test_the_current_policy_not_the_default_is_what_counts() -> None:
    strict = sample_bundle().model_copy(
        update={"policy": Policy(min_approvals=3, required_roles=("business_lead", "it_admin"))}
    )
    assert code(release_document(sample_bundle(), 2), at(1, strict)) == "policy_not_met"
    wu = make_approver("wu", "sales")
    with_wu = ServerState(
        current_version=1,
        current_bundle=strict,
        registry={**REGISTRY, wu.key_id: wu.as_approver()},
    )
    doc = release_document(sample_bundle(), 2, approvers=[chen, zhou, lin], author="wu")
    doc["author_signature"] = {
        "key_id": wu.key_id,
        "signature": wu.approval(doc["change_id"], doc["bundle_sha256"], 2, "submit")["signature"],
    }
    assert code(doc, with_wu) is None


def _with_approvers(*people: Any) -> Bundle:
    return sample_bundle().model_copy(update={"approvers": tuple(p.as_approver() for p in people)})


def test_a_registry_change_signed_by_an_unregistered_key_is_refused() -> None:
    newcomer = make_approver("wang", "business_lead")
    bundle = _with_approvers(*DEMO_APPROVERS, newcomer)
    doc = release_document(bundle, 2, approvers=[chen, newcomer])
    assert code(doc, at(1)) == "unknown_key"
    # signed by the current registry, the same change passes
    assert code(release_document(bundle, 2), at(1)) is None


def test_a_registry_must_name_its_keys_and_stay_able_to_approve() -> None:
    bad = sample_bundle().model_copy(
        update={
            "approvers": (
                chen.as_approver().model_copy(update={"key_id": zhou.key_id}),
                zhou.as_approver().model_copy(update={"key_id": chen.key_id}),
            )
        }
    )
    assert code(release_document(bad, 2), at(1)) == "invalid_approver_key"
    lonely = _with_approvers(chen)  # no business lead left: nobody could ever approve again
    refusal = verify_release(release_document(lonely, 2), lonely.sha256(), at(1))
    assert refusal is not None and refusal.code == "registry_cannot_approve"


@pytest.fixture
def blocking_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # Load the real rule modules first, so that they register in the real list, not this copy.
    rules.registered()
    monkeypatch.setattr(rules, "_RULES", [*rules._RULES, blocking_test_rule])


@pytest.mark.usefixtures("blocking_rule")
def test_a_bundle_with_blocking_findings_is_refused() -> None:
    base = sample_bundle()
    flagged = base.model_copy(
        update={
            "entities": (
                *base.entities,
                Entity(key=BLOCKED_ENTITY, label=Label(zh_CN="禁止", en="Blocked")),
            )
        }
    )
    refusal = verify_release(release_document(flagged, 1), flagged.sha256(), fresh())
    assert refusal is not None and refusal.code == "blocking_findings"
    assert "test_blocked" in refusal.message
    assert code(release_document(base, 1), fresh()) is None


def test_nan_in_a_bundle_is_a_schema_refusal_not_a_crash() -> None:
    doc = release_document(sample_bundle(), 1)
    doc["bundle"]["entities"][0]["fields"][0]["validation"] = {"min": float("nan")}
    assert code(doc, fresh()) == "schema_invalid"


# -- properties: no tampering of a valid push ever passes --------------------------------------

_VALID = release_document(sample_bundle(), 1)


def _tamper(doc: dict[str, Any], how: str, index: int, data: bytes) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    approval = doc["approvals"][index % len(doc["approvals"])]
    if how == "signature_bytes":
        raw = bytearray(base64.b64decode(approval["signature"]))
        raw[data[0] % len(raw)] ^= (data[1] % 255) + 1
        approval["signature"] = base64.b64encode(bytes(raw)).decode()
    elif how == "signature_random":
        approval["signature"] = base64.b64encode(data).decode() or "A"
    elif how == "change_id":
        doc["change_id"] = doc["change_id"] + data.hex()[:4] + "x"
    elif how == "version":
        doc["version"] += 1 + data[0] % 5
        doc["parent_version"] = doc["version"] - 1
    elif how == "decision":
        approval["decision"] = "reject"
    elif how == "drop":
        doc["approvals"].remove(approval)
    elif how == "duplicate":
        doc["approvals"].append(copy.deepcopy(approval))
    elif how == "author":
        doc["author"] = approval["user"]
    elif how == "bundle":
        doc["bundle"]["entities"][0]["label"]["en"] += data.hex()[:2] + "!"
    return doc


@settings(max_examples=150, deadline=None)
@given(
    how=st.sampled_from(
        [
            "signature_bytes",
            "signature_random",
            "change_id",
            "version",
            "decision",
            "drop",
            "duplicate",
            "author",
            "bundle",
        ]
    ),
    index=st.integers(0, 5),
    data=st.binary(min_size=2, max_size=80),
)
def test_no_single_tampering_of_a_valid_push_passes(how: str, index: int, data: bytes) -> None:
    assert verify_release(_VALID, _VALID["bundle_sha256"], fresh()) is None
    tampered = _tamper(_VALID, how, index, data)
    refusal = verify_release(tampered, tampered["bundle_sha256"], fresh())
    assert refusal is not None and 400 <= refusal.status < 500


# -- the bundle's sha256: that of the bundle as sent (issue 17) ---------------------------------


def test_a_bundle_sent_without_its_defaults_is_hashed_as_sent() -> None:
    """Another client may leave defaults out and order keys its own way, but the sha256 it claims
    must be that of the canonical JSON of what it sent: that is what an offline reader hashes.
    (Issue 7 accepted the model's sha256 too; then the stored document did not hash to its
    ``bundle_sha256`` for a strict reader.)"""
    doc = release_document(sample_bundle(), 1)
    for entity in doc["bundle"]["entities"]:
        for fd in entity["fields"]:
            if fd.get("required") is False:
                del fd["required"]
    doc["bundle"] = dict(reversed(list(doc["bundle"].items())))
    refusal = verify_release(doc, doc["bundle_sha256"], fresh())
    assert refusal is not None and refusal.code == "sha_mismatch"
    sha = hashlib.sha256(canonical_json(doc["bundle"])).hexdigest()
    resigned = sign_again(doc, sha)
    assert verify_release(resigned, sha, fresh()) is None


def test_tiny_and_huge_floats_hash_as_the_client_hashed_them() -> None:
    """Numbers orjson writes differently from the standard library (``1e-05``, ``1e+16``)."""
    data = sample_bundle().model_dump(mode="json", exclude_none=True)
    field = data["entities"][0]["fields"][0]
    field.update(type="number", validation={"min": 1e-05, "max": 1e16}, default=2.5e-05)
    field.pop("max_length", None)
    field.pop("options", None)
    bundle = Bundle.model_validate(data)
    assert b"1e-05" in bundle.canonical_json() and b"1e+16" in bundle.canonical_json()
    assert code(release_document(bundle, 1), fresh()) is None


def test_nan_cannot_stand_in_for_an_approved_null() -> None:
    """orjson writes NaN as null: a NaN sent where the approvers saw null must not pass."""
    # A free-form JSON value of the bundle: a backfill (the rules section, once free-form, is
    # typed now). The lint refuses such a backfill for the notes field, but only after the
    # schema and the hash were checked: the approvers' document gets that far, NaN must not.
    data = sample_bundle().model_dump(mode="json", exclude_none=True)
    data["entities"][0]["fields"][-1]["backfill"] = [None, 1]
    approved = Bundle.model_validate(data)
    doc = release_document(approved, 1)
    first = verify_release(doc, doc["bundle_sha256"], fresh())
    assert first is not None and first.code == "blocking_findings"
    doc["bundle"]["entities"][0]["fields"][-1]["backfill"] = [float("nan"), 1]
    refusal = verify_release(doc, doc["bundle_sha256"], fresh())
    assert refusal is not None and refusal.code == "schema_invalid"
