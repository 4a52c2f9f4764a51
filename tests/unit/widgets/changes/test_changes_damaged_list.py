"""The Changes pane on a workspace where one old change cannot be read (as ``studio change list``
does it, issue 20): every readable change is listed, the damaged one is listed too, marked
damaged; the workspace turns read-only and the restore advice is given once, in the window's
banner (not again in the pane)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.e2e.test_change_list_damaged import BACKUP, _two_changes, _unparsable_diff
from tests.e2e.test_damaged_stored_text import _damage_bundle_bytes
from widgets.app import build_main_window


@pytest.mark.allow_log
@pytest.mark.parametrize("damage", ["undecodable bundle", "unparsable diff"])
def test_the_readable_changes_are_listed_and_the_damaged_one_marked(
    qtbot: QtBot, tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "w.db"
    old, new = _two_changes(path)
    (tmp_path / BACKUP).write_bytes(path.read_bytes())
    if damage == "undecodable bundle":
        _damage_bundle_bytes(path, old)
    else:
        _unparsable_diff(path, old)
    window = build_main_window(str(path), "lin")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
    assert not window.ctx.read_only  # the old change is outside what the open checks
    window.navigator.setCurrentRow(5)  # Changes
    pane = window.pane("changes")
    tab = pane.requests_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=15_000)
    rows = {
        tab.model.row_at(r).id: [tab.model.cell(tab.model.row_at(r), c) for c in range(6)]
        for r in range(2)
    }
    assert rows[old][0] == "Rename notes" and rows[old][2] == "damaged"
    assert rows[new][0] == "Require company" and rows[new][2] != "damaged"
    # read-only, the restore advice once: in the banner, not in the pane's message
    qtbot.waitUntil(lambda: window.read_only_banner.isVisible(), timeout=15_000)
    assert BACKUP in window.read_only_label.text()
    assert window.ctx.read_only
    assert pane.message_label.isHidden() or BACKUP not in pane.message_label.text()
    # the damaged one selected: said damaged, with what cannot be read; nothing to review or push
    tab.select_change(old)
    assert "cannot be read" in tab.status.text() and BACKUP not in tab.status.text()
    assert not tab.review_button.isEnabled() and not tab.push_button.isEnabled()
    tab.select_change(new)
    assert tab.review_button.isEnabled()
    assert "Require company" in tab.model.cell(tab.selected_change(), 0)  # type: ignore[arg-type]
