"""Applying releases on the server's storage: one transaction, one winner per version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from studio.bundle.sample import sample_bundle
from studio.server import releases
from studio.server.refusals import RefusalError
from studio.server.storage import Release, make_engine
from tests.helpers.server import DEMO_APPROVERS, make_approver, release_document


def _engine(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Engine:
    if kind == "sqlite":
        return make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    return make_engine(request.getfixturevalue("pg_url"))


def _push(engine: Engine, doc: dict) -> releases.Answer:
    with Session(engine) as s, s.begin():
        return releases.push(s, json.dumps(doc).encode(), doc["bundle_sha256"])


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_lost_race_is_a_conflict_and_applies_nothing(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine(kind, tmp_path, request)
    with Session(engine) as s, s.begin():
        releases.bootstrap_registry(s, [a.as_approver() for a in DEMO_APPROVERS])
        stale = releases.load_state(s)
    assert _push(engine, release_document(sample_bundle(), 1)).status == 201

    # The loser read the state before the winner committed: under the lock it finds its version
    # taken and applies nothing (no half-written registry, no SQLAlchemy identity clash).
    monkeypatch.setattr(releases, "load_state", lambda _s: stale)
    newcomer = make_approver("wang", "business_lead")
    loser_bundle = sample_bundle().model_copy(
        update={
            "approvers": (*(a.as_approver() for a in DEMO_APPROVERS), newcomer.as_approver()),
            "thresholds": sample_bundle().thresholds.model_copy(update={"max_avg_length": 400}),
        }
    )
    with pytest.raises(RefusalError) as info:
        _push(engine, release_document(loser_bundle, 1))
    assert info.value.refusal.code == "version_conflict"
    assert info.value.refusal.status == 409

    with Session(engine) as s:
        assert [r.version for r in s.scalars(select(Release))] == [1]
        assert "wang" not in {a.user for a in releases.registry(s).values()}
    engine.dispose()


def test_the_document_is_stored_byte_for_byte(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    with Session(engine) as s, s.begin():
        releases.bootstrap_registry(s, [a.as_approver() for a in DEMO_APPROVERS])
    doc = release_document(sample_bundle(), 1)
    raw = json.dumps(doc, indent=2, ensure_ascii=False).encode()
    with Session(engine) as s, s.begin():
        releases.push(s, raw, doc["bundle_sha256"])
    with Session(engine) as s:
        row = s.get(Release, 1)
        assert row is not None and row.document.encode() == raw
    engine.dispose()
