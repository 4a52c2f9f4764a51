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


@pytest.fixture(autouse=True)
def _background_work_ended(qtbot: object) -> Iterator[None]:
    """After each test, before its widgets are deleted: every background operation has handed
    back its result and its worker has returned.

    An operation a test does not wait for (the list of imports reloaded after an import) can
    still be emitting its result from its worker thread when the test ends. Deleting its parent
    widget then takes a Qt lock the emitting worker holds while it waits for the GIL the UI
    thread holds: the run hung there (``test_records_exported_with_their_formulas_neutralised``,
    in a whole-suite run). Set up after ``qtbot``, this is torn down before it."""
    yield
    from PySide6.QtCore import QThreadPool

    from widgets import ops

    pools = [QThreadPool.globalInstance()]
    if ops._writer is not None:
        pools.append(ops._writer)
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: not ops._running and all(p.activeThreadCount() == 0 for p in pools),
        timeout=60_000,
    )
