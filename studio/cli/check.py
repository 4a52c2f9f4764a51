"""``studio check [--format json]``: all lints on the draft; exit 1 if any finding is an error."""

from __future__ import annotations

import json
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING, Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt
from studio.errors import StudioError
from studio.i18n import Message, tr

if TYPE_CHECKING:
    from studio.lint.findings import Finding


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def check(
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="text for people, json for scripts.")
    ] = OutputFormat.text,
) -> None:
    """Run all lints on the draft; exit 1 if any finding is an error."""
    from studio.lint.draft import summary
    from studio.lint.findings import has_errors

    try:
        findings = _findings(workspace)
    except StudioError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from None
    if format == OutputFormat.json:
        document = {"findings": [f.to_json() for f in findings], "summary": summary(findings)}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(findings))
    raise typer.Exit(code=1 if has_errors(findings) else 0)


def _findings(workspace: str | None) -> list[Finding]:
    from studio.workspace.sqlite_read import open_for_reading
    from studio.workspace.target import resolve_target

    conn = open_for_reading(resolve_target(workspace))
    if conn is not None:  # the plain SQLite file: read without SQLAlchemy (start-up time)
        from studio.lint.draft import check_file

        try:
            return check_file(conn)
        finally:
            conn.close()
    from studio.lint.draft import check_draft
    from studio.workspace.connection import open_workspace

    ws = open_workspace(workspace)
    try:
        with ws.session() as s:
            return check_draft(s)
    finally:
        ws.close()


def render_text(findings: list[Finding]) -> str:
    """Findings grouped by entity: severity, field (or role), message and fix, then a summary."""
    from studio.lint.draft import summary

    lines: list[str] = []
    ordered = sorted(findings, key=lambda f: f.entity or "")
    for entity, group in groupby(ordered, key=lambda f: f.entity or ""):
        lines.append(entity or tr("(whole configuration)"))
        for f in group:
            where = ".".join(x for x in (f.field, f.role and f"@{f.role}") if x) or "-"
            lines.append(f"  {_severity(f)}  {where}  [{f.code}]")
            lines.append(f"      {f.message}")
            if f.fix is not None:
                lines.append("      " + tr("Fix: {fix}", fix=f.fix.label))
        lines.append("")
    s = summary(findings)
    if not findings:
        lines.append(tr("No problems found."))
    lines.append(
        tr(
            "{errors}, {warnings}, {info}.",
            errors=Message("{n} errors", n=s["errors"]),
            warnings=Message("{n} warnings", n=s["warnings"]),
            info=Message("{n} notes", n=s["info"]),
        )
    )
    return "\n".join(lines)


def _severity(f: Finding) -> str:
    labels = {"error": tr("ERROR"), "warning": tr("WARNING"), "info": tr("INFO")}
    return labels[f.severity.value]
