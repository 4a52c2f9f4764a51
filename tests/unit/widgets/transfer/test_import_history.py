"""The list of imports as a new user reads it — when, from which file, into which entity (its
label in the user's language), the whole import id — and Revert: only with an import selected,
asking first (the file, the date, how many records go and come back), then with a progress
dialog saying its steps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext
from widgets.transfer.history import DATE, ENTITY, FILE, IMPORT, STATE
from widgets.transfer.pane import ImportExportPane

ROWS = [["客户名称", "手机", "邮箱"]] + [
    [f"客户{i}", f"1380013{i:04d}", f"c{i}@example.com"] for i in range(3)
]


def _records(server) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with server.client() as c:
        return c.get("/api/v1/records/customer").json()["records"]  # type: ignore[no-any-return]


def test_the_list_says_when_what_and_where_and_revert_asks_first(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with in_language("zh_CN"):
        pane = make_pane(qtbot, ctx)
        history = pane.history
        with run_server(data_dir=tmp_path / "server", approvers=None) as server:
            ctx.server_url = server.base_url
            monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
            pane.open_file(write_xlsx(tmp_path / "三月客户.xlsx", ROWS))
            wait_op(qtbot, pane)
            pane.run_import()
            wait_op(qtbot, pane)
            assert len(_records(server)) == 3

            pane.resize(1300, 850)
            pane.show()
            qtbot.waitExposed(pane)
            table = history.imports
            assert table.rowCount() == 1
            today = datetime.now().strftime("%Y-%m-%d")
            assert table.item(0, DATE).text().startswith(today)
            assert table.item(0, FILE).text() == "三月客户.xlsx"
            assert table.item(0, ENTITY).text() == "客户"  # the label, not the key "customer"
            assert table.item(0, STATE).text() == "完成"
            import_id = table.item(0, IMPORT).text()
            assert len(import_id) == 16
            # the id is shown whole, not cut off with "…"
            width = table.fontMetrics().horizontalAdvance(import_id)
            assert table.columnWidth(IMPORT) >= width
            assert table.viewport().width() >= table.columnViewportPosition(IMPORT) + width

            # nothing selected: Revert is disabled, not silently doing nothing
            assert not history.revert_button.isEnabled()
            table.selectRow(0)
            assert history.revert_button.isEnabled()

            # Revert asks first, naming the file, the date and the records; Cancel: nothing done
            history.revert_button.click()
            box = history.revert_confirm
            assert isinstance(box, QMessageBox) and box.isVisible()
            asked = box.text() + "\n" + box.informativeText()
            assert "三月客户.xlsx" in asked and table.item(0, DATE).text() in asked, asked
            assert "3" in box.informativeText() and "0" in box.informativeText(), asked
            assert pane.op is None
            box.button(QMessageBox.StandardButton.Cancel).click()
            assert pane.op is None and len(_records(server)) == 3

            # asked again and confirmed: the revert runs with its progress dialog
            history.revert_button.click()
            box = history.revert_confirm
            assert box is not None
            labels: list[str] = []
            box.button(QMessageBox.StandardButton.Ok).click()
            assert pane.op is not None and pane.dialog is not None
            dialog = pane.dialog
            assert "三月客户.xlsx" in dialog.windowTitle()
            pane.op.progressed.connect(lambda *_a: labels.append(dialog.labelText()))
            wait_op(qtbot, pane)
            assert _records(server) == []
            assert labels and labels[0] == "正在删除此次导入创建的记录…", labels
            assert "删除 3 条记录" in pane.summary.text(), pane.summary.text()
            assert table.item(0, STATE).text() == "已撤销"
            # a reverted import cannot be reverted again
            table.selectRow(0)
            assert not history.revert_button.isEnabled()


@pytest.mark.parametrize(
    ("lang", "steps"),
    [
        (
            "en",
            {
                "remove": "Removing the records the import created…",
                "restore": "Restoring the records the import updated…",
                "done": "Revert done.",
            },
        ),
        (
            "zh_CN",
            {
                "remove": "正在删除此次导入创建的记录…",
                "restore": "正在恢复此次导入更新过的记录…",
                "done": "撤销完成。",
            },
        ),
    ],
)
def test_every_step_word_of_the_revert_has_its_text(
    qtbot: QtBot, ctx: StudioContext, lang: str, steps: dict[str, str]
) -> None:
    with in_language(lang):
        pane = ImportExportPane(ctx)
        qtbot.addWidget(pane)
        assert pane.history.revert_steps() == steps


def test_a_cancelled_revert_stops_between_two_requests_and_reverting_again_finishes(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    from typing import Any

    from PySide6.QtWidgets import QPushButton

    from studio.importing import run as import_run

    pane = make_pane(qtbot, ctx)
    history = pane.history
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        ctx.server_url = server.base_url
        monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
        pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
        wait_op(qtbot, pane)
        pane.run_import()
        wait_op(qtbot, pane)

        # one record per delete request (three requests); the first waits for Cancel
        monkeypatch.setattr(import_run, "REVERT_BATCH", 1)
        first_sent, cancel_pressed = threading.Event(), threading.Event()
        real_post = import_run._post

        def post(*args: Any, **kwargs: Any) -> Any:
            answer = real_post(*args, **kwargs)
            if not first_sent.is_set():
                first_sent.set()
                assert cancel_pressed.wait(30)
            return answer

        monkeypatch.setattr(import_run, "_post", post)
        history.imports.selectRow(0)
        history.revert_button.click()
        assert history.revert_confirm is not None
        history.revert_confirm.button(QMessageBox.StandardButton.Ok).click()
        dialog = pane.dialog
        assert dialog is not None and pane.op is not None
        assert not history.revert_button.isEnabled()  # one operation at a time
        qtbot.waitUntil(first_sent.is_set, timeout=30_000)
        dialog.findChild(QPushButton).click()  # the dialog's Cancel button
        cancel_pressed.set()
        wait_op(qtbot, pane)
        assert "Revert it again to finish" in pane.summary.text(), pane.summary.text()
        assert len(_records(server)) == 2
        assert history.imports.item(0, STATE).text() == "done"

        history.imports.selectRow(0)
        history.revert_button.click()
        assert history.revert_confirm is not None
        history.revert_confirm.button(QMessageBox.StandardButton.Ok).click()
        wait_op(qtbot, pane)
        assert _records(server) == []
        assert history.imports.item(0, STATE).text() == "reverted"
