"""``studio import FILE --entity E [--dry-run] [--report R.json] [--errors E.xlsx]`` and
``studio import revert ID``.

The dry run and the real import run the same pipeline and write the same report (DESIGN.md's
JSON shape); exit 1 if any row was rejected. Heavy imports (polars, the readers, xlsxwriter) stay
inside the command: the CLI's start-up time is measured.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail
from studio.errors import StudioError
from studio.i18n import Message, clause_list, name_list, tr


def import_(
    file: Annotated[
        str, typer.Argument(help="The workbook (.xlsx .xlsm .xls .ods) or CSV file; or 'revert'.")
    ],
    import_id: Annotated[
        str | None, typer.Argument(help="With 'revert': the id of the import to undo.")
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", "-e", help="The entity to import into (customer...).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything, write nothing to the server.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the report as JSON to this file.")
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write the rejected rows, with reasons, to this .xlsx file."),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet's name or number (default: the first with the entity's columns).",
        ),
    ] = None,
    header_row: Annotated[
        int | None, typer.Option("--header-row", help="The row of column titles (default: found).")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="HEADER=FIELD (or HEADER= to skip a column); repeatable."),
    ] = None,
    server: Annotated[
        str | None, typer.Option("--server", help="The CRM server (default: STUDIO_SERVER_URL).")
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Bulk import a workbook into an entity; exit 1 if any row was rejected."""
    if file == "revert" and import_id is not None:
        _revert(import_id, server, workspace, user)
        return
    if not entity:
        raise fail(tr("Say which entity to import into with --entity (customer, contact, ...)."))
    if errors is not None and errors.suffix.lower() != ".xlsx":
        raise fail(tr("--errors must end in .xlsx."))
    for out in (errors, report):
        # said before anything is written to the server, not after the import is done
        if out is not None and not out.parent.is_dir():
            raise fail(
                tr(
                    "Cannot write to {where}: the folder {folder} does not exist.",
                    where=out,
                    folder=out.parent,
                )
            )
    chosen = _parse_map(map_ or [])
    chosen_sheet: str | int | None = sheet
    if sheet is not None and sheet.isdigit():
        chosen_sheet = int(sheet) - 1

    from importers.changes import change_lines
    from importers.error_workbook import write_error_workbook
    from studio.atomic_file import write_text
    from studio.i18n import language
    from studio.importing.check import plan_against
    from studio.importing.decisions import not_same_pairs, save_mapping
    from studio.importing.existing import link_existing
    from studio.importing.run import import_id_of, run_import
    from studio.importing.server import configured_link, server_link
    from studio.importing.target import import_target
    from studio.workspace.connection import open_workspace

    try:
        ws = open_workspace(workspace)
    except StudioError as exc:
        raise fail(str(exc)) from None
    try:
        target = import_target(ws, entity)
        if target.version is None:
            typer.echo(
                tr("No configuration is live yet: the rows are checked against the draft."),
                err=True,
            )
        plan = plan_against(
            ws, target, Path(file), sheet=chosen_sheet, header_row=header_row, chosen=chosen or None
        )
        absent = [h for h in chosen if h not in plan.table.headers]
        if absent:  # a typo in --map was ignored, unsaid, and the column guessed instead
            raise fail(
                tr(
                    "--map names columns the sheet does not have: {columns} (its columns: "
                    "{headers}).",
                    columns=name_list(absent),
                    headers=name_list(plan.table.headers),
                )
            )
        lang = language()
        import_id = None
        if dry_run:
            link = configured_link(ws, server)
            if link is not None:
                try:
                    link_existing(
                        plan,
                        link,
                        ignore_import=import_id_of(plan, user),
                        not_same=not_same_pairs(ws, entity),
                    )
                except StudioError as exc:
                    typer.echo(
                        tr("The server's records were not consulted: {reason}", reason=str(exc)),
                        err=True,
                    )
        else:
            outcome = run_import(
                ws, plan, server_link(ws, server), user=user, source=Path(file).name
            )
            import_id = outcome.import_id
            save_mapping(ws, entity, plan.table.headers, plan.mapping.as_dict())
        document = plan.report(lang)
        document["dry_run"] = dry_run
        if import_id is not None:
            document["import_id"] = import_id
        if report is not None:
            write_text(report, json.dumps(document, ensure_ascii=False, indent=2))
        if errors is not None:
            write_error_workbook(plan, errors, lang)
    except StudioError as exc:
        raise fail(str(exc)) from None
    finally:
        ws.close()
    typer.echo(
        tr(
            "{rows}: {imported} to import, {merged} merged into duplicates, {rejected} rejected; {review}.",
            rows=Message("{n} rows read", n=plan.rows_read),
            imported=plan.imported,
            merged=plan.merged,
            rejected=plan.rejected,
            review=Message(
                "{n} pairs to review", n=len(plan.review_pairs) + len(plan.existing_review)
            ),
        )
        if dry_run
        else tr(
            "Import {id}: {rows}: {imported} imported, {merged} merged into duplicates, {rejected} rejected; {review}.",
            id=import_id,
            rows=Message("{n} rows read", n=plan.rows_read),
            imported=plan.imported,
            merged=plan.merged,
            rejected=plan.rejected,
            review=Message(
                "{n} pairs to review", n=len(plan.review_pairs) + len(plan.existing_review)
            ),
        )
    )
    left_out = [c.header for c in plan.mapping.columns if c.field is None]
    if left_out:
        # said, not silent: a second 手机 column, a 生日 with no field (map one with --map)
        typer.echo(tr("Columns not imported: {columns}.", columns=name_list(left_out)))
    lines = change_lines(plan.entity, plan.cleaning, plan.checks, lang)
    if lines:
        typer.echo(tr("Changes made while cleaning:"))
        for line in lines:
            typer.echo("  " + line)
    for rejection in plan.rejections[:20]:
        typer.echo(
            tr(
                "Row {row}: {reasons}",
                row=rejection.row,
                reasons=clause_list(rejection.reasons(plan.entity, lang)),
            ),
            err=True,
        )
    if len(plan.rejections) > 20:
        typer.echo(tr("... and {n} more rejected rows.", n=len(plan.rejections) - 20), err=True)
    raise typer.Exit(code=1 if plan.rejected else 0)


def _parse_map(pairs: list[str]) -> dict[str, str | None]:
    chosen: dict[str, str | None] = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep or not header.strip():
            raise fail(tr("--map takes HEADER=FIELD, not {value}.", value=pair))
        chosen[header.strip()] = field.strip() or None
    return chosen


def _revert(import_id: str, server: str | None, workspace: str | None, user: str | None) -> None:
    from studio.importing.run import revert_import
    from studio.importing.server import server_link
    from studio.workspace.connection import open_workspace

    try:
        ws = open_workspace(workspace)
    except StudioError as exc:
        raise fail(str(exc)) from None
    try:
        outcome = revert_import(ws, import_id, server_link(ws, server), user=user)
    except StudioError as exc:
        raise fail(str(exc)) from None
    finally:
        ws.close()
    typer.echo(
        tr(
            "Import {id} reverted: {removed}, {restored} restored.",
            id=import_id,
            removed=Message("{n} records removed", n=outcome.removed),
            restored=outcome.restored,
        )
    )
