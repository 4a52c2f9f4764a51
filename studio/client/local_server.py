"""The reference server, started inside the studio when no server is configured.

So that the whole change flow (author, business lead, IT admin; submit, approve, push, roll back)
runs on one machine out of the box, the studio starts ``studio.server`` with uvicorn in a
background thread on a free 127.0.0.1 port. Its bearer token is random and kept in memory only:
nothing else can use it, and a new start simply makes a new one.

Its data must follow the workspace's releases. For an SQLite workspace it lives in the per-user
data folder, one folder per workspace. A PostgreSQL workspace is shared: each studio on it starts
its own local server, and these all keep their data in the workspace's database (schema
``studio_local_server``), so that they share one version chain. Separate chains would drift
apart: a push from one studio would leave the others' servers a version behind, refusing every
later push.

The first approver registry is the workspace's registered keys, set when the server has neither
a registry nor a release (``sync_registry``); after that, as on any server, the registry changes
only through an approved release.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import platformdirs
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from schema.models import WorkspaceMeta
from studio import APP_NAME
from studio.changes import keys
from studio.client.server_url import META_LOCAL_URL, META_SERVER
from studio.errors import StudioError
from studio.workspace.connection import Workspace

#: Workspace meta key: this workspace's local-server folder (its URL: ``server_url.META_LOCAL_URL``).
META_LOCAL_ID = "local_server_id"
START_TIMEOUT = 20.0
#: Where the local servers of a shared (PostgreSQL) workspace keep their one version chain.
SHARED_SCHEMA = "studio_local_server"


def data_root() -> Path:
    """Where local servers keep their data (per user; one sub-folder per workspace)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "local-server"


def _workspace_folder(ws: Workspace) -> Path:
    with ws.session() as s:
        meta = s.get(WorkspaceMeta, META_LOCAL_ID)
        if meta is None:
            meta = WorkspaceMeta(key=META_LOCAL_ID, value=uuid.uuid4().hex)
            s.add(meta)
        folder_id = meta.value
    return data_root() / folder_id


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@dataclass
class LocalServer:
    """A running in-process reference server: ``url`` and ``token`` to push with, ``stop()``."""

    url: str
    token: str
    data_dir: Path
    _server: object = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _engine: Engine = field(repr=False)

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=10.0,
            trust_env=False,
        )

    def sync_registry(self, ws: Workspace) -> int:
        """Register the workspace's active keys while the server has no registry and no release.

        Returns how many approvers the server knows afterwards. Once set, the registry is left
        alone: changing it is a release like any other.
        """
        entries = keys.approvers_registry(ws)
        with self.client() as c:
            known = c.get("/api/v1/approvers").json().get("approvers", [])
            if known or not entries:
                return len(known)
            has_release = c.get("/api/v1/releases/current").status_code == 200
            if has_release:
                return 0
            answer = c.post("/api/v1/approvers/bootstrap", json=entries)
            code = answer.json().get("error", {}).get("code") if answer.status_code == 409 else ""
            if code == "registry_already_set":  # another studio on a shared workspace was first
                return len(c.get("/api/v1/approvers").json().get("approvers", []))
            if answer.status_code != 201:
                raise StudioError(
                    "The local server refused the approver registry: {message}",
                    message=answer.text[:200],
                )
        return len(entries)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to finish its requests and exit; wait for the thread; close the database
        connections (on a shared PostgreSQL workspace, a pool per start would pile up)."""
        self._server.should_exit = True  # type: ignore[attr-defined]
        self._thread.join(timeout)
        self._engine.dispose()


def start_local_server(ws: Workspace, *, data_dir: Path | None = None) -> LocalServer:
    """Start the reference server for ``ws`` on a free loopback port; returns once it answers.

    Raises ``StudioError`` when it cannot start (folder not writable, database unusable).
    """
    import uvicorn  # late: only the studio's local server needs the server stack

    from studio.server.app import ServerSettings, create_app

    folder = data_dir or _workspace_folder(ws)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudioError(
            "Cannot create the data folder {where}: {reason}",
            where=folder,
            reason=exc.strerror or exc,
        ) from None
    token = secrets.token_urlsafe(32)
    if ws.is_sqlite or data_dir is not None:
        settings = ServerSettings(
            database_url=f"sqlite:///{(folder / 'server.db').resolve()}", token=token
        )
    else:
        # The workspace's own connection (its password stays in memory, as the workspace's).
        settings = ServerSettings(
            database_url=ws.engine.url.render_as_string(hide_password=False),
            token=token,
            db_schema=SHARED_SCHEMA,
        )
    try:
        app = create_app(settings)
    except SQLAlchemyError as exc:
        # The driver's first line ("permission denied for database crm") holds no password.
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        raise StudioError(
            "The local server cannot use its database: {reason}", reason=reason
        ) from None
    sock = _free_socket()
    port = int(sock.getsockname()[1])
    # log_config=None: keep the studio's own logging set-up; the server logs to the same file.
    config = uvicorn.Config(app, log_config=None, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="studio-local-server", daemon=True
    )
    thread.start()
    url = f"http://127.0.0.1:{port}"
    local = LocalServer(
        url=url,
        token=token,
        data_dir=folder,
        _server=server,
        _thread=thread,
        _engine=app.state.engine,
    )
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            local.stop()
            sock.close()
            raise StudioError("The local server did not start.")
        time.sleep(0.02)
    with ws.session() as s:
        previous = s.get(WorkspaceMeta, META_LOCAL_URL)
        stored = s.get(WorkspaceMeta, META_SERVER)
        if stored is not None and previous is not None and stored.value == previous.value:
            # The last push went to an earlier local server: follow it to the new port.
            stored.value = url
        s.merge(WorkspaceMeta(key=META_LOCAL_URL, value=url))
    return local
