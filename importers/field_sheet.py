"""The fields sheet of ``studio config export/import FILE.xlsx`` (DESIGN.md: "the draft as ...
sheets (fields, permission matrices)"): one row per field of every entity, next to the
permission matrices of the same workbook (``importers.matrix_write`` / ``matrix_read``).

Row 1 holds the column titles in the exporter's language, row 2 their keys (as on the matrix
sheets); then one row per field: entity key, field key, the labels in both languages, the type,
required / unique / searchable / sensitive (yes or no in either language), the maximum length and
the options (``key=中文/English; ...``).

What can be edited here: the labels, the four flags and the maximum length. The keys, the type
and the options are shown for reference: changing them in a workbook is a problem ("use the
designer"), because a key or a type change has consequences (renames, dropped properties) that a
cell cannot show. The workbook's hidden sheet keeps a fingerprint of the fields it was made from,
so that a workbook older than the draft's fields is refused rather than silently undoing them.
Reading never changes anything: it gives the cells that differ (``FieldEdit``) and the problems.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from importers.cells import neutralise
from importers.matrix_sheets import HEADER_ROWS, CellProblem, cell_name, fields_sheet_title
from studio.bundle.model import Bundle, FieldDef
from studio.i18n import Message

#: The columns: key and whether a workbook may change it.
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("entity", False),
    ("field", False),
    ("label_zh", True),
    ("label_en", True),
    ("type", False),
    ("required", True),
    ("unique", True),
    ("searchable", True),
    ("sensitive", True),
    ("max_length", True),
    ("options", False),
)
FLAGS = ("required", "unique", "searchable", "sensitive")
_TITLES = {
    "entity": Message("Entity key"),
    "field": Message("Field key"),
    "label_zh": Message("Label (Chinese)"),
    "label_en": Message("Label (English)"),
    "type": Message("Type"),
    "required": Message("Required"),
    "unique": Message("Unique"),
    "searchable": Message("Searchable"),
    "sensitive": Message("Sensitive"),
    "max_length": Message("Maximum length"),
    "options": Message("Options"),
}
_YES, _NO = Message("yes"), Message("no")
_TRUE_WORDS = {"yes", "y", "true", "1", "✓", "√"}
_FALSE_WORDS = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class FieldEdit:
    """One cell of the fields sheet that differs from the draft: ``prop`` is a property name of
    ``studio.draft.edits.update_field`` (label_zh, required, max_length...)."""

    sheet: str
    cell: str
    entity: str
    field: str
    prop: str
    before: Any
    after: Any


def fields_fingerprint(bundle: Bundle) -> str:
    """What the fields sheet was made from: every field's editable and shown properties."""
    shape = [[entity.key, [_values(fd) for fd in entity.fields]] for entity in bundle.entities]
    data = json.dumps(shape, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _options(fd: FieldDef) -> str:
    return "; ".join(f"{o.key}={o.label.zh_CN}/{o.label.en}" for o in fd.options or ())


def _values(fd: FieldDef) -> dict[str, Any]:
    return {
        "field": fd.key,
        "label_zh": fd.label.zh_CN,
        "label_en": fd.label.en,
        "type": fd.type.value,
        "required": fd.required,
        "unique": fd.unique,
        "searchable": fd.searchable,
        "sensitive": fd.sensitive,
        "max_length": fd.max_length,
        "options": _options(fd),
    }


def write_field_sheet(book: Any, bundle: Bundle, lang: str) -> str:
    """The fields sheet into the open xlsxwriter ``book``; returns its name."""
    name = str(fields_sheet_title().render(lang))
    sheet = book.add_worksheet(name)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
    keys = book.add_format({"italic": True, "font_color": "#666666", "bg_color": "#F2F2F2"})
    shown = book.add_format({"font_color": "#666666"})
    yes, no = _YES.render(lang), _NO.render(lang)
    for c, (key, _editable) in enumerate(COLUMNS):
        sheet.write_string(0, c, str(_TITLES[key].render(lang)), head)
        sheet.write_string(1, c, key, keys)
    r = HEADER_ROWS
    for entity in bundle.entities:
        for fd in entity.fields:
            values = {"entity": entity.key, **_values(fd)}
            for c, (key, editable) in enumerate(COLUMNS):
                value = values[key]
                fmt = None if editable else shown
                if key in FLAGS:
                    sheet.write_string(r, c, yes if value else no, fmt)
                elif key == "max_length":
                    if value is not None:
                        sheet.write_number(r, c, value, fmt)
                else:
                    sheet.write_string(r, c, neutralise(str(value or "")), fmt)
            r += 1
    if r > HEADER_ROWS:
        for c, (key, _editable) in enumerate(COLUMNS):
            if key in FLAGS:
                sheet.data_validation(
                    HEADER_ROWS, c, r - 1, c, {"validate": "list", "source": [yes, no]}
                )
    sheet.freeze_panes(HEADER_ROWS, 2)
    sheet.set_column(0, 1, 16)
    sheet.set_column(2, 3, 20)
    sheet.set_column(4, 9, 11)
    sheet.set_column(10, 10, 50)
    return name


def _flag(raw: str) -> bool | None:
    text = raw.strip().lower()
    words = {
        w.render(lang).lower(): v
        for w, v in ((_YES, True), (_NO, False))
        for lang in ("zh_CN", "en")
    }
    if text in words:
        return words[text]
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    return None


def read_field_sheet(
    sheet: str, grid: list[list[str]], merged: list[str], bundle: Bundle
) -> tuple[list[FieldEdit], list[CellProblem]]:
    """The cells of the fields sheet ``grid`` (text from A1) that differ from ``bundle``, and
    every problem; nothing is changed."""
    edits: list[FieldEdit] = []
    problems = [
        CellProblem(
            sheet,
            where.split(":")[0],
            Message("Merged cells ({cells}) are not allowed: unmerge them.", cells=where),
        )
        for where in merged
    ]
    keys_row = grid[1] if len(grid) > 1 else []
    at = {key: c for c, key in enumerate(keys_row) if key}
    for key, _editable in COLUMNS:
        if key not in at:
            problems.append(
                CellProblem(sheet, "", Message("The column {key} is missing.", key=key))
            )
    if problems:
        return edits, problems
    fields = {(e.key, f.key): f for e in bundle.entities for f in e.fields}
    seen: set[tuple[str, str]] = set()
    for r in range(HEADER_ROWS, len(grid)):
        row = grid[r]

        def cell(key: str, row: list[str] = row) -> str:
            c = at[key]
            return row[c] if c < len(row) else ""

        entity, field = cell("entity"), cell("field")
        if not entity and not field:
            if any(row):
                problems.append(
                    CellProblem(
                        sheet, cell_name(r, 0), Message("A row without a field key holds values.")
                    )
                )
            continue
        fd = fields.get((entity, field))
        if fd is None:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, at["field"]),
                    Message("{entity} has no field {key}.", entity=entity, key=field),
                )
            )
            continue
        if (entity, field) in seen:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, at["field"]),
                    Message("The field {key} has a second row.", key=f"{entity}.{field}"),
                )
            )
            continue
        seen.add((entity, field))
        before = _values(fd)
        for key, editable in COLUMNS[2:]:
            raw = cell(key)
            where = cell_name(r, at[key])
            after: Any
            if key in FLAGS:
                after = _flag(raw)
                if after is None:
                    problems.append(
                        CellProblem(
                            sheet,
                            where,
                            Message("{value} is neither yes nor no.", value=raw),
                        )
                    )
                    continue
            elif key == "max_length":
                text = raw.strip()
                if not text:
                    after = None
                elif text.isdigit() and int(text) > 0:
                    after = int(text)
                else:
                    problems.append(
                        CellProblem(
                            sheet,
                            where,
                            Message(
                                "{value} is no maximum length: a whole number above 0, or empty.",
                                value=raw,
                            ),
                        )
                    )
                    continue
            else:
                after = raw
            old = before[key]
            if key not in FLAGS and key != "max_length":
                old = str(old or "")
            if after == old:
                continue
            if not editable:
                problems.append(
                    CellProblem(
                        sheet,
                        where,
                        Message(
                            "The {column} of a field cannot be changed in the workbook (use the "
                            "designer): {field} was {before}, the cell says {after}.",
                            column=key,
                            field=f"{entity}.{field}",
                            before=old,
                            after=raw,
                        ),
                    )
                )
                continue
            if key in ("label_zh", "label_en") and not str(after).strip():
                problems.append(
                    CellProblem(sheet, where, Message("A field's label cannot be empty."))
                )
                continue
            edits.append(FieldEdit(sheet, where, entity, field, key, old, after))
    for (entity, field), _fd in fields.items():
        if (entity, field) not in seen:
            problems.append(
                CellProblem(
                    sheet,
                    "",
                    Message("The row of field {key} is missing.", key=f"{entity}.{field}"),
                )
            )
    return edits, problems
