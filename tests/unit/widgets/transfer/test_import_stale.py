"""The import wizard imports only what its last check showed, for the file, the entity, the sheet
and the mapping on screen: anything changed since (another file that fails to open, another
entity, another header row, a field chosen by hand, a cancelled check) leaves nothing to import
until the next check, and the admin's own field choices survive a change of header row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.transfer.conftest import wait_op
from widgets.transfer.pane import ImportExportPane

ROWS = [
    ["客户名称", "手机", "邮箱", "备忘"],
    ["李雷", "13700001111", "lilei@example.com", "老客户"],
    ["韩梅梅", "13700002222", "hanmeimei@example.com", None],
]


def _open(qtbot: QtBot, pane: ImportExportPane, path: Path) -> None:
    pane.open_file(path)
    wait_op(qtbot, pane)


def test_a_file_that_fails_to_open_leaves_nothing_of_the_last_one_to_import(
    qtbot: QtBot, pane: ImportExportPane, tmp_path: Path
) -> None:
    _open(qtbot, pane, write_xlsx(tmp_path / "good.xlsx", ROWS))
    assert pane.plan is not None and pane.import_button.isEnabled()
    assert pane.review.rowCount() + pane.groups.rowCount() + pane.rejections.rowCount() >= 0
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not a workbook at all")
    _open(qtbot, pane, corrupt)
    assert pane.plan is None
    assert not pane.import_button.isEnabled() and not pane.errors_button.isEnabled()
    assert pane.file_label.text() == "corrupt.xlsx"
    assert "corrupt.xlsx" in pane.summary.text()  # the reason it could not be read
    for model in (pane.rejections, pane.review, pane.groups, pane.changes):
        assert model.rowCount() == 0


def test_another_entity_maps_and_checks_the_file_anew(
    qtbot: QtBot, pane: ImportExportPane, tmp_path: Path
) -> None:
    _open(qtbot, pane, write_xlsx(tmp_path / "people.xlsx", ROWS))
    assert pane.plan is not None and pane.plan.entity.key == "customer"
    contact = pane.entity.findData("contact")
    assert contact >= 0
    pane.entity.setCurrentIndex(contact)
    wait_op(qtbot, pane)
    assert pane.plan is not None and pane.plan.entity.key == "contact"
    combo = pane.mapping.cellWidget(0, 1)
    assert isinstance(combo, QComboBox)
    offered = {combo.itemData(i) for i in range(combo.count())}
    assert offered == {None, *(f.key for f in pane.plan.entity.fields if not f.deprecated)}


def test_a_field_chosen_by_hand_disables_import_until_checked_and_survives_a_header_row(
    qtbot: QtBot, pane: ImportExportPane, tmp_path: Path
) -> None:
    _open(qtbot, pane, write_xlsx(tmp_path / "memo.xlsx", ROWS))
    row = next(
        r for r in range(pane.mapping.rowCount()) if pane.mapping.item(r, 0).text() == "备忘"
    )
    combo = pane.mapping.cellWidget(row, 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("notes"))
    assert pane.plan is None and not pane.import_button.isEnabled()
    assert "Check" in pane.summary.text()
    pane.header_row.setValue(2)  # the admin tries another header row, then the first again
    pane.header_row.setValue(1)
    assert pane.plan is None and pane.mapping.rowCount() == 0
    pane.check()
    wait_op(qtbot, pane)
    assert pane.plan is not None and pane.plan.mapping.field_of("备忘") == "notes"
    assert pane.import_button.isEnabled()


def test_a_cancelled_check_leaves_nothing_to_import(
    qtbot: QtBot, pane: ImportExportPane, tmp_path: Path
) -> None:
    _open(qtbot, pane, write_xlsx(tmp_path / "first.xlsx", ROWS))
    assert pane.import_button.isEnabled()
    pane.open_file(write_xlsx(tmp_path / "second.xlsx", ROWS))
    assert pane.op is not None
    pane.op.cancel()
    wait_op(qtbot, pane)
    assert pane.plan is None and not pane.import_button.isEnabled()
