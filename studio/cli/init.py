"""``studio init [--sample]``: create and migrate a workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail
from studio.errors import StudioError
from studio.i18n import tr


def init(
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Load the sample CRM and demo users.")
    ] = False,
    name: Annotated[str | None, typer.Option(help="The workspace's name.")] = None,
) -> None:
    """Create and migrate a workspace, optionally with the sample configuration."""
    from studio.workspace.bootstrap import init_workspace
    from studio.workspace.connection import display_name, resolve_target

    target = resolve_target(workspace)
    try:
        ws = init_workspace(target, sample=sample, name=name)
    except StudioError as exc:
        raise fail(str(exc)) from None
    ws.close()
    if sample:
        typer.echo(
            tr(
                "Created a new workspace at {where} with the sample CRM configuration.",
                where=display_name(target),
            )
        )
    else:
        typer.echo(tr("Created an empty workspace at {where}.", where=display_name(target)))
