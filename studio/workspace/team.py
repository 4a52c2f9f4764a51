"""Team workspaces on PostgreSQL: the URL built from the parts an admin knows (host, port,
database, user), and the password kept in the OS keyring under that URL, never in the URL, the
workspace, a setting or a log."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from studio.errors import WorkspaceError

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432


def team_url(host: str, port: int | str, database: str, user: str) -> str:
    """``postgresql+psycopg://user@host:port/database``, each part quoted as needed."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise WorkspaceError("Enter the database server's host name or address.")
    if not database:
        raise WorkspaceError("Enter the database name.")
    if not user:
        raise WorkspaceError("Enter the database user.")
    try:
        number = int(port)
    except (TypeError, ValueError):
        number = -1
    if not 0 < number < 65536:
        raise WorkspaceError("The port must be a number from 1 to 65535.")
    url = URL.create(DRIVER, username=user, host=host, port=number, database=database)
    return url.render_as_string(hide_password=False)


def without_password(target: str) -> str:
    """``target`` with any password removed: the name its password is kept under."""
    try:
        url = make_url(target)
    except ArgumentError:
        return target
    return url._replace(password=None).render_as_string(hide_password=False)


def with_keyring_password(target: str) -> URL | str:
    """The URL to connect with: ``target`` itself when it carries a password or the keyring has
    none for it (libpq may still find one in PGPASSWORD or ~/.pgpass), else with the keyring's."""
    url = make_url(target)
    if url.password is not None:
        return target
    from studio.changes.keystore import KeyringError, workspace_password

    try:
        password = workspace_password(without_password(target))
    except KeyringError:
        return target
    return url.set(password=password) if password else target
