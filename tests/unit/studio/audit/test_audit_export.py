"""The audit log: verify and export to Excel without formula injection."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import update

from schema.models import AuditRow
from studio.audit import log as audit
from studio.audit.export import export_audit
from studio.workspace.bootstrap import init_workspace


def test_export_writes_every_entry_as_text_and_neutralises_formulas(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        with ws.session() as s:
            audit.append(s, "lin", "edit", '=HYPERLINK("http://x.invalid","click")', {"c": "+1"})
            audit.append(s, "lin", "edit", "@SUM(A1)", {})
            audit.append(s, "lin", "edit", "\tTAB", {})
        out = tmp_path / "audit.xlsx"
        report = export_audit(ws, out, actor="lin")
        assert report.intact and report.entries == 4
        book = openpyxl.load_workbook(out)
        sheet = book.worksheets[0]
        subjects = [row[4].value for row in sheet.iter_rows(min_row=2)]
        assert '=HYPERLINK("http://x.invalid","click")' in subjects
        for row in sheet.iter_rows(min_row=2):
            cell = row[4]
            assert cell.data_type == "s"  # a string, never a formula
            if str(cell.value).startswith(("=", "@", "\t")):
                assert cell.quotePrefix
        assert book.worksheets[1]["B2"].value == "yes"
        with ws.session() as s:
            assert audit.verify(s).entries == 5  # the export itself is logged
    finally:
        ws.close()


def test_a_tampered_log_is_reported_broken(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        with ws.session() as s:
            row = audit.append(s, "zhou", "approve", "x")
            audit.append(s, "chen", "approve", "x")
        with ws.session() as s:
            s.execute(update(AuditRow).where(AuditRow.id == row.id).values(actor="lin"))
        with ws.session() as s:
            assert audit.verify(s).broken_at == row.id
        report = export_audit(ws, tmp_path / "a.xlsx")
        assert not report.intact
    finally:
        ws.close()


def test_the_header_row_is_in_the_users_language(tmp_path: Path) -> None:
    # Issue 19: a zh_CN export had the English header "id, at, actor…".
    from studio import i18n

    ws = init_workspace(tmp_path / "w.db", sample=True)
    i18n.set_language("zh_CN")
    try:
        out = tmp_path / "审计.xlsx"
        export_audit(ws, out, actor="lin")
        sheet = openpyxl.load_workbook(out).worksheets[0]
        header = [c.value for c in next(sheet.iter_rows(max_row=1))]
        assert header == [
            "编号",
            "时间（UTC）",
            "操作人",
            "操作",
            "对象",
            "详情",
            "前一条哈希",
            "哈希",
        ]
    finally:
        i18n.set_language(None)
        ws.close()
