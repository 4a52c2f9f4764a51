"""A field takes one column: when the admin gives a field to another column, the column that
had it gives it up visibly, and the check keeps the admin's choice (it kept the leftmost of the
two, and the correction was lost unsaid). The same conflict through --map is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from importers.errors import ImportRefused
from importers.mapping import guess_mapping
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import checked_pane, wait_op
from widgets.context import StudioContext

ROWS = [
    ["客户名称", "手机", "手机", "邮箱"],
    ["张三", "010-62345678", "13800138000", "a@b.com"],
    ["李四", "021-62345678", "13700137000", "c@d.com"],
]


def _combo(pane: object, header: str) -> QComboBox:
    mapping = pane.mapping  # type: ignore[attr-defined]
    (row,) = [r for r in range(mapping.rowCount()) if mapping.item(r, 0).text() == header]
    combo = mapping.cellWidget(row, 1)
    assert isinstance(combo, QComboBox)
    return combo


def test_the_second_of_two_phone_columns_chosen_for_mobile_is_the_one_imported(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, lang: str
) -> None:
    pane = checked_pane(qtbot, ctx, write_xlsx(tmp_path / "两个手机列.xlsx", ROWS))
    assert _combo(pane, "手机").currentData() == "mobile"
    second = _combo(pane, "手机 (2)")
    assert second.currentData() is None
    second.setCurrentIndex(second.findData("mobile"))
    # the first column gave mobile up, on screen, before any check
    assert _combo(pane, "手机").currentData() is None
    moved = {"en": "moved to 手机 (2)", "zh_CN": "已改给 手机 (2)"}[lang]
    assert pane.mapping.item(1, 2).text() == moved
    pane.check()
    wait_op(qtbot, pane)
    assert pane.plan is not None
    assert pane.plan.mapping.as_dict()["手机 (2)"] == "mobile"
    assert pane.plan.values["mobile"].to_list() == ["13800138000", "13700137000"]
    assert _combo(pane, "手机 (2)").currentData() == "mobile"


def test_a_choice_is_never_overruled_by_a_guess() -> None:
    customer = sample_bundle().entity("customer")
    mapping = guess_mapping(["手机号", "电话号码"], customer, chosen={"电话号码": "mobile"})
    assert mapping.as_dict() == {"手机号": None, "电话号码": "mobile"}  # 手机号: the label


def test_one_field_chosen_for_two_columns_is_refused() -> None:
    customer = sample_bundle().entity("customer")
    with pytest.raises(ImportRefused, match="gives the field mobile to 手机, 电话"):
        guess_mapping(["手机", "电话"], customer, chosen={"手机": "mobile", "电话": "mobile"})
