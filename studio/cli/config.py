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


@app.command("export")
def config_export(
    out: Annotated[Path, typer.Argument(help="The bundle file to write (.json).")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Write the draft as a bundle (canonical JSON)."""
    from studio import atomic_file
    from studio.audit import log as audit
    from studio.draft.store import load_draft
    from studio.workspace.connection import open_workspace

    try:
        if out.suffix.lower() != ".json":
            raise BundleError(
                "Unsupported file type {suffix}: use .json.", suffix=out.suffix or "''"
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
    source: Annotated[Path, typer.Argument(help="A bundle file (.json) to make the draft.")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Replace the draft with a bundle file (validated first; the draft is untouched on error)."""
    from pydantic import ValidationError

    from studio.audit import log as audit
    from studio.bundle.model import parse_bundle
    from studio.draft.store import replace_draft
    from studio.workspace.connection import open_workspace

    try:
        if source.suffix.lower() != ".json":
            raise BundleError(
                "Unsupported file type {suffix}: use .json.", suffix=source.suffix or "''"
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
