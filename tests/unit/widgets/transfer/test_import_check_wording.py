"""What the import wizard's Check step says, as a new user reads it: a select option written as its
label is the option itself (not a cleaned value, not a problem by column); the examples of the
changes show options by their labels in the UI's language; a required field with no column is
named by its label; a damaged workbook is said to be damaged; a workbook whose first sheet is a
notes sheet is read from the sheet that holds the entity's columns."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import checked_pane
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

#: Every 来源 and 行业 written as an option's label or key, exactly, except one 来源 written with
#: a space inside its label ("官 网"): the one value cleaning changes.
OPTIONS = [
    ["客户名称", "来源", "行业"],
    ["张三", "官网", "制造业"],
    ["李雷", "展会", "软件服务"],
    ["韩梅梅", "Website", "Manufacturing"],
    ["王芳", "wechat", "trade"],
    ["赵六", "官 网", "教育"],
]


def _changes(pane: ImportExportPane) -> list[list[str]]:
    model = pane.changes
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_an_option_written_as_its_label_is_neither_cleaned_nor_a_problem(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    pane = checked_pane(qtbot, ctx, write_xlsx(tmp_path / "客户.xlsx", OPTIONS))
    summary = pane.summary.text()
    if lang == "en":
        assert "5 rows read" in summary and "1 value cleaned" in summary, summary
    else:
        assert "读取 5 行" in summary and "清洗了 1 个值" in summary, summary
    # the problems by column: 行业 is not there at all, 来源 with its one cleaned value
    assert "industry" not in pane.chart.bars and "source" in pane.chart.bars
    assert pane.tabs.tabText(pane.changes_tab).endswith("(1)" if lang == "en" else "（1）")
    (option,) = [r for r in _changes(pane) if r[0].startswith("来源")]
    # the example shows the option as the UI names it, never its stored key ("website")
    shown = "Website" if lang == "en" else "官网"
    assert option[2] == "1" and option[3] == f"官 网 → {shown}", option
    pane.resize(1300, 850)
    pane.show()
    qtbot.waitExposed(pane)
    pane.tabs.setCurrentIndex(pane.changes_tab)
    assert pane.grab().save(f"/tmp/import-option-labels-{lang}.png")


def test_a_required_field_with_no_column_is_named_by_its_label(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    rows = [["手机", "邮箱"], ["13800138000", "a@example.com"]]
    pane = checked_pane(qtbot, ctx, write_xlsx(tmp_path / "客户.xlsx", rows))
    summary = pane.summary.text()
    if lang == "en":
        assert "Required fields with no column: Customer name." in summary, summary
    else:
        assert "没有对应列的必填字段：客户名称。" in summary, summary


@pytest.mark.parametrize("damage", ["empty", "truncated", "text"])
def test_an_empty_or_cut_off_workbook_is_said_to_be_damaged(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str, damage: str
) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", OPTIONS).read_bytes()
    broken = tmp_path / "客户.xlsx"
    broken.write_bytes(
        {"empty": b"", "truncated": whole[: len(whole) // 2], "text": "客户名称,手机\n".encode()}[
            damage
        ]
    )
    pane = checked_pane(qtbot, ctx, broken)
    said = {
        "en": "客户.xlsx is not a readable workbook: it is damaged, or not an Excel file.",
        "zh_CN": "客户.xlsx 不是可读取的工作簿：文件已损坏，或不是 Excel 文件。",
    }[lang]
    assert pane.summary.text() == said
    assert pane.plan is None and not pane.import_button.isEnabled()


def test_with_no_sheet_chosen_the_sheet_with_the_entitys_columns_is_read(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write_string(0, 0, "请看第二页：客户名称必填")
    data = book.add_worksheet("客户")
    for r, row in enumerate(OPTIONS):
        data.write_row(r, 0, row)
    book.close()
    pane = checked_pane(qtbot, ctx, path)
    assert pane.sheet.currentText() == "客户" and pane.sheet.isEnabled()
    assert pane.plan is not None and pane.plan.rows_read == 5
    # a sheet chosen on purpose is read as it is, even the notes
    pane.sheet.setCurrentIndex(pane.sheet.findText("说明"))
    pane.check()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert pane.sheet.currentText() == "说明"
    assert pane.plan is not None and pane.plan.rows_read == 0
