"""The error workbook: every rejected row as it was written, with why, for a person to fix and
import again.

Columns are the sheet's own (same headers, same order, so the fixed workbook maps the same way),
then the source row number and the reasons in the user's language. Each bad cell is highlighted
and carries a comment with its reason. Written with xlsxwriter (DESIGN.md: 4.0 s vs 7.4 s for 10k
rows), every text neutralised against formula injection (``cells``), atomically.
"""

from __future__ import annotations

from pathlib import Path

from importers.cells import neutralise
from importers.pipeline import Plan
from importers.read import ROW
from importers.validate import reason_text
from studio.atomic_file import atomic_path
from studio.i18n import Message


def write_error_workbook(plan: Plan, target: Path, lang: str) -> int:
    """Write the rejected rows of ``plan`` to ``target`` (.xlsx); returns how many rows."""
    import polars as pl
    import xlsxwriter

    headers = list(plan.table.headers)
    header_of = plan.mapping.by_field()
    column_of = {key: headers.index(h) for key, h in header_of.items()}
    by_row = {r.row: r for r in plan.rejections}
    raw = plan.table.frame.filter(pl.col(ROW).is_in(list(by_row)))
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": False},
        )
        try:
            sheet = book.add_worksheet(Message("Rejected rows").render(lang))
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
            bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
            wrap = book.add_format({"text_wrap": True, "font_color": "#9C0006"})
            extra = [
                Message("Source row").render(lang),
                Message("Why it was rejected").render(lang),
            ]
            for c, h in enumerate([*headers, *extra]):
                sheet.write_string(0, c, neutralise(h), head)
            sheet.freeze_panes(1, 0)
            for out_row, record in enumerate(raw.iter_rows(named=True), start=1):
                rejection = by_row[record[ROW]]
                marks: dict[int, str] = {}
                reasons = []
                for key, code, value in rejection.problems:
                    fd = plan.entity.field(key)
                    if fd is None:
                        continue
                    text = reason_text(fd, code, value, lang)
                    reasons.append(text)
                    if key in column_of:
                        c = column_of[key]
                        marks[c] = f"{marks[c]}\n{text}" if c in marks else text
                reasons += [message.text(lang) for message in rejection.rules]
                for c, h in enumerate(headers):
                    value = record[h]
                    fmt = bad if c in marks else None
                    if value is None:
                        if fmt is not None:
                            sheet.write_blank(out_row, c, None, fmt)
                    else:
                        sheet.write_string(out_row, c, neutralise(str(value)), fmt)
                    if c in marks:
                        sheet.write_comment(out_row, c, marks[c], {"x_scale": 2, "y_scale": 1.5})
                sheet.write_number(out_row, len(headers), record[ROW])
                sheet.write_string(out_row, len(headers) + 1, neutralise("\n".join(reasons)), wrap)
            sheet.set_column(len(headers) + 1, len(headers) + 1, 60)
            sheet.autofilter(0, 0, max(len(by_row), 1), len(headers) + 1)
        finally:
            book.close()
    return len(by_row)
