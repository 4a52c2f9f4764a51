"""``studio serve``: run the reference CRM server.

Loopback by default. A non-loopback address is refused without TLS: the bearer token and every
approval would otherwise cross the network in clear. The token comes from
``STUDIO_SERVER_TOKEN``; without it one is generated and printed once to stderr for the operator.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Annotated

import platformdirs
import typer

from studio import APP_NAME
from studio.errors import StudioError
from studio.i18n import tr

TOKEN_ENV = "STUDIO_SERVER_TOKEN"


def default_data_dir() -> Path:
    """``server/`` next to the default workspace, in the platform's user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "server"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8765,
    data: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the server's SQLite database (default: the studio's data folder)."
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(help="Database URL instead of --data, e.g. postgresql+psycopg://…"),
    ] = None,
    approvers: Annotated[
        Path | None,
        typer.Option(help='First approver registry: JSON [{"user","role","key_id","public_key"}].'),
    ] = None,
    ssl_certfile: Annotated[Path | None, typer.Option(help="TLS certificate (PEM).")] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
    header_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a client has to send a request head.")
    ] = 10.0,
    body_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a client has to send a request body.")
    ] = 60.0,
    max_connections: Annotated[
        int | None,
        typer.Option(min=1, help="Open connections at most (default: from the file limit)."),
    ] = None,
) -> None:
    """Run the reference CRM server (releases, approvers, records)."""
    import uvicorn  # imported late: the other commands do not need the server stack

    from studio.server.app import ServerSettings, create_app, load_approvers

    def fail(message: str) -> typer.Exit:
        typer.echo(message, err=True)
        return typer.Exit(code=1)

    tls = ssl_certfile is not None and ssl_keyfile is not None
    if (ssl_certfile is None) != (ssl_keyfile is None):
        raise fail(tr("Give both --ssl-certfile and --ssl-keyfile, or neither."))
    if not is_loopback(host) and not tls:
        raise fail(
            tr(
                "Refusing to listen on {host} without TLS: tokens and approvals would cross the "
                "network in clear. Use --ssl-certfile and --ssl-keyfile, or a loopback address.",
                host=host,
            )
        )
    if database:
        url = database
    else:
        folder = data or default_data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise fail(
                tr(
                    "Cannot create the data folder {where}: {reason}",
                    where=folder,
                    reason=exc.strerror or exc,
                )
            ) from None
        url = f"sqlite:///{(folder / 'server.db').resolve()}"

    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        token = secrets.token_urlsafe(32)
        typer.echo(
            tr(
                "No {env} set; this server's token (shown once): {token}",
                env=TOKEN_ENV,
                token=token,
            ),
            err=True,
        )
    registry = None
    if approvers is not None:
        try:
            registry = load_approvers(approvers.read_bytes())
        except OSError as exc:
            raise fail(
                tr("Cannot read {where}: {reason}", where=approvers, reason=exc.strerror or exc)
            ) from None
        except StudioError as exc:
            raise fail(str(exc)) from None
    try:
        app = create_app(ServerSettings(database_url=url, token=token, approvers=registry))
    except StudioError as exc:
        raise fail(str(exc)) from None
    except Exception as exc:  # a database that cannot be reached or created
        raise fail(tr("Cannot open the server database: {reason}", reason=exc)) from None
    from studio.server.transport import limit_repeated_logs, protocol_class

    limit_repeated_logs()
    uvicorn.run(
        app,
        http=protocol_class(
            header_timeout=header_timeout,
            body_timeout=body_timeout,
            max_connections=max_connections,
        ),
        # Connections idle between requests are closed as soon as a head may take.
        timeout_keep_alive=5,
        host=host,
        port=port,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        log_level="info",
    )
