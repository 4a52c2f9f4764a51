"""`studio config export/import FILE.xlsx`: the permission matrices out to Excel and back, with a
real second spreadsheet program (`soffice --headless` re-saves the workbook, PLATFORM.md's
recipe): unchanged, the bundle's sha256 stays; one edited cell changes exactly that cell; bad
cells are reported per cell and nothing is applied."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.test_cli import studio
from tests.e2e.test_libreoffice import soffice

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (scripts/test installs it)",
)


def _sha(ws: str, tmp: Path) -> str:
    result = studio("config", "export", "--workspace", ws, str(tmp / "now.json"))
    assert result.returncode == 0, result.stderr
    match = re.search(r"sha256 ([0-9a-f]{64})", result.stdout)
    assert match
    return match.group(1)


def _cells(ws: str, tmp: Path) -> set[tuple[str, str, str, str]]:
    studio("config", "export", "--workspace", ws, str(tmp / "cells.json"))
    bundle = json.loads((tmp / "cells.json").read_text(encoding="utf-8"))
    return {(c["role"], c["entity"], c["field"], c["access"]) for c in bundle["field_permissions"]}


def _saved_by_libreoffice(tmp: Path, path: Path) -> Path:
    out = soffice(tmp, "xlsx", path)
    return out / path.name


def test_round_trip_through_libreoffice(tmp_path: Path) -> None:
    ws = str(tmp_path / "w.db")
    env = {"STUDIO_LANG": "zh_CN"}
    assert studio("init", "--sample", "--workspace", ws).returncode == 0
    before = _sha(ws, tmp_path)
    book = tmp_path / "matrices.xlsx"
    result = studio("config", "export", "--workspace", ws, "--user", "zhou", str(book), env=env)
    assert result.returncode == 0, result.stderr

    # Opened and saved by LibreOffice without an edit: nothing differs, the sha256 stays.
    unchanged = _saved_by_libreoffice(tmp_path / "lo1", book)
    result = studio("config", "import", "--workspace", ws, str(unchanged), env=env)
    assert result.returncode == 0, result.stderr
    assert "0 个单元格与草稿不同" in result.stdout
    assert _sha(ws, tmp_path) == before

    # A bad cell: said per cell in the user's language, written to an error workbook, nothing
    # applied (the good edit beside it neither).
    bad = openpyxl.load_workbook(book)
    bad["合同"]["L3"] = "看得见"
    bad["合同"]["K3"] = "查看"
    bad.save(tmp_path / "bad.xlsx")
    errors = tmp_path / "problems.xlsx"
    result = studio(
        "config",
        "import",
        "--workspace",
        ws,
        str(tmp_path / "bad.xlsx"),
        "--errors",
        str(errors),
        env=env,
    )
    assert result.returncode == 1
    assert "合同!L3: 看得见 不是访问级别" in result.stderr
    assert "没有应用任何修改" in result.stderr
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert rows[0] == ("工作表", "单元格", "问题说明") and rows[1][:2] == ("合同", "L3")
    assert _sha(ws, tmp_path) == before

    # One cell edited (the intern may read contract numbers), saved by LibreOffice: exactly
    # that cell changes in the draft.
    edited = openpyxl.load_workbook(book)
    sheet = edited["合同"]
    assert sheet["L2"].value == "intern" and sheet["A3"].value == "number"
    sheet["L3"] = "查看"
    edited.save(tmp_path / "edited.xlsx")
    resaved = _saved_by_libreoffice(tmp_path / "lo2", tmp_path / "edited.xlsx")
    cells_before = _cells(ws, tmp_path)
    result = studio("config", "import", "--workspace", ws, "--user", "zhou", str(resaved), env=env)
    assert result.returncode == 0, result.stderr
    assert "合同!L3 intern × contract.number: — -> read" in result.stdout
    assert _cells(ws, tmp_path) - cells_before == {("intern", "contract", "number", "read")}
    assert cells_before - _cells(ws, tmp_path) == set()
    assert _sha(ws, tmp_path) != before
    audit = studio("audit", "verify", "--workspace", ws)
    assert audit.returncode == 0, audit.stderr


def test_field_definitions_round_trip_through_libreoffice(tmp_path: Path) -> None:
    """The fields sheet beside the matrices: a label and a flag edited, saved by LibreOffice,
    imported by the CLI: exactly those properties change in the draft; exported again, the
    workbook reads back unchanged."""
    ws = str(tmp_path / "w.db")
    env = {"STUDIO_LANG": "zh_CN"}
    assert studio("init", "--sample", "--workspace", ws).returncode == 0
    book = tmp_path / "config.xlsx"
    assert studio("config", "export", "--workspace", ws, str(book), env=env).returncode == 0
    edited = openpyxl.load_workbook(book)
    sheet = edited["字段定义"]
    assert [c.value for c in sheet[2]][:6] == [
        "entity", "field", "label_zh", "label_en", "type", "required",
    ]  # fmt: skip
    row = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[1].value == "email")
    assert sheet[f"A{row}"].value == "customer" and sheet[f"F{row}"].value == "否"
    sheet[f"C{row}"] = "电子邮箱"
    sheet[f"F{row}"] = "是"
    edited.save(tmp_path / "edited.xlsx")
    resaved = _saved_by_libreoffice(tmp_path / "lo", tmp_path / "edited.xlsx")
    result = studio("config", "import", "--workspace", ws, "--user", "zhou", str(resaved), env=env)
    assert result.returncode == 0, result.stderr
    assert f"字段定义!C{row} customer.email label_zh: 邮箱 -> 电子邮箱" in result.stdout
    assert f"字段定义!F{row} customer.email required: False -> True" in result.stdout
    studio("config", "export", "--workspace", ws, str(tmp_path / "now.json"))
    bundle = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    customer = next(e for e in bundle["entities"] if e["key"] == "customer")
    email = next(f for f in customer["fields"] if f["key"] == "email")
    assert email["label"]["zh_CN"] == "电子邮箱" and email["required"] is True
    again = tmp_path / "again.xlsx"
    assert studio("config", "export", "--workspace", ws, str(again), env=env).returncode == 0
    result = studio("config", "import", "--workspace", ws, "--dry-run", str(again), env=env)
    assert result.returncode == 0 and "0 个单元格与草稿不同" in result.stdout, result.stdout
