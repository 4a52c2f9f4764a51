"""The permission health report for the business lead (issue 14): a one-page summary and an
Excel workbook.

What it holds: the permission rules' findings by severity; per protected entity, the roles that
may delete its records (the reports' check list: "100 % of roles without 'delete customer'");
who sees each sensitive field (roles and their people); who holds admin; leavers without a
hand-over of their records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio.access.effective import role_field_access, role_scopes
from studio.bundle.access import ADMIN_ROLE, access_of
from studio.bundle.model import Bundle
from studio.i18n import Message, language, name_list, tr
from studio.lint import DataStats


def health_summary(
    bundle: Bundle, live: Bundle | None = None, stats: DataStats | None = None
) -> dict[str, Any]:
    """The report as plain data (the GUI's summary and the workbook read it); ``stats``: what the
    server counted (the records leavers still own), when known."""
    from studio.lint.permissions import permission_findings

    findings = permission_findings(bundle, live, stats)
    owned = (stats.extra.get("owners") if stats is not None else None) or {}
    lang = language()
    holders: dict[str, list[str]] = {}
    for u in bundle.users:
        if not u.disabled:
            holders.setdefault(u.role, []).append(u.user)
    protected = []
    others = [r.key for r in bundle.roles if r.key != ADMIN_ROLE]
    for key in access_of(bundle).protected:
        entity = bundle.entity(key)
        if entity is None:
            continue
        deleting = [r for r in others if "delete" in role_scopes(bundle, r, key)]
        share = 100 * (len(others) - len(deleting)) // len(others) if others else 100
        protected.append(
            {
                "entity": key,
                "label": entity.label.text(lang),
                "roles_deleting": deleting,
                "share_without_delete": share,
            }
        )
    sensitive = []
    for entity in bundle.entities:
        fields = [f for f in entity.fields if f.sensitive]
        if not fields:
            continue
        levels = {r.key: role_field_access(bundle, r.key, entity.key) for r in bundle.roles}
        for fd in fields:
            seeing = [r for r, lv in levels.items() if lv.get(fd.key) in ("read", "edit")]
            sensitive.append(
                {
                    "entity": entity.key,
                    "field": fd.key,
                    "label": f"{fd.label.text(lang)} ({entity.label.text(lang)})",
                    "roles": seeing,
                    "users": sorted(u for r in seeing for u in holders.get(r, [])),
                }
            )
    handed = {h.user for h in access_of(bundle).handovers}
    return {
        "findings": [f.to_json() for f in findings],
        "counts": {
            s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")
        },
        "protected": protected,
        "sensitive": sensitive,
        "admins": holders.get(ADMIN_ROLE, []),
        "leavers_without_handover": [
            u.user for u in bundle.users if u.disabled and u.user not in handed
        ],
        # user -> records that still name them owner (the server's count; absent: unknown)
        "leaver_records": {
            u.user: owned[u.user]
            for u in bundle.users
            if u.disabled and u.user not in handed and u.user in owned
        },
    }


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The one-page summary, line by line, in the current language."""
    counts = data["counts"]
    lines = [
        tr(
            "Findings: {errors}, {warnings}, {notes}.",
            errors=Message("{n} errors", n=counts["error"]),
            warnings=Message("{n} warnings", n=counts["warning"]),
            notes=Message("{n} notes", n=counts["info"]),
        )
    ]
    for p in data["protected"]:
        lines.append(
            tr(
                "{entity}: {share} % of roles cannot delete it{roles}.",
                entity=p["label"],
                share=p["share_without_delete"],
                roles=tr(" (deleting: {roles})", roles=name_list(p["roles_deleting"]))
                if p["roles_deleting"]
                else "",
            )
        )
    for s in data["sensitive"]:
        lines.append(
            tr(
                "{field} is seen by roles {roles} ({n} people).",
                field=s["label"],
                roles=name_list(s["roles"]) or "—",
                n=len(s["users"]),
            )
        )
    lines.append(tr("Admins: {users}.", users=name_list(data["admins"]) or "—"))
    if data["leavers_without_handover"]:
        counts = data.get("leaver_records", {})
        lines.append(
            tr(
                "Leavers without a hand-over: {users}.",
                users=name_list(
                    tr("{user} ({n} records still theirs)", user=u, n=counts[u])
                    if u in counts
                    else u
                    for u in data["leavers_without_handover"]
                ),
            )
        )
    return lines


def _safe(text: object) -> str:
    # Cells are typed by people (labels, names): never a formula when the workbook opens.
    value = str(text)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def write_health_report(
    bundle: Bundle, out: Path, live: Bundle | None = None, stats: DataStats | None = None
) -> Path:
    """The report as an .xlsx workbook at ``out`` (whole or not at all)."""
    import xlsxwriter

    from studio.atomic_file import atomic_path

    data = health_summary(bundle, live, stats)
    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(str(tmp))
        bold = book.add_format({"bold": True})
        red = book.add_format({"font_color": "#b3261e"})
        sheets: list[tuple[str, list[str], list[list[object]]]] = [
            (
                tr("Summary"),
                [tr("Summary")],
                [[line] for line in summary_lines(data)],
            ),
            (
                tr("Findings"),
                [tr("Severity"), tr("Code"), tr("Entity"), tr("Field"), tr("Role"), tr("Message")],
                [
                    [
                        f["severity"],
                        f["code"],
                        f["entity"] or "",
                        f["field"] or "",
                        f["role"] or "",
                        f["message"],
                    ]
                    for f in data["findings"]
                ],
            ),
            (
                tr("Protected entities"),
                [tr("Entity"), tr("Roles that may delete"), tr("Roles without delete (%)")],
                [
                    [p["label"], ", ".join(p["roles_deleting"]), p["share_without_delete"]]
                    for p in data["protected"]
                ],
            ),
            (
                tr("Sensitive fields"),
                [tr("Field"), tr("Roles that see it"), tr("People")],
                [
                    [s["label"], ", ".join(s["roles"]), ", ".join(s["users"])]
                    for s in data["sensitive"]
                ],
            ),
        ]
        for name, header, rows in sheets:
            sheet = book.add_worksheet(name[:31])
            for c, title in enumerate(header):
                sheet.write_string(0, c, _safe(title), bold)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row):
                    fmt = red if name == tr("Findings") and row[0] == "error" else None
                    if isinstance(value, int):
                        sheet.write_number(r, c, value, fmt)
                    else:
                        sheet.write_string(r, c, _safe(value), fmt)
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, len(header) - 1, 28)
        book.close()
    return out
