"""The header row found in a two-row header: a row of group titles merged over the real ones
("客户" over A:C, "联系方式" over D:E, "负责人" over F:G) is not the header; the row under it, whose
titles stand over the data, is. Workbooks written with merged cells by xlsxwriter and openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle

CUSTOMER = next(e for e in sample_bundle().entities if e.key == "customer")
GROUPS = [("A1:C1", "客户"), ("D1:E1", "联系方式"), ("F1:G1", "负责人")]
TITLES = ["客户名称", "客户级别", "备注说明", "手机", "微信号", "销售代表", "部门"]
DATA = [
    ["张三", "A", "老客户", "13800138000", "zs001", "吴磊", "华东"],
    ["李四", "B", "", "13900139000", "ls002", "赵敏", "华南"],
]


def _xlsxwriter(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户")
    for cells, title in GROUPS:
        sheet.merge_range(cells, title)
    for r, row in enumerate([TITLES, *DATA], start=1):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)
    book.close()
    return path


def _openpyxl(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客户"
    for cells, title in GROUPS:
        sheet[cells.split(":")[0]] = title
        sheet.merge_cells(cells)
    for row in [TITLES, *DATA]:
        sheet.append([v or None for v in row])
    book.save(path)
    return path


@pytest.mark.parametrize("write", [_xlsxwriter, _openpyxl])
def test_the_titles_under_a_row_of_group_titles_are_the_header(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = dry_run(write(tmp_path / "two-row header.xlsx"), CUSTOMER)
    assert plan.table.header_row == 2
    assert plan.table.headers[:4] == ("客户名称", "客户级别", "备注说明", "手机")
    mapped = plan.mapping.as_dict()
    assert mapped["客户名称"] == "name" and mapped["手机"] == "mobile"
    assert (plan.rows_read, plan.rejected) == (2, 0)
    assert plan.values["name"].to_list() == ["张三", "李四"]
    assert plan.values["mobile"].to_list() == ["13800138000", "13900139000"]


def test_a_single_header_row_over_data_is_still_found(tmp_path: Path) -> None:
    """A title line above the header ("客户名单 2024") and the header over the data."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["客户名单 2024"], [], TITLES, *DATA]:
        sheet.append(row)
    book.save(tmp_path / "one.xlsx")
    plan = dry_run(tmp_path / "one.xlsx", CUSTOMER)
    assert plan.table.header_row == 3 and plan.rows_read == 2
