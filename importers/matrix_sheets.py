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

Written by ``importers.matrix_write``; read by ``importers.matrix_read``. This module holds the
layout both share (sheet names, header rows, words, the fingerprint).

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
from typing import Any

from importers.column_letters import column_name
from studio.bundle.model import Bundle
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
    #: The cells of the fields sheet that differ (``importers.field_sheet.FieldEdit``).
    fields: tuple[Any, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


# -- naming --------------------------------------------------------------------------------------


def cell_name(row: int, column: int) -> str:
    """A cell's name from 0-based row and column (0, 0 -> A1)."""
    return f"{column_name(column)}{row + 1}"


def entity_sheet_title() -> Message:
    return Message("Entity permissions")


def fields_sheet_title() -> Message:
    """The fields sheet's name (``importers.field_sheet``)."""
    return Message("Field definitions")


def sheet_names(bundle: Bundle, lang: str) -> dict[str, str]:
    """Entity key -> its sheet's name: the label, made a valid and unique sheet name."""
    taken = {
        str(entity_sheet_title().render(lang)).lower(),
        str(fields_sheet_title().render(lang)).lower(),
        META_SHEET.lower(),
    }
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
            (p.role, p.entity, sorted(granted_scopes(bundle, p.role, p.entity).items()))
            for p in bundle.entity_permissions
        ),
        "field_permissions": sorted(
            (c.role, c.entity, c.field, c.access) for c in bundle.field_permissions
        ),
    }
    data = json.dumps(shape, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def granted_scopes(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    from studio.access.effective import role_scopes  # late: only the matrices need it

    return role_scopes(bundle, role, entity)


# -- words ---------------------------------------------------------------------------------------


def words(fn: Any, keys: Iterable[str]) -> dict[str, str]:
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


def action_text(action: str, lang: str) -> str:
    word = action_word(action)
    return word.render(lang) if isinstance(word, Message) else str(word)
