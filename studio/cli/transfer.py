"""``studio export --entity E --out F.xlsx`` (records to Excel) and ``studio template --entity E
--out F.xlsx`` (an import template from the live configuration). Heavy imports stay inside."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail, on_workspace
from studio.i18n import tr

EntityOpt = Annotated[
    str, typer.Option("--entity", "-e", help="The entity (customer, contact...).")
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="The .xlsx file to write.")]


def export(
    entity: EntityOpt,
    out: OutOpt,
    server: Annotated[
        str | None, typer.Option("--server", help="The CRM server (default: STUDIO_SERVER_URL).")
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """The server's records of an entity, to Excel (every cell safe against formula injection)."""
    if out.suffix.lower() != ".xlsx":
        raise fail(tr("--out must end in .xlsx."))

    def work(ws: Any) -> int:
        from importers.export import write_records
        from studio.i18n import language
        from studio.importing.records_io import fetch_all
        from studio.importing.server import server_link
        from studio.importing.target import import_target

        target = import_target(ws, entity)
        records = fetch_all(server_link(ws, server), entity)
        return write_records(target.entity, records, out, language())

    n = on_workspace(workspace, work)
    typer.echo(tr("{n} records of {entity} written to {path}.", n=n, entity=entity, path=out))


def template(
    entity: EntityOpt, out: OutOpt, workspace: WorkspaceOpt = None, user: UserOpt = None
) -> None:
    """An import template for an entity, from the live configuration (else the draft)."""
    if out.suffix.lower() != ".xlsx":
        raise fail(tr("--out must end in .xlsx."))

    def work(ws: Any) -> None:
        from importers.export import write_template
        from studio.i18n import language
        from studio.importing.target import import_target

        target = import_target(ws, entity)
        write_template(target.entity, out, language(), version=target.version)

    on_workspace(workspace, work)
    typer.echo(tr("Template of {entity} written to {path}.", entity=entity, path=out))
