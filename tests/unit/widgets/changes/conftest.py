"""Fixtures of the change-flow GUI tests: a sample workspace, a context, the Changes pane.

Keys are real key pairs in the real OS keyring (the test runner provides an unlocked Secret
Service); servers are the real reference server on loopback.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from schema.models import ReleaseRow
from studio.bundle.model import Bundle
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace, open_workspace
from widgets.changes.pane import ChangesPane
from widgets.context import StudioContext

SIGNAL_TIMEOUT = 15_000


@pytest.fixture
def ws(sample_workspace_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    QThreadPool.globalInstance().waitForDone(10_000)  # no background op outlives the workspace
    workspace.close()


@pytest.fixture
def ctx(ws: Workspace) -> StudioContext:
    return StudioContext(ws, "lin")


@pytest.fixture
def pane(qtbot: QtBot, ctx: StudioContext) -> ChangesPane:
    # The pane starts loading in its constructor; the result arrives through the event loop,
    # which runs inside waitSignal.
    p = ChangesPane(ctx)
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.loaded, timeout=SIGNAL_TIMEOUT):
        p.show()
    return p


def record_release(ws: Workspace, version: int, bundle: Bundle | None = None) -> Bundle:
    """A confirmed release row, as ``push`` writes one after the server's 201 (for history and
    diff tests that need a live version but are not about pushing)."""
    with ws.session() as s:
        bundle = bundle or load_draft(s)
        s.add(
            ReleaseRow(
                version=version,
                change_id=str(uuid.uuid4()),
                author="lin",
                bundle_json=bundle.canonical_json().decode("utf-8"),
                bundle_sha256=bundle.sha256(),
                document={
                    "version": version,
                    "bundle_sha256": bundle.sha256(),
                    "approvals": [
                        {"user": "zhou", "role": "business_lead", "decision": "approve"},
                        {"user": "chen", "role": "it_admin", "decision": "approve"},
                    ],
                },
            )
        )
    return bundle
