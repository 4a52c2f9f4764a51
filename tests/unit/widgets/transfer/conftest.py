"""What the import wizard's tests share: the sample workspace as lin's context (``ctx``), the
pane on it (``pane``; ``make_pane`` inside a test's own language), waiting for the pane's
operation (``wait_op``), and both languages of the UI and the core's messages (``lang``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio import i18n
from studio.workspace.connection import open_workspace
from tests.helpers.server import LiveServer, run_server
from widgets.context import StudioContext
from widgets.settings import set_language_setting
from widgets.transfer.pane import ImportExportPane
from widgets.translation import install_translators


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


@pytest.fixture
def pane(qtbot: QtBot, ctx: StudioContext) -> ImportExportPane:
    return make_pane(qtbot, ctx)


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    if request.param == "zh_CN":
        set_language_setting("zh_CN")
        assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
        i18n.set_language("zh_CN")
    try:
        yield request.param
    finally:
        i18n.set_language("en")
        for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
            app.removeTranslator(t)  # type: ignore[union-attr]
        set_language_setting("system")


def make_pane(qtbot: QtBot, ctx: StudioContext) -> ImportExportPane:
    """An import pane on ``ctx`` once it lists the entities (made in the language of the moment)."""
    pane = ImportExportPane(ctx)
    qtbot.addWidget(pane)
    ctx.document.ensure_loaded()
    qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
    return pane


def wait_op(qtbot: QtBot, pane: ImportExportPane) -> None:
    """Wait until the operation the pane has just started (a check, an import...) has finished."""
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass


def checked_pane(qtbot: QtBot, ctx: StudioContext, path: Path) -> ImportExportPane:
    """A new pane (``make_pane``) that has opened and checked ``path``."""
    pane = make_pane(qtbot, ctx)
    pane.open_file(path)
    wait_op(qtbot, pane)
    return pane


@contextmanager
def served(ctx: StudioContext, tmp_path: Path) -> Iterator[LiveServer]:
    """A real reference server on loopback that ``ctx`` imports into (its token as the
    environment gives it, taken away after)."""
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        ctx.server_url = server.base_url
        os.environ["STUDIO_SERVER_TOKEN"] = server.token
        try:
            yield server
        finally:
            os.environ.pop("STUDIO_SERVER_TOKEN", None)
