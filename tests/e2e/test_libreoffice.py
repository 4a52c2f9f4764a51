"""A second spreadsheet program: LibreOffice opens the workbooks the studio writes (error
workbook, export, template), and the files LibreOffice writes (xlsx, and a GBK CSV) import exactly
like the ones they were made from. Runs the real ``soffice --headless`` (PLATFORM.md's recipe)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from importers.error_workbook import write_error_workbook
from importers.errors import ImportFileError
from importers.export import write_records, write_template
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import read_in_tiny_parts, write_csv, write_xlsx

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (scripts/test installs it)"
)
CUSTOMER = sample_bundle().entity("customer")
ROWS = [
    ["客户名称", "手机", "邮箱", "企业全称", "来源渠道", "预算", "备注"],
    [
        "张三",
        "+86 138-0013-8000",
        "ZhangSan@QQ.com",
        "杭州示例科技（中国）有限公司",
        "官网",
        "1.5万",
        "老客户",
    ],
    ["Zhang San", "13800138000", "zhangsan@qq.con", None, "Website", "15000", None],
    ["李雷", "13700001111", "lilei@example.com", None, "展会", "￥3,000", "需回访"],
    ["韩梅梅", "137 0000 1111", "han@example.com", None, "微信", None, None],
    ["王五", "12345", "bad@@x", None, "地推", "abc", None],
]
# LibreOffice's number of a character set in its CSV filter options: 76 UTF-8, 70 GBK/GB2312
UTF8, GBK = "76", "70"
XLSM = "xlsm:Calc MS Excel 2007 VBA XML"


def soffice(tmp: Path, convert_to: str, *files: Path, infilter: str | None = None) -> Path:
    out = tmp / "lo-out"
    args = [SOFFICE or "soffice", "--headless", "--norestore"]
    if infilter:
        args.append(f"--infilter={infilter}")
    args += ["--convert-to", convert_to, "--outdir", str(out), *map(str, files)]
    # its own profile folder: a second LibreOffice on the machine must not share (or lock) it
    env = {"HOME": str(tmp / "lo-home"), "PATH": "/usr/bin:/bin"}
    subprocess.run(args, env=env, capture_output=True, timeout=300, check=True)
    return out


def _comparable(plan) -> tuple:  # type: ignore[no-untyped-def]
    report = plan.report("zh_CN")
    report.pop("sheet")
    return report, plan.values.to_dicts()


def test_files_written_by_libreoffice_import_identically(tmp_path: Path) -> None:
    ours = dry_run(write_xlsx(tmp_path / "ours.xlsx", ROWS), CUSTOMER)
    source = write_csv(tmp_path / "客户.csv", ROWS)
    xlsx = soffice(tmp_path, "xlsx", source, infilter="CSV:44,34,76,1") / "客户.xlsx"
    gbk_dir = tmp_path / "gbk"
    gbk_dir.mkdir()
    gbk = soffice(gbk_dir, f"csv:Text - txt - csv (StarCalc):44,34,{GBK}", xlsx) / "客户.csv"
    assert gbk.read_bytes().startswith("客户名称".encode("gbk"))
    for made_by_libreoffice in (xlsx, gbk):
        assert _comparable(dry_run(made_by_libreoffice, CUSTOMER)) == _comparable(ours)


def test_libreoffice_opens_our_workbooks(tmp_path: Path) -> None:
    plan = dry_run(write_xlsx(tmp_path / "in.xlsx", ROWS), CUSTOMER)
    errors = tmp_path / "errors.xlsx"
    write_error_workbook(plan, errors, "zh_CN")
    export = tmp_path / "export.xlsx"
    write_records(
        CUSTOMER, [{"name": "张三", "mobile": "13800138000", "notes": "=1+2"}], export, "zh_CN"
    )
    template = tmp_path / "template.xlsx"
    write_template(CUSTOMER, template, "zh_CN", version=None)
    out = soffice(
        tmp_path, f"csv:Text - txt - csv (StarCalc):44,34,{UTF8}", errors, export, template
    )

    def rows(name: str) -> list[list[str]]:
        with (out / name).open(encoding="utf-8") as fh:
            return list(csv.reader(fh))

    error_rows = rows("errors.csv")
    assert error_rows[0][-2:] == ["原行号", "拒绝原因"]
    assert [r[-2] for r in error_rows[1:]] == ["6"]
    assert "不是电话号码" in error_rows[1][-1]
    exported = rows("export.csv")
    assert exported[1][:2] == ["张三", "13800138000"] and "'=1+2" in exported[1]
    assert rows("template.csv")[0][0] == "客户名称 *"


@pytest.mark.parametrize(
    ("suffix", "convert_to"),
    [
        ("xls", "xls:MS Excel 97"),
        ("ods", "ods"),
        ("xlsm", XLSM),
    ],
)
def test_xls_ods_and_xlsm_import_like_the_xlsx(
    tmp_path: Path, suffix: str, convert_to: str
) -> None:
    """The other formats a company's sheets come in (Excel 97-2003, OpenDocument, macro-enabled
    Excel), each written by LibreOffice from our workbook: read by the same pipeline, with the
    same report and the same values."""
    source = write_xlsx(tmp_path / "客户.xlsx", ROWS)
    ours = dry_run(source, CUSTOMER)
    converted = soffice(tmp_path, convert_to, source) / f"客户.{suffix}"
    assert converted.exists()
    assert _comparable(dry_run(converted, CUSTOMER)) == _comparable(ours)


@pytest.mark.parametrize("convert_to", ["xls:MS Excel 97", "ods", XLSM])
def test_a_sheet_from_column_c_names_its_empty_header_by_its_own_letter(
    tmp_path: Path, convert_to: str
) -> None:
    """The column letters that name empty header cells are the sheet's own in every format
    LibreOffice writes, not counted from the first used column."""
    import xlsxwriter

    source = tmp_path / "from-c.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet()
    sheet.write_row(1, 2, ["客户名称", None, "手机"])  # D2 empty
    sheet.write_row(2, 2, ["张三", "先生", "13800138000"])
    book.close()
    suffix = convert_to.split(":")[0]
    converted = soffice(tmp_path, convert_to, source) / f"from-c.{suffix}"
    assert dry_run(converted, CUSTOMER).table.headers == ("客户名称", "D", "手机")


def test_libreoffice_opens_the_health_report_and_the_config_workbook(tmp_path: Path) -> None:
    """The other workbooks the studio hands out: the data-health report and the configuration
    sheets (fields and permission matrices)."""
    from importers.health import data_health, write_health_workbook
    from importers.matrix_write import write_matrices

    health = tmp_path / "health.xlsx"
    records = [
        {"name": "张三", "mobile": "13800138000", "owner": "wu"},
        {"name": "Zhang San", "mobile": "13800138000", "email": "x@@y", "owner": "wu"},
    ]
    write_health_workbook(CUSTOMER, data_health(CUSTOMER, records), health, "zh_CN")
    config = write_matrices(sample_bundle(), tmp_path / "config.xlsx", "zh_CN", workspace_id="w")
    out = soffice(tmp_path, "ods", health, config)
    assert (out / "health.ods").stat().st_size > 0 and (out / "config.ods").stat().st_size > 0
    text = soffice(tmp_path / "csv", f"csv:Text - txt - csv (StarCalc):44,34,{UTF8}", health)
    with (text / "health.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["记录数", "2"] and rows[2][1] in ("0.5", "50.0%")


@pytest.mark.parametrize("suffix, convert_to", [("xlsx", "xlsx"), ("xlsm", XLSM)])
def test_a_sheet_libreoffice_wrote_reads_in_parts_as_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, convert_to: str
) -> None:
    """LibreOffice writes rows and cells with attributes of its own (heights, styles, the row
    number among them): a large sheet of its is cut into parts (made tiny here) and read on two
    cores (``importers.read_parts``) to the same table and the same plan as read whole."""
    from importers import read_parts
    from importers.read import read_table
    from tests.helpers.messy_customers import generate

    source = write_xlsx(tmp_path / "客户.xlsx", generate(200, seed=12).rows)
    converted = soffice(tmp_path, convert_to, source) / f"客户.{suffix}"
    with monkeypatch.context() as whole:
        whole.setattr(read_parts, "read_in_parts", lambda *a, **k: None)
        table, plan = read_table(converted), dry_run(converted, CUSTOMER)
    cut = read_in_tiny_parts(monkeypatch, 8_000, 2_000)
    in_parts = read_table(converted)
    assert cut and cut[0] > 5
    assert in_parts.frame.equals(table.frame) and in_parts.headers == table.headers
    assert _comparable(dry_run(converted, CUSTOMER)) == _comparable(plan)


@pytest.mark.parametrize("convert_to", ["xls:MS Excel 97", "ods"])
def test_with_no_sheet_chosen_each_sheet_is_parsed_once(
    tmp_path: Path, convert_to: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An .xls or .ods with a notes sheet first: the sheets are looked at in order until the one
    holding the customer's columns, and that one is read without being parsed a second time
    (counted on the reader: no result of the read tells it apart)."""
    import xlsxwriter

    from importers import read

    source = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(source))
    book.add_worksheet("说明").write_string(0, 0, "请在第二个工作表填写客户")
    data = book.add_worksheet("客户")
    for r, row in enumerate(ROWS[:3]):
        data.write_row(r, 0, row)
    book.add_worksheet("其他").write_string(0, 0, "客户名称")
    book.close()
    suffix = convert_to.split(":")[0]
    converted = soffice(tmp_path, convert_to, source) / f"two.{suffix}"

    parsed: Counter[str] = Counter()
    real = read._excel

    class Counting:
        def __init__(self, reader: Any) -> None:
            self.reader = reader
            self.sheet_names = reader.sheet_names

        def load_sheet(self, name: str, **options: Any) -> Any:
            parsed[name] += 1
            return self.reader.load_sheet(name, **options)

    monkeypatch.setattr(read, "_excel", lambda path, **kw: Counting(real(path, **kw)))
    plan = dry_run(converted, CUSTOMER)
    assert plan.table.sheet == "客户" and plan.rows_read == 2
    assert plan.values["name"].to_list()[0] == "张三"
    assert parsed == Counter({"说明": 1, "客户": 1})  # the third sheet is never looked at


# A Basic macro that saves a workbook with a password to open it: what a person gets from
# LibreOffice's "Save with password" (``soffice --convert-to`` has no way to say a password).
_SAVE_WITH_PASSWORD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub SaveWithPassword(src As String, dst As String, flt As String, pwd As String)
  Dim opening(0) As New com.sun.star.beans.PropertyValue
  opening(0).Name = &quot;Hidden&quot;
  opening(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, opening())
  Dim saving(1) As New com.sun.star.beans.PropertyValue
  saving(0).Name = &quot;FilterName&quot;
  saving(0).Value = flt
  saving(1).Name = &quot;Password&quot;
  saving(1).Value = pwd
  doc.storeToURL(ConvertToURL(dst), saving())
  doc.close(True)
End Sub
</script:module>
"""


def save_with_password(tmp: Path, source: Path, target: Path, filter_name: str) -> Path:
    """``source`` saved by LibreOffice as ``target`` (``filter_name``), encrypted with a
    password to open it."""
    soffice(tmp, "csv", source)  # LibreOffice's first start makes the profile the macro goes in
    module = tmp / "lo-home/.config/libreoffice/4/user/basic/Standard/Module1.xba"
    assert module.is_file(), "LibreOffice made no profile"
    macro = (
        f'macro:///Standard.Module1.SaveWithPassword("{source}","{target}","{filter_name}",'
        '"秘密 secret")'
    )
    env = {"HOME": str(tmp / "lo-home"), "PATH": "/usr/bin:/bin"}
    # A young profile's second start still puts the installation's Basic library back over the
    # user's (then the macro is not there and nothing is saved); from the third start on it
    # stays. So: the macro is written again before each try, three tries at most.
    for _ in range(3):
        module.write_text(_SAVE_WITH_PASSWORD, encoding="utf-8")
        subprocess.run(
            [SOFFICE or "soffice", "--headless", "--norestore", macro],
            env=env,
            capture_output=True,
            timeout=300,
            check=True,
        )
        if target.is_file():
            return target
    raise AssertionError("LibreOffice saved nothing")


@pytest.mark.parametrize(
    ("suffix", "filter_name"), [("xls", "MS Excel 97"), ("ods", "calc8")], ids=["xls", "ods"]
)
def test_a_workbook_saved_with_a_password_is_said_to_be_encrypted(
    tmp_path: Path, suffix: str, filter_name: str
) -> None:
    source = write_xlsx(tmp_path / "客户.xlsx", ROWS)
    locked = save_with_password(tmp_path, source, tmp_path / f"加密.{suffix}", filter_name)
    with pytest.raises(ImportFileError) as refused:
        dry_run(locked, CUSTOMER)
    assert refused.value.render("en") == (
        f"加密.{suffix} is encrypted or password-protected: save it without a password and try "
        "again."
    )
    # said in the person's language, with nothing of calamine's English in it
    chinese = refused.value.render("zh_CN")
    assert f"加密.{suffix}" in chinese and "密码" in chinese
    assert "calamine" not in chinese and "protected" not in chinese
