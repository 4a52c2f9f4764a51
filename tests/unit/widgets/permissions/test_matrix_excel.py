"""The matrices to Excel and back in the Permissions pane (pytest-qt, a real sample workspace,
real workbooks): the cell-by-cell diff before anything changes, Apply all as one undo step, and a
workbook with bad cells shown per cell with nothing to apply."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from studio.access.effective import effective_access
from widgets.permissions.pane import PermissionsPane


def _export(qtbot: QtBot, pane: PermissionsPane, path: Path) -> None:
    op = pane.excel.export(str(path))
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert path.exists()


def _import(qtbot: QtBot, pane: PermissionsPane, path: Path):  # type: ignore[no-untyped-def]
    pane.excel.dialog = None
    pane.excel.import_(str(path))
    qtbot.waitUntil(lambda: pane.excel.dialog is not None, timeout=10_000)
    dialog = pane.excel.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _rows(dialog) -> list[list[str]]:  # type: ignore[no-untyped-def]
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_import_shows_the_cells_then_applies_them_as_one_undo_step(
    qtbot: QtBot,
    pane: PermissionsPane,
    tmp_path: Path,
) -> None:
    book = tmp_path / "m.xlsx"
    _export(qtbot, pane, book)
    edited = openpyxl.load_workbook(book)
    sheet = edited["Contract"]
    assert (sheet["L2"].value, sheet["A3"].value) == ("intern", "number")
    sheet["L3"] = "hidden"
    edited["Entity permissions"]["H3"] = "all"  # admin archives customers
    edited.save(book)
    before = pane.doc.bundle

    dialog = _import(qtbot, pane, book)
    assert pane.doc.bundle is before  # nothing changes before the person says so
    assert dialog.summary.text() == "2 cells differ from the draft. Apply all of them as one edit?"
    assert _rows(dialog) == [
        ["Contract", "L3", "intern", "number", "(follows)", "hidden"],
        ["Entity permissions", "H3", "admin", "customer: archive", "(not allowed)", "all"],
    ]
    assert dialog.apply_button is not None
    dialog.apply_button.click()
    bundle = pane.doc.bundle
    assert effective_access(bundle, "contract", role="intern").field("number").access == "hidden"
    assert effective_access(bundle, "customer", role="admin").action("archive").scope == "all"

    pane.undo_action.trigger()  # one step takes both back
    assert pane.doc.bundle.sha256() == before.sha256()


def test_bad_cells_are_listed_and_nothing_can_be_applied(
    qtbot: QtBot,
    pane: PermissionsPane,
    tmp_path: Path,
) -> None:
    book = tmp_path / "m.xlsx"
    _export(qtbot, pane, book)
    edited = openpyxl.load_workbook(book)
    edited["Customer"]["E3"] = "sometimes"
    edited["Customer"]["D2"] = "boss"
    edited.save(book)
    before = pane.doc.bundle

    dialog = _import(qtbot, pane, book)
    assert dialog.apply_button is None
    assert dialog.summary.text().startswith("3 problems in the workbook: nothing is applied.")
    rows = _rows(dialog)
    assert ["Customer", "D2", "Unknown role boss."] in rows
    assert ["Customer", "", "The column of role admin is missing."] in rows
    assert rows[2][:2] == ["Customer", "E3"] and rows[2][2].startswith("sometimes is no access")
    saved = dialog.save_problems(tmp_path / "problems.xlsx")
    listed = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert listed[0] == ("Sheet", "Cell", "Problem") and len(listed) == 1 + len(rows)
    dialog.reject()
    assert pane.doc.bundle is before


def test_a_field_definition_edited_in_the_workbook_is_shown_and_applied(
    qtbot: QtBot,
    pane: PermissionsPane,
    tmp_path: Path,
) -> None:
    """The fields sheet beside the matrices: a label and a flag edited there are listed with the
    cells, applied as the same one step, and undone by it."""
    book = tmp_path / "m.xlsx"
    _export(qtbot, pane, book)
    edited = openpyxl.load_workbook(book)
    sheet = edited["Field definitions"]
    row = next(
        r[0].row
        for r in sheet.iter_rows(min_row=3)
        if (r[0].value, r[1].value) == ("customer", "email")
    )
    assert (sheet[f"D{row}"].value, sheet[f"F{row}"].value) == ("Email", "no")
    sheet[f"D{row}"] = "E-mail address"
    sheet[f"F{row}"] = "yes"
    edited.save(book)
    before = pane.doc.bundle
    dialog = _import(qtbot, pane, book)
    assert dialog.summary.text().startswith("2 cells differ from the draft.")
    assert _rows(dialog) == [
        ["Field definitions", f"D{row}", "", "customer.email: label_en", "Email", "E-mail address"],
        ["Field definitions", f"F{row}", "", "customer.email: required", "False", "True"],
    ]
    dialog.apply_button.click()
    email = pane.doc.bundle.entity("customer").field("email")
    assert email.label.en == "E-mail address" and email.required is True
    pane.undo_action.trigger()
    assert pane.doc.bundle.sha256() == before.sha256()
