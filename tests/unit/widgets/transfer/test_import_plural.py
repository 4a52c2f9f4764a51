"""One record imported, one removed: the import pane says "1 record created" and "1 record
removed" (not "1 records"), in Chinese 新建 1 条记录 / 删除 1 条记录."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import open_workspace
from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

ROWS = [["客户名称", "手机", "邮箱"], ["赵六", "13912345678", "zhao@example.com"]]


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


def _wait(qtbot: QtBot, pane: ImportExportPane) -> None:
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_one_record_created_and_removed(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    with in_language(lang):
        pane = ImportExportPane(ctx)
        qtbot.addWidget(pane)
        ctx.document.ensure_loaded()
        qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
        pane.open_file(write_xlsx(tmp_path / "one.xlsx", ROWS))
        _wait(qtbot, pane)
        with run_server(data_dir=tmp_path / "server", approvers=None) as server:
            ctx.server_url = server.base_url
            os.environ["STUDIO_SERVER_TOKEN"] = server.token
            try:
                pane.run_import()
                _wait(qtbot, pane)
                said = pane.summary.text()
                if lang == "en":
                    assert ": 1 record created, 0 updated." in said, said
                else:
                    assert "完成：新建 1 条记录，更新 0 条。" in said, said
                pane.history.imports.selectRow(0)
                pane.history.revert()
                assert pane.history.revert_confirm is not None
                pane.history.revert_confirm.accept()
                _wait(qtbot, pane)
                said = pane.summary.text()
                if lang == "en":
                    assert " reverted: 1 record removed, 0 restored." in said, said
                else:
                    assert "已撤销：删除 1 条记录，恢复 0 条。" in said, said
            finally:
                os.environ.pop("STUDIO_SERVER_TOKEN", None)
