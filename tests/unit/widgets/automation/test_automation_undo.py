"""Undo in the automation pane: a removed rule comes back with Ctrl+Z and from the Edit menu, as
in the other designers (one undo history for the whole draft)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from studio.draft.rules_edits import entity_rules
from tests.unit.widgets.helpers import stored
from widgets.app import build_main_window
from widgets.main_window import MainWindow
from widgets.pane import NAVIGATOR


@pytest.fixture
def window(qtbot: QtBot, sample_workspace_path: Path) -> MainWindow:
    w = build_main_window(str(sample_workspace_path), "lin")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.navigator.setCurrentRow([e.pane_id for e in NAVIGATOR].index("automation"))
    return w


def _saved(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    return qtbot.waitSignal(
        window.ctx.document.save_state,
        timeout=10_000,
        check_params_cb=lambda state, _m: state == "saved",
    )


def _stored_rules(path: Path) -> list[str]:
    rules = entity_rules(stored(path), "lead")
    return [r.key for r in rules.assignment.rules] if rules.assignment else []


def test_a_removed_routing_rule_comes_back_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, sample_workspace_path: Path
) -> None:
    pane = window.panes["automation"]
    routing = pane.routing
    qtbot.waitUntil(lambda: pane.entity() is not None, timeout=10_000)
    with _saved(qtbot, window):
        routing.findChild(QPushButton, "rule_new").click()
    assert _stored_rules(sample_workspace_path) == ["rule_1"]
    with _saved(qtbot, window):
        routing.findChild(QPushButton, "rule_remove").click()
    assert _stored_rules(sample_workspace_path) == []
    # The Edit menu offers it, as in Entities & Forms and Permissions.
    window.edit_menu.aboutToShow.emit()
    texts = [a.text() for a in window.edit_menu.actions() if a.isEnabled()]
    assert any("Undo" in t for t in texts), texts
    routing.rules_view.setFocus()
    with _saved(qtbot, window):
        qtbot.keyClick(routing.rules_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.key for r in routing.rules_model.rules] == ["rule_1"]
    assert _stored_rules(sample_workspace_path) == ["rule_1"]
    with _saved(qtbot, window):
        qtbot.keyClick(routing.rules_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _stored_rules(sample_workspace_path) == []
