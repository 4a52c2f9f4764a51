"""After an import the wizard still accounts for every row read: created + merged + rejected
is the number of rows, said in the person's language (it said only "3 records created", and
the rows merged and rejected seemed lost)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, served, wait_op
from tests.unit.widgets.transfer.test_import_pane import ROWS
from widgets.context import StudioContext


def test_the_summary_after_an_import_adds_up(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    pane = make_pane(qtbot, ctx)
    with served(ctx, tmp_path):
        pane.open_file(write_xlsx(tmp_path / "客户 名单.xlsx", ROWS))
        wait_op(qtbot, pane)
        pane.run_import()
        wait_op(qtbot, pane)
    said = pane.summary.text()
    if lang == "zh_CN":
        found = re.search(
            r"读取 (\d+) 行：新建 (\d+) 条记录，(\d+) 行合并为重复记录，(\d+) 行被拒绝", said
        )
    else:
        found = re.search(
            r"(\d+) rows read: (\d+) records created, (\d+) merged into duplicates, (\d+) rejected",
            said,
        )
    assert found is not None, said
    read, created, merged, rejected = (int(n) for n in found.groups())
    assert (read, created, merged, rejected) == (7, 3, 2, 2)
    assert read == created + merged + rejected


def test_the_review_lists_first_column_is_the_rows_numbers(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    """It holds "27 / 81", two row numbers: in Chinese 行号, not 行数 (the number of rows)."""
    from PySide6.QtCore import Qt

    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
    wait_op(qtbot, pane)
    heading = pane.review.headerData(0, Qt.Orientation.Horizontal)
    assert heading == {"zh_CN": "行号", "en": "Rows"}[lang]
    assert pane.review.data(pane.review.index(0, 0)) == "5 / 6"  # 李雷, 韩梅梅


def test_a_new_user_is_told_what_to_do_first(qtbot: QtBot, ctx: StudioContext, lang: str) -> None:
    """The pane opened blank: no word of where to begin or that a check writes nothing."""
    pane = make_pane(qtbot, ctx)
    said = {
        "en": "Open a workbook (.xlsx, .xls, .ods or .csv): its columns are matched to the "
        "fields and every row is checked at once. Nothing is written until Import.",
        "zh_CN": "请打开一个工作簿（.xlsx、.xls、.ods 或 .csv）：各列会自动对应到字段，"
        "每一行都会立即检查。点击“导入”之前不会写入任何内容。",
    }[lang]
    assert pane.summary.text() == said


def test_without_a_server_the_check_says_import_needs_one(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Import stays pressable without a server (it then says why it cannot run); the check
    says so at once, rather than "the server's records were not consulted"."""
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
    wait_op(qtbot, pane)
    said = {
        "en": "No CRM server is configured: only the workbook was checked, and Import needs one.",
        "zh_CN": "未配置 CRM 服务器：只检查了工作簿本身；导入需要服务器。",
    }[lang]
    assert pane.summary.text().endswith(said), pane.summary.text()
