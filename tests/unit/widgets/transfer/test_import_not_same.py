"""The review list in the wizard: "Not the same person" on a pair is remembered in the workspace
(the pair is not asked again, in this check or on the next import of another workbook holding
the same two people), and a confirmed mapping is offered again for a workbook with the same
headers."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext

ROWS = [
    ["客户名称", "手机", "邮箱"],
    ["李雷", "13700001111", "lilei@example.com"],
    ["韩梅梅", "137 0000 1111", "hanmeimei@example.com"],
]


def test_not_the_same_is_remembered_for_later_imports(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "a.xlsx", ROWS))
    wait_op(qtbot, pane)
    assert pane.review.rowCount() == 1 and pane.tabs.currentIndex() == 1
    assert not pane.not_same_button.isEnabled()  # nothing selected: nothing to say
    pane.review_view.selectRow(0)
    assert pane.not_same_button.isEnabled()
    pane.not_same()
    wait_op(qtbot, pane)  # the decision is saved; the pair leaves the list, the rest stays
    assert pane.review.rowCount() == 0 and pane.plan is not None and pane.plan.imported == 2
    assert pane.tabs.currentIndex() == 1 and pane.import_button.isEnabled()
    assert "0" in pane.summary.text()  # the summary counts the pairs left to review

    # another workbook, another day, the same two people in another order: not asked again
    later = make_pane(qtbot, ctx)
    later.open_file(write_xlsx(tmp_path / "b.xlsx", [ROWS[0], ROWS[2], ROWS[1]]))
    wait_op(qtbot, later)
    assert later.review.rowCount() == 0 and later.plan is not None and later.plan.imported == 2


def test_several_pairs_said_apart_at_once_leave_the_list_together(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    rows = [
        ROWS[0],
        ["李雷", "13700001111", "lilei@example.com"],
        ["韩梅梅", "137 0000 1111", "hanmeimei@example.com"],
        ["张伟", "13911112222", "zw@example.com"],
        ["王芳", "13911112222", "wf@example.com"],
        ["赵六", "13622223333", "z6@example.com"],
        ["钱七", "13622223333", "q7@example.com"],
    ]
    pane = make_pane(qtbot, ctx)
    pane.open_file(write_xlsx(tmp_path / "three.xlsx", rows))
    wait_op(qtbot, pane)
    assert pane.review.rowCount() == 3
    pane.tabs.setCurrentIndex(2)  # the admin looks at another tab meanwhile
    pane.review_view.selectRow(0)
    pane.review_view.selectionModel().select(
        pane.review.index(2, 0),
        pane.review_view.selectionModel().SelectionFlag.Select
        | pane.review_view.selectionModel().SelectionFlag.Rows,
    )
    kept = pane.review.row_at(1)[0][:2]
    pane.not_same()
    wait_op(qtbot, pane)
    assert pane.review.rowCount() == 1 and pane.review.row_at(0)[0][:2] == kept
    assert pane.tabs.currentIndex() == 2  # left where the admin was
