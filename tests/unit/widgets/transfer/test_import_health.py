"""The data-health report in the GUI: the server's records through the import's checks, nothing
written; the duplicate rate by mobile against the 8 % line and the kinds of dirty data as
pyqtgraph charts and a table with the owners; Save as Excel… writes the same report."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio import i18n
from tests.helpers.server import run_server
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext
from widgets.settings import set_language_setting
from widgets.translation import install_translators

RECORDS = [
    {"import_key": "a", "name": "张三", "mobile": "13800138000", "owner": "wu"},
    {"import_key": "b", "name": "Zhang San", "mobile": "13800138000", "owner": "wu"},
    {"import_key": "c", "name": "李四", "mobile": "13912345678", "email": "x@@y", "owner": "wu"},
    {"import_key": "d", "name": "王五", "mobile": "13700001111", "email": "w@", "owner": "zhao"},
    {"import_key": "e", "name": "赵六", "mobile": "12345", "owner": "zhao"},
]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_data_health_is_shown_with_charts_and_saved_as_excel(
    qtbot: QtBot,
    ctx: StudioContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    app = QApplication.instance()
    if lang == "zh_CN":
        set_language_setting("zh_CN")
        assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
        i18n.set_language("zh_CN")
    try:
        pane = make_pane(qtbot, ctx)
        with run_server(data_dir=tmp_path / "server", approvers=None) as server:
            with server.client() as c:
                done = c.post(
                    "/api/v1/records/customer/batch",
                    json={"key_field": "import_key", "records": RECORDS},
                )
                assert done.status_code == 200, done.text
            ctx.server_url = server.base_url
            monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
            pane.health.button.click()  # Data health…: no file asked for first
            wait_op(qtbot, pane)
            view = pane.health.view
            assert pane.tabs.currentWidget() is view
            assert view.health is not None and view.health.duplicate_records == 1
            # one of the four records with a valid mobile repeats one: 25 %, over the line
            assert "25.0%" in view.summary.text(), view.summary.text()
            assert ("over" if lang == "en" else "超过") in view.summary.text()
            bars = [i for i in view.rate_plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
            lines = [
                i for i in view.rate_plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)
            ]
            assert len(bars) == 1 and len(lines) == 1 and lines[0].value() == pytest.approx(8.0)
            kinds = [
                i for i in view.kinds_plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)
            ]
            assert len(kinds) == 1
            rows = {
                view.table.item(r, 1).text(): (
                    view.table.item(r, 2).text(),
                    view.table.item(r, 3).text(),
                )
                for r in range(view.table.rowCount())
            }
            emails = next(v for k, v in rows.items() if "x@@y" in k or "w@" in k)
            # the owners listed as the language lists names
            assert emails == ("2", "wu 1、zhao 1" if lang == "zh_CN" else "wu 1, zhao 1")
            assert view.save_button.isEnabled()
            target = tmp_path / "health.xlsx"
            pane.health.write(target)
            wait_op(qtbot, pane)
            assert load_workbook(target).active["B3"].value == 0.25
            with server.client() as c:  # nothing written
                assert len(c.get("/api/v1/records/customer").json()["records"]) == 5
            pane.resize(1300, 850)
            pane.show()
            qtbot.waitExposed(pane)
            assert pane.grab().save(f"/tmp/import-health-{lang}.png")
    finally:
        if lang == "zh_CN":
            i18n.set_language("en")
            for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
                app.removeTranslator(t)  # type: ignore[union-attr]
            set_language_setting("system")
