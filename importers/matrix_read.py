"""Reading an edited matrices workbook back, cell by cell, against the bundle: the edits and
every problem, nothing applied (the layout: ``importers.matrix_sheets``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from importers.field_sheet import FieldEdit, fields_fingerprint, read_field_sheet
from importers.matrix_sheets import (
    ENTITY_COLUMNS,
    FIELD_COLUMNS,
    FORMAT,
    HEADER_ROWS,
    LEVELS,
    META_SHEET,
    CellProblem,
    MatrixEdit,
    MatrixFileError,
    MatrixImport,
    cell_name,
    fingerprint,
    granted_scopes,
    words,
)
from studio.bundle.access import ACTIONS, SCOPES
from studio.bundle.model import Bundle, Entity
from studio.i18n import Message
from studio.i18n.access import access_word, scope_word


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Reader:
    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineError, load_workbook

        try:
            self.book = load_workbook(str(path))
        except (CalamineError, OSError, ValueError) as exc:
            raise MatrixFileError(
                "Cannot read the workbook {path}: {reason}", path=path, reason=exc
            ) from None
        self.names = list(self.book.sheet_names)

    def rows(self, name: str) -> tuple[list[list[str]], list[str]]:
        """The sheet's cells as text (from A1), and its merged ranges ("A1:B2")."""
        sheet = self.book.get_sheet_by_name(name)
        grid = sheet.to_python(skip_empty_area=False)
        merged: list[str] = []
        ranges = sheet.merged_cell_ranges or []
        for (r0, c0), (r1, c1) in ranges:
            merged.append(f"{cell_name(r0, c0)}:{cell_name(r1, c1)}")
        return [[_text(v) for v in row] for row in grid], merged


def read_matrices(path: Path, bundle: Bundle, *, workspace_id: str) -> MatrixImport:
    """The cells of the workbook at ``path`` that differ from ``bundle``, and every problem."""
    if path.suffix.lower() != ".xlsx":
        raise MatrixFileError(
            "Unsupported file type {suffix}: use .xlsx.", suffix=path.suffix or "''"
        )
    reader = _Reader(path)
    problems: list[CellProblem] = []
    edits: list[MatrixEdit] = []
    if META_SHEET not in reader.names:
        problems.append(
            CellProblem(
                path.name,
                "",
                Message(
                    "This workbook was not exported by the studio as permission matrices (its "
                    "sheet {sheet} is missing): export the matrices and edit that file.",
                    sheet=META_SHEET,
                ),
            )
        )
        return MatrixImport((), tuple(problems))
    meta_rows, _ = reader.rows(META_SHEET)
    meta = {row[0]: row[1] if len(row) > 1 else "" for row in meta_rows if row and row[0]}
    if meta.get("format") != FORMAT:
        problems.append(
            CellProblem(
                META_SHEET,
                "B1",
                Message(
                    "The workbook's format {found} is not {wanted}.",
                    found=meta.get("format", ""),
                    wanted=FORMAT,
                ),
            )
        )
        return MatrixImport((), tuple(problems))
    if meta.get("workspace") != workspace_id:
        problems.append(
            CellProblem(
                path.name,
                "",
                Message(
                    "This workbook was exported from another workspace: nothing of it applies "
                    "here. Export the matrices of this workspace and edit that file."
                ),
            )
        )
        return MatrixImport((), tuple(problems))
    if meta.get("fingerprint") != fingerprint(bundle):
        problems.append(
            CellProblem(
                path.name,
                "",
                Message(
                    "This workbook was exported from an older version of the draft: roles, "
                    "fields or permissions changed since. Importing it would undo those changes; "
                    "export again and redo the edits in the new file."
                ),
            )
        )
        return MatrixImport((), tuple(problems))

    levels = words(access_word, LEVELS)
    scopes = words(scope_word, SCOPES)
    roles = [r.key for r in bundle.roles]
    explicit: dict[tuple[str, str, str], str] = {
        (c.role, c.entity, c.field): c.access for c in bundle.field_permissions
    }
    for entity in bundle.entities:
        name = meta.get(f"entity:{entity.key}")
        if name is None or name not in reader.names:
            problems.append(
                CellProblem(
                    name or entity.key,
                    "",
                    Message("The sheet of entity {entity} is missing.", entity=entity.key),
                )
            )
            continue
        grid, merged = reader.rows(name)
        _field_sheet(name, grid, merged, entity, roles, levels, explicit, edits, problems)
    entity_sheet = meta.get("entity_sheet", "")
    if entity_sheet not in reader.names:
        problems.append(
            CellProblem(
                entity_sheet, "", Message("The sheet of the entity permissions is missing.")
            )
        )
    else:
        grid, merged = reader.rows(entity_sheet)
        _entity_sheet(entity_sheet, grid, merged, bundle, scopes, edits, problems)
    fields: list[FieldEdit] = []
    fields_sheet = meta.get("fields_sheet")
    if fields_sheet:  # workbooks exported before the fields sheet existed have none
        if meta.get("fields_fingerprint") != fields_fingerprint(bundle):
            problems.append(
                CellProblem(
                    path.name,
                    "",
                    Message(
                        "This workbook was exported from an older version of the draft: fields "
                        "changed since. Importing it would undo those changes; export again and "
                        "redo the edits in the new file."
                    ),
                )
            )
        elif fields_sheet not in reader.names:
            problems.append(
                CellProblem(fields_sheet, "", Message("The sheet of the fields is missing."))
            )
        else:
            grid, merged = reader.rows(fields_sheet)
            found, trouble = read_field_sheet(fields_sheet, grid, merged, bundle)
            fields += found
            problems += trouble
    return MatrixImport(tuple(edits), tuple(problems), tuple(fields))


def _merged(sheet: str, merged: list[str], problems: list[CellProblem]) -> None:
    for where in merged:
        problems.append(
            CellProblem(
                sheet,
                where.split(":")[0],
                Message("Merged cells ({cells}) are not allowed: unmerge them.", cells=where),
            )
        )


def _header(
    sheet: str,
    grid: list[list[str]],
    first: int,
    known: list[str],
    what: Message,
    problems: list[CellProblem],
) -> dict[int, str]:
    """Column -> key from the keys row (row 2) from column ``first`` on; missing, unknown and
    repeated keys are problems."""
    keys_row = grid[1] if len(grid) > 1 else []
    columns: dict[int, str] = {}
    seen: set[str] = set()
    width = max((len(r) for r in grid), default=0)
    for c in range(first, width):
        key = keys_row[c] if c < len(keys_row) else ""
        if not key:
            if any(c < len(r) and r[c] for r in grid[HEADER_ROWS:]):
                problems.append(
                    CellProblem(
                        sheet,
                        cell_name(1, c),
                        Message("A column without a {what} key in row 2 holds values.", what=what),
                    )
                )
            continue
        if key not in known:
            problems.append(
                CellProblem(
                    sheet, cell_name(1, c), Message("Unknown {what} {key}.", what=what, key=key)
                )
            )
            continue
        if key in seen:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(1, c),
                    Message("The {what} {key} has a second column.", what=what, key=key),
                )
            )
            continue
        seen.add(key)
        columns[c] = key
    for key in known:
        if key not in seen:
            problems.append(
                CellProblem(
                    sheet, "", Message("The column of {what} {key} is missing.", what=what, key=key)
                )
            )
    return columns


def _field_sheet(
    sheet: str,
    grid: list[list[str]],
    merged: list[str],
    entity: Entity,
    roles: list[str],
    levels: dict[str, str],
    explicit: dict[tuple[str, str, str], str],
    edits: list[MatrixEdit],
    problems: list[CellProblem],
) -> None:
    _merged(sheet, merged, problems)
    columns = _header(sheet, grid, FIELD_COLUMNS, roles, Message("role"), problems)
    fields = {f.key for f in entity.fields}
    seen: set[str] = set()
    for r in range(HEADER_ROWS, len(grid)):
        row = grid[r]
        key = row[0] if row else ""
        if not key:
            if any(row):
                problems.append(
                    CellProblem(
                        sheet, cell_name(r, 0), Message("A row without a field key holds values.")
                    )
                )
            continue
        if key not in fields:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, 0),
                    Message("{entity} has no field {key}.", entity=entity.key, key=key),
                )
            )
            continue
        if key in seen:
            problems.append(
                CellProblem(
                    sheet, cell_name(r, 0), Message("The field {key} has a second row.", key=key)
                )
            )
            continue
        seen.add(key)
        for c, role in columns.items():
            raw = row[c] if c < len(row) else ""
            after: str | None = None
            if raw:
                after = levels.get(raw.lower())
                if after is None:
                    problems.append(
                        CellProblem(
                            sheet,
                            cell_name(r, c),
                            Message(
                                "{value} is no access level: use hidden, masked, read or edit, "
                                "or leave the cell empty to follow the entity permission.",
                                value=raw,
                            ),
                        )
                    )
                    continue
            before = explicit.get((role, entity.key, key))
            if before != after:
                edits.append(
                    MatrixEdit(sheet, cell_name(r, c), role, entity.key, key, None, before, after)
                )
    for fd in entity.fields:
        if fd.key not in seen:
            problems.append(
                CellProblem(sheet, "", Message("The row of field {key} is missing.", key=fd.key))
            )


def _entity_sheet(
    sheet: str,
    grid: list[list[str]],
    merged: list[str],
    bundle: Bundle,
    scopes: dict[str, str],
    edits: list[MatrixEdit],
    problems: list[CellProblem],
) -> None:
    _merged(sheet, merged, problems)
    columns = _header(sheet, grid, ENTITY_COLUMNS, list(ACTIONS), Message("action"), problems)
    roles = {r.key for r in bundle.roles}
    entities = {e.key for e in bundle.entities}
    seen: set[tuple[str, str]] = set()
    for r in range(HEADER_ROWS, len(grid)):
        row = grid[r] + [""] * (ENTITY_COLUMNS - len(grid[r]))
        role, entity = row[0], row[2]
        if not role and not entity:
            if any(row):
                problems.append(
                    CellProblem(
                        sheet,
                        cell_name(r, 0),
                        Message("A row without a role and entity key holds values."),
                    )
                )
            continue
        if role not in roles:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, 0),
                    Message("Unknown {what} {key}.", what=Message("role"), key=role),
                )
            )
            continue
        if entity not in entities:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, 2),
                    Message("Unknown {what} {key}.", what=Message("entity"), key=entity),
                )
            )
            continue
        if (role, entity) in seen:
            problems.append(
                CellProblem(
                    sheet,
                    cell_name(r, 0),
                    Message("Role {role} on {entity} has a second row.", role=role, entity=entity),
                )
            )
            continue
        seen.add((role, entity))
        current = granted_scopes(bundle, role, entity)
        for c, action in columns.items():
            raw = row[c] if c < len(row) else ""
            after: str | None = None
            if raw:
                after = scopes.get(raw.lower())
                if after is None:
                    problems.append(
                        CellProblem(
                            sheet,
                            cell_name(r, c),
                            Message(
                                "{value} is no scope: use own, team or all, or leave the cell "
                                "empty when the action is not allowed.",
                                value=raw,
                            ),
                        )
                    )
                    continue
            before = current.get(action)
            if before != after:
                edits.append(
                    MatrixEdit(sheet, cell_name(r, c), role, entity, None, action, before, after)
                )
    for r_key in (r.key for r in bundle.roles):
        for e_key in (e.key for e in bundle.entities):
            if (r_key, e_key) not in seen:
                problems.append(
                    CellProblem(
                        sheet,
                        "",
                        Message(
                            "The row of role {role} on {entity} is missing.",
                            role=r_key,
                            entity=e_key,
                        ),
                    )
                )
