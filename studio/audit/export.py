"""The audit log as an Excel workbook (``studio audit export``, the Audit pane).

Every text cell is written with ``write_string`` and, when it starts like a formula (= + - @,
tab, CR), with Excel's quote prefix: actors, subjects and comments are typed by people, and a
workbook that runs ``=HYPERLINK(...)`` or ``=cmd|...`` when opened is a classic injection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter
from sqlalchemy import select

from schema.models import AuditRow
from studio.atomic_file import atomic_path
from studio.audit import log as audit
from studio.errors import StudioError
from studio.i18n import Message, tr
from studio.workspace.connection import Workspace

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ("id", "at", "actor", "action", "subject", "details", "prev_hash", "hash")


#: The header row: the column names in English (as scripts read them), words in Chinese.
_TITLES = (
    Message("id"),
    Message("at"),
    Message("actor"),
    Message("action"),  # the word lives in the access catalogue (one message, one feature)
    Message("subject"),
    Message("details"),
    Message("prev_hash"),
    Message("hash"),
)


def column_titles() -> list[str]:
    """The header row in the user's language."""
    return [str(title) for title in _TITLES]


def is_formula_like(text: str) -> bool:
    return text.startswith(_DANGEROUS)


def export_audit(
    ws: Workspace,
    out: Path,
    *,
    actor: str = "unknown",
    progress: Callable[[int, int], None] | None = None,
) -> audit.ChainReport:
    """Write every audit entry to ``out`` (.xlsx) with the chain's verification; returns it.

    The export itself is recorded in the log (not in the file: it shows the log as it was when
    exported).
    """
    if out.suffix.lower() != ".xlsx":
        raise StudioError("Unsupported file type {suffix}: use .xlsx.", suffix=out.suffix or "''")
    # One unit of work: the export's own entry is written first (a read-only workspace refuses
    # here, before any file exists) and committed only once the file is in place.
    with ws.session() as s:
        report = audit.verify(s)
        rows = list(s.scalars(select(AuditRow).order_by(AuditRow.seq)))
        audit.append(s, actor, "export", str(out), {"what": "audit", "entries": len(rows)})
        with atomic_path(out) as tmp:
            _write(tmp, rows, report, progress)
    return report


def _write(
    path: Path,
    rows: list[AuditRow],
    report: audit.ChainReport,
    progress: Callable[[int, int], None] | None,
) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        head = book.add_format({"bold": True})
        quoted = book.add_format({"quote_prefix": True})
        sheet = book.add_worksheet(tr("Audit log")[:31])
        for col, name in enumerate(column_titles()):
            sheet.write_string(0, col, name, head)

        def text(r: int, c: int, value: str) -> None:
            if is_formula_like(value):
                sheet.write_string(r, c, value, quoted)
            else:
                sheet.write_string(r, c, value)

        for i, row in enumerate(rows, start=1):
            sheet.write_number(i, 0, row.id)
            values: list[Any] = [
                row.at.isoformat(),
                row.actor,
                row.action,
                row.subject,
                json.dumps(row.details, ensure_ascii=False, sort_keys=True),
                row.prev_hash,
                row.hash,
            ]
            for c, value in enumerate(values, start=1):
                text(i, c, str(value))
            if progress is not None and i % 500 == 0:
                progress(i, len(rows))
        sheet.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
        sheet.freeze_panes(1, 0)
        sheet.set_column(1, 1, 28)
        sheet.set_column(4, 5, 40)
        summary = book.add_worksheet(tr("Verification")[:31])
        summary.write_string(0, 0, tr("Entries"), head)
        summary.write_number(0, 1, report.entries)
        summary.write_string(1, 0, tr("Chain intact"), head)
        summary.write_string(1, 1, tr("yes") if report.intact else tr("no"))
        if report.broken_at is not None:
            summary.write_string(2, 0, tr("First broken entry"), head)
            summary.write_number(2, 1, report.broken_at)
    finally:
        book.close()
