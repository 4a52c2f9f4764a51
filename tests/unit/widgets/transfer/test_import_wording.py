"""The import pane's sentences as a reader sees them, in English and Chinese: "1 row read" (not
"1 rows"), a row's reasons with one mark between two (no "。；"), the data-health summary's
problems each followed by its count (no "。 (139)"), the error-workbook sentence without 行
twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext

#: one good row; one with a wrong mobile and a wrong email (two reasons)
ROWS = [
    ["客户名称", "手机", "邮箱"],
    ["赵六", "13912345678", "zhao@example.com"],
    ["钱七", "12345", "bad@@x"],
]
RECORDS = [
    {"import_key": "c", "name": "李四", "mobile": "13912345678", "email": "x@@y", "owner": "wu"},
    {"import_key": "e", "name": "赵六", "mobile": "12345", "owner": "zhao"},
]


def test_one_row_read_is_singular(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "one.xlsx", ROWS[:2]))
    wait_op(qtbot, pane)
    text = pane.summary.text()
    assert text.startswith("1 row read: 1 to import,"), text
    assert "0 pairs to review" in text and "rows" not in text.split(":")[0], text


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_reasons_and_the_error_workbook_sentence_read_well(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    with in_language(lang):
        pane = make_pane(qtbot, ctx)
        pane.open_file(write_xlsx(tmp_path / "two.xlsx", ROWS))
        wait_op(qtbot, pane)
        assert pane.rejections.rowCount() == 1
        reasons = pane.rejections.cell(pane.rejections.row_at(0), 1)
        mark = "；" if lang == "zh_CN" else "; "
        assert mark in reasons, reasons  # two reasons
        for stop in ("。；", ".;", "。;", "；；"):
            assert stop not in reasons, reasons
        pane.write_errors(tmp_path / "errors.xlsx")
        wait_op(qtbot, pane)
        said = pane.summary.text()
        if lang == "zh_CN":
            assert said == "已将 1 行被拒绝的数据写入 errors.xlsx。", said
        else:
            assert said == "1 rejected row written to errors.xlsx.", said


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_health_summary_lists_each_problem_with_its_count(
    qtbot: QtBot,
    ctx: StudioContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    with in_language(lang):
        pane = make_pane(qtbot, ctx)
        with run_server(data_dir=tmp_path / "server", approvers=None) as server:
            with server.client() as c:
                done = c.post(
                    "/api/v1/records/customer/batch",
                    json={"key_field": "import_key", "records": RECORDS},
                )
                assert done.status_code == 200, done.text
            ctx.server_url = server.base_url
            monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
            pane.health.button.click()
            wait_op(qtbot, pane)
        text = pane.summary.text()
        if lang == "zh_CN":
            # two problems, each with its count, one Chinese mark between them
            assert "电子邮箱（1）；" in text and "电话号码（1）。" in text, text
            for bad in ("。 (", "。（", "。；", " (1)", ";"):
                assert bad not in text, text
        else:
            assert "e-mail address (1); " in text and "phone number (1)." in text, text
            for bad in (". (", ".;"):
                assert bad not in text, text
