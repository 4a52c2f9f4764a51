"""The ``studio`` Typer app: the GUI with no arguments; the subcommands are added in ``studio.cli``."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from studio import __version__
from studio.cli.common import UserOpt, WorkspaceOpt

app = typer.Typer(
    name="studio",
    help="CRM Config Studio: configure your CRM; every change is co-approved before it goes live.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    # ``studio -w team.db init`` must mean team.db: the subcommands read their own --workspace
    # and --user, falling back to these variables, and Click parses a subcommand's options only
    # after this callback has run. Without this, the option given before the command was
    # silently dropped and the command ran on the default workspace.
    if workspace:
        os.environ["STUDIO_WORKSPACE"] = workspace
    if user:
        os.environ["STUDIO_USER"] = user
    if ctx.invoked_subcommand is None:
        from studio.gui import run_gui  # imported late: the CLI must work without a display

        raise typer.Exit(code=run_gui(workspace, user))
