"""The Health pane: status per entity, findings with fixes, charts, and Scan now off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import open_workspace
from tests.helpers.crm_db import make_crm
from widgets.context import StudioContext
from widgets.health.pane import HealthPane

SCREENSHOT = Path("/tmp/scan-health-pane.png")


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


def _statuses(pane: HealthPane) -> dict[str, str]:
    return {e.name: e.status for e in pane.entities}


def test_before_any_scan_the_configuration_decides(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    # The draft arrives from the document's load off the UI thread; the pane hears of it.
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
    assert set(_statuses(pane).values()) == {"green"}
    assert "No scan yet" in pane.summary.text()
    assert pane.table.rowCount() == len(ctx.bundle().entities)


def test_scan_now_shows_customer_red_with_the_fix(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=200, notes_average=800)
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.resize(1200, 800)
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert _statuses(pane)["customer"] == "red"
    assert "Red, so frozen: customer" in pane.summary.text()
    assert pane.selected_entity() == "customer"
    html = pane.details.toPlainText()
    assert "column_too_long" in html and "customer.notes" in html
    assert pane.scan_button.isEnabled()
    # The scan was kept: a new pane shows it again.
    again = HealthPane(ctx)
    qtbot.addWidget(again)
    assert _statuses(again)["customer"] == "red" and again.db.text().startswith("sqlite://")
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.grab().save(str(SCREENSHOT))


def test_scan_failure_is_said_in_the_pane(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.db.setText(f"sqlite:///{tmp_path / 'missing.db'}")
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=30_000):
        pass
    assert "The scan failed" in pane.summary.text() and "no such file" in pane.summary.text()


def test_cancel_stops_the_scan(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=50, notes_average=40)
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    pane.op.cancel()  # what the dialog's Cancel does
    with qtbot.waitSignal(pane.op.finished, timeout=30_000):
        pass
    assert "cancelled" in pane.summary.text()
    assert pane.report is None
