"""``studio.changes.draft_edited``: which open change the draft has moved away from, if any."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from studio import changes
from studio.bundle.model import Bundle
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace, open_workspace
from tests.helpers.change_flow import edit_draft
from tests.helpers.releases import record_release


@pytest.fixture
def ws(sample_workspace_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    workspace.close()


def _draft(ws: Workspace) -> Bundle:
    with ws.session() as s:
        return load_draft(s)


def test_nothing_open_or_the_draft_unchanged_means_no_note(ws: Workspace) -> None:
    assert changes.draft_edited_since(ws) is None
    original = _draft(ws)
    view = changes.submit(ws, "lin", "First")
    assert changes.draft_edited_since(ws) is None
    edit_draft(ws, "rename_notes")
    edited = changes.draft_edited_since(ws)
    assert edited is not None
    assert (edited.change_id, edited.change_title, edited.change_state) == (
        view.id,
        "First",
        "open",
    )
    assert edited.draft_sha256 == _draft(ws).sha256() != view.bundle_sha256
    # Undoing the edit by hand brings the draft back to what was submitted: no note any more.
    with ws.session() as s:
        replace_draft(s, original, user="lin")
    assert changes.draft_edited_since(ws) is None


def test_a_rejected_change_is_not_compared(ws: Workspace) -> None:
    from studio.changes.draft_edited import edited_since

    view = changes.submit(ws, "lin", "First")
    edit_draft(ws, "rename_notes")
    draft_sha = _draft(ws).sha256()
    assert edited_since(draft_sha, changes.list_changes(ws)) is not None
    rejected = [replace(v, state="rejected") for v in changes.list_changes(ws)]
    assert rejected[0].id == view.id
    assert edited_since(draft_sha, rejected) is None


def test_a_rollback_change_is_not_compared_with_the_draft(ws: Workspace) -> None:
    first = _draft(ws)
    record_release(ws, first, 1)
    second = edit_draft(ws, "rename_notes")
    record_release(ws, second, 2)
    back = changes.rollback(ws, "lin", 1, "Back to 1")
    assert back.bundle_sha256 != second.sha256()  # the draft is v2, the rollback v1
    assert changes.draft_edited_since(ws) is None
    # A submit of the draft after all supersedes the rollback, like any open change.
    edit_draft(ws, "require_company")
    changes.submit(ws, "lin", "Company required")
    assert changes.get_change(ws, back.id).state == "superseded"
    assert changes.draft_edited_since(ws) is None


def test_the_note_in_chinese(ws: Workspace) -> None:
    from studio import i18n

    view = changes.submit(ws, "lin", "First")
    edit_draft(ws, "rename_notes")
    edited = changes.draft_edited_since(ws)
    assert edited is not None
    i18n.set_language("zh_CN")
    try:
        assert edited.message == (
            f"变更 {view.id[:8]} 提交之后草稿又被修改过；这些修改不包含在该变更中。"
            "如需包含它们，请重新提交——已有的审批不会计入新的变更。"
        )
    finally:
        i18n.set_language(None)
