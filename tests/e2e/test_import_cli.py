"""``studio import FILE --entity E --dry-run --report R.json --errors E.xlsx`` as a script runs it:
the report's JSON contract (DESIGN.md), its accounting, the exit code, the error workbook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.workbooks import accounting_holds, write_csv

from .test_cli import studio

ROWS = [
    ["客户名称", "手机", "邮箱", "来源渠道"],
    ["张三", "+86 138-0013-8000", "ZhangSan@QQ.com", "官网"],
    ["San Zhang", "13800138000", "zhangsan@qq.com", "Website"],
    ["李雷", "13700001111", "lilei@example.com", "展会"],
    ["韩梅梅", "13700001111", "han@example.com", "exhibition"],
    ["", "13900001111", "x@example.com", "官网"],
    ["王五", "021-62345678", None, "地推"],
]


def test_a_dry_run_writes_the_report_and_the_error_workbook(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    source = write_csv(tmp_path / "客户.csv", ROWS, encoding="gbk")
    report, errors = tmp_path / "r.json", tmp_path / "e.xlsx"
    result = studio(
        "import",
        str(source),
        "--entity",
        "customer",
        "--dry-run",
        "--report",
        str(report),
        "--errors",
        str(errors),
        "-w",
        str(ws),
        env={"STUDIO_LANG": "en"},
    )
    assert result.returncode == 1, result.stderr  # rows were rejected
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {
        "rows_read",
        "imported",
        "merged",
        "rejected",
        "duplicate_groups",
        "review_pairs",
        "rejections",
    } <= set(data)
    assert accounting_holds(data)
    assert (data["rows_read"], data["imported"], data["merged"], data["rejected"]) == (6, 3, 1, 2)
    assert data["duplicate_groups"] == [[2, 3]]
    assert [p[:2] for p in data["review_pairs"]] == [[4, 5]]
    assert [r["row"] for r in data["rejections"]] == [6, 7]
    assert "Source" in data["rejections"][1]["reasons"][0]
    assert "6 rows read" in result.stdout
    # every change cleaning made is said, field by field
    assert "1 landline kept beside the record; 1 mobile written as 11 digits" in result.stdout
    assert "Email: 1 e-mail lower-cased" in result.stdout
    sheet = load_workbook(errors).active
    assert [c.value for c in sheet[1]][:4] == ROWS[0]
    assert sheet.max_row == 3


def test_an_unknown_entity_is_one_line_and_exit_1(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    source = write_csv(tmp_path / "a.csv", ROWS)
    result = studio("import", str(source), "--entity", "nope", "--dry-run", "-w", str(ws))
    assert result.returncode == 1
    assert "nope" in result.stderr and "Traceback" not in result.stderr


def test_owners_named_as_people_are_the_configurations_users(tmp_path: Path) -> None:
    """``studio import --dry-run`` with an owner column: 吴磊 and Wu Lei are user wu (the sample
    configuration's 吴磊 Wu Lei), said as a change; a name no user has is said and kept."""
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    rows = [
        ["客户名称", "手机", "负责人"],
        ["张三", "13800138000", "吴磊"],
        ["李四", "13900139000", "Wu Lei"],
        ["王五", "13700137000", "离职的人"],
    ]
    source = write_csv(tmp_path / "owners.csv", rows)
    report = tmp_path / "r.json"
    result = studio(
        "import",
        str(source),
        "--entity",
        "customer",
        "--dry-run",
        "--report",
        str(report),
        "-w",
        str(ws),
        env={"STUDIO_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rejected"] == 0 and data["cleaning"]["owner"] == {"owner_matched": 2}
    assert data["checks"]["owner"] == {"owner_unknown": 1}
    assert "2 owners written as their user name" in result.stdout
    assert "1 owner who is no user, or two (left as written)" in result.stdout


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_one_row_and_its_reasons_read_well(tmp_path: Path, lang: str) -> None:
    """One row read, with two reasons: "1 row read" and "0 pairs to review" in English; the
    reasons joined by "; " in English and by "；" in Chinese, never "。；" or ".;"."""
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    source = write_csv(
        tmp_path / "one.csv", [["客户名称", "手机", "邮箱"], ["钱七", "12345", "bad@@x"]]
    )
    errors = tmp_path / "errors.xlsx"
    result = studio(
        "import", str(source), "--entity", "customer", "--dry-run", "-w", str(ws),
        "--errors", str(errors), env={"STUDIO_LANG": lang},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    row = next(line for line in result.stderr.splitlines() if "12345" in line)
    if lang == "en":
        assert result.stdout.startswith("1 row read: 0 to import,"), result.stdout
        assert "; 0 pairs to review." in result.stdout, result.stdout
        assert row.startswith("Row 2: ") and "; " in row, row
    else:
        assert result.stdout.startswith("读取 1 行："), result.stdout
        assert row.startswith("第 2 行：") and "；" in row and "; " not in row, row
    for bad in ("。；", ".;", "。;", "；；"):
        assert bad not in row, row
    # the error workbook's reason column: one reason a line, each a sentence of its own
    reasons = load_workbook(errors).active.cell(2, 5).value
    assert len(reasons.splitlines()) == 2 and "；" not in reasons and ";" not in reasons, reasons


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_columns_left_out_are_named(tmp_path: Path, lang: str) -> None:
    """A second 手机 column and a 生日 with no field are not imported: the dry run says so
    rather than dropping them unsaid."""
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    source = write_csv(
        tmp_path / "dup.csv",
        [
            ["客户名称", "手机", "手机", "生日"],
            ["张三", "13800138000", "13900139000", "1990-01-02"],
        ],
    )
    result = studio(
        "import", str(source), "--entity", "customer", "--dry-run", "-w", str(ws),
        env={"STUDIO_LANG": lang},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = {"en": "Columns not imported: 手机 (2), 生日.", "zh_CN": "未导入的列：手机 (2)、生日。"}
    assert said[lang] in result.stdout, result.stdout


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_map_of_a_column_the_sheet_lacks_is_refused(tmp_path: Path, lang: str) -> None:
    """--map 邮件=email on a sheet whose column is 邮箱: said, not ignored."""
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    source = write_csv(tmp_path / "a.csv", [["客户名称", "邮箱"], ["张三", "a@b.com"]])
    result = studio(
        "import", str(source), "--entity", "customer", "--dry-run", "-w", str(ws),
        "--map", "邮件=email", env={"STUDIO_LANG": lang},
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    said = {
        "en": "--map names columns the sheet does not have: 邮件 (its columns: 客户名称, 邮箱).",
        "zh_CN": "--map 中有工作表里没有的列：邮件（工作表的列：客户名称、邮箱）。",
    }
    assert said[lang] in result.stderr, result.stderr


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_template_is_said_for_the_entity_as_people_call_it(tmp_path: Path, lang: str) -> None:
    """It said "customer 的导入模板已写入": the entity's key inside a Chinese sentence."""
    ws = tmp_path / "w.db"
    assert studio("init", "--sample", "-w", str(ws)).returncode == 0
    out = tmp_path / "中文 目录" / "模板.xlsx"
    out.parent.mkdir()
    result = studio(
        "template", "--entity", "customer", "--out", str(out), "-w", str(ws),
        env={"STUDIO_LANG": lang},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    label = {"en": "Customer", "zh_CN": "客户"}[lang]
    assert label in result.stdout and "customer" not in result.stdout, result.stdout
    assert out.exists()
