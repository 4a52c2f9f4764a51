"""Hostile files a person may well hand the import (issue 16, "Bad input"): each is a clear
message in their language, or read without losing or silently changing anything."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from importers.errors import ImportFileError
from importers.pipeline import dry_run
from studio import i18n
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import write_csv, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


def _zh(exc: ImportFileError) -> str:
    i18n.set_language("zh_CN")
    try:
        return str(exc)
    finally:
        i18n.set_language("en")


def test_a_csv_of_gbk_and_utf8_lines_is_refused_rather_than_garbled(tmp_path: Path) -> None:
    """Two exports pasted together: read as GB18030, the UTF-8 line's 李四 became 𨱒庡洓."""
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        "客户名称,手机\r\n张三,13800138000\r\n".encode("gbk") + "李四,13700137000\r\n".encode()
    )
    with pytest.raises(ImportFileError) as caught:
        dry_run(mixed, CUSTOMER)
    assert "line 3 is UTF-8, line 1 is not" in str(caught.value)
    assert "第 3 行是 UTF-8，第 1 行不是" in _zh(caught.value)


def test_a_gbk_csv_and_a_utf8_csv_are_still_read(tmp_path: Path) -> None:
    rows = [
        ["客户名称", "手机", "公司"],
        ["张三", "13800138000", "宁波模具厂"],
        ["李四", "", "杭州"],
    ]
    for encoding in ("gbk", "utf-8"):
        plan = dry_run(write_csv(tmp_path / f"{encoding}.csv", rows, encoding=encoding), CUSTOMER)
        assert plan.values["name"].to_list() == ["张三", "李四"]


def test_a_word_document_renamed_xlsx_is_said_to_be_one(tmp_path: Path) -> None:
    docx = tmp_path / "客户名单.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("_rels/.rels", "<Relationships/>")
        zf.writestr("word/document.xml", "<document/>")
    with pytest.raises(ImportFileError) as caught:
        dry_run(docx, CUSTOMER)
    assert "is a Word document, not a workbook" in str(caught.value)
    zh = _zh(caught.value)
    assert "是 Word 文档，不是工作簿" in zh and "calamine" not in zh


def test_a_zip_of_anything_else_is_said_to_be_no_workbook(tmp_path: Path) -> None:
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("a.txt", "hello")
    with pytest.raises(ImportFileError) as caught:
        dry_run(other, CUSTOMER)
    assert "not a readable workbook: it is damaged, or not an Excel file" in str(caught.value)


def test_nul_and_control_characters_are_removed_and_counted(tmp_path: Path) -> None:
    """A NUL hides in a name (a search for 李四 never finds 李\\0四; PostgreSQL refuses it):
    removed, counted as a change; emoji and line breaks are the person's own and stay."""
    rows = [
        ["客户名称", "手机", "备注"],
        ["张三😀", "13800138000", "a\x00b\nc"],
        ["李\x00四", "13700137000", "👍\x07"],
        ["\x00", "13600136000", None],
    ]
    plan = dry_run(write_xlsx(tmp_path / "nul.xlsx", rows), CUSTOMER)
    assert plan.values["name"].to_list() == ["张三😀", "李四", None]
    assert plan.values["notes"].to_list() == ["ab\nc", "👍", None]
    assert plan.cleaning["name"]["control_removed"] == 2
    assert plan.cleaning["notes"]["control_removed"] == 2
    assert plan.rows_read == plan.imported + plan.merged + plan.rejected == 3


def test_a_phone_written_back_as_a_decimal_keeps_its_digits(tmp_path: Path) -> None:
    """A CSV from a program that read the phone column as decimals: 13800138000.0 is the mobile
    13800138000 (cleaned and counted); 1.38001E+10 has lost digits and is rejected, said."""
    rows = [
        ["客户名称", "手机"],
        ["张三", "13800138000.0"],
        ["李四", "1.38001E+10"],
        ["王五", "862162345678.0"],
    ]
    plan = dry_run(write_csv(tmp_path / "pandas.csv", rows), CUSTOMER)
    assert plan.values["mobile"].to_list()[0] == "13800138000"
    assert plan.cleaning["mobile"]["mobile_normalised"] == 1
    assert [r.row for r in plan.rejections] == [3]
    assert "1.38001E+10" in " ".join(plan.rejections[0].reasons(CUSTOMER, "en"))


def test_a_folder_is_said_to_be_one(tmp_path: Path) -> None:
    folder = tmp_path / "客户 资料"
    folder.mkdir()
    with pytest.raises(ImportFileError) as caught:
        dry_run(folder, CUSTOMER)
    assert str(caught.value) == f"{folder} is a folder: choose a workbook in it."
    assert _zh(caught.value) == f"{folder} 是文件夹：请选择其中的工作簿。"
