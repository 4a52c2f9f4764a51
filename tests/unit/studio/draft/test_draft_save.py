"""Saving a designer's bundle as the draft: whole or not at all, never over someone else's save."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from schema.models import AuditRow, ReleaseRow
from studio.audit.log import verify
from studio.changes.releases import live_bundle
from studio.draft import edits as de
from studio.draft.save import DraftConflictError, load_state, save_draft
from studio.errors import ConflictError
from studio.i18n import set_language
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ws.db")
    return str(request.getfixturevalue("pg_url"))


def test_save_then_a_stale_save_is_refused_and_writes_nothing(target: str) -> None:
    init_workspace(target, sample=True).close()
    a: Workspace = open_workspace(target)
    b: Workspace = open_workspace(target)
    try:
        state_a, state_b = load_state(a), load_state(b)
        assert state_a.live is None
        mine = de.update_field(state_a.bundle, "customer", "notes", {"label_en": "Remarks"})
        revision = save_draft(a, mine, user="lin", expected_revision=state_a.revision)
        assert revision != state_a.revision
        theirs = de.update_field(state_b.bundle, "customer", "email", {"label_en": "E-mail"})
        with pytest.raises(DraftConflictError) as err:
            save_draft(b, theirs, user="chen", expected_revision=state_b.revision)
        assert isinstance(err.value, ConflictError)
        assert "not saved" in str(err.value) and "not overwritten" in str(err.value)
        now = load_state(b)
        assert now.bundle == mine and now.revision == revision
        with a.session() as s:
            edits = s.scalars(select(AuditRow).where(AuditRow.action == "edit")).all()
            assert [e.actor for e in edits] == ["lin"]
            # what was written, not the bundle's sha256 (that costs more than the save)
            assert edits[0].details["rows"] == {"fields.updated": 1}
            assert verify(s).intact
    finally:
        a.close()
        b.close()


def test_conflict_message_in_chinese(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws.db", sample=True)
    try:
        state = load_state(ws)
        save_draft(ws, state.bundle, user="lin", expected_revision=state.revision)
        set_language("zh_CN")
        with pytest.raises(DraftConflictError) as err:
            save_draft(ws, state.bundle, user="lin", expected_revision=state.revision)
        shown = str(err.value)
    finally:
        set_language("en")
        ws.close()
    assert "草稿在您打开后已被他人修改" in shown and "草稿已被 lin 修改" in shown
    # The same error, shown after switching to English, reads in English through and through.
    assert str(err.value).startswith(
        "Someone else changed the draft after you opened it (the draft"
    )


def test_live_bundle_is_the_newest_release(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws.db", sample=True)
    try:
        bundle = load_state(ws).bundle
        newer = de.update_field(bundle, "customer", "notes", {"label_en": "Remarks"})
        with ws.session() as s:
            assert live_bundle(s) is None
            for version, b in ((1, bundle), (2, newer)):
                s.add(
                    ReleaseRow(
                        version=version,
                        change_id=f"c{version}",
                        author="lin",
                        bundle_json=b.canonical_json().decode(),
                        bundle_sha256=b.sha256(),
                        document={},
                    )
                )
        assert load_state(ws).live == newer
    finally:
        ws.close()
