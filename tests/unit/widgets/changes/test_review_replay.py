"""The Review dialog of a rules change reads the impact replay first (issue 18), and those figures
are derived when the dialog opens: the change's exact bundle replayed against the verified live
version over a real ``studio serve``'s recent records, never the copy stored with the change
(issue 20: the stored diff is a cache anyone with write access could rewrite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from schema.models import ChangeRequestRow
from studio import changes
from studio.client.push import RetryPolicy, push
from studio.client.replay import replay_draft
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, approve_by, make_demo_keys, registry_of
from tests.helpers.review_gui import open_review
from tests.helpers.rules import make_leads, region_rules, with_rules
from tests.helpers.server import LiveServer, run_server
from widgets.changes.pane import ChangesPane

FAST = RetryPolicy(attempts=2, request_timeout=5.0, wait_initial=0.05, wait_max=0.2)


@pytest.fixture
def served(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveServer]:
    make_demo_keys(ws)
    with run_server(data_dir=tmp_path / "server", approvers=registry_of(ws)) as server:  # type: ignore[arg-type]
        monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
        yield server


def _routing(ws: Workspace, place: str) -> None:
    with ws.session() as s:
        replace_draft(s, with_rules(load_draft(s), lead=region_rules(place)), user="lin")


def test_the_review_replays_the_change_and_ignores_a_rewritten_stored_replay(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, served: LiveServer
) -> None:
    _routing(ws, "city")
    run = replay_draft(ws, server_url=served.base_url, token=served.token)
    first = changes.submit(ws, "lin", "Routing", passphrase=PASSPHRASE, replay=run)
    approve_by(ws, first.id, "zhou", "chen")
    push(ws, first.id, server_url=served.base_url, token=served.token, retry=FAST)
    with served.client() as c:
        records = {"key_field": "mobile", "records": make_leads(1_000)}
        assert c.post("/api/v1/records/lead/batch", json=records, timeout=60).status_code == 200

    _routing(ws, "district")
    run = replay_draft(ws, server_url=served.base_url, token=served.token)
    view = changes.submit(
        ws,
        "lin",
        "Route by district",
        passphrase=PASSPHRASE,
        replay=run,
        acknowledgement="Districts are collected from today on.",
    )
    with ws.session() as s:  # the stored copy is made to look harmless
        row = s.get(ChangeRequestRow, view.id)
        assert row is not None
        row.diff = {**row.diff, "replay": {**row.diff["replay"], "to_default": 0, "level": "ok"}}

    pane.ctx.server_url = served.base_url
    dialog = open_review(qtbot, pane, "zhou", derived=False)
    banner = dialog.replay_banner
    assert not banner.isHidden() and "Replaying" in banner.text()  # not the stored figures
    assert not dialog.approve_button.isEnabled()
    with qtbot.waitSignal(dialog.reviewed, timeout=60_000):
        pass
    assert dialog.review is not None and dialog.review.replay is not None
    assert dialog.review.replay["level"] == "block"
    lines = banner.text().splitlines()
    assert "above the block share" in lines[0] and "8" in lines[0]
    assert "Districts are collected" in lines[1]
    assert "#f4b6b6" in banner.styleSheet()  # the block colour
    assert dialog.approve_button.isEnabled()  # the reviewer has the figures: they may decide
