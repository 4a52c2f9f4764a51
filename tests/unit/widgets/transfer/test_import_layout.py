"""The wizard's file step: any sheet, the header row found or chosen. Opening a workbook shows
its sheets and the header row the reader found; the admin picks another sheet or row and Check
reads exactly that, with the columns mapped anew."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.unit.importers.test_reading_choices import _two_sheets
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext


def test_another_sheet_and_header_row_are_chosen_and_read(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    pane = make_pane(qtbot, ctx)
    pane.open_file(_two_sheets(tmp_path / "two.xlsx"))
    wait_op(qtbot, pane)
    # the sheet whose header row holds the customer's columns, found (the notes come first)
    assert pane.plan is not None and pane.plan.table.sheet == "客户"
    assert [pane.sheet.itemText(i) for i in range(pane.sheet.count())] == ["说明", "客户"]
    assert pane.sheet.isEnabled() and pane.header_row.value() == pane.plan.table.header_row

    pane.sheet.setCurrentIndex(0)  # the notes, chosen on purpose: read as chosen
    assert pane.mapping.rowCount() == 0 and pane.header_row.value() == 0
    pane.check()
    wait_op(qtbot, pane)
    assert pane.plan.table.sheet == "说明" and pane.sheet.currentText() == "说明"

    pane.sheet.setCurrentIndex(1)
    assert pane.mapping.rowCount() == 0 and pane.header_row.value() == 0  # found anew
    pane.check()
    wait_op(qtbot, pane)
    plan = pane.plan
    # the titles under the group titles, guessed: the group titles have titles, not data, under
    assert plan.table.sheet == "客户" and plan.table.header_row == 2
    pane.header_row.setValue(1)  # the group titles, chosen by hand
    assert pane.mapping.rowCount() == 0
    pane.check()
    wait_op(qtbot, pane)
    assert pane.plan.table.header_row == 1
    pane.header_row.setValue(2)
    assert pane.mapping.rowCount() == 0
    pane.check()
    wait_op(qtbot, pane)
    plan = pane.plan
    assert (plan.table.sheet, plan.table.header_row) == ("客户", 2)
    assert plan.mapping.as_dict()["手机"] == "mobile"
    assert plan.values["name"].to_list() == ["张三", "李四"]
    assert pane.mapping.item(0, 0).text() == "姓名"
    assert (pane.sheet.currentText(), pane.header_row.value()) == ("客户", 2)
    pane.resize(1300, 700)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.grab().save("/tmp/import-layout-en.png")
