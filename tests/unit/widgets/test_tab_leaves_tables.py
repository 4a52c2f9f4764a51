"""Tab moves the focus out of a read-only table (the audit log, the health table): a table view
wraps Tab from its last cell to its first, so a keyboard user never got past it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from widgets.app import build_main_window
from widgets.pane import NAVIGATOR


def test_tab_leaves_the_read_only_tables(qtbot: QtBot, sample_workspace_path: Path) -> None:
    window = build_main_window(str(sample_workspace_path), "lin")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    ids = [e.pane_id for e in NAVIGATOR]
    for pane_id, name in (("audit", "audit_table"), ("health", "health_entities")):
        window.navigator.setCurrentRow(ids.index(pane_id))
        view = window.panes[pane_id].findChild(QAbstractItemView, name)
        assert view is not None
        qtbot.waitUntil(lambda v=view: v.model().rowCount() > 0, timeout=10_000)
        view.setFocus()
        qtbot.waitUntil(view.hasFocus, timeout=5_000)
        view.setCurrentIndex(view.model().index(0, 0))  # where Tab from the field before lands
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not view, name
        assert view.currentIndex().row() == 0  # arrows, not Tab, move in it
    # An editable grid keeps Tab for going from cell to cell (Ctrl+Tab leaves it).
    window.navigator.setCurrentRow(ids.index("permissions"))
    assert window.panes["permissions"].matrix.tabKeyNavigation()
