"""Subcommands of ``studio``, one module each, registered in ``studio.cli`` with one line.

The change flow's sub-apps (keys, change, audit) are registered together by ``register``.
"""

from __future__ import annotations

import os

import typer

from studio.i18n import tr

ENV_PASSPHRASE = "STUDIO_PASSPHRASE"


def register(app: typer.Typer) -> None:
    from studio.commands import audit_cmd, change, keys

    app.add_typer(keys.app, name="keys")
    app.add_typer(change.app, name="change")
    app.add_typer(audit_cmd.app, name="audit")


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
