"""After an import the wizard still accounts for every row read: created + merged + rejected
is the number of rows, said in the person's language (it said only "3 records created", and
the rows merged and rejected seemed lost)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from tests.unit.widgets.transfer.test_import_pane import ROWS
from widgets.context import StudioContext


def test_the_summary_after_an_import_adds_up(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    pane = make_pane(qtbot, ctx)
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        ctx.server_url = server.base_url
        os.environ["STUDIO_SERVER_TOKEN"] = server.token
        try:
            pane.open_file(write_xlsx(tmp_path / "客户 名单.xlsx", ROWS))
            wait_op(qtbot, pane)
            pane.run_import()
            wait_op(qtbot, pane)
        finally:
            os.environ.pop("STUDIO_SERVER_TOKEN", None)
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
