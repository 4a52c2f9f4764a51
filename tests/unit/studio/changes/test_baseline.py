"""The live baseline judged against the server's current release (``studio.changes.baseline``)."""

from __future__ import annotations

import copy

from studio.bundle.model import Bundle
from studio.changes.baseline import Baseline, check_against_server
from tests.helpers.server import DEMO_APPROVERS, release_document

KEYS = {a.key_id: a.public_key for a in DEMO_APPROVERS}
BUNDLE = Bundle()


def _local(version: int | None, sha: str | None = None) -> Baseline:
    return Baseline(version, sha if sha is not None else BUNDLE.sha256(), BUNDLE)


def test_the_same_release_on_both_sides_is_verified_by_the_server() -> None:
    checked = check_against_server(_local(1), release_document(BUNDLE, 1), KEYS)
    assert checked.verified and checked.server_checked


def test_nothing_live_anywhere_is_verified() -> None:
    assert check_against_server(Baseline(None, None, None), None, KEYS).verified


def test_each_disagreement_is_a_problem() -> None:
    doc = release_document(BUNDLE, 2)
    assert "has seen only v1" in str(check_against_server(_local(1), doc, KEYS).problem)
    assert "the server's current release is v2" in str(
        check_against_server(_local(3), doc, KEYS).problem
    )
    assert "is not the server's" in str(
        check_against_server(_local(2, "0" * 64), doc, KEYS).problem
    )
    assert "server has no release at all" in str(
        check_against_server(_local(1), None, KEYS).problem
    )


def test_the_servers_document_is_re_verified() -> None:
    doc = release_document(BUNDLE, 1)
    wrong_sha = {**doc, "bundle_sha256": "1" * 64}
    assert "does not hash to its own sha256" in str(
        check_against_server(_local(1), wrong_sha, KEYS).problem
    )
    forged = copy.deepcopy(doc)
    forged["approvals"][0]["signature"] = doc["approvals"][1]["signature"]
    assert "does not verify" in str(check_against_server(_local(1), forged, KEYS).problem)
    assert "does not verify" in str(check_against_server(_local(1), doc, {}).problem)
