"""The fields sheet of ``studio config export/import FILE.xlsx`` (DESIGN.md: the draft "as sheets
(fields, permission matrices)"): every field of every entity with its labels and properties,
exported beside the matrices, read back cell by cell and applied all or nothing with them.
Real files: xlsxwriter writes, openpyxl edits as a spreadsheet program would, calamine reads."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from importers.matrix_read import read_matrices
from importers.matrix_sheets import META_SHEET
from importers.matrix_write import write_matrices
from studio.access.matrix_import import edit_lines, import_operation
from studio.bundle.sample import sample_bundle
from studio.draft.edits import update_field

WS = "3f2a9c1b"


@pytest.fixture(params=["en", "zh_CN"])
def exported(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str]:
    lang = request.param
    return write_matrices(sample_bundle(), tmp_path / "config.xlsx", lang, workspace_id=WS), lang


def _sheet_name(lang: str) -> str:
    return "Field definitions" if lang == "en" else "字段定义"


def _cell(path: Path, sheet: str, entity: str, field: str, column: str) -> str:
    ws = openpyxl.load_workbook(path)[sheet]
    col = next(c.column_letter for c in ws[2] if c.value == column)
    row = next(
        r[0].row for r in ws.iter_rows(min_row=3) if (r[0].value, r[1].value) == (entity, field)
    )
    return f"{col}{row}"


def _edit(path: Path, sheet: str, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    for where, value in cells.items():
        book[sheet][where] = value
    book.save(path)


def test_every_field_is_on_the_fields_sheet(exported: tuple[Path, str]) -> None:
    path, lang = exported
    book = openpyxl.load_workbook(path)
    sheet = book[_sheet_name(lang)]
    assert [c.value for c in sheet[2]] == [
        "entity", "field", "label_zh", "label_en", "type", "required", "unique", "searchable",
        "sensitive", "max_length", "options",
    ]  # fmt: skip
    rows = {(r[0].value, r[1].value): [c.value for c in r] for r in sheet.iter_rows(min_row=3)}
    bundle = sample_bundle()
    assert len(rows) == sum(len(e.fields) for e in bundle.entities)
    name = rows[("customer", "name")]
    yes = "yes" if lang == "en" else "是"
    assert name[2:6] == ["客户名称", "Customer name", "text", yes]
    source = rows[("customer", "source")]
    assert "=" in source[10] and "/" in source[10]  # key=中文/English; ...
    assert book[META_SHEET]["A5"].value == "fields_sheet"


def test_an_unchanged_export_changes_nothing(exported: tuple[Path, str]) -> None:
    path, _lang = exported
    bundle = sample_bundle()
    found = read_matrices(path, bundle, workspace_id=WS)
    assert found.ok and found.edits == () and found.fields == ()
    assert import_operation(found).apply(bundle).bundle.sha256() == bundle.sha256()


def test_edited_field_cells_come_back_and_apply_as_one_step(exported: tuple[Path, str]) -> None:
    path, lang = exported
    sheet = _sheet_name(lang)
    bundle = sample_bundle()
    label = _cell(path, sheet, "customer", "name", "label_en")
    required = _cell(path, sheet, "customer", "email", "required")
    length = _cell(path, sheet, "customer", "notes", "max_length")
    searchable = _cell(path, sheet, "customer", "company", "searchable")
    _edit(path, sheet, {label: "Client name", required: "是", length: 800, searchable: "no"})
    found = read_matrices(path, bundle, workspace_id=WS)
    assert found.ok, [p.text("en") for p in found.problems]
    assert found.edits == ()
    edits = {(f.entity, f.field, f.prop): (f.before, f.after, f.cell) for f in found.fields}
    assert edits[("customer", "name", "label_en")] == ("Customer name", "Client name", label)
    assert edits[("customer", "email", "required")] == (False, True, required)
    assert edits[("customer", "notes", "max_length")][1:] == (800, length)
    assert len(edits) == 3 + (bundle.entity("customer").field("company").searchable is True)
    lines = edit_lines(found.edits, found.fields)
    assert f"{sheet}!{label} customer.name label_en: Customer name -> Client name" in lines
    after = import_operation(found).apply(bundle).bundle
    customer = after.entity("customer")
    assert customer.field("name").label.en == "Client name"
    assert customer.field("email").required is True
    assert customer.field("notes").max_length == 800
    assert customer.field("company").searchable is False
    # exported again, the edited draft reads back unchanged
    again = write_matrices(after, path.with_name("again.xlsx"), lang, workspace_id=WS)
    assert read_matrices(again, after, workspace_id=WS).fields == ()


def test_keys_types_and_bad_values_are_problems_and_nothing_applies(
    exported: tuple[Path, str],
) -> None:
    path, lang = exported
    sheet = _sheet_name(lang)
    bundle = sample_bundle()
    kind = _cell(path, sheet, "customer", "budget", "type")
    flag = _cell(path, sheet, "customer", "email", "unique")
    length = _cell(path, sheet, "customer", "notes", "max_length")
    label = _cell(path, sheet, "customer", "name", "label_zh")
    _edit(path, sheet, {kind: "text", flag: "maybe", length: "-3", label: ""})
    found = read_matrices(path, bundle, workspace_id=WS)
    where = {p.cell: p.message.render("en") for p in found.problems}
    assert set(where) == {kind, flag, length, label}
    assert "cannot be changed in the workbook" in where[kind]
    assert "neither yes nor no" in where[flag]
    assert "whole number" in where[length]
    assert "cannot be empty" in where[label]
    with pytest.raises(Exception, match="problem"):
        import_operation(found)


def test_a_workbook_older_than_the_drafts_fields_is_refused(exported: tuple[Path, str]) -> None:
    path, _lang = exported
    # the draft's label changed after the export: the old workbook would undo it
    newer = update_field(sample_bundle(), "customer", "name", {"label_en": "Account name"})
    found = read_matrices(path, newer, workspace_id=WS)
    assert not found.ok
    assert "fields changed since" in found.problems[0].message.render("en")


def test_a_matrices_workbook_without_a_fields_sheet_still_reads(tmp_path: Path) -> None:
    """Workbooks exported before the fields sheet existed: their matrices still import."""
    path = write_matrices(sample_bundle(), tmp_path / "old.xlsx", "en", workspace_id=WS)
    book = openpyxl.load_workbook(path)
    meta = book[META_SHEET]
    for row in meta.iter_rows():
        if row[0].value in ("fields_sheet", "fields_fingerprint"):
            row[0].value = row[1].value = None
    del book["Field definitions"]
    book.save(path)
    found = read_matrices(path, sample_bundle(), workspace_id=WS)
    assert found.ok and found.fields == ()
