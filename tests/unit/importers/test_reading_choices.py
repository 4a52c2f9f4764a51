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


def test_with_no_sheet_chosen_the_one_holding_the_entitys_columns_is_read(tmp_path: Path) -> None:
    """A notes sheet first, the data second: the data's sheet is found by its header row (the
    wizard read the notes and said "0 rows read"); a data sheet first stays the one read."""
    plan = dry_run(_two_sheets(tmp_path / "two.xlsx"), CUSTOMER)
    assert plan.table.sheet == "客户" and plan.rows_read > 0
    book = xlsxwriter.Workbook(str(tmp_path / "first.xlsx"))
    book.add_worksheet("名单").write_row(0, 0, ["客户名称", "手机"])
    book.get_worksheet_by_name("名单").write_row(1, 0, ["张三", "13800138000"])
    book.add_worksheet("客户").write_row(0, 0, ["客户名称", "手机", "邮箱"])
    book.close()
    assert dry_run(tmp_path / "first.xlsx", CUSTOMER).table.sheet == "名单"


def test_a_sheet_with_neither_name_nor_company_column_is_checked(tmp_path: Path) -> None:
    """No column plays a name's or a company's part in the linkage: the dry run still answers
    (it failed with an IndexError), and says the required name has no column."""
    rows = [["手机", "邮箱"], ["13800138000", "a@example.com"], ["13800138000", "a@example.com"]]
    plan = dry_run(write_csv(tmp_path / "phones.csv", rows), CUSTOMER)
    assert plan.rows_read == 2 and plan.mapping.unmapped_required == ("name",)
    assert accounting_holds(plan.report("en"))


@pytest.mark.parametrize("content", [b"", b"name,mobile\n", b"PK\x03\x04 cut off"])
def test_an_empty_or_cut_off_xlsx_is_said_to_be_damaged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "客户.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as raised:
        dry_run(path, CUSTOMER)
    assert (
        raised.value.render("zh_CN")
        == "客户.xlsx 不是可读取的工作簿：文件已损坏，或不是 Excel 文件。"
    )
