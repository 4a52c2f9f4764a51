"""The import pane from the keyboard: Ctrl+O opens a workbook while working in the pane (the
File menu's Ctrl+O, Open workspace, is not triggered then), Alt+C checks, Alt+I imports — the
mnemonics written as the Entities pane writes them ("检查(&C)")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from widgets.app import build_main_window
from widgets.pane import NAVIGATOR
from widgets.transfer.pane import ImportExportPane

ROWS = [["客户名称", "手机"], ["赵六", "13912345678"], ["钱七", "13912345679"]]


def test_ctrl_o_opens_a_workbook_and_alt_c_alt_i_check_and_import(
    qtbot: QtBot, sample_workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = write_xlsx(tmp_path / "客户.xlsx", ROWS)
    asked: list[str] = []  # the file dialogs' captions

    def get_open_file_name(_parent: Any, caption: str = "", *_a: Any, **_k: Any) -> Any:
        asked.append(caption)
        return (str(workbook), "") if caption == "打开工作簿" else ("", "")

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", get_open_file_name)
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    with in_language("zh_CN"):
        window = build_main_window(str(sample_workspace_path), "lin")
        qtbot.addWidget(window)
        window.show()
        window.navigator.setCurrentRow([e.pane_id for e in NAVIGATOR].index("import_export"))
        pane = window.panes["import_export"]
        assert isinstance(pane, ImportExportPane)
        qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
        # the buttons say their keys as the other panes do
        assert pane.open_button.text() == "打开工作簿(&O)…"
        assert pane.check_button.text() == "检查(&C)"
        assert pane.import_button.text() == "导入(&I)…"
        assert "Ctrl+O" in pane.open_button.toolTip()

        def working_in_the_pane() -> None:
            """The window active (a desktop gives it back once a progress dialog closed; the
            offscreen platform does not), the focus in the pane."""
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
            pane.mapping.setFocus()

        working_in_the_pane()

        qtbot.keyClick(pane.mapping, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        assert asked == ["打开工作簿"]  # the workbook's dialog, not the workspace's
        assert pane.file_label.text() == "客户.xlsx" and pane.op is not None
        with qtbot.waitSignal(pane.op.finished, timeout=60_000):
            pass
        assert pane.plan is not None and pane.plan.rows_read == 2

        # a mnemonic clicks its button (after showing it pressed for a moment)
        working_in_the_pane()
        with qtbot.waitSignal(pane.check_button.clicked, timeout=10_000):
            qtbot.keyClick(pane.mapping, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        assert pane.op is not None  # checking again
        with qtbot.waitSignal(pane.op.finished, timeout=60_000):
            pass

        pane.summary.clear()
        # no CRM server for this test (the window may start its local one): Import says so
        monkeypatch.setattr(pane, "server_or_none", lambda: None)
        working_in_the_pane()
        with qtbot.waitSignal(pane.import_button.clicked, timeout=10_000):
            qtbot.keyClick(pane.mapping, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
        assert pane.summary.text() == "没有可导入的 CRM 服务器：请先配置。", pane.summary.text()
        assert window.ctx.workspace.target == str(sample_workspace_path)
