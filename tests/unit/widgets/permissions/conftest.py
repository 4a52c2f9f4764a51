"""The permissions pane over a real sample workspace (``workspace``: widgets/conftest.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import Workspace
from tests.unit.widgets.helpers import shown
from widgets.context import StudioContext
from widgets.permissions.pane import PermissionsPane


@pytest.fixture
def pane(qtbot: QtBot, workspace: Workspace) -> PermissionsPane:
    return shown(qtbot, PermissionsPane(StudioContext(workspace, "lin")))
