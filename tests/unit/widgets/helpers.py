"""Waiting for a designer's background save, and reading what the workspace really holds."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace, open_workspace
from widgets.entities.pane import EntitiesPane


def saved(qtbot: QtBot, pane: EntitiesPane):  # type: ignore[no-untyped-def]
    """Context manager: wait until the edit made inside it is written to the draft."""
    return qtbot.waitSignal(
        pane.doc.save_state, timeout=10_000, check_params_cb=lambda state, _m: state == "saved"
    )


def stored(path_or_ws: Workspace | Path) -> Bundle:
    """The draft as the workspace has it now, read through a separate connection."""
    ws = open_workspace(path_or_ws) if isinstance(path_or_ws, Path) else path_or_ws
    try:
        with ws.session() as s:
            return load_draft(s)
    finally:
        if isinstance(path_or_ws, Path):
            ws.close()
