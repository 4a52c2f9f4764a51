"""``studio export --entity E --out F.xlsx`` (records to Excel) and ``studio template --entity E
--out F.xlsx`` (an import template from the live configuration). Heavy imports stay inside."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail, on_workspace
from studio.i18n import name_list, tr

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

    def work(ws: Any) -> tuple[int, str]:
        from importers.export import write_records
        from studio.i18n import language
        from studio.importing.records_io import fetch_all
        from studio.importing.server import server_link
        from studio.importing.target import import_target

        target = import_target(ws, entity)
        records = fetch_all(server_link(ws, server), entity)
        n = write_records(target.entity, records, out, language())
        return n, target.entity.label.text(language())

    n, label = on_workspace(workspace, work)
    # the entity as people call it ("客户"), not its key ("customer")
    typer.echo(tr("{n} records of {entity} written to {path}.", n=n, entity=label, path=out))


def template(
    entity: EntityOpt, out: OutOpt, workspace: WorkspaceOpt = None, user: UserOpt = None
) -> None:
    """An import template for an entity, from the live configuration (else the draft)."""
    if out.suffix.lower() != ".xlsx":
        raise fail(tr("--out must end in .xlsx."))

    def work(ws: Any) -> str:
        from importers.export import write_template
        from studio.i18n import language
        from studio.importing.target import import_target

        target = import_target(ws, entity)
        write_template(target.entity, out, language(), version=target.version)
        return str(target.entity.label.text(language()))

    label = on_workspace(workspace, work)
    typer.echo(tr("Template of {entity} written to {path}.", entity=label, path=out))


def health(
    entity: EntityOpt,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the report to this .xlsx file.")
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="text for people, json for scripts.")
    ] = "text",
    server: Annotated[
        str | None, typer.Option("--server", help="The CRM server (default: STUDIO_SERVER_URL).")
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Data health of the server's records of an entity; exit 1 if duplicates pass 8 %."""
    import json

    if format not in ("text", "json"):
        raise fail(tr("--format is text or json."))
    if out is not None and out.suffix.lower() != ".xlsx":
        raise fail(tr("--out must end in .xlsx."))

    def work(ws: Any) -> tuple[Any, Any]:
        from importers.health import data_health, write_health_workbook
        from studio.i18n import language
        from studio.importing.records_io import fetch_all
        from studio.importing.server import server_link
        from studio.importing.target import import_target

        target = import_target(ws, entity)
        found = data_health(
            target.entity, fetch_all(server_link(ws, server), entity), users=target.bundle.users
        )
        if out is not None:
            write_health_workbook(target.entity, found, out, language())
        return target.entity, found

    target_entity, found = on_workspace(workspace, work)
    from importers.health import DUPLICATE_LINE, describe_kind, health_document
    from studio.i18n import language

    lang = language()
    if format == "json":
        typer.echo(json.dumps(health_document(target_entity, found, lang), ensure_ascii=False))
    else:
        typer.echo(
            tr(
                "{n} records of {entity}, {with_mobile} with a mobile: duplicate rate by mobile {rate} (line {line}).",
                n=found.records,
                entity=entity,
                with_mobile=found.with_mobile,
                rate=f"{found.duplicate_rate:.1%}",
                line=f"{DUPLICATE_LINE:.0%}",
            )
        )
        for kind in found.kinds:
            typer.echo(
                tr(
                    "{count} x {problem} (owners: {owners})",
                    count=kind.count,
                    problem=describe_kind(target_entity, kind, lang),
                    owners=name_list(f"{o} {n}" for o, n in kind.owners) or "-",
                )
            )
        if out is not None:
            typer.echo(tr("Written to {path}.", path=out))
    raise typer.Exit(code=1 if found.over_line else 0)
