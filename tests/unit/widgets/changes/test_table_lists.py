"""The Changes pane's tables list decisions and approvers as the language lists: "、" and
full-width brackets and colons in Chinese, ", " in English (real keys, a real workspace)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from studio import changes
from studio.changes.history import ReleaseView
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE, make_demo_keys
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT
from tests.unit.widgets.helpers import in_language
from widgets.changes.pane import ChangesPane
from widgets.changes.table_models import HistoryModel


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_decisions_column_lists_as_the_language_does(
    qtbot: QtBot, pane: ChangesPane, ws: Workspace, lang: str
) -> None:
    make_demo_keys(ws)
    view = changes.submit(ws, "lin", "First release", passphrase=PASSPHRASE)
    changes.approve(ws, view.id, "zhou", PASSPHRASE, "")
    changes.approve(ws, view.id, "chen", PASSPHRASE, "")
    with in_language(lang):
        with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
            pane.reload()
        model = pane.change_model
        row = next(r for r in range(model.rowCount()) if model.row_at(r).id == view.id)
        decisions = model.index(row, 4).data()
    if lang == "zh_CN":
        assert decisions.count("、") == 1 and "（" in decisions and "：已批准" in decisions
        assert ", " not in decisions and "(" not in decisions and ": " not in decisions
    else:
        assert decisions.count(", ") == 1 and "zhou (" in decisions and "): approved" in decisions


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_approved_by_column_lists_as_the_language_does(qtbot: QtBot, lang: str) -> None:
    model = HistoryModel()
    release = ReleaseView(
        version=2,
        change_id="c2",
        title="Second",
        author="lin",
        approvers=("zhou", "chen"),
        applied_at=datetime(2026, 12, 1, tzinfo=UTC),
        bundle_sha256="0" * 64,
        rollback_of=None,
    )
    with in_language(lang):
        model.set_rows([release])
        approved_by = model.index(0, 3).data()
    assert approved_by == ("zhou、chen" if lang == "zh_CN" else "zhou, chen")
