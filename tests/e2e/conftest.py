"""Shared by the change-flow end-to-end tests: a sample workspace whose demo approvers have keys
(in the real keyring), and a real ``studio serve`` that registers those keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import make_demo_keys, registry_of
from tests.helpers.server import LiveServer, run_server


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "w.db", sample=True)
    make_demo_keys(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def server(ws: Workspace, tmp_path: Path) -> Iterator[LiveServer]:
    with run_server(data_dir=tmp_path / "server", approvers=registry_of(ws)) as live:  # type: ignore[arg-type]
        yield live
