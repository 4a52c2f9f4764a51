"""Workbooks and CSV files written by real libraries, for the import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
