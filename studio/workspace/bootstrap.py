"""Creating workspaces: ``studio init`` and the very first start of the studio."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from studio.audit import log as audit
from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from studio.draft.store import replace_draft
from studio.errors import WorkspaceError
from studio.workspace.connection import (
    Workspace,
    beside,
    display_name,
    is_initialised,
    is_url,
    mark_initialised,
    open_workspace,
    resolve_target,
)

SYSTEM_USER = "system"


def init_workspace(
    target: str | os.PathLike[str] | None, *, sample: bool, name: str | None = None
) -> Workspace:
    """Create and migrate a workspace; with ``sample``, load the sample CRM and demo users.

    Refuses a target that already holds an initialised workspace (nothing is overwritten).
    """
    resolved = resolve_target(target)
    ws_name = name or (Path(resolved).stem if not is_url(resolved) else "team workspace")
    if is_url(resolved):
        # PostgreSQL migrates in one transaction; a crash before ``mark_initialised`` leaves a
        # workspace that is not initialised, which the next init (or first start) completes.
        ws = open_workspace(resolved, create=True)
        if is_initialised(ws):
            ws.close()
            raise WorkspaceError(
                "A workspace already exists at {where}.", where=display_name(resolved)
            )
        _populate(ws, ws_name, sample)
        return ws
    return _init_sqlite(Path(resolved).expanduser(), ws_name, sample)


def _init_sqlite(path: Path, ws_name: str, sample: bool) -> Workspace:
    """Build the whole workspace in a file beside ``path`` and rename it into place.

    A crash at any point leaves either no workspace or a whole one: never a half-migrated file
    that no version of the studio can open.
    """
    if path.exists():
        ws = open_workspace(str(path))  # refuses what is not a workspace, untouched
        initialised = is_initialised(ws)
        ws.close()
        if initialised:
            raise WorkspaceError(
                "A workspace already exists at {where}.", where=display_name(str(path))
            )
    work = beside(path, "init")
    _remove(work)  # a stale one of an earlier run with the same process id
    try:
        ws = open_workspace(str(work), create=True)
        try:
            _populate(ws, ws_name, sample)
        finally:
            ws.close()
        os.replace(work, path)
    finally:
        _remove(work)
    return open_workspace(str(path))


def _remove(path: Path) -> None:
    # On a read-only file system even removing a file that is not there fails (EROFS): the
    # clear "read-only" message comes from opening the workspace, not from here.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _populate(ws: Workspace, ws_name: str, sample: bool) -> None:
    bundle = sample_bundle() if sample else Bundle()
    with ws.session() as s:
        replace_draft(s, bundle, user=SYSTEM_USER)
        audit.append(
            s, SYSTEM_USER, "init", ws_name, {"sample": sample, "bundle_sha256": bundle.sha256()}
        )
    mark_initialised(ws, ws_name)


def open_or_create_default(
    target: str | None, *, damaged_read_only: bool = False
) -> tuple[Workspace, bool]:
    """Open the workspace, creating the sample one when it is the default and does not exist yet.

    Returns the workspace and whether it was just created (so the UI can say so).
    ``damaged_read_only``: a damaged workspace is opened read-only (``Workspace.damaged``)
    instead of refused.
    """
    resolved = resolve_target(target)
    if not is_url(resolved) and not Path(resolved).expanduser().exists():
        return init_workspace(resolved, sample=True, name="sample"), True
    ws = open_workspace(resolved, damaged_read_only=damaged_read_only)
    if ws.damaged is not None:
        return ws, False  # never re-initialised: nothing is written to a damaged file
    if not is_initialised(ws):
        ws.close()
        return init_workspace(resolved, sample=True, name="sample"), True
    return ws, False
