"""The live baseline judged against the server's current release (``studio.changes.baseline``)."""

from __future__ import annotations

import copy
from pathlib import Path

from sqlalchemy import text as sql

from schema.models import ReleaseRow
from studio.bundle.model import Bundle
from studio.changes.baseline import Baseline, check_against_server, known_keys
from studio.workspace.bootstrap import init_workspace
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


def test_keys_of_the_registries_in_the_workspaces_verified_releases_count(tmp_path: Path) -> None:
    """A server release approved by people whose keys came through a release (not this
    workspace's key table) still re-verifies; a rewritten release vouches for no key."""
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        with_registry = BUNDLE.model_copy(
            update={"approvers": tuple(a.as_approver() for a in DEMO_APPROVERS)}
        )
        text = with_registry.canonical_json().decode("utf-8")
        with ws.session() as s:
            s.add(
                ReleaseRow(
                    version=1,
                    change_id="c1",
                    author="lin",
                    bundle_json=text,
                    bundle_sha256=with_registry.sha256(),
                    document={},
                )
            )
        with ws.session() as s:
            assert known_keys(s) == KEYS
            s.execute(
                sql("UPDATE releases SET bundle_json = :t"), {"t": text.replace("lin", "lim")}
            )
        with ws.session() as s:
            assert known_keys(s) == {}
    finally:
        ws.close()
