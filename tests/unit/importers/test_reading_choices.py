"""What the admin chooses when the guess is not enough: the sheet and the header row (the CLI's
``--sheet`` / ``--header-row``, the wizard's choices); and CSV files in GB18030 with characters
GBK does not have (rare given names: 䶮, 𠇔), which charset-normalizer must still find."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from importers.errors import ImportFileError
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_csv

CUSTOMER = sample_bundle().entity("customer")


def _two_sheets(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    notes = book.add_worksheet("说明")
    notes.write_string(0, 0, "请在第二个工作表填写客户")
    data = book.add_worksheet("客户")
    # two header-like rows: the first one is a heading of groups, the second the real titles
    for r, row in enumerate(
        [
            ["客户名称", "联系方式", "联系方式", "备注"],
            ["姓名", "手机", "邮箱", "备注"],
            ["张三", "13800138000", "zs@example.com", "老客户"],
            ["李四", "13900139000", "ls@example.com", None],
        ]
    ):
        for c, v in enumerate(row):
            if v is not None:
                data.write_string(r, c, v)
    book.close()
    return path


def test_the_sheet_and_the_header_row_chosen_are_the_ones_read(tmp_path: Path) -> None:
    path = _two_sheets(tmp_path / "two.xlsx")
    plan = dry_run(path, CUSTOMER, sheet="客户", header_row=2)
    report = plan.report("en")
    assert accounting_holds(report)
    assert (report["sheet"], report["header_row"]) == ("客户", 2)
    assert plan.mapping.as_dict() == {
        "姓名": "name",
        "手机": "mobile",
        "邮箱": "email",
        "备注": "notes",
    }
    assert plan.values["name"].to_list() == ["张三", "李四"]
    assert plan.values["__row"].to_list() == [3, 4]  # the sheet's own row numbers
    # the same sheet chosen by its number (0-based here; the CLI's --sheet 2 means this) reads
    # the same
    by_number = dry_run(path, CUSTOMER, sheet=1, header_row=2)
    assert by_number.values.to_dicts() == plan.values.to_dicts()


def test_a_header_row_or_sheet_that_is_not_there_is_a_clear_message(tmp_path: Path) -> None:
    path = _two_sheets(tmp_path / "two.xlsx")
    with pytest.raises(ImportFileError, match="beyond the end"):
        dry_run(path, CUSTOMER, sheet="客户", header_row=50)
    with pytest.raises(ImportFileError):
        dry_run(path, CUSTOMER, sheet="没有这个表")


def test_a_gb18030_csv_with_characters_gbk_lacks_is_read(tmp_path: Path) -> None:
    rows = [
        ["客户名称", "手机", "企业全称", "备注"],
        ["王䶮", "13800138000", "宁波模具有限公司", "客户备注：首次来访，需要跟进报价"],
        ["李𠇔", "13900139000", "杭州示例科技有限公司", "老客户，介绍了两位新客户"],
        ["张三", "13700137000", None, "展会上认识，对模具感兴趣"],
    ]
    with pytest.raises(UnicodeEncodeError):
        "䶮".encode("gbk")  # outside GBK: only GB18030 writes it
    path = write_csv(tmp_path / "客户.csv", rows, encoding="gb18030")
    plan = dry_run(path, CUSTOMER)
    assert plan.values["name"].to_list() == ["王䶮", "李𠇔", "张三"]
    assert plan.values["company"].to_list()[:2] == ["宁波模具有限公司", "杭州示例科技有限公司"]
    assert plan.table.encoding is not None and "18030" in plan.table.encoding.replace("_", "")
