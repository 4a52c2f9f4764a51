"""Checked against the server's records, the wizard shows what it found there: a row merged
into a record the server holds is listed under the duplicates merged (it was counted as merged
and listed nowhere), and a row that may be a person the server holds is in the review list,
side by side with that record (it was in neither list nor count). "Not the same person" on
such a pair is remembered: the next check does not ask again."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, served, wait_op
from widgets.context import StudioContext

FIRST = [
    ["客户名称", "手机", "邮箱"],
    ["张三", "13800138000", "zhangsan@qq.com"],
    ["李雷", "13700001111", "lilei@example.com"],
]
SECOND = [
    ["客户名称", "手机", "邮箱"],
    ["Zhang San", "+86 138 0013 8000", "ZhangSan@qq.com"],  # 张三, on the server
    ["韩梅梅", "13700001111", "han@example.com"],  # 李雷's mobile: the same person?
    ["王五", "13911112222", "w@x.com"],
]


def test_merges_into_and_pairs_with_the_servers_records_are_shown(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    pane = make_pane(qtbot, ctx)
    with served(ctx, tmp_path):
        pane.open_file(write_xlsx(tmp_path / "第一批.xlsx", FIRST))
        wait_op(qtbot, pane)
        pane.run_import()
        wait_op(qtbot, pane)
        pane.open_file(write_xlsx(tmp_path / "第二批.xlsx", SECOND))
        wait_op(qtbot, pane)
        plan = pane.plan
        assert plan is not None and (plan.rows_read, plan.imported, plan.merged) == (3, 2, 1)
        on_server = {"en": "on the server", "zh_CN": "服务器上已有"}[lang]
        # the merged row, listed
        assert pane.groups.rowCount() == 1
        merged = pane.groups.row_at(0)
        assert pane.groups.cell(merged, 0).startswith("2 → ") and on_server in (
            pane.groups.cell(merged, 0)
        )
        assert pane.groups.cell(merged, 1) == "Zhang San / 张三"
        # the unsure pair, side by side, and counted
        assert pane.review.rowCount() == 1
        pair = pane.review.row_at(0)
        assert pane.review.cell(pair, 0) == f"3 / {on_server}"
        assert pane.review.cell(pair, 2) == "韩梅梅  |  李雷"
        assert pane.review.cell(pair, 3) == "13700001111  |  13700001111"
        assert pane.tabs.currentIndex() == 1  # the review list first: a person must decide
        counted = {"en": "1 pair to review", "zh_CN": "1 对待复核"}[lang]
        assert counted in pane.summary.text(), pane.summary.text()

        pane.review_view.selectRow(0)
        pane.not_same()
        wait_op(qtbot, pane)
        assert pane.review.rowCount() == 0
        pane.check()
        wait_op(qtbot, pane)
        assert pane.plan is not None and pane.plan.existing_review == []
        assert pane.review.rowCount() == 0  # remembered: not asked again
