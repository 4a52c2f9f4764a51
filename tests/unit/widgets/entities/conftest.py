"""A designer pane over a real sample workspace (``workspace``: tests/unit/widgets/conftest.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import Workspace
from tests.unit.widgets.helpers import shown
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane


@pytest.fixture
def pane(qtbot: QtBot, workspace: Workspace) -> EntitiesPane:
    return shown(qtbot, EntitiesPane(StudioContext(workspace, "lin")))
