"""Which CRM server an import writes to, with which token: the rule every command follows
(``studio.client.server_url``), and the errors its answers become."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from importers.errors import ImportRefused
from studio.client.http import AuthError, RetryPolicy, auth_failure, server_client
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class ServerLink:
    url: str
    token: str

    def client(self) -> httpx.Client:
        return server_client(self.url, self.token, RetryPolicy())

    def auth_error(self, response: httpx.Response) -> AuthError:
        return auth_failure(response, self.url)

    def refused(self, response: httpx.Response, error: tuple[str, str]) -> ImportRefused:
        code, message = error
        return ImportRefused(
            "The server refused the import (HTTP {status}, {code}): {message}",
            status=response.status_code,
            code=code or "-",
            message=message or "-",
        )


def server_link(ws: Workspace, explicit: str | None = None, token: str | None = None) -> ServerLink:
    """The configured server and its token; ``ImportRefused``/``PushError`` when there is none."""
    from studio.changes import keystore
    from studio.client.server_url import resolve_server_url

    url = resolve_server_url(ws, explicit)
    token = token or keystore.server_token(url)
    if not token:
        raise ImportRefused(
            "Importing needs a token for {url}: set STUDIO_SERVER_TOKEN or store one with 'studio keys token --server {url}'.",
            url=url,
        )
    return ServerLink(url, token)


def configured_link(ws: Workspace, explicit: str | None = None) -> ServerLink | None:
    """``server_link`` when a server is configured, else ``None`` (a dry run without a server)."""
    from studio.client.server_url import configured_server

    if configured_server(ws, explicit) is None:
        return None
    return server_link(ws, explicit)
