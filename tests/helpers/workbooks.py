"""Workbooks and CSV files written by real libraries, for the import tests."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

Rows = Sequence[Sequence[Any]]


def write_xlsx(
    path: Path, rows: Rows, *, sheet: str = "客户", start_row: int = 0, big: bool = False
) -> Path:
    """``rows`` (header first) with xlsxwriter; text stays text (``write_string``).

    ``big``: row by row to disk (xlsxwriter's constant memory mode), for a million rows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "constant_memory": big},
    )
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(start_row + r, c, value)
            else:
                ws.write(start_row + r, c, value)
    book.close()
    return path


def write_openpyxl(path: Path, rows: Rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, rows: Rows, *, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["" if v is None else str(v) for v in row] for row in rows]
    )
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def accounting_holds(report: dict[str, Any]) -> bool:
    """The import report's one invariant (DESIGN.md)."""
    return report["rows_read"] == report["imported"] + report["merged"] + report["rejected"]


#: A small customer sheet with one value of each kind cleaning changes (traditional name,
#: +86 and full-width mobiles, a landline, mixed-case and mistyped e-mails, short place names,
#: a place outside its province): the wizard's and the core's change tables are tested on it.
CLEANING_SAMPLE: list[list[str | None]] = [
    ["客户名称", "手机", "邮箱", "企业全称", "省", "市", "区"],
    [
        " 張三 ",
        "+86 138-0013-8000",
        "ZhangSan@QQ.com",
        "杭州示例科技(有限公司)",
        "浙江",
        "杭州",
        "西湖",
    ],
    ["Zhang San", "１３８００１３８０００", "zhangsan@qq.con", None, None, None, "西湖区"],
    ["李雷", "0571-88886666", "LI@163.cm", None, "浙江省", "南京市", None],
    ["韩梅梅", "(0086)139 1234 5678", "han@example.com", None, None, None, None],
]


def edit_part(source: Path, target: Path, part: str, edit: Callable[[bytes], bytes]) -> Path:
    """``source`` copied to ``target`` with the zip entry ``part`` (e.g. the first sheet,
    ``xl/worksheets/sheet1.xml``) passed through ``edit``: a workbook as a hand or a damaged
    disk would leave it."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, edit(data) if item.filename == part else data)
    return target


def read_in_tiny_parts(
    monkeypatch: pytest.MonkeyPatch, part_bytes: int, chunk_bytes: int
) -> list[int]:
    """Every .xlsx sheet read in parts (``importers.read_parts``) of about ``part_bytes``, shared
    strings or not; the list returned gets the number of parts of each sheet so read."""
    from importers import read_parts

    monkeypatch.setattr(read_parts, "MIN_SHEET_BYTES", 0)
    monkeypatch.setattr(read_parts, "MAX_PART_BYTES", part_bytes)
    monkeypatch.setattr(read_parts, "CHUNK_BYTES", chunk_bytes)
    monkeypatch.setattr(read_parts, "SHARED_STRINGS_FACTOR", 0.01)
    counts: list[int] = []
    joined = read_parts._joined

    def counting(frames: list[Any]) -> Any:
        counts.append(len(frames))
        return joined(frames)

    monkeypatch.setattr(read_parts, "_joined", counting)
    return counts


#: A billion laughs: entities that would expand to ~3 GB, for an XML part of a workbook.
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 2 else b"&lol;") * 10)
        for i in range(2, 10)
    )
    + b"]>"
)
