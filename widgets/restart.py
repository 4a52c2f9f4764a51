"""Starting the studio again (after a language change): the same program on the same workspace."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess


def restart_command(workspace: str | None, user: str | None) -> list[str]:
    """The command line that starts this studio again on ``workspace`` as ``user``."""
    if getattr(sys, "frozen", False):  # the packaged app: the executable is the studio
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "studio"]
    if workspace:
        command += ["--workspace", workspace]
    if user:
        command += ["--user", user]
    return command


def start_again(workspace: str | None, user: str | None) -> bool:
    """Start a new studio process, detached from this one; ``False`` if it could not start."""
    program, *args = restart_command(workspace, user)
    started, _pid = QProcess.startDetached(program, args)
    return bool(started)
