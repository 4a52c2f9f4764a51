"""Reading real files (title rows, formulas as text, bad input) and the error workbook: every
rejected row comes back as written, with a reason and its bad cells marked."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from importers.column_letters import column_name
from importers.error_workbook import write_error_workbook
from importers.errors import ImportFileError
from importers.pipeline import dry_run
from importers.read import read_table
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import LAUGHS, accounting_holds, edit_part, write_openpyxl, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


def test_the_header_row_is_found_under_a_title_and_aliases_map(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["2024 客户名单（销售部）"],
            [],
            ["姓名", "手机号码", "E-mail", "统一社会信用代码", "随便一列"],
            ["张三", "13800138000", "a@b.com", "91330106MA2B2C3D4W", "x"],
        ],
        start_row=2,
    )
    plan = dry_run(path, CUSTOMER)
    assert plan.table.header_row == 5
    assert plan.mapping.as_dict() == {
        "姓名": "name",
        "手机号码": "mobile",
        "E-mail": "email",
        "统一社会信用代码": "credit_code",
        "随便一列": None,
    }
    assert plan.values["__row"].to_list() == [6]


def test_a_formula_typed_as_text_survives_as_text(tmp_path: Path) -> None:
    path = write_openpyxl(
        tmp_path / "f.xlsx",
        [["客户名称", "手机", "备注"], ["张三", "13800138000", '\'=HYPERLINK("http://x")']],
    )
    plan = dry_run(path, CUSTOMER)
    # openpyxl writes a text starting with "'=" as that text; the apostrophe an export of ours
    # adds comes off, and the formula is text, never evaluated
    assert plan.values["notes"].to_list() == ['=HYPERLINK("http://x")']


def test_rejected_rows_come_back_in_an_error_workbook_with_reasons(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "in.xlsx",
        [
            ["客户名称", "手机", "邮箱", "预算", "统一社会信用代码"],
            ["张三", "13800138000", "a@b.com", "1.5万", "91330106MA2B2C3D4W"],
            [None, "13800138001", "zz@b.com", "100", None],
            ["王五", "12345", "bad@@x", "abc", "=1+2"],
        ],
    )
    plan = dry_run(path, CUSTOMER)
    report = plan.report("zh_CN")
    assert accounting_holds(report)
    assert [r["row"] for r in report["rejections"]] == [3, 4]
    assert plan.values.filter(plan.values["__row"] == 2)["budget"].to_list() == ["15000"]
    target = tmp_path / "errors.xlsx"
    assert write_error_workbook(plan, target, "zh_CN") == 2
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("客户名称", "手机", "邮箱", "预算", "统一社会信用代码", "原行号", "拒绝原因")
    assert rows[1][5] == 3 and "必填" in rows[1][6]
    assert rows[2][:4] == ("王五", "12345", "bad@@x", "abc")
    assert rows[2][4] == "'=1+2"  # neutralised: a text, never a formula
    assert sheet.cell(3, 2).comment is not None and "12345" in sheet.cell(3, 2).comment.text
    assert sheet.cell(3, 1).comment is None


def test_bad_files_get_a_clear_message(tmp_path: Path) -> None:
    garbage = tmp_path / "x.xlsx"
    garbage.write_bytes(b"PK\x03\x04 this is not a zip at all")
    with pytest.raises(ImportFileError, match="not a readable workbook"):
        read_table(garbage)
    ole = tmp_path / "locked.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ImportFileError, match="password"):
        read_table(ole)
    with pytest.raises(ImportFileError, match="no file"):
        read_table(tmp_path / "missing.csv")
    empty = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(ImportFileError, match="empty"):
        read_table(empty)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(300):  # 300 MB of zeros, a few hundred KB packed
            fh.write(chunk)
    with pytest.raises(ImportFileError, match="zip bomb"):
        read_table(bomb)


def test_a_sheet_wider_than_the_bound_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "wide.xlsx", [[f"c{i}" for i in range(1200)], ["x"] * 1200])
    with pytest.raises(ImportFileError, match="columns"):
        read_table(path)


def test_csv_encodings_are_found_or_refused_clearly(tmp_path: Path) -> None:
    big5 = tmp_path / "big5.csv"
    big5.write_bytes(
        "客戶名稱,手機,備註\n張三,13800138000,這是一個很長的備註，用來測試編碼識別\n".encode("big5")
    )
    assert read_table(big5).frame.row(0)[:2] == ("張三", "13800138000")
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("客户名称,手机\n张三,13800138000\n".encode("utf-16"))
    assert read_table(utf16).headers == ("客户名称", "手机")
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ImportFileError, match="encoding cannot be recognised"):
        read_table(noise)


def test_merged_header_cells_and_error_values(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "merged.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.merge_range(0, 0, 0, 1, "客户名称")  # a title over two columns, the second one empty
    sheet.write_row(0, 2, ["手机", "预算"])
    sheet.write_row(1, 0, ["张三", "先生", "13800138000"])
    sheet.write_formula(1, 3, "=NA()", None, "#N/A")
    book.close()
    plan = dry_run(path, CUSTOMER)
    assert plan.table.headers == ("客户名称", "B", "手机", "预算")
    assert plan.mapping.field_of("B") is None
    report = plan.report("en")
    assert accounting_holds(report) and report["rows_read"] == 1


def test_an_empty_header_is_named_by_the_letter_excel_shows(tmp_path: Path) -> None:
    """A sheet that starts in column C: its empty-headed column D is "D" in the mapping, as
    Excel labels it (the letters are the sheet's, not counted from its first used column). A
    CSV file starts in column A."""
    import xlsxwriter

    path = tmp_path / "from-c.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.merge_range(1, 2, 1, 3, "客户名称")  # C2:D2, so D2 is empty
    sheet.write_row(1, 4, ["手机"])
    sheet.write_row(2, 2, ["张三", "先生", "13800138000"])
    book.close()
    assert read_table(path, header_row=2).headers == ("客户名称", "D", "手机")
    csv = tmp_path / "from-a.csv"
    csv.write_text("客户名称,,手机\n张三,先生,13800138000\n", encoding="utf-8")
    assert read_table(csv, header_row=1).headers == ("客户名称", "B", "手机")


def _edit_sheet(source: Path, target: Path, edit: Callable[[bytes], bytes]) -> Path:
    return edit_part(source, target, "xl/worksheets/sheet1.xml", edit)


def test_a_bogus_dimension_and_a_cell_in_the_last_row_stay_small(tmp_path: Path) -> None:
    import re

    small = write_xlsx(tmp_path / "s.xlsx", [["客户名称", "手机"], ["张三", "13800138000"]])
    bogus = _edit_sheet(
        small,
        tmp_path / "bogus.xlsx",
        lambda d: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', d),
    )
    assert read_table(bogus).rows == 1
    last = _edit_sheet(
        small,
        tmp_path / "last.xlsx",
        lambda d: d.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    table = read_table(last)
    # the empty rows between are not rows anyone wrote; the last one keeps its own number
    assert table.frame["__row"].to_list() == [2, 1048576]


def test_an_xml_bomb_is_refused_unexpanded_through_the_whole_dry_run(tmp_path: Path) -> None:
    """A billion laughs in the shared strings (which every reader opens first): entities are not
    expanded; the person reads that the file holds what an XML bomb is built of, in their
    language, before any reader opens it."""
    import re

    small = write_xlsx(tmp_path / "s.xlsx", [["客户名称", "手机"], ["张三", "13800138000"]])
    bomb = edit_part(
        small,
        tmp_path / "laughs.xlsx",
        "xl/sharedStrings.xml",
        lambda d: LAUGHS + re.sub(rb"^<\?xml[^>]*\?>", b"", d).replace("张三".encode(), b"&lol9;"),
    )
    with pytest.raises(ImportFileError, match="XML bomb") as refused:
        dry_run(bomb, CUSTOMER)
    chinese = refused.value.render("zh_CN")
    assert "laughs.xlsx" in chinese and "XML 炸弹" in chinese and "calamine" not in chinese


def test_cells_that_read_like_xml_declarations_are_only_text(tmp_path: Path) -> None:
    """A cell may say anything: its text is escaped in the XML, so it is never taken for a
    document type declaration."""
    rows = [["客户名称", "备注"], ["张三", '<!DOCTYPE x [<!ENTITY a "b">]>'], ["李四", "<!ENTITY"]]
    table = read_table(write_xlsx(tmp_path / "s.xlsx", rows))
    assert table.frame["备注"].to_list() == ['<!DOCTYPE x [<!ENTITY a "b">]>', "<!ENTITY"]


def test_a_zip_bomb_in_the_shared_strings_is_refused_by_the_whole_dry_run(tmp_path: Path) -> None:
    """The template check opens a workbook only after the reader's zip-bomb check has passed."""
    small = write_xlsx(tmp_path / "s.xlsx", [["客户名称", "手机"], ["张三", "13800138000"]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "xl/sharedStrings.xml":
                zout.writestr(item, zin.read(item.filename))
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(zin.read("xl/sharedStrings.xml")[:-6])  # up to "</sst>"
            for _ in range(300):  # 300 MB of spaces, a few hundred KB packed
                fh.write(b" " * (1 << 20))
            fh.write(b"</sst>")
    with pytest.raises(ImportFileError, match="zip bomb"):
        dry_run(bomb, CUSTOMER)


def test_a_million_formatted_empty_rows_and_5000_formatted_columns_read_as_the_data(
    tmp_path: Path,
) -> None:
    """Formatting a whole sheet leaves a row element for each of 1,048,576 rows and a styled
    empty cell in each of 5,000 columns: none of them is data, none is counted."""
    small = write_xlsx(tmp_path / "s.xlsx", [["客户名称", "手机"], ["张三", "13800138000"]])
    letters = [column_name(i) for i in range(2, 5000)]
    styled = "".join(f'<c r="{col}2" s="0"/>' for col in letters).encode()
    empty_rows = b"".join(b'<row r="%d" s="0" customFormat="1"/>' % r for r in range(3, 1048577))

    def formatted(sheet: bytes) -> bytes:
        sheet = sheet.replace(b"</c></row></sheetData>", b"</c>" + styled + b"</row></sheetData>")
        return sheet.replace(b"</sheetData>", empty_rows + b"</sheetData>")

    path = edit_part(small, tmp_path / "formatted.xlsx", "xl/worksheets/sheet1.xml", formatted)
    plan = dry_run(path, CUSTOMER)
    assert plan.table.headers == ("客户名称", "手机")
    assert plan.report("en")["rows_read"] == 1 and plan.values["name"].to_list() == ["张三"]
