"""A large .xlsx sheet is read in parts on two cores (``importers.read_parts``): the table must be
exactly the one the whole read gives, cell for cell and row number for row number, whatever
wrote the workbook and wherever its rows fall. The parts are made tiny here (a few KB), so that
every workbook below is cut many times, at rows of every kind."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from importers import read_parts
from importers.errors import ImportFileError
from importers.read import Table, read_table
from tests.helpers.messy_customers import generate
from tests.helpers.workbooks import (
    LAUGHS,
    edit_part,
    read_in_tiny_parts,
    write_openpyxl,
    write_xlsx,
)


@pytest.fixture
def parts_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Tiny parts; the list gets the number of parts of each sheet read in parts."""
    return read_in_tiny_parts(monkeypatch, part_bytes=3000, chunk_bytes=1000)


def _whole(path: Path, **kwargs: Any) -> Table:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(read_parts, "read_in_parts", lambda *a, **k: None)
        return read_table(path, **kwargs)


def _same(path: Path, counts: list[int], **kwargs: Any) -> Table:
    """``path`` read in parts (it was: more than two) equals the whole read of it."""
    whole = _whole(path, **kwargs)
    before = len(counts)
    parts = read_table(path, **kwargs)
    assert len(counts) == before + 1 and counts[-1] > 2, "the sheet was not read in parts"
    assert parts.headers == whole.headers
    assert parts.header_row == whole.header_row
    assert parts.sheets == whole.sheets and parts.sheet == whole.sheet
    assert parts.frame.schema == whole.frame.schema
    assert parts.frame.equals(whole.frame)
    return parts


def _edit_sheet(source: Path, target: Path, edit: Callable[[bytes], bytes]) -> Path:
    return edit_part(source, target, "xl/worksheets/sheet1.xml", edit)


def test_messy_customers_with_shared_strings_read_alike(
    tmp_path: Path, parts_read: list[int]
) -> None:
    rows = generate(150, seed=3).rows
    table = _same(write_xlsx(tmp_path / "m.xlsx", rows), parts_read)
    assert table.rows == len(rows) - 1
    assert table.frame["__row"].to_list() == list(range(2, len(rows) + 1))


def test_inline_strings_of_a_streamed_workbook_read_alike(
    tmp_path: Path, parts_read: list[int]
) -> None:
    """xlsxwriter's constant-memory mode (how the million-row workbook is written) writes every
    text inline, without a shared strings table."""
    rows = generate(150, seed=4).rows
    _same(write_xlsx(tmp_path / "i.xlsx", rows, big=True), parts_read)


def test_numbers_dates_booleans_and_formulas_read_alike(
    tmp_path: Path, parts_read: list[int]
) -> None:
    rows: list[list[Any]] = [["客户名称", "预算", "成交日期", "时间", "VIP", "公式"]]
    for i in range(300):
        rows.append(
            [
                f"张三{i}",
                i * 1.5 if i % 3 else i,
                dt.date(2024, 1, 1) + dt.timedelta(days=i),
                dt.datetime(2024, 3, 5, 8, 30) + dt.timedelta(minutes=i),
                i % 2 == 0,
                f"=B{i + 2}*2" if i % 5 == 0 else None,
            ]
        )
    _same(write_openpyxl(tmp_path / "t.xlsx", rows), parts_read)


def test_leading_empty_rows_columns_from_c_and_gaps_at_the_cuts(
    tmp_path: Path, parts_read: list[int]
) -> None:
    import xlsxwriter

    path = tmp_path / "g.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户")
    sheet.write_row(4, 2, ["客户名称", "手机", "备注"])
    row = 5
    for i in range(400):
        sheet.write_row(row, 2, [f"李四{i}", f"1380013{i:04d}", "  " if i % 7 == 0 else f"n{i}"])
        row += 1 + (i % 11 == 0) + (300 if i == 200 else 0)  # gaps, one of 300 rows
    sheet.write_string(row + 3, 9, "far right")  # a lone cell further right and below
    book.close()
    table = _same(path, parts_read)
    assert table.header_row == 5
    # the lone cell's column has no header: it is named J, as Excel labels it
    assert table.headers == ("客户名称", "手机", "备注", "J")


def test_a_chosen_sheet_of_several_and_a_chosen_header_row(
    tmp_path: Path, parts_read: list[int]
) -> None:
    import xlsxwriter

    path = tmp_path / "s.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write_string(0, 0, "本表为客户名单")
    second = book.add_worksheet("客户 & 联系人")
    second.write_row(0, 0, ["2024 客户名单"])
    second.write_row(1, 0, ["客户名称", "手机"])
    for i in range(300):
        second.write_row(i + 2, 0, [f"王五{i}", f"139{i:08d}"])
    book.close()
    by_name = _same(path, parts_read, sheet="客户 & 联系人")
    assert by_name.sheets == ("说明", "客户 & 联系人")
    _same(path, parts_read, sheet=1, header_row=2)


def test_an_empty_tail_of_formatted_rows_and_the_last_row_of_the_sheet(
    tmp_path: Path, parts_read: list[int]
) -> None:
    rows = [["客户名称", "手机"], *[[f"赵六{i}", f"137{i:08d}"] for i in range(200)]]
    small = write_xlsx(tmp_path / "s.xlsx", rows)
    empties = b"".join(b'<row r="%d" ht="15" customHeight="1"/>' % r for r in range(202, 3000))
    padded = _edit_sheet(
        small,
        tmp_path / "p.xlsx",
        lambda d: d.replace(
            b"</sheetData>",
            empties
            + b'<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            + b"</sheetData>",
        ),
    )
    table = _same(padded, parts_read)
    assert table.frame["__row"].to_list()[-1] == 1048576


def test_rows_without_their_numbers_are_read_whole(tmp_path: Path, parts_read: list[int]) -> None:
    """A writer may leave out a row's number; only the whole read can count such rows, so such
    a sheet is not cut (and reads as before)."""
    rows = generate(100, seed=5).rows
    plain = write_xlsx(tmp_path / "r.xlsx", rows)
    unnumbered = _edit_sheet(
        plain,
        tmp_path / "u.xlsx",
        lambda d: re.sub(rb'<c r="[A-Z]+\d+"', b"<c", re.sub(rb'<row r="\d+"', b"<row", d)),
    )
    table = read_table(unnumbered)
    assert parts_read == []
    assert table.frame.equals(_whole(unnumbered).frame)
    assert table.frame.height == len(rows) - 1


def test_an_xml_bomb_expands_nowhere_with_parts_on(tmp_path: Path, parts_read: list[int]) -> None:
    rows = [["客户名称", "手机"], *[[f"张三{i}", f"138{i:08d}"] for i in range(200)]]
    small = write_xlsx(tmp_path / "s.xlsx", rows)

    def bomb(entry: str, name: str) -> Path:
        def laughing(data: bytes) -> bytes:
            return LAUGHS + data.split(b"?>", 1)[1].replace("张三1".encode(), b"&lol9;")

        return edit_part(small, tmp_path / name, entry, laughing)

    # in the shared strings, which every part carries, and in the workbook part, which the
    # parts' planning reads (its entities unused): refused before any part is cut or read
    for entry, name in (("xl/sharedStrings.xml", "strings.xlsx"), ("xl/workbook.xml", "wb.xlsx")):
        with pytest.raises(ImportFileError, match="XML bomb"):
            read_table(bomb(entry, name))
    assert parts_read == []


def test_every_part_rereads_the_shared_strings_so_they_keep_the_parts_few(
    tmp_path: Path, parts_read: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part re-reads the whole shared strings table: where it is large beside the sheet, the
    sheet is cut in two, not in the many parts its size alone would give."""
    monkeypatch.setattr(read_parts, "SHARED_STRINGS_FACTOR", 4)
    path = write_xlsx(tmp_path / "m.xlsx", generate(150, seed=3).rows)
    table = read_table(path)
    assert parts_read == [2]
    assert table.frame.equals(_whole(path).frame)


class _Watching:
    """A progress that records what it hears and asks to stop after ``stop_after`` updates."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.heard: list[tuple[float | None, str]] = []
        self.stop_after = stop_after

    @property
    def cancelled(self) -> bool:
        return self.stop_after is not None and len(self.heard) >= self.stop_after

    def update(self, fraction: float | None, text: str = "") -> None:
        self.heard.append((fraction, text))


def test_the_reading_of_a_large_sheet_moves_the_progress_part_by_part(
    tmp_path: Path, parts_read: list[int]
) -> None:
    from importers.pipeline import READ_SHARE, dry_run
    from studio.bundle.sample import sample_bundle

    path = write_xlsx(tmp_path / "m.xlsx", generate(150, seed=3).rows)
    watching = _Watching()
    dry_run(path, sample_bundle().entity("customer"), progress=watching)
    reading = [f for f, text in watching.heard if text == "read" and f is not None]
    assert len(reading) > parts_read[-1] / 2  # one a part, and the start
    assert reading == sorted(reading) and reading[-1] <= READ_SHARE
    after = [f for f, text in watching.heard if text != "read" and f is not None]
    assert after == sorted(after) and after[0] >= reading[-1] and after[-1] == 1.0


def test_a_cancel_while_a_large_sheet_is_read_stops_the_dry_run(
    tmp_path: Path, parts_read: list[int]
) -> None:
    from importers.pipeline import dry_run
    from studio.bundle.sample import sample_bundle
    from studio.progress import Cancelled

    path = write_xlsx(tmp_path / "m.xlsx", generate(150, seed=3).rows)
    watching = _Watching(stop_after=3)
    with pytest.raises(Cancelled):
        dry_run(path, sample_bundle().entity("customer"), progress=watching)
    assert [text for _, text in watching.heard] == ["read"] * 3  # nothing after the cancel
    assert parts_read == []  # no part was joined
