"""The one-click health report: ``studio scan --out report.xlsx`` (xlsxwriter) or ``report.pdf``
(fpdf2, with a CJK font embedded as a subset, so the PDF reads on a machine without Chinese
fonts). Sheets / sections: the self-check list, the entities' status, the findings with their
fixes, and the columns measured."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from studio.errors import StudioError
from studio.i18n import Message, tr
from studio.scan.report import ScanReport

#: CJK fonts tried in order, per platform (TrueType collections: the first face is Simplified
#: Chinese in Noto's and Microsoft's). ``STUDIO_CJK_FONT`` names another one.
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
_NOTO_SC_INDEX = 2  # in NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK (faces 0..4)


def write_report(report: ScanReport, path: Path) -> None:
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            write_xlsx(report, path)
        elif suffix == ".pdf":
            write_pdf(report, path)
        else:
            raise StudioError("--out must end in .xlsx or .pdf.")
    except OSError as exc:
        raise StudioError(
            "Cannot write {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)
        ) from None


def _status_label(status: str) -> str:
    return {
        "green": tr("green"),
        "yellow": tr("yellow"),
        "red": tr("RED"),
        "pass": tr("pass"),
        "warn": tr("warn"),
        "fail": tr("fail"),
        "unknown": tr("unknown"),
    }.get(status, status)


def write_xlsx(report: ScanReport, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    try:
        bold = wb.add_format({"bold": True, "bg_color": "#DDDDDD"})
        colours = {
            "red": wb.add_format({"bg_color": "#F4B6B6"}),
            "fail": wb.add_format({"bg_color": "#F4B6B6"}),
            "yellow": wb.add_format({"bg_color": "#FBE7A1"}),
            "warn": wb.add_format({"bg_color": "#FBE7A1"}),
            "green": wb.add_format({"bg_color": "#C8EBC8"}),
            "pass": wb.add_format({"bg_color": "#C8EBC8"}),
        }

        def sheet(
            title: str, header: list[str], rows: list[list[object]], status_col: int | None = None
        ) -> None:
            ws = wb.add_worksheet(title[:31])
            ws.write_row(0, 0, header, bold)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    fmt = colours.get(str(row[status_col])) if status_col == c else None
                    shown = _status_label(str(value)) if status_col == c else value
                    ws.write(r, c, "" if shown is None else shown, fmt)
            ws.freeze_panes(1, 0)
            widths = [
                max([len(str(h))] + [len(str(row[i])) for row in rows[:200]])
                for i, h in enumerate(header)
            ]
            for i, w in enumerate(widths):
                ws.set_column(i, i, min(80, max(8, w + 2)))

        sheet(
            tr("Self-check"),
            [tr("Check"), tr("Result"), tr("Value"), tr("Line"), tr("Fix")],
            [[i.label, i.status, i.value, i.line, i.fix] for i in report.self_check],
            status_col=1,
        )
        sheet(
            tr("Entities"),
            [tr("Entity"), tr("Status"), tr("Table"), tr("Rows"), tr("Fields"), tr("Searchable"), tr("Worst column"), tr("Its average length"), tr("Cold share")],
            [
                [e.label, e.status, e.table, e.rows, e.fields, e.searchable, e.worst_column,
                 round(e.worst_avg_length) if e.worst_avg_length is not None else None,
                 round(e.cold_share, 3) if e.cold_share is not None else None]
                for e in report.entities
            ],
            status_col=1,
        )  # fmt: skip
        sheet(
            tr("Findings"),
            [tr("Severity"), tr("Entity"), tr("Field"), tr("Code"), tr("Message"), tr("Fix")],
            [
                [
                    f.severity.value,
                    f.entity,
                    f.field,
                    f.code,
                    f.message,
                    f.fix.label if f.fix else "",
                ]
                for f in report.findings
            ],
        )
        sheet(
            tr("Columns"),
            [tr("Table"), tr("Column"), tr("Type"), tr("Null ratio"), tr("Distinct ratio"), tr("Average length"), tr("95th percentile length"), tr("Measured by")],
            [
                [t.name, c.name, c.type, c.null_ratio, c.distinct_ratio, c.avg_length, c.p95_length, t.method]
                for t in report.scan.tables
                for c in t.columns
            ],
        )  # fmt: skip
    finally:
        wb.close()


def cjk_font() -> tuple[str, int]:
    """A CJK font file on this machine and the face to use; ``StudioError`` when there is none."""
    env = os.environ.get("STUDIO_CJK_FONT")
    candidates = ([env] if env else []) + list(_CJK_FONTS)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            face = _NOTO_SC_INDEX if "NotoSansCJK" in candidate else 0
            return candidate, face
    hint = "fonts-noto-cjk" if sys.platform.startswith("linux") else "a Chinese font"
    raise StudioError(
        "No Chinese font found to embed in the PDF: install {hint} or set STUDIO_CJK_FONT.",
        hint=hint,
    )


def write_pdf(report: ScanReport, path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    font, face = cjk_font()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("cjk", "", font, collection_font_number=face)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def para(text: str, size: float = 10, h: float = 5.5) -> None:
        pdf.set_font("cjk", size=size)
        pdf.multi_cell(width, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    scan = report.scan
    para(tr("Field-index health report"), 18, 9)
    para(
        tr(
            "{url} ({dialect} {version}), {at}: {tables} in {seconds} s",
            url=scan.url,
            dialect=scan.dialect,
            version=scan.server_version,
            at=scan.started_at,
            tables=Message("{n} tables", n=len(scan.tables)),
            seconds=scan.seconds,
        ),
        9,
    )
    if scan.partial:
        para(tr("PARTIAL: some tables were not measured in full (see below)."), 10)
    for note in scan.notes:
        para(note, 8, 4.5)
    pdf.ln(3)
    para(tr("Self-check"), 14, 8)
    fills = {
        "pass": (200, 235, 200),
        "green": (200, 235, 200),
        "warn": (251, 231, 161),
        "yellow": (251, 231, 161),
        "fail": (244, 182, 182),
        "red": (244, 182, 182),
    }
    for item in report.self_check:
        pdf.set_font("cjk", size=10)
        pdf.set_fill_color(*fills.get(item.status, (230, 230, 230)))
        pdf.cell(18, 6, _status_label(item.status), border=1, fill=True, align="C")
        pdf.multi_cell(
            width - 18,
            6,
            f" {item.label}: {item.value} ({item.line})",
            border=1,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        if item.fix:
            para("    " + tr("Fix: {fix}", fix=item.fix), 9, 5)
    pdf.ln(3)
    para(tr("Entities"), 14, 8)
    for e in report.entities:
        pdf.set_font("cjk", size=10)
        pdf.set_fill_color(*fills.get(e.status, (230, 230, 230)))
        pdf.cell(18, 6, _status_label(e.status), border=1, fill=True, align="C")
        worst = (
            f"{e.worst_column} {round(e.worst_avg_length)}"
            if e.worst_avg_length is not None
            else "-"
        )
        pdf.multi_cell(
            width - 18, 6,
            " " + tr("{entity}: {fields} fields, {searchable} searchable, worst column {worst}", entity=e.label, fields=e.fields, searchable=e.searchable, worst=worst),
            border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip
    pdf.ln(3)
    para(tr("Findings"), 14, 8)
    labels = {"error": tr("ERROR"), "warning": tr("WARNING"), "info": tr("INFO")}
    for f in report.findings:
        where = ".".join(x for x in (f.entity, f.field) if x) or "-"
        para(f"{labels[f.severity.value]}  {where}  [{f.code}]", 10, 5.5)
        para(f.message, 9, 5)
        if f.fix is not None:
            para(tr("Fix: {fix}", fix=f.fix.label), 9, 5)
        pdf.ln(1)
    pdf.output(str(path))
