"""``studio config export/import``: the draft as a bundle file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail
from studio.errors import BundleError, StudioError
from studio.i18n import tr

if TYPE_CHECKING:
    from pydantic import ValidationError

app = typer.Typer(help="The draft configuration as a bundle file.", no_args_is_help=True)

_XLSX = ".xlsx"


@app.command("export")
def config_export(
    out: Annotated[
        Path,
        typer.Argument(
            help="The bundle file to write (.json), or the fields and permission matrices (.xlsx)."
        ),
    ],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Write the draft as a bundle (canonical JSON), or its fields and permission matrices as a workbook."""
    from studio import atomic_file
    from studio.audit import log as audit
    from studio.draft.store import load_draft
    from studio.workspace.connection import open_workspace

    if out.suffix.lower() == _XLSX:
        _export_matrices(out, workspace, user)
        return
    try:
        if out.suffix.lower() != ".json":
            raise BundleError(
                "Unsupported file type {suffix}: use .json or .xlsx.", suffix=out.suffix or "''"
            )
        ws = open_workspace(workspace)
        try:
            with ws.session() as s:
                bundle = load_draft(s)
                audit.append(
                    s, user or "unknown", "export", str(out), {"bundle_sha256": bundle.sha256()}
                )
        finally:
            ws.close()
        atomic_file.write_bytes(out, bundle.canonical_json())
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        tr("Exported the draft bundle to {where} (sha256 {sha}).", where=out, sha=bundle.sha256())
    )


@app.command("import")
def config_import(
    source: Annotated[
        Path,
        typer.Argument(
            help="A bundle file (.json) to make the draft, or edited fields and permission matrices (.xlsx)."
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only show the cells that would change (matrices)."),
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write the workbook's problems to this workbook (.xlsx)."),
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Replace the draft with a bundle file (validated first; the draft is untouched on error),
    or apply the cells of edited fields and permission matrices to it, all or nothing."""
    if source.suffix.lower() == _XLSX:
        _import_matrices(source, workspace, user, dry_run=dry_run, errors=errors)
        return
    from pydantic import ValidationError

    from studio.audit import log as audit
    from studio.bundle.model import parse_bundle
    from studio.draft.store import replace_draft
    from studio.workspace.connection import open_workspace

    try:
        if source.suffix.lower() != ".json":
            raise BundleError(
                "Unsupported file type {suffix}: use .json or .xlsx.",
                suffix=source.suffix or "''",
            )
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise BundleError(
                "Cannot read {where}: {reason}", where=source, reason=exc.strerror or exc
            ) from None
        try:
            bundle = parse_bundle(data)
        except ValidationError as exc:
            raise BundleError(
                "{where} is not a valid bundle: {reason}", where=source, reason=_first_errors(exc)
            ) from None
        ws = open_workspace(workspace)
        try:
            with ws.session() as s:
                replace_draft(s, bundle, user=user)
                audit.append(
                    s, user or "unknown", "import", str(source), {"bundle_sha256": bundle.sha256()}
                )
        finally:
            ws.close()
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        tr("Imported {where} as the new draft (sha256 {sha}).", where=source, sha=bundle.sha256())
    )


def _first_errors(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f" (+{more})" if more > 0 else "")


def _export_matrices(out: Path, workspace: str | None, user: str | None) -> None:
    from studio.access.matrix_import import export_matrices
    from studio.audit import log as audit
    from studio.draft.store import load_draft
    from studio.i18n import language
    from studio.workspace.connection import open_workspace

    try:
        ws = open_workspace(workspace)
        try:
            with ws.session() as s:
                bundle = load_draft(s)
                export_matrices(s, bundle, out, language())
                audit.append(
                    s,
                    user or "unknown",
                    "export",
                    str(out),
                    {"what": "permission matrices", "bundle_sha256": bundle.sha256()},
                )
        finally:
            ws.close()
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        tr("Exported the fields and permission matrices of the draft to {where}.", where=out)
    )


def _import_matrices(
    source: Path, workspace: str | None, user: str | None, *, dry_run: bool, errors: Path | None
) -> None:
    from importers.matrix_write import write_problems
    from studio.access.matrix_import import edit_lines, import_operation, read_workbook
    from studio.audit import log as audit
    from studio.draft.document import DraftDocument
    from studio.i18n import language
    from studio.workspace.connection import open_workspace

    who = user or "unknown"
    try:
        ws = open_workspace(workspace)
        try:
            doc = DraftDocument.load(ws)
            with ws.session() as s:
                found = read_workbook(s, doc.bundle, source)
            if found.problems:
                if errors is not None:
                    write_problems(found.problems, errors, language())
                for problem in found.problems:
                    typer.echo(problem.text(), err=True)
                raise fail(
                    tr(
                        "The workbook has {n} problems; nothing was applied.",
                        n=len(found.problems),
                    )
                )
            changed = len(found.edits) + len(found.fields)
            for line in edit_lines(found.edits, found.fields):
                typer.echo(line)
            if dry_run or not changed:
                typer.echo(tr("{n} cells differ from the draft.", n=changed))
                return
            op = import_operation(found)
            doc.apply(op)
            doc.save(ws, who, op.text())
            with ws.session() as s:
                audit.append(
                    s,
                    who,
                    "import",
                    str(source),
                    {"what": "permission matrices and fields", "cells": changed},
                )
        finally:
            ws.close()
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        tr(
            "Applied {n} changed cells of {where} to the draft.",
            n=changed,
            where=source,
        )
    )
