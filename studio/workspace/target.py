"""Which workspace a command means, and whether a file is an SQLite database at all.

Kept apart from ``studio.workspace.connection`` (which stands on SQLAlchemy) so that a command
can resolve its workspace before deciding whether it needs SQLAlchemy at all (``studio check``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from studio import APP_NAME

SQLITE_MAGIC = b"SQLite format 3\x00"
ENV_WORKSPACE = "STUDIO_WORKSPACE"


def default_workspace_path() -> Path:
    """The embedded default workspace, in the OS's per-user data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace.db"


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """The workspace a command means: the argument, else ``STUDIO_WORKSPACE``, else the default."""
    if target is None or str(target) == "":
        target = os.environ.get(ENV_WORKSPACE) or default_workspace_path()
    return str(target)


def is_url(target: str) -> bool:
    return "://" in target
