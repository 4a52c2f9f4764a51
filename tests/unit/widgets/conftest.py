from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture
def workspace(sample_workspace_path: Path) -> Iterator[Workspace]:
    """The sample workspace, open (the designer and permissions panes' tests work on it)."""
    ws = open_workspace(sample_workspace_path)
    yield ws
    ws.close()
