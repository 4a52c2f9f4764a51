"""The import wizard's texts are read whole, in English and in Chinese: the bar's "no file" note and
a long file name (cut in the middle with the whole path as its tooltip, never cut silently), the
heading of the merged duplicates, the Data health table's kinds and owners; and the Data health
report says it is out of date once an import or a revert has changed the server's records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

#: Records whose kinds of dirty data are long sentences and whose owners are several.
RECORDS = [
    {
        "import_key": f"k{i}",
        "name": "张三",
        "mobile": "13800138000" if i % 2 else "12345",
        "credit_code": "91330100MA27XXXX0X",
        "source": "unknown_src",
        "owner": ["wu", "zhao", "chen", "离职员工", ""][i % 5],
    }
    for i in range(40)
]


def _pane(qtbot: QtBot, ctx: StudioContext, width: int) -> ImportExportPane:
    pane = make_pane(qtbot, ctx)
    pane.resize(width, 850)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def _buttons(widget: QWidget) -> list[QPushButton]:
    return widget.findChildren(QPushButton)


def _fits(table: QTableWidget, row: int, column: int) -> bool:
    """Whether the cell shows its whole text (wrapped within its width and height)."""
    item = table.item(row, column)
    room = QRect(0, 0, table.columnWidth(column) - 8, 10_000)
    needed = table.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, item.text())
    return needed.width() <= room.width() and needed.height() <= table.rowHeight(row)


def test_the_bar_and_the_duplicates_heading_are_read_whole(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    # the pane's width in a 1440 px window (the navigator takes the rest); in a 1366 px one the
    # English bar is some 20 px short and the label is cut in the middle, its tooltip whole
    pane = _pane(qtbot, ctx, 1250)
    label = pane.file_label
    # the whole of what it shows fits ("…or .csv (" was cut at the label's edge)
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    assert "…" not in label.text()
    assert ".csv" in label.toolTip()
    header = pane.groups_view.horizontalHeader()
    assert pane.groups_view.columnWidth(0) >= header.sectionSizeHint(0)

    name = "客户资料-2024年第三季度-华东区-销售部汇总-最终版-请勿外传-第二次修订.xlsx"
    path = write_xlsx(tmp_path / name, [["客户名称", "手机"], ["赵六", "13912345678"]])
    pane.open_file(path)
    wait_op(qtbot, pane)
    # the whole path is its tooltip; cut, it is cut in the middle (both ends read), never silently
    assert label.toolTip() == str(path)
    assert label.text() == name or (
        "…" in label.text()
        and label.text().startswith("客户资料")
        and label.text().endswith(".xlsx")
    )
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    assert pane.grab().save(f"/tmp/import-fits-{lang}.png")


def _health_shown(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: Any
) -> ImportExportPane:
    pane = _pane(qtbot, ctx, 1300)
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
    return pane


def test_data_health_cells_are_read_whole(
    qtbot: QtBot,
    ctx: StudioContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        pane = _health_shown(qtbot, ctx, tmp_path, monkeypatch, server)
        view = pane.health.view
        table = view.table
        assert view.grab().save(f"/tmp/import-health-fits-{lang}.png")
        assert table.rowCount() >= 3
        for r in range(table.rowCount()):
            assert _fits(table, r, 1) and _fits(table, r, 3), (r, table.item(r, 1).text())
        owners = " ".join(table.item(r, 3).text() for r in range(table.rowCount()))
        assert ("(no owner)" if lang == "en" else "（无负责人）") in owners and " - " not in owners


def test_data_health_says_it_is_out_of_date_after_an_import_or_a_revert(
    qtbot: QtBot,
    ctx: StudioContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    with run_server(data_dir=tmp_path / "server", approvers=None) as server:
        pane = _health_shown(qtbot, ctx, tmp_path, monkeypatch, server)
        view = pane.health.view
        assert not any(b.isVisible() and b.objectName() == "refresh_health" for b in _buttons(view))
        # an import adds records: the report shown says it is out of date and offers Refresh
        before = view.summary.text()
        rows = [["客户名称", "手机"], ["赵六", "13912345678"], ["孙七", "13912345679"]]
        pane.open_file(write_xlsx(tmp_path / "more.xlsx", rows))
        wait_op(qtbot, pane)
        pane.run_import()
        wait_op(qtbot, pane)
        stale = view.summary.text()
        assert stale != before and before in stale, stale
        assert view.refresh_button.isVisible()
        assert stale.startswith("Out of date" if lang == "en" else "已过时")
        view.refresh_button.click()
        wait_op(qtbot, pane)
        assert view.health is not None and view.health.records == len(RECORDS) + 2
        assert not view.refresh_button.isVisible()
        assert not view.summary.text().startswith(stale[:4])

        # a revert of that import: out of date again
        pane.history.imports.selectRow(0)
        pane.history.revert()
        assert pane.history.revert_confirm is not None
        pane.history.revert_confirm.button(QMessageBox.StandardButton.Ok).click()
        wait_op(qtbot, pane)
        assert view.refresh_button.isVisible()


def test_the_bar_fits_a_1366_px_window(
    qtbot: QtBot, sample_workspace_path: Path, tmp_path: Path, lang: str
) -> None:
    """A 1366 px wide window (a common laptop's screen): the bar's file label reads whole, both
    before a file is chosen and with a file of an ordinary name, and every button shows its
    text whole (Save error workbook… sits above the rejected rows it writes)."""
    from widgets.app import build_main_window
    from widgets.pane import NAVIGATOR

    window = build_main_window(str(sample_workspace_path), "lin")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.navigator.setCurrentRow([e.pane_id for e in NAVIGATOR].index("import_export"))
    pane = window.pane("import_export")
    assert isinstance(pane, ImportExportPane)
    qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
    label = pane.file_label
    qtbot.waitUntil(lambda: label.width() > 0)
    assert label.text() == label.full_text(), label.text()
    path = write_xlsx(tmp_path / "customers-2024-q3.xlsx", [["客户名称"], ["赵六"]])
    pane.open_file(path)
    wait_op(qtbot, pane)
    assert label.text() == "customers-2024-q3.xlsx", label.text()
    for button in _buttons(pane):
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()
    assert window.grab().save(f"/tmp/import-1366-{lang}.png")
