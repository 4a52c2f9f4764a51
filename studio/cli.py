"""The ``studio`` command: the GUI with no arguments, headless subcommands otherwise.

Errors the user can cause print one clear line and exit 1; tracebacks are for bugs only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from studio import __version__, audit
from studio.bootstrap import init_workspace
from studio.bundle import parse_bundle
from studio.commands.serve import serve as serve_command
from studio.draft_store import load_draft, replace_draft
from studio.errors import BundleError, StudioError
from studio.i18n import tr
from studio.logs import setup_logging
from studio.workspace import display_name, open_workspace, resolve_target

app = typer.Typer(
    name="studio",
    help="CRM Config Studio: configure your CRM; every change is co-approved before it goes live.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="The draft configuration as a bundle file.", no_args_is_help=True)
app.add_typer(config_app, name="config")
app.command("serve")(serve_command)

WorkspaceOpt = Annotated[
    str | None,
    typer.Option(
        "--workspace",
        "-w",
        envvar="STUDIO_WORKSPACE",
        help="Workspace: an SQLite file path or a postgresql+psycopg:// URL.",
    ),
]
UserOpt = Annotated[
    str | None,
    typer.Option("--user", "-u", envvar="STUDIO_USER", help="Who you are (a workspace user)."),
]


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"CRM Config Studio {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """With no command, open the studio's window on the (default) workspace."""
    if ctx.invoked_subcommand is None:
        from studio.gui import run_gui  # imported late: the CLI must work without a display

        raise typer.Exit(code=run_gui(workspace, user))


@app.command()
def init(
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Load the sample CRM and demo users.")
    ] = False,
    name: Annotated[str | None, typer.Option(help="The workspace's name.")] = None,
) -> None:
    """Create and migrate a workspace, optionally with the sample configuration."""
    target = resolve_target(workspace)
    try:
        ws = init_workspace(target, sample=sample, name=name)
    except StudioError as exc:
        raise _fail(str(exc)) from None
    ws.close()
    msg = (
        "Created a new workspace at {where} with the sample CRM configuration."
        if sample
        else "Created an empty workspace at {where}."
    )
    typer.echo(tr(msg, where=display_name(target)))


@config_app.command("export")
def config_export(
    out: Annotated[Path, typer.Argument(help="The bundle file to write (.json).")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Write the draft as a bundle (canonical JSON)."""
    try:
        if out.suffix.lower() != ".json":
            raise BundleError(
                tr("Unsupported file type {suffix}: use .json.", suffix=out.suffix or "''")
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
        _write_atomically(out, bundle.canonical_json())
    except StudioError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(
            tr("Cannot write to {where}: the folder or file is read-only.", where=out)
            + f" ({exc.strerror})"
        ) from None
    typer.echo(
        tr("Exported the draft bundle to {where} (sha256 {sha}).", where=out, sha=bundle.sha256())
    )


@config_app.command("import")
def config_import(
    source: Annotated[Path, typer.Argument(help="A bundle file (.json) to make the draft.")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Replace the draft with a bundle file (validated first; the draft is untouched on error)."""
    try:
        if source.suffix.lower() != ".json":
            raise BundleError(
                tr("Unsupported file type {suffix}: use .json.", suffix=source.suffix or "''")
            )
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise BundleError(
                tr("Cannot read {where}: {reason}", where=source, reason=exc.strerror or exc)
            ) from None
        try:
            bundle = parse_bundle(data)
        except ValidationError as exc:
            raise BundleError(
                tr(
                    "{where} is not a valid bundle: {reason}",
                    where=source,
                    reason=_first_errors(exc),
                )
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
        raise _fail(str(exc)) from None
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


def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target, then rename: a crash never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def main() -> None:
    log_file = setup_logging()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # a bug: the traceback goes to the log file, a short line to the user
        logging.getLogger("studio").exception("unexpected error")
        typer.echo(tr("Unexpected error; the details are in {where}.", where=log_file), err=True)
        sys.exit(2)


from studio.commands import check as _check  # noqa: E402, F401  (registers ``studio check``)
from studio.commands.change_flow import register as _register_change_flow  # noqa: E402

_register_change_flow(app)  # ``keys``, ``change``, ``audit``
