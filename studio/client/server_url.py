"""Which CRM server the studio talks to: the one rule every caller (push, sync, statistics, the
GUI's choice between a configured server and its own local one) goes through.

The server is ``--server`` (``explicit``), else ``STUDIO_SERVER_URL``, else the URL this workspace
last pushed to. A stored URL that a local server of this studio wrote does not count: its port
changes every start and means nothing to the other studios of a shared workspace, so such a
workspace still has no server of its own.
"""

from __future__ import annotations

import os

from schema.models import WorkspaceMeta
from studio.client.http import PushError, check_server_url
from studio.workspace.connection import Workspace

ENV_SERVER = "STUDIO_SERVER_URL"
#: Workspace meta keys: the server the last push went to, and the URL the local server last ran at.
META_SERVER = "server_url"
META_LOCAL_URL = "local_server_url"


def configured_server(ws: Workspace, explicit: str | None = None) -> str | None:
    """The server the person chose, checked (``check_server_url``), or ``None`` when none is.

    Raises ``PushError`` for a URL the studio refuses to talk to (plain HTTP off loopback, a
    token in the URL, not a URL at all).
    """
    url = (explicit or "").strip() or os.environ.get(ENV_SERVER, "").strip()
    if not url:
        with ws.session() as s:
            stored = s.get(WorkspaceMeta, META_SERVER)
            local = s.get(WorkspaceMeta, META_LOCAL_URL)
            if stored is None or not stored.value:
                return None
            if local is not None and local.value == stored.value:
                return None
            url = stored.value
    return check_server_url(url)


def resolve_server_url(ws: Workspace, explicit: str | None = None) -> str:
    """``configured_server``, for the commands that need one: ``PushError`` when there is none."""
    url = configured_server(ws, explicit)
    if url is None:
        raise PushError("No server configured: pass --server URL or set STUDIO_SERVER_URL.")
    return url
