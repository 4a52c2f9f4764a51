"""The GUI entry: the one module of the core allowed to reach into Qt (through ``widgets``)."""

from __future__ import annotations


def run_gui(workspace: str | None, user: str | None) -> int:
    """Start the studio's window; returns the process exit code."""
    from widgets.app import run

    return run(workspace, user)
