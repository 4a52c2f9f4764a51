"""A designer pane over a real sample workspace, and a way to wait for its background save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import Workspace, open_workspace
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane


@pytest.fixture
def workspace(sample_workspace_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(sample_workspace_path)
    yield ws
    ws.close()


@pytest.fixture
def pane(qtbot: QtBot, workspace: Workspace) -> EntitiesPane:
    ctx = StudioContext(workspace, "lin")
    p = EntitiesPane(ctx)
    qtbot.addWidget(p)
    # The draft is read off the UI thread.
    qtbot.waitUntil(lambda: bool(p.doc.bundle.entities), timeout=10_000)
    p.resize(1400, 900)
    p.show()
    qtbot.waitExposed(p)
    return p
