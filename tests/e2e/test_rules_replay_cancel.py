"""Cancelling the impact replay stops it where it is and leaves nothing half-done.

The replay reads the server's records page by page, then evaluates them; the person may cancel at
any point. Deterministic: the progress object asks to stop at a chosen report (an event the
replay itself raises), never after a delay. Afterwards no figures exist that a submit could carry,
the workspace holds no change and no audit entry more than before, and the draft is as it was; a
replay run again gives the whole numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from schema.models import AuditRow, ChangeRequestRow
from studio import changes
from studio.changes import ChangeRefused
from studio.client.replay import PAGE, replay_draft
from studio.draft.store import load_draft, replace_draft
from studio.progress import Cancelled
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, make_demo_keys
from tests.helpers.rules import make_leads, region_rules, with_rules
from tests.helpers.server import LiveServer

RECORDS = 2 * PAGE + 500  # three pages


class StopAt:
    """A ``Progress`` that asks to stop when the replay reports ``at`` (a page read: ``None``; an
    entity being evaluated: its key) for the ``nth`` time, and records every report."""

    def __init__(self, at: str | None, nth: int = 1) -> None:
        self.at, self.nth = at, nth
        self.reports: list[tuple[float | None, str]] = []
        self.cancelled = False

    def update(self, fraction: float | None, text: str = "") -> None:
        self.reports.append((fraction, text))
        seen = sum(1 for f, t in self.reports if (t == self.at if self.at else f is None))
        if seen >= self.nth:
            self.cancelled = True

    @property
    def pages(self) -> int:
        return sum(1 for f, _t in self.reports if f is None)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "w.db", sample=True)
    make_demo_keys(workspace)
    with workspace.session() as s:
        replace_draft(s, with_rules(load_draft(s), lead=region_rules("district")), user="lin")
    yield workspace
    workspace.close()


@pytest.fixture
def server(live_server: LiveServer) -> LiveServer:
    with live_server.client() as c:
        r = c.post(
            "/api/v1/records/lead/batch",
            json={"key_field": "mobile", "records": make_leads(RECORDS)},
            timeout=120,
        )
        assert r.status_code == 200, r.text
    return live_server


def counts(ws: Workspace) -> tuple[int, int, str]:
    with ws.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ChangeRequestRow)) or 0,
            s.scalar(select(func.count()).select_from(AuditRow)) or 0,
            load_draft(s).sha256(),
        )


@pytest.mark.parametrize(
    ("at", "pages_read"),
    [(None, 1), ("lead", 3)],
    ids=["while-reading-the-records", "while-evaluating"],
)
def test_cancel_stops_the_replay_and_leaves_nothing_half_done(
    ws: Workspace, server: LiveServer, at: str | None, pages_read: int
) -> None:
    before = counts(ws)
    progress = StopAt(at)
    with pytest.raises(Cancelled, match="cancelled"):
        replay_draft(ws, server_url=server.base_url, token=server.token, progress=progress)
    # Stopped where it was asked to: no page read after the cancel, nothing evaluated after it.
    assert progress.pages == pages_read
    assert all(f is None or f < 1.0 for f, _t in progress.reports)  # never reached its end

    # No figures exist, so a submit cannot pass on them: it says the replay did not run.
    with pytest.raises(ChangeRefused, match="could not run"):
        changes.submit(ws, "lin", "Route by district", passphrase=PASSPHRASE, replay=None)
    assert counts(ws) == before  # no change, no audit entry, the draft as it was

    again = replay_draft(ws, server_url=server.base_url, token=server.token)
    assert again is not None and again.to_json()["replayed"] == RECORDS
