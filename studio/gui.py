"""The GUI entry: the one module of the core allowed to reach into Qt (through ``widgets``)."""

from __future__ import annotations


def run_gui(workspace: str | None, user: str | None) -> int:
    """Start the studio's window; returns the process exit code."""
    import sys

    from studio.qt_preflight import platform_problem

    problem = platform_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from widgets.app import run

    return run(workspace, user)
