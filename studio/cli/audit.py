"""``studio audit verify`` / ``studio audit export``: the hash-chained log."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail, on_workspace
from studio.i18n import tr

if TYPE_CHECKING:
    from studio.audit.log import ChainReport
    from studio.workspace.connection import Workspace

app = typer.Typer(help="The append-only, hash-chained audit log.", no_args_is_help=True)


def broken_message(report: ChainReport) -> str:
    """The first break as before, then every entry the chain cannot vouch for, one a line."""
    from studio.audit import log as audit

    lines = [
        tr(
            "The audit log is broken at entry {id}: it was altered or an entry was removed.",
            id=report.broken_at,
        )
    ]
    if len(report.breaks) > 1 or any(b.reason != "chain" for b in report.breaks):
        lines.append(
            tr("{n} entries of the audit log cannot be vouched for:", n=len(report.breaks))
        )
        lines += ["  " + audit.describe(b) for b in report.breaks]
    return "\n".join(lines)


def _verify(ws: Workspace) -> ChainReport:
    from studio.audit import log as audit

    with ws.session() as s:
        return audit.verify(s)


@app.command("verify")
def verify(
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Server whose anchored heads the log is checked against (else "
            "STUDIO_SERVER_URL or the last push).",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Recompute the chain and check it against the server's heads; exit 1 if cut or altered."""
    from studio.client.anchor import verify_against_server

    report, anchors, why = on_workspace(
        workspace, lambda ws: (_verify(ws), *verify_against_server(ws, server))
    )
    problems: list[str] = []
    if not report.intact:
        problems.append(broken_message(report))
    if anchors is not None:
        lines = anchors.sentences()
        if not anchors.intact:
            problems += lines
        elif report.intact:
            typer.echo(tr("The audit log is intact ({n} entries).", n=report.entries))
            for line in lines:
                typer.echo(line)
            return
    if problems:
        raise fail("\n".join(problems))
    typer.echo(tr("The audit log is intact ({n} entries).", n=report.entries))
    if why is not None:
        typer.echo(why, err=True)


@app.command("export")
def export(
    out: Annotated[Path, typer.Option("--out", help="The workbook to write (.xlsx).")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Write the log to an Excel workbook (with the chain's verification)."""
    from studio.audit.export import export_audit

    report = on_workspace(workspace, lambda ws: export_audit(ws, out, actor=user or "unknown"))
    typer.echo(tr("Exported {n} audit entries to {where}.", n=report.entries, where=out))
    if not report.intact:
        raise fail(broken_message(report))
