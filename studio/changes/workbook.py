"""A change request as an Excel workbook for people who read changes in Excel (``studio change
show ID --out change.xlsx``, the review dialog's "Export to Excel…").

Sheets: the change (title, author, versions, fingerprint, decisions), the access diff (who gains
and loses what, per role and per user; the gains an approver must not miss first, in red, as in
the review), every change in words, and the findings. Every text is written as a string, made
safe against formula injection (labels, titles and comments are typed by people).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.access.diff import alarming, change_text, user_text
from studio.atomic_file import atomic_path
from studio.errors import StudioError
from studio.i18n import tr
from studio.i18n.access import access_word, scope_word
from studio.i18n.changes import decision_name, state_name

if TYPE_CHECKING:
    from studio.changes.view import ChangeView

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> str:
    """``value`` as a cell text that no spreadsheet program takes for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_DANGEROUS) else text


def _word(fn: Any, value: str | None) -> str:
    return "—" if value is None else str(fn(value))


def access_rows(access: dict[str, Any] | None) -> list[tuple[bool, list[str]]]:
    """The access diff as rows (alarming?, cells): what the export's access sheet holds."""
    rows: list[tuple[bool, list[str]]] = []
    if not access:
        return rows
    for c in access.get("changes", []):
        words = access_word if c["field"] is not None else scope_word
        rows.append(
            (
                alarming(c),
                [
                    "!" if alarming(c) else "+" if c["kind"] == "gain" else "-",
                    change_text(c),
                    c["role"],
                    ", ".join(c["users"]),
                    c["entity"],
                    c["field"] or c["action"] or "",
                    _word(words, c["before"]),
                    _word(words, c["after"]),
                ],
            )
        )
    for u in access.get("users", []):
        rows.append((False, ["~", user_text(u), u["after"], u["user"], "", "", "", ""]))
    return rows


def write_change_workbook(
    view: ChangeView,
    diff: dict[str, Any],
    findings: Sequence[dict[str, Any]],
    out: Path,
    *,
    impact: Sequence[str] = (),
) -> Path:
    """Write ``view`` with its ``diff`` and ``findings`` to ``out`` (.xlsx; whole or not at all)."""
    import xlsxwriter

    from studio.bundle.diff import render_text

    if out.suffix.lower() != ".xlsx":
        raise StudioError("Unsupported file type {suffix}: use .xlsx.", suffix=out.suffix or "''")
    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            bold = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
            red = book.add_format({"font_color": "#C00000", "bold": True})

            def sheet_of(name: str, header: list[str], widths: list[int]) -> Any:
                sheet = book.add_worksheet(name[:31])
                for c, title in enumerate(header):
                    sheet.write_string(0, c, safe_text(title), bold)
                    sheet.set_column(c, c, widths[c])
                sheet.freeze_panes(1, 0)
                return sheet

            summary = sheet_of(tr("Change"), [tr("Property"), tr("Value")], [22, 90])
            facts: list[tuple[str, object]] = [
                (tr("Title"), view.title),
                (tr("Change id"), view.id),
                (tr("Author"), view.author),
                (tr("State"), state_name(view.state)),
                (tr("Target version"), view.target_version),
                (tr("Fingerprint (sha256)"), view.bundle_sha256),
                (tr("Reason"), view.reason or ""),
            ]
            for a in view.approvals:
                facts.append(
                    (
                        tr("Decision"),
                        f"{a.user} ({a.role}): {decision_name(a.decision)}"
                        + (f" “{a.comment}”" if a.comment else ""),
                    )
                )
            facts += [(tr("Impact"), line) for line in impact]
            for r, (name, value) in enumerate(facts, start=1):
                summary.write_string(r, 0, safe_text(name))
                summary.write_string(r, 1, safe_text(value))

            access = sheet_of(
                tr("Access"),
                [
                    "",
                    tr("Access gained and lost"),
                    tr("Role"),
                    tr("Users"),
                    tr("Entity"),
                    tr("Field or action"),
                    tr("Before"),
                    tr("After"),
                ],
                [3, 70, 16, 24, 14, 20, 12, 12],
            )
            for r, (alarm, cells) in enumerate(access_rows(diff.get("access")), start=1):
                for c, value in enumerate(cells):
                    access.write_string(r, c, safe_text(value), red if alarm else None)

            changes = sheet_of(tr("Changes"), [tr("Change")], [120])
            text = render_text(diff) if diff else ""
            for r, line in enumerate(text.splitlines(), start=1):
                changes.write_string(r, 0, safe_text(line))

            found = sheet_of(
                tr("Findings"),
                [tr("Severity"), tr("Code"), tr("Entity"), tr("Field"), tr("Role"), tr("Message")],
                [10, 28, 14, 18, 14, 90],
            )
            for r, f in enumerate(findings, start=1):
                fmt = red if f.get("severity") == "error" else None
                for c, key in enumerate(("severity", "code", "entity", "field", "role", "message")):
                    found.write_string(r, c, safe_text(f.get(key) or ""), fmt)
        finally:
            book.close()
    return out
