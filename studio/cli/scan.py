"""``studio scan --db URL [--format json] [--out report.xlsx|report.pdf]``: the field-index
health of a CRM database against the workspace's draft; exit 1 if any entity is red.

Heavy imports (SQLAlchemy dialects, the report writers) stay inside the command: the CLI's
start-up time is measured."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt
from studio.errors import StudioError
from studio.i18n import tr


def scan(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="The CRM database: sqlite:///crm.db, postgresql+psycopg://user@host/crm, "
            "mysql+pymysql://user@host/crm (password from the keyring).",
        ),
    ],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    format: Annotated[
        str, typer.Option("--format", help="text for people, json for scripts.")
    ] = "text",
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the report: .xlsx or .pdf.")
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping", help="A JSON mapping of entities to tables and fields to columns."
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Statement timeout in seconds.")
    ] = 30.0,
    keep: Annotated[
        bool, typer.Option("--keep/--no-keep", help="Keep the scan in the workspace (for drift).")
    ] = True,
    ask_password: Annotated[
        bool,
        typer.Option(
            "--ask-password",
            help="Ask for the database user's password (hidden; from a script: its first line "
            "on stdin) and keep it in the keyring once the scan has signed in with it.",
        ),
    ] = False,
) -> None:
    """Field-index health of a CRM database; exit 1 if any entity is red."""
    import json

    from studio.scan.connect import SignInRefused
    from studio.scan.service import run_scan

    if format not in ("text", "json"):
        typer.echo(tr("--format is text or json."), err=True)
        raise typer.Exit(code=1)
    if out is not None and out.suffix.lower() not in (".xlsx", ".pdf"):
        typer.echo(tr("--out must end in .xlsx or .pdf."), err=True)
        raise typer.Exit(code=1)
    try:
        saved = None
        if mapping is not None:
            from studio.scan.mapping import Mapping

            try:
                saved = Mapping.from_json(json.loads(mapping.read_text(encoding="utf-8")))
            except (OSError, ValueError, AttributeError) as exc:
                raise StudioError(
                    "Cannot read the mapping {path}: {reason}",
                    path=str(mapping),
                    reason=str(exc)[:200],
                ) from None
        password = _asked_password(db) if ask_password else None
        report = run_scan(
            workspace,
            db,
            mapping=saved,
            statement_timeout=timeout,
            keep=keep,
            password=password,
        )
        if out is not None:
            from studio.scan.export import write_report

            write_report(report, out)
    except SignInRefused as exc:
        hint = "" if ask_password else " " + tr("Give the password with --ask-password.")
        typer.echo(str(exc) + hint, err=True)
        raise typer.Exit(code=1) from None
    except StudioError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from None
    if format == "json":
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        from studio.scan.text import render_text

        typer.echo(render_text(report))
    raise typer.Exit(code=1 if report.red else 0)


def _asked_password(url: str) -> str:
    """The password typed at a terminal (not echoed), or the first line of stdin from a script:
    never an option's value, which would stay in the shell's history and the process list."""
    import sys

    from studio.scan.connect import redact

    if sys.stdin.isatty():
        secret = typer.prompt(
            tr("Password of {database}", database=redact(url)),
            hide_input=True,
            default="",
            show_default=False,
        )
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        raise StudioError("No password was given.")
    return str(secret)
