"""What the commands share: the --workspace and --user options, one-line refusals, the passphrase
prompt, the user.

Cheap to import, like every module of ``studio.cli``: ``studio --version`` and ``--help`` load
the command modules, so they name their heavy dependencies (SQLAlchemy, pydantic, httpx, ...)
inside the command functions (``tests/unit/studio/cli/test_startup_imports.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from studio.errors import StudioError
from studio.i18n import tr

if TYPE_CHECKING:
    from studio.workspace.connection import Workspace

T = TypeVar("T")

ENV_PASSPHRASE = "STUDIO_PASSPHRASE"

FormatOpt = Annotated[str, typer.Option("--format", help="text or json")]
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


def passphrase(user: str, *, confirm: bool = False) -> str:
    """``STUDIO_PASSPHRASE``, else asked on the terminal without echo (never logged or stored)."""
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    value: str = typer.prompt(
        tr("Passphrase for {user}'s key", user=user), hide_input=True, confirmation_prompt=confirm
    )
    return value


def fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=1)


def need_user(user: str | None) -> str:
    if not user:
        raise fail(tr("Say who you are with --user NAME (or STUDIO_USER)."))
    return user


def read_only_notice(damage: object) -> str:
    """What a reading command says of a damaged workspace it reads: the damage (with the backup
    to restore) and that it is open read-only."""
    return tr(
        "{damage} It is open read-only: what it still holds can be read, nothing can be changed.",
        damage=damage,
    )


def on_workspace(
    workspace: str | None, fn: Callable[[Workspace], T], *, damaged_read_only: bool = False
) -> T:
    """Open the workspace, run ``fn`` on it, close it; a user error becomes one line and exit 1.

    ``damaged_read_only``: a command that only reads opens a damaged workspace read-only (and
    says so) instead of refusing it; any write it tried would be refused with the same message.
    """
    from studio.workspace.connection import open_workspace

    try:
        ws = open_workspace(workspace, damaged_read_only=damaged_read_only)
    except StudioError as exc:
        raise fail(str(exc)) from None
    if ws.damaged is not None:
        typer.echo(read_only_notice(ws.damaged), err=True)
    try:
        return fn(ws)
    except StudioError as exc:
        raise fail(str(exc)) from None
    finally:
        ws.close()
