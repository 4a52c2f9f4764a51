"""``studio scan``'s text output: one line per entity with its status, then the findings."""

from __future__ import annotations

from studio.i18n import Message, name_list, tr
from studio.scan.report import ScanReport


def render_text(report: ScanReport) -> str:
    scan = report.scan
    status = {"green": tr("green"), "yellow": tr("yellow"), "red": tr("RED")}
    lines = [
        tr(
            "{url} ({dialect} {version}): {tables} in {seconds} s",
            url=scan.url,
            dialect=scan.dialect,
            version=scan.server_version,
            tables=Message("{n} tables", n=len(scan.tables)),
            seconds=scan.seconds,
        )
    ]
    if scan.partial:
        lines.append(tr("PARTIAL: some tables were not measured in full (see below)."))
    lines.extend(f"  {note}" for note in scan.notes)
    lines.extend(report.warnings)
    lines.append("")
    for e in report.entities:
        lines.append(
            tr(
                "{status:7} {entity}: {fields} fields, {searchable} searchable, table {table}",
                status=status[e.status],
                entity=e.name,
                fields=e.fields,
                searchable=e.searchable,
                table=e.table or "-",
            )
        )
    lines.append("")
    labels = {"error": tr("ERROR"), "warning": tr("WARNING"), "info": tr("INFO")}
    for f in report.findings:
        where = ".".join(x for x in (f.entity, f.field) if x) or "-"
        lines.append(f"{labels[f.severity.value]}  {where}  [{f.code}]")
        lines.append(f"    {f.message}")
        if f.fix is not None:
            lines.append("    " + tr("Fix: {fix}", fix=f.fix.label))
    if report.red:
        lines.append(tr("Red (frozen): {entities}", entities=name_list(report.red)))
    return "\n".join(lines)
