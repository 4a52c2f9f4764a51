"""One record imported, one removed: the import pane says "1 record created" and "1 record
removed" (not "1 records"), in Chinese 新建 1 条记录 / 删除 1 条记录."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from tests.unit.widgets.transfer.conftest import make_pane, served, wait_op
from widgets.context import StudioContext

ROWS = [["客户名称", "手机", "邮箱"], ["赵六", "13912345678", "zhao@example.com"]]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_one_record_created_and_removed(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    with in_language(lang):
        pane = make_pane(qtbot, ctx)
        pane.open_file(write_xlsx(tmp_path / "one.xlsx", ROWS))
        wait_op(qtbot, pane)
        with served(ctx, tmp_path):
            pane.run_import()
            wait_op(qtbot, pane)
            said = pane.summary.text()
            if lang == "en":
                assert ": 1 row read: 1 record created, 0 merged" in said, said
            else:
                assert "完成：读取 1 行：新建 1 条记录，0 行合并" in said, said
            pane.history.imports.selectRow(0)
            pane.history.revert()
            assert pane.history.revert_confirm is not None
            pane.history.revert_confirm.accept()
            wait_op(qtbot, pane)
            said = pane.summary.text()
            if lang == "en":
                assert " reverted: 1 record removed, 0 restored." in said, said
            else:
                assert "已撤销：删除 1 条记录，恢复 0 条。" in said, said
