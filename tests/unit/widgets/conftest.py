from __future__ import annotations

import contextlib
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
    """After each test, before its widgets are deleted: the background workers have returned.

    An operation a test does not wait for (the list of imports reloaded after an import) can
    still be emitting its result from its worker thread when the test ends. Deleting its parent
    widget then takes a Qt lock the emitting worker holds while it waits for the GIL the UI
    thread holds: a whole-suite run hung there. Set up after ``qtbot``, this is torn down before
    it; a worker still busy after a while (long work a test left running) is left as before."""
    yield
    from PySide6.QtCore import QThreadPool

    from widgets import ops

    pools = [QThreadPool.globalInstance()]
    if ops._writer is not None:
        pools.append(ops._writer)
    # pytestqt's TimeoutError: a worker still busy is left as it was before this fixture
    with contextlib.suppress(Exception):
        qtbot.waitUntil(  # type: ignore[attr-defined]
            lambda: all(p.activeThreadCount() == 0 for p in pools), timeout=10_000
        )
