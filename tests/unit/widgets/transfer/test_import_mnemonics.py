"""Every button of the import wizard that acts has its key (Alt+letter), in both languages,
none taken twice in the window (the menu bar's included): Not the same person, Revert import,
Save error workbook, Data health and Export had none, and were reachable only by Tab."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from tests.unit.widgets.transfer.test_import_pane import ROWS
from widgets.app import build_main_window
from widgets.pane import NAVIGATOR
from widgets.transfer.pane import ImportExportPane


def _key(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).upper() if found else None


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_button_has_a_key_of_its_own_and_alt_n_says_not_the_same(
    qtbot: QtBot,
    sample_workspace_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    with in_language(language):
        window = build_main_window(str(sample_workspace_path), "lin")
        qtbot.addWidget(window)
        window.show()
        window.navigator.setCurrentRow([e.pane_id for e in NAVIGATOR].index("import_export"))
        pane = window.panes["import_export"]
        assert isinstance(pane, ImportExportPane)
        qtbot.waitUntil(lambda: pane.entity.count() > 0, timeout=30_000)
        buttons = [
            pane.open_button,
            pane.check_button,
            pane.import_button,
            pane.errors_button,
            pane.not_same_button,
            pane.history.revert_button,
            pane.health.button,
            pane.exports.button,
        ]
        keys = [_key(b.text()) for b in buttons]
        assert None not in keys, [b.text() for b in buttons]
        menus = [_key(a.text()) for a in window.menuBar().actions()]
        taken = keys + [k for k in menus if k]
        assert len(taken) == len(set(taken)), taken
        others = [b for b in pane.findChildren(QPushButton) if b not in buttons and _key(b.text())]
        assert all(_key(b.text()) not in keys for b in others)

        pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
        qtbot.waitUntil(lambda: pane.op is None and pane.plan is not None, timeout=60_000)
        assert pane.review.rowCount() == 1
        pane.tabs.setCurrentIndex(1)
        pane.review_view.selectRow(0)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)
        pane.review_view.setFocus()
        with qtbot.waitSignal(pane.not_same_button.clicked, timeout=10_000):
            qtbot.keyClick(pane.review_view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: pane.op is None and pane.review.rowCount() == 0, timeout=30_000)


def test_data_health_without_a_server_says_what_it_lacks(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "No CRM server to import into" for a report that imports nothing."""
    from studio.workspace.connection import open_workspace
    from tests.unit.widgets.transfer.conftest import make_pane
    from widgets.context import StudioContext

    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    with in_language("zh_CN"):
        ctx = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
        try:
            pane = make_pane(qtbot, ctx)
            pane.health.report(None)
            assert pane.summary.text() == "没有可读取记录的 CRM 服务器：请先配置。"
        finally:
            ctx.workspace.close()
