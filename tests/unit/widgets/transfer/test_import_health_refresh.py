"""Data health's Refresh asks the server again: with no CRM server it is disabled and its tooltip
says why; once a server is there it is enabled and makes the report again."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from importers.health import data_health
from tests.helpers.server import run_server
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext

RECORDS = [
    {"import_key": "a", "name": "李四", "mobile": "13912345678", "email": "x@@y", "owner": "wu"},
]


def test_refresh_waits_for_a_server(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = make_pane(qtbot, ctx)
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
            wait_op(qtbot, pane)
        finally:
            os.environ.pop("STUDIO_SERVER_TOKEN", None)
    assert view.health is not None and view.health.records == 1
    assert refresh.isHidden()  # the report is current again
