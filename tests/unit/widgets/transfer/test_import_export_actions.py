"""The pane's Export… menu: the server's records of the chosen entity to a workbook (a formula
in a cell neutralised), and an import template of the entity, as ``studio export`` and ``studio
template`` write them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import served, wait_op
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

ROWS = [
    ["客户名称", "手机", "备注"],
    ["张三", "13800138000", '=HYPERLINK("http://x")'],
    ["李四", "13900139000", "老客户"],
]


def test_the_template_of_the_chosen_entity(
    qtbot: QtBot, pane: ImportExportPane, tmp_path: Path
) -> None:
    assert pane.exports.button.menu() is not None and pane.exports.button.isEnabled()
    pane.exports.template(tmp_path / "t.xlsx")
    wait_op(qtbot, pane)
    assert "t.xlsx" in pane.summary.text()
    sheet = load_workbook(tmp_path / "t.xlsx").worksheets[0]
    headers = [c.value for c in sheet[1] if c.value]
    assert any("客户名称" in str(h) or "Customer name" in str(h) for h in headers)


def test_records_exported_with_their_formulas_neutralised(
    qtbot: QtBot, pane: ImportExportPane, ctx: StudioContext, tmp_path: Path
) -> None:
    pane.exports.records(tmp_path / "none.xlsx")  # no server yet: said, nothing written
    assert "server" in pane.summary.text() and not (tmp_path / "none.xlsx").exists()
    with served(ctx, tmp_path):
        pane.open_file(write_xlsx(tmp_path / "in.xlsx", ROWS))
        wait_op(qtbot, pane)
        pane.run_import()
        wait_op(qtbot, pane)
        pane.exports.records(tmp_path / "out.xlsx")
        wait_op(qtbot, pane)
    assert "2 records written to out.xlsx" in pane.summary.text(), pane.summary.text()
    cells = [c.value for row in load_workbook(tmp_path / "out.xlsx").worksheets[0] for c in row]
    assert "张三" in cells and '\'=HYPERLINK("http://x")' in cells
