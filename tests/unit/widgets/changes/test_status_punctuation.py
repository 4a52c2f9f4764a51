"""The Change requests pane's status line reads as its language writes: full-width punctuation
and no spaces between sentences in Chinese, ": " and "; " in English (real keys, a real SQLite
workspace)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio import changes
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, make_demo_keys
from tests.helpers.review_gui import open_review
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from tests.unit.widgets.helpers import in_language
from widgets.changes.pane import ChangesPane


def _status_of(qtbot: QtBot, pane: ChangesPane, change_id: str) -> str:
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()  # the blockers are worded in the language of the moment they are read
    pane.tabs.setCurrentIndex(1)
    rows = [pane.change_model.row_at(r).id for r in range(pane.change_model.rowCount())]
    pane.change_table.selectRow(rows.index(change_id))
    return pane.change_status.text()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_status_line_punctuation_follows_the_language(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace, lang: str, tmp_path: Path
) -> None:
    make_demo_keys(ws)
    view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    changes.approve(ws, view.id, "zhou", PASSPHRASE, "表单已核对")
    with in_language(lang):
        waiting = _status_of(qtbot, pane, view.id)
        pane.resize(1100, 700)
        out = Path(os.environ.get("STUDIO_SCREENSHOT_DIR", tmp_path)) / f"change_status_{lang}.png"
        assert pane.grab().save(str(out))
        changes.approve(ws, view.id, "chen", PASSPHRASE, "权限没问题")
        approved = _status_of(qtbot, pane, view.id)
    if lang == "zh_CN":
        assert waiting.startswith("等待审批：")
        assert "zhou：“表单已核对”" in waiting
        assert "zhou：“表单已核对”；chen：“权限没问题”" in approved
        for text in (waiting, approved):
            assert ": " not in text and "; " not in text and "。 " not in text
    else:
        assert waiting.startswith("Waiting for approvals: ")
        assert "zhou: “表单已核对”" in waiting
        assert "zhou: “表单已核对”; chen: “权限没问题”" in approved


def test_the_review_dialogs_status_reads_as_chinese_writes(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace
) -> None:
    """The review dialog's lines had "业务负责人, IT 管理员", "zhou (业务负责人): 已批准" and a space
    after "。" (the Change requests status line was already right)."""
    make_demo_keys(ws)
    view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    with in_language("zh_CN"):
        _status_of(qtbot, pane, view.id)
        dialog = open_review(qtbot, pane, "zhou")
        first = dialog.status_label.text()
        dialog.close()
        changes.approve(ws, view.id, "zhou", PASSPHRASE, "表单已核对")
        dialog = open_review(qtbot, pane, "chen")
        second = dialog.status_label.text()
        dialog.close()
    assert "业务负责人、IT 管理员" in first
    assert "zhou（" in second and "）：已批准" in second
    for text in (first, second):
        assert ": " not in text and ", " not in text and "。 " not in text, text
