"""The Review dialog shows what is signed (issue 20): derived when it opens from the change's
bundle and a live version verified against its sha256 and a real ``studio serve`` run apart;
a baseline that cannot be verified is said in red and Approve is disabled."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from studio import changes
from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle, EntityPermission, Policy
from studio.changes.releases import live_bundle
from studio.client.push import RetryPolicy, push
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import (
    PASSPHRASE,
    edit_draft,
    make_demo_keys,
    registry_of,
    submit_and_approve,
)
from tests.helpers.review_gui import open_review
from tests.helpers.server import LiveServer, run_server
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from widgets.changes.pane import ChangesPane
from widgets.changes.review_dialog import ReviewDialog
from widgets.changes.styles import ERROR_STYLE

FAST = RetryPolicy(attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2)


@pytest.fixture
def served(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    make_demo_keys(ws)
    with run_server(data_dir=tmp_path / "server", approvers=registry_of(ws)) as server:  # type: ignore[arg-type]
        monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
        yield server


def _hidden(bundle: Bundle) -> Bundle:
    perms = [p for p in bundle.entity_permissions if (p.role, p.entity) != ("intern", "lead")]
    perms.append(
        EntityPermission(
            role="intern", entity="lead", create=True, read=True, update=True, delete=True
        )
    )
    return bundle.model_copy(
        update={
            "policy": Policy(min_approvals=1, required_roles=("it_admin",)),
            "entity_permissions": tuple(perms),
        }
    )


def _v1_and_a_change_with_hidden_edits(ws: Workspace, server: LiveServer) -> tuple[Bundle, str]:
    first = submit_and_approve(ws, "First")
    push(ws, first.id, server_url=server.base_url, token=server.token, retry=FAST)
    with ws.session() as s:
        live = live_bundle(s)
    assert live is not None
    label_only = edit_draft(ws, "rename_notes")
    with ws.session() as s:
        replace_draft(s, _hidden(load_draft(s)), user="lin")
    view = changes.submit(ws, "lin", "Rename notes", passphrase=PASSPHRASE)
    # The stored diff says "a label edit" and nothing else.
    with ws.session() as s:
        s.execute(
            text("UPDATE change_requests SET diff = :d, findings = '[]' WHERE id = :id"),
            {"d": json.dumps(diff_bundles(live, label_only)), "id": view.id},
        )
    return live, view.id


def _open_review(qtbot: QtBot, pane: ChangesPane, server: LiveServer) -> ReviewDialog:
    pane.ctx.server_url = server.base_url
    dialog = open_review(qtbot, pane, "zhou", derived=False)
    assert not dialog.approve_button.isEnabled()  # not before the review is derived
    with qtbot.waitSignal(dialog.reviewed, timeout=SIGNAL_TIMEOUT):
        pass
    return dialog


def test_the_review_shows_the_edits_a_rewritten_stored_diff_hides(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    _live, change_id = _v1_and_a_change_with_hidden_edits(ws, served)
    dialog = _open_review(qtbot, pane, served)
    rows = dialog.details.diff_texts()
    assert "minimum approvals | 2 | 1" in rows, rows
    assert any("intern" in r and "delete" in r.lower() for r in rows), rows
    assert "server's current release" in dialog.baseline_label.text()
    assert dialog.approve_button.isEnabled()
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.decided, timeout=SIGNAL_TIMEOUT):
        dialog.approve_button.click()
    [approval] = changes.get_change(ws, change_id).approvals
    assert approval.user == "zhou" and approval.valid


def test_a_rewritten_live_release_is_said_in_red_and_approve_is_disabled(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    live, _change_id = _v1_and_a_change_with_hidden_edits(ws, served)
    with ws.session() as s:
        s.execute(
            text("UPDATE releases SET bundle_json = :t WHERE version = 1"),
            {"t": _hidden(live).canonical_json().decode("utf-8")},
        )
    dialog = _open_review(qtbot, pane, served)
    assert "release v1 has been altered" in dialog.baseline_label.text()
    assert dialog.baseline_label.styleSheet() == ERROR_STYLE
    assert not dialog.approve_button.isEnabled()
    assert "cannot be verified" in dialog.why_label.text()
    assert dialog.reject_button.isEnabled()  # refusing what cannot be verified stays possible
