"""The import wizard: open a workbook, see the mapping and what the check found (rejections, the
review list with agreement colours, duplicate groups, a chart), import into a real server with
progress, and revert — the work off the UI thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, served, wait_op
from widgets.context import StudioContext

SCREENSHOT = Path("/tmp/import-pane.png")
ROWS = [
    ["客户名称", "手机", "邮箱", "公司", "来源"],
    ["张三", "+86 138-0013-8000", "ZhangSan@QQ.com", "杭州示例科技有限公司", "官网"],
    ["Zhang San", "13800138000", "zhangsan@qq.con", None, "官网"],
    ["張三", "0086 138 0013 8000", None, None, "展会"],
    ["李雷", "13700001111", "lilei@example.com", None, "展会"],
    ["韩梅梅", "137 0000 1111", "han@example.com", None, "微信"],
    [None, "13900001111", "x@example.com", None, "官网"],
    ["王五", "12345", "bad@@x", None, "地推"],
]


def test_open_check_import_and_revert(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
    wait_op(qtbot, pane)
    plan = pane.plan
    assert plan is not None
    assert (plan.rows_read, plan.imported, plan.merged, plan.rejected) == (7, 3, 2, 2)
    assert pane.mapping.rowCount() == 5 and pane.mapping.item(0, 0).text() == "客户名称"
    assert pane.rejections.rowCount() == 2
    assert pane.review.rowCount() == 1 and "李雷" in pane.review.cell(pane.review.row_at(0), 2)
    assert pane.groups.rowCount() == 1
    assert "7 rows read" in pane.summary.text()
    assert pane.import_button.isEnabled() and pane.errors_button.isEnabled()

    pane.write_errors(tmp_path / "errors.xlsx")
    wait_op(qtbot, pane)
    assert (tmp_path / "errors.xlsx").exists()

    pane.resize(1300, 850)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.grab().save(str(SCREENSHOT))

    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        ctx.server_url = server.base_url
        import os

        os.environ["STUDIO_SERVER_TOKEN"] = server.token
        try:
            pane.run_import()
            wait_op(qtbot, pane)
            assert "done: 7 rows read: 3 records created, 2 merged" in pane.summary.text()
            assert pane.history.imports.rowCount() == 1
            pane.health.report(tmp_path / "health.xlsx")
            wait_op(qtbot, pane)
            # 李雷 and 韩梅梅 share one mobile: one of three records is a duplicate by mobile
            assert "duplicate rate by mobile 33.3%" in pane.summary.text(), pane.summary.text()
            assert (tmp_path / "health.xlsx").exists()
            pane.history.imports.selectRow(0)
            pane.history.revert()  # asks first
            assert pane.history.revert_confirm is not None
            pane.history.revert_confirm.accept()
            wait_op(qtbot, pane)
            assert "3 records removed" in pane.summary.text(), pane.summary.text()
            with server.client() as c:
                assert c.get("/api/v1/records/customer").json()["records"] == []
        finally:
            os.environ.pop("STUDIO_SERVER_TOKEN", None)


def test_checking_a_workbook_imported_already_says_so(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    """The same file checked again after its import: the numbers are what an import would
    write if it were new, and the summary says that these records were imported already (an
    import of them again writes nothing: it is the same import, resumed)."""

    pane = make_pane(qtbot, ctx)
    path = write_xlsx(tmp_path / "客户.xlsx", ROWS)
    with served(ctx, tmp_path) as server:
        pane.open_file(path)
        wait_op(qtbot, pane)
        assert "imported already" not in pane.summary.text()
        pane.run_import()
        wait_op(qtbot, pane)
        pane.open_file(path)
        wait_op(qtbot, pane)
        assert "imported already" in pane.summary.text(), pane.summary.text()
        assert "客户.xlsx" in pane.summary.text()
        pane.run_import()
        wait_op(qtbot, pane)
        with server.client() as c:  # nothing written twice
            assert len(c.get("/api/v1/records/customer").json()["records"]) == 3
        from studio.importing.run import import_id_of, revert_import

        assert pane.plan is not None
        link = pane.server_or_none()
        revert_import(ctx.workspace, import_id_of(pane.plan, ctx.user), link, user=ctx.user)
        pane.check()
        wait_op(qtbot, pane)
        assert "reverted" in pane.summary.text() and not pane.import_button.isEnabled()
