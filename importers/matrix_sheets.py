"""The permission matrices as a workbook a business lead edits in Excel, WPS or LibreOffice, and
read back cell by cell (issue 14; ``studio config export/import FILE.xlsx``, the Permissions pane).

The workbook:

- one sheet per entity, the field matrix: fields down the side (key, label, ● for a sensitive
  field), roles across (their labels on row 1, their keys on row 2), each cell hidden / masked /
  read / edit in the exporter's language or empty (the field follows the role's permission on the
  entity), with a dropdown of those words; frozen headers;
- the entity matrix: one row per role and entity, one column per action (create ... export),
  each cell own / team / all or empty (not allowed), with a dropdown;
- a hidden sheet naming the workspace it came from, the sheets' entities, and a fingerprint of
  the matrices it was made from, so that a workbook of another workspace or of an older draft is
  recognised instead of silently undoing what changed since.

Reading never changes anything: ``read_matrices`` gives the cells that differ from the bundle
(old -> new, per sheet and cell) and every problem found (unknown role or field, a value that is
no access level or scope, merged cells, missing or extra columns and rows, another workspace, an
older export), each with its sheet and cell and a message in the user's language. Whoever applies
the edits does so only when there is no problem at all (``studio.access.matrix_import``).

Every label is written neutralised against formula injection (``importers.cells``); keys are
ASCII snake_case and never start like a formula.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.cells import neutralise
from studio.atomic_file import atomic_path
from studio.bundle.access import ACTIONS, SCOPES, access_of
from studio.bundle.model import Bundle, Entity
from studio.errors import StudioError
from studio.i18n import Message
from studio.i18n.access import access_word, action_word, scope_word

#: The hidden sheet, and its format.
META_SHEET = "_studio_matrices"
FORMAT = "studio-permission-matrices/1"
LEVELS = ("hidden", "masked", "read", "edit")
#: Columns before the roles on an entity's sheet (field key, field label, sensitive mark).
FIELD_COLUMNS = 3
#: Columns before the actions on the entity matrix (role key, role label, entity key, label).
ENTITY_COLUMNS = 4
#: Header rows (labels, then keys) above the first field or role.
HEADER_ROWS = 2
SENSITIVE_MARK = "●"
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


class MatrixFileError(StudioError):
    """The workbook cannot be read as permission matrices at all (not xlsx, corrupt)."""


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in the workbook, at ``sheet`` and ``cell`` (``""``: the sheet itself)."""

    sheet: str
    cell: str
    message: Message

    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def text(self, lang: str | None = None) -> str:
        return f"{self.where()}: {self.message.render(lang)}"


@dataclass(frozen=True)
class MatrixEdit:
    """One cell that differs from the bundle: a field cell (``field``) or an action (``action``).

    ``before``/``after`` are keys: an access level or ``None`` (follows the entity permission)
    for a field; a scope or ``None`` (not allowed) for an action.
    """

    sheet: str
    cell: str
    role: str
    entity: str
    field: str | None
    action: str | None
    before: str | None
    after: str | None


@dataclass(frozen=True)
class MatrixImport:
    edits: tuple[MatrixEdit, ...]
    problems: tuple[CellProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


# -- naming --------------------------------------------------------------------------------------


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(row: int, column: int) -> str:
    """A cell's name from 0-based row and column (0, 0 -> A1)."""
    return f"{column_name(column)}{row + 1}"


def _entity_sheet_title() -> Message:
    return Message("Entity permissions")


def sheet_names(bundle: Bundle, lang: str) -> dict[str, str]:
    """Entity key -> its sheet's name: the label, made a valid and unique sheet name."""
    taken = {str(_entity_sheet_title().render(lang)).lower(), META_SHEET.lower()}
    out: dict[str, str] = {}
    for entity in bundle.entities:
        base = entity.label.text(lang).translate(_BAD_SHEET_CHARS).strip("' ")[:31] or entity.key
        name, n = base, 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        taken.add(name.lower())
        out[entity.key] = name
    return out


def fingerprint(bundle: Bundle) -> str:
    """What the matrices were made from: roles, fields, and every permission, canonically."""
    shape = {
        "roles": [r.key for r in bundle.roles],
        "fields": {e.key: [f.key for f in e.fields] for e in bundle.entities},
        "entity_permissions": sorted(
            (p.role, p.entity, sorted(_scopes(bundle, p.role, p.entity).items()))
            for p in bundle.entity_permissions
        ),
        "field_permissions": sorted(
            (c.role, c.entity, c.field, c.access) for c in bundle.field_permissions
        ),
    }
    data = json.dumps(shape, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _scopes(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    from studio.access.effective import role_scopes  # late: only the matrices need it

    return role_scopes(bundle, role, entity)


# -- words ---------------------------------------------------------------------------------------


def _words(fn: Any, keys: Iterable[str]) -> dict[str, str]:
    """Every way a value may be written (its key, and its word in either language) -> its key."""
    out: dict[str, str] = {}
    for key in keys:
        word = fn(key)
        out[key] = key
        for lang in ("zh_CN", "en"):
            out[(word.render(lang) if isinstance(word, Message) else str(word)).strip().lower()] = (
                key
            )
    return out


def level_text(level: str | None, lang: str) -> str:
    if level is None:
        return ""
    word = access_word(level)
    return word.render(lang) if isinstance(word, Message) else str(word)


def scope_text(scope: str | None, lang: str) -> str:
    if scope is None:
        return ""
    word = scope_word(scope)
    return word.render(lang) if isinstance(word, Message) else str(word)


def _action_text(action: str, lang: str) -> str:
    word = action_word(action)
    return word.render(lang) if isinstance(word, Message) else str(word)


# -- writing -------------------------------------------------------------------------------------


def write_matrices(bundle: Bundle, out: Path, lang: str, *, workspace_id: str) -> Path:
    """Both matrices of ``bundle`` as a workbook at ``out`` (whole or not at all)."""
    import xlsxwriter

    if out.suffix.lower() != ".xlsx":
        raise StudioError("Unsupported file type {suffix}: use .xlsx.", suffix=out.suffix or "''")
    names = sheet_names(bundle, lang)
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for perm in bundle.field_permissions:
        cells.setdefault((perm.role, perm.entity), {})[perm.field] = perm.access
    sensitive_readers = {
        (p.entity, p.field): p.readers for p in access_of(bundle).fields if p.readers is not None
    }
    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
            keys = book.add_format({"italic": True, "font_color": "#666666", "bg_color": "#F2F2F2"})
            mark = book.add_format({"bold": True, "font_color": "#C00000", "bg_color": "#FFF2CC"})
            level_words = [level_text(lv, lang) for lv in LEVELS]
            scope_words = [scope_text(s, lang) for s in SCOPES]
            roles = bundle.roles

            for entity in bundle.entities:
                sheet = book.add_worksheet(names[entity.key])
                titles = [
                    str(Message("Field key").render(lang)),
                    str(Message("Field").render(lang)),
                    str(Message("Sensitive").render(lang)),
                ]
                for c, title in enumerate(titles):
                    sheet.write_string(0, c, title, head)
                    sheet.write_string(1, c, "", keys)
                for c, role in enumerate(roles, start=FIELD_COLUMNS):
                    sheet.write_string(0, c, neutralise(role.label.text(lang)), head)
                    sheet.write_string(1, c, role.key, keys)
                for r, fd in enumerate(entity.fields, start=HEADER_ROWS):
                    sheet.write_string(r, 0, fd.key)
                    sheet.write_string(
                        r, 1, neutralise(fd.label.text(lang)), mark if fd.sensitive else None
                    )
                    if fd.sensitive:
                        readers = sensitive_readers.get((entity.key, fd.key))
                        sheet.write_string(r, 2, SENSITIVE_MARK, mark)
                        if readers:
                            sheet.write_comment(
                                r,
                                2,
                                str(
                                    Message("Readers: {roles}", roles=", ".join(readers)).render(
                                        lang
                                    )
                                ),
                            )
                    for c, role in enumerate(roles, start=FIELD_COLUMNS):
                        level = cells.get((role.key, entity.key), {}).get(fd.key)
                        if level is not None:
                            sheet.write_string(r, c, level_text(level, lang))
                last = HEADER_ROWS + len(entity.fields) - 1
                if roles and entity.fields:
                    sheet.data_validation(
                        HEADER_ROWS,
                        FIELD_COLUMNS,
                        last,
                        FIELD_COLUMNS + len(roles) - 1,
                        {
                            "validate": "list",
                            "source": level_words,
                            "ignore_blank": True,
                            "error_type": "stop",
                            "error_message": str(
                                Message(
                                    "An access level ({words}), or empty to follow the entity "
                                    "permission.",
                                    words=", ".join(level_words),
                                ).render(lang)
                            )[:255],
                        },
                    )
                sheet.freeze_panes(HEADER_ROWS, FIELD_COLUMNS)
                sheet.set_column(0, 0, 18)
                sheet.set_column(1, 1, 22)
                sheet.set_column(2, 2, 6)
                if roles:
                    sheet.set_column(FIELD_COLUMNS, FIELD_COLUMNS + len(roles) - 1, 12)

            sheet = book.add_worksheet(str(_entity_sheet_title().render(lang)))
            titles = [
                str(Message("Role key").render(lang)),
                str(Message("Role").render(lang)),
                str(Message("Entity key").render(lang)),
                str(Message("Entity").render(lang)),
            ]
            for c, title in enumerate(titles):
                sheet.write_string(0, c, title, head)
                sheet.write_string(1, c, "", keys)
            for c, action in enumerate(ACTIONS, start=ENTITY_COLUMNS):
                sheet.write_string(0, c, _action_text(action, lang), head)
                sheet.write_string(1, c, action, keys)
            protected = set(access_of(bundle).protected)
            r = HEADER_ROWS
            for role in roles:
                for entity in bundle.entities:
                    scopes = _scopes(bundle, role.key, entity.key)
                    sheet.write_string(r, 0, role.key)
                    sheet.write_string(r, 1, neutralise(role.label.text(lang)))
                    sheet.write_string(r, 2, entity.key)
                    sheet.write_string(
                        r,
                        3,
                        neutralise(entity.label.text(lang)),
                        mark if entity.key in protected else None,
                    )
                    for c, action in enumerate(ACTIONS, start=ENTITY_COLUMNS):
                        scope = scopes.get(action)
                        if scope is not None:
                            sheet.write_string(r, c, scope_text(scope, lang))
                    r += 1
            if r > HEADER_ROWS:
                sheet.data_validation(
                    HEADER_ROWS,
                    ENTITY_COLUMNS,
                    r - 1,
                    ENTITY_COLUMNS + len(ACTIONS) - 1,
                    {
                        "validate": "list",
                        "source": scope_words,
                        "ignore_blank": True,
                        "error_type": "stop",
                        "error_message": str(
                            Message(
                                "A scope ({words}), or empty when not allowed.",
                                words=", ".join(scope_words),
                            ).render(lang)
                        )[:255],
                    },
                )
            sheet.freeze_panes(HEADER_ROWS, ENTITY_COLUMNS)
            sheet.set_column(0, 3, 16)
            sheet.set_column(ENTITY_COLUMNS, ENTITY_COLUMNS + len(ACTIONS) - 1, 11)

            meta = book.add_worksheet(META_SHEET)
            facts = [
                ("format", FORMAT),
                ("workspace", workspace_id),
                ("fingerprint", fingerprint(bundle)),
                ("entity_sheet", str(_entity_sheet_title().render(lang))),
            ]
            for key, name in names.items():
                facts.append((f"entity:{key}", name))
            for r, (key, value) in enumerate(facts):
                meta.write_string(r, 0, key)
                meta.write_string(r, 1, neutralise(value))
            meta.hide()
        finally:
            book.close()
    return out


# -- reading -------------------------------------------------------------------------------------


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

    levels = _words(access_word, LEVELS)
    scopes = _words(scope_word, SCOPES)
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
    return MatrixImport(tuple(edits), tuple(problems))


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
        current = _scopes(bundle, role, entity)
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


def write_problems(problems: Iterable[CellProblem], out: Path, lang: str) -> Path:
    """The problems as a workbook (sheet, cell, what is wrong), whole or not at all."""
    import xlsxwriter

    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        try:
            sheet = book.add_worksheet(str(Message("Problems").render(lang)))
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
            titles = (Message("Sheet"), Message("Cell"), Message("Problem"))
            for c, title in enumerate(titles):
                sheet.write_string(0, c, title.render(lang), head)
            for r, p in enumerate(problems, start=1):
                sheet.write_string(r, 0, neutralise(p.sheet))
                sheet.write_string(r, 1, p.cell)
                sheet.write_string(r, 2, neutralise(p.message.render(lang)))
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, 0, 24)
            sheet.set_column(1, 1, 8)
            sheet.set_column(2, 2, 100)
        finally:
            book.close()
    return out
