"""Health reads the last kept scan off the UI thread: the pane is there at once, saying it is
reading, and shows the scan when the read is done (a large history or a slow PostgreSQL
workspace no longer freezes the window)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.scan.service import scan_in_workspace
from studio.workspace.connection import open_workspace
from tests.helpers.crm_db import make_crm
from widgets.context import StudioContext
from widgets.health.pane import HealthPane


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    context.document.load()
    yield context
    context.workspace.close()


def test_the_last_scan_is_read_in_the_background(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=50, notes_average=800)
    scan_in_workspace(ctx.workspace, url)  # kept, as Scan now keeps it
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    # Built without reading: the pane says what it is doing meanwhile.
    assert pane.reading is not None
    assert pane.summary.text() == "Reading the last scan…"
    assert pane.report is None and pane.points == []
    with qtbot.waitSignal(pane.reading.finished, timeout=30_000):
        pass
    assert pane.report is not None and pane.report.scan.url == url
    assert len(pane.points) == 1 and pane.db.text() == url
    assert "Red, so frozen: customer" in pane.summary.text()
