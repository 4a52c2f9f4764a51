"""Data health's Refresh asks the server again: with no CRM server it is disabled and its tooltip
says why; once a server is there it is enabled and makes the report again."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from importers.health import data_health
from studio.workspace.connection import open_workspace
from tests.helpers.server import run_server
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

RECORDS = [
    {"import_key": "a", "name": "李四", "mobile": "13912345678", "email": "x@@y", "owner": "wu"},
]


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


def test_refresh_waits_for_a_server(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = ImportExportPane(ctx)
    qtbot.addWidget(pane)
    ctx.document.ensure_loaded()
    qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
    assert ctx.local_server is None and not ctx.server_url
    view = pane.health.view
    # a report shown earlier (of no records), then records imported elsewhere: out of date
    customer = ctx.bundle().entity("customer")
    assert customer is not None
    view.show_health(customer, data_health(customer, []), "en")
    pane.health.records_changed()
    refresh = view.refresh_button
    assert not refresh.isHidden()
    assert not refresh.isEnabled() and "No CRM server" in refresh.toolTip()

    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        with server.client() as c:
            done = c.post(
                "/api/v1/records/customer/batch",
                json={"key_field": "import_key", "records": RECORDS},
            )
            assert done.status_code == 200, done.text
        os.environ["STUDIO_SERVER_TOKEN"] = server.token
        try:
            ctx.server_url = server.base_url
            ctx.server_changed.emit()
            assert refresh.isEnabled() and refresh.toolTip() == ""
            refresh.click()
            assert pane.op is not None
            with qtbot.waitSignal(pane.op.finished, timeout=60_000):
                pass
        finally:
            os.environ.pop("STUDIO_SERVER_TOKEN", None)
    assert view.health is not None and view.health.records == 1
    assert refresh.isHidden()  # the report is current again
