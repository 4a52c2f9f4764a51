"""``studio keys ...``: signing keys and the server token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from studio.cli.common import (
    FormatOpt,
    UserOpt,
    WorkspaceOpt,
    fail,
    need_user,
    on_workspace,
    passphrase,
)
from studio.errors import StudioError
from studio.i18n import tr

app = typer.Typer(
    help="Signing keys (private key in the OS keyring) and server tokens.", no_args_is_help=True
)


def _make(workspace: str | None, user: str | None, rotate: bool) -> None:
    from studio.changes import keys as keys_core
    from studio.changes import keystore
    from studio.workspace.connection import open_workspace

    who = need_user(user)
    try:
        keystore.require_secure_keyring()
        ws = open_workspace(workspace)
        try:
            secret = passphrase(who, confirm=True)
            info = (keys_core.rotate_key if rotate else keys_core.create_key)(ws, who, secret)
        finally:
            ws.close()
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(
        tr(
            "Key {key_id} of {user} ({role}) is in the keyring; its public key is in the draft's "
            "approvers: submit and approve a change to register it on the server.",
            key_id=info.key_id,
            user=info.user,
            role=info.role,
        )
    )


@app.command("create")
def create(workspace: WorkspaceOpt = None, user: UserOpt = None) -> None:
    """Make your key pair; the private key is stored in the OS keyring under your passphrase."""
    _make(workspace, user, rotate=False)


@app.command("rotate")
def rotate(workspace: WorkspaceOpt = None, user: UserOpt = None) -> None:
    """Replace a lost or old key: the old one is revoked, a new one is made."""
    _make(workspace, user, rotate=True)


@app.command("list")
def list_(
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """The public keys the workspace knows."""
    from studio.changes import keys as keys_core

    infos = on_workspace(workspace, keys_core.list_keys)
    if fmt == "json":
        typer.echo(
            json.dumps(
                [
                    {
                        "user": i.user,
                        "role": i.role,
                        "key_id": i.key_id,
                        "public_key": i.public_key,
                        "revoked": i.revoked_at is not None,
                    }
                    for i in infos
                ],
                ensure_ascii=False,
            )
        )
        return
    for i in infos:
        state = tr("revoked") if i.revoked_at else tr("active")
        typer.echo(f"{i.key_id}  {i.user:<12} {i.role:<16} {state}")


@app.command("export-approvers")
def export_approvers(
    out: Annotated[Path, typer.Option("--out", help="JSON file for 'studio serve --approvers'.")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """The active public keys as a server's first approver registry."""
    from studio import atomic_file
    from studio.changes import keys as keys_core
    from studio.workspace.connection import open_workspace

    try:
        ws = open_workspace(workspace)
        try:
            registry = keys_core.approvers_registry(ws)
        finally:
            ws.close()
        atomic_file.write_text(out, json.dumps(registry, ensure_ascii=False, indent=2))
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(tr("Wrote {n} approver keys to {where}.", n=len(registry), where=out))


@app.command("token")
def token(
    server: Annotated[str, typer.Option("--server", help="The server the token is for.")],
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Store the server's bearer token in the OS keyring (asked without echo)."""
    from studio.changes import keystore
    from studio.client.http import check_server_url

    try:
        url = check_server_url(server)
        keystore.require_secure_keyring()
        value = typer.prompt(tr("Token for {url}", url=url), hide_input=True).strip()
        if not value:
            raise StudioError("The token is empty.")
        keystore.store_server_token(url, value)
    except StudioError as exc:
        raise fail(str(exc)) from None
    typer.echo(tr("The token for {url} is stored in the keyring.", url=url))
