"""A workbook saved again or moved between Check and Import: the import would write the rows
as they were checked, not as the file now says (the admin fixed the rejected rows in Excel and
pressed Import). Nothing is written; the wizard asks for a new check, in the person's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import checked_pane, served, wait_op
from tests.unit.widgets.transfer.test_import_pane import ROWS
from widgets.context import StudioContext


@pytest.mark.parametrize("change", ["saved again", "deleted"])
def test_a_file_changed_after_the_check_is_checked_again_before_any_import(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str, change: str
) -> None:
    path = write_xlsx(tmp_path / "客户 名单.xlsx", ROWS)
    pane = checked_pane(qtbot, ctx, path)
    assert pane.plan is not None and pane.plan.rejected == 2
    if change == "deleted":
        path.unlink()
    else:  # the two rejected rows fixed and saved
        write_xlsx(
            path, [r for r in ROWS if r[0] not in (None, "王五")] + [["赵六", "13600001111"]]
        )
    with served(ctx, tmp_path) as server:
        pane.run_import()
        assert pane.op is None and pane.plan is None  # nothing started
        assert not pane.import_button.isEnabled()
        said = {
            "en": "客户 名单.xlsx changed or was moved since it was checked: press Check.",
            "zh_CN": "客户 名单.xlsx 在检查之后被修改或移走了：请点击“检查”。",
        }[lang]
        assert pane.summary.text() == said
        with server.client() as c:
            assert c.get("/api/v1/records/customer").json()["records"] == []
        if change == "saved again":  # checked anew, the file as it is now imports
            pane.check()
            wait_op(qtbot, pane)
            assert pane.plan is not None and pane.plan.rejected == 0
            pane.run_import()
            wait_op(qtbot, pane)
            with server.client() as c:
                names = {r["name"] for r in c.get("/api/v1/records/customer").json()["records"]}
            assert "赵六" in names
