"""The wizard's import runs off the UI thread with a progress dialog and Cancel: cancelled
between two batches it stops there (the list says "interrupted"), and Import again resumes it —
every record on the server once, none missing (issue 16: "a crash between two batches, then a
resume: no duplicate, nothing missing", here through the GUI)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from studio.importing import run as import_run
from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext
from widgets.transfer.history import STATE

ROWS = [["客户名称", "手机", "邮箱"]] + [
    [f"客户{i}", f"1380013{i:04d}", f"c{i}@example.com"] for i in range(7)
]


def test_cancel_between_batches_then_import_again_resumes(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pane = make_pane(qtbot, ctx)
    pane.batch_size = 2  # 7 rows: four batches
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        ctx.server_url = server.base_url
        monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
        pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
        wait_op(qtbot, pane)
        assert pane.plan is not None and pane.plan.imported == 7

        # The first batch reaches the server; the worker then waits until Cancel was pressed,
        # so that the cancel falls between batch 1 and batch 2 on any machine.
        first_sent, cancel_pressed = threading.Event(), threading.Event()
        real_post = import_run._post

        def post(*args: Any, **kwargs: Any) -> Any:
            answer = real_post(*args, **kwargs)
            if not first_sent.is_set():
                first_sent.set()
                assert cancel_pressed.wait(30)
            return answer

        monkeypatch.setattr(import_run, "_post", post)
        pane.run_import()
        assert pane.op is not None and pane.dialog is not None
        assert not pane.import_button.isEnabled()  # one import at a time
        qtbot.waitUntil(first_sent.is_set, timeout=30_000)
        pane.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
        cancel_pressed.set()
        wait_op(qtbot, pane)
        assert "Import again to resume" in pane.summary.text(), pane.summary.text()
        with server.client() as c:
            assert len(c.get("/api/v1/records/customer").json()["records"]) == 2
        assert (
            pane.history.imports.rowCount() == 1
            and pane.history.imports.item(0, STATE).text() == "interrupted"
        )

        monkeypatch.setattr(import_run, "_post", real_post)
        assert pane.import_button.isEnabled()
        pane.run_import()
        wait_op(qtbot, pane)
        assert "done" in pane.summary.text(), pane.summary.text()
        with server.client() as c:
            records = c.get("/api/v1/records/customer").json()["records"]
        assert sorted(r["name"] for r in records) == [f"客户{i}" for i in range(7)]
        assert (
            pane.history.imports.rowCount() == 1
            and pane.history.imports.item(0, STATE).text() == "done"
        )
    os.environ.pop("STUDIO_SERVER_TOKEN", None)


def test_a_check_shows_its_progress_and_cancel_stops_it_while_the_sheet_is_read(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking a large workbook takes seconds: a dialog says which step runs and Cancel stops
    the check between two parts of the sheet (made tiny here, so that a small sheet has many)."""
    from importers import read_parts
    from tests.helpers.messy_customers import generate
    from tests.helpers.workbooks import read_in_tiny_parts

    read_in_tiny_parts(monkeypatch, 3000, 1000)
    reading, cancel_pressed = threading.Event(), threading.Event()
    real_read = read_parts._read_part

    def held(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        assert cancel_pressed.wait(30)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(read_parts, "_read_part", held)
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "客户.xlsx", generate(150, seed=3).rows))
    dialog = pane.dialog
    assert dialog is not None and "客户.xlsx" in dialog.windowTitle()
    qtbot.waitUntil(reading.is_set, timeout=30_000)
    qtbot.waitUntil(lambda: dialog.labelText() == pane.tr("Reading the sheet…"), timeout=30_000)
    dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    cancel_pressed.set()
    wait_op(qtbot, pane)
    assert pane.plan is None and "Cancelled" in pane.summary.text(), pane.summary.text()
    assert dialog.isHidden()
