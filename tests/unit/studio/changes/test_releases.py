"""The live release: one ``live_bundle`` for every caller, with one contract.

``None`` before the first release; the newest release's bundle after it; a clear
``UnreadableReleaseError`` for a release this studio cannot read, which ``check`` tolerates
(it lints the draft on its own) and every other caller shows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from schema.models import ReleaseRow
from studio.bundle.model import Bundle
from studio.changes.releases import (
    UnreadableReleaseError,
    live_bundle,
    live_policy,
    release_bundle,
)
from studio.changes.review import review_draft
from studio.draft import edits as de
from studio.draft.store import load_draft
from studio.errors import StudioError
from studio.i18n import set_language
from studio.lint.draft import check_draft
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "ws.db", sample=True)
    yield workspace
    workspace.close()


def _release(ws: Workspace, version: int, text: str, sha: str) -> None:
    with ws.session() as s:
        s.add(
            ReleaseRow(
                version=version,
                change_id=f"c{version}",
                author="lin",
                bundle_json=text,
                bundle_sha256=sha,
                document={},
            )
        )


def _release_bundle(ws: Workspace, version: int, bundle: Bundle) -> None:
    _release(ws, version, bundle.canonical_json().decode(), bundle.sha256())


def _unreadable(ws: Workspace, version: int) -> None:
    """A release written by a newer studio: a schema this one does not know."""
    with ws.session() as s:
        data = json.loads(load_draft(s).canonical_json())
    data["schema_version"] = 999
    data["entities"][0]["fields"][0]["type"] = "hologram"
    text = json.dumps(data)
    # Written by that studio, so its text hashes to its sha256 (a rewritten one would not).
    _release(ws, version, text, hashlib.sha256(text.encode()).hexdigest())


def test_none_before_the_first_release_then_the_newest(ws: Workspace) -> None:
    with ws.session() as s:
        bundle = load_draft(s)
        assert live_bundle(s) is None
        assert live_policy(s) == (bundle.policy.__class__(), None)
    newer = de.update_field(bundle, "customer", "notes", {"label_en": "Remarks"})
    _release_bundle(ws, 1, bundle)
    _release_bundle(ws, 2, newer)
    with ws.session() as s:
        assert live_bundle(s) == newer
        assert release_bundle(s, 1) == bundle
        assert release_bundle(s, 3) is None


def test_an_unreadable_release_is_a_clear_error(ws: Workspace) -> None:
    _unreadable(ws, 1)
    with ws.session() as s, pytest.raises(UnreadableReleaseError) as err:
        live_bundle(s)
    assert isinstance(err.value, StudioError)
    assert err.value.version == 1
    assert "Release v1 in this workspace cannot be read" in str(err.value)
    assert "update the studio" in str(err.value)
    # The review needs the baseline to diff against: it says why it cannot show one.
    problem = review_draft(ws).baseline_problem
    assert problem is not None and "Release v1 in this workspace cannot be read" in problem
    set_language("zh_CN")
    try:
        with ws.session() as s, pytest.raises(UnreadableReleaseError) as err:
            live_bundle(s)
        assert "无法读取" in str(err.value)
    finally:
        set_language(None)
    # The error holds its key and arguments: shown after the language switched, it follows.
    assert "无法读取" in err.value.render("zh_CN")
    assert "cannot be read" in err.value.render("en")


def test_a_damaged_release_is_the_same_error_for_the_policy_too(ws: Workspace) -> None:
    _release(ws, 1, '{"schema_version": 1, "entities": [', "e" * 64)
    with ws.session() as s, pytest.raises(UnreadableReleaseError):
        live_bundle(s)
    with ws.session() as s, pytest.raises(UnreadableReleaseError):
        live_policy(s)


def test_check_lints_the_draft_on_its_own_when_the_release_is_unreadable(ws: Workspace) -> None:
    with ws.session() as s:
        before = check_draft(s)
    _unreadable(ws, 1)
    with ws.session() as s:
        assert check_draft(s) == before
