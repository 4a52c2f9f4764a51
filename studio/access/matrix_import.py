"""The permission matrices out to a workbook and back into the draft (issue 14): export, then the
cell-by-cell diff of an edited workbook, applied all or nothing as one step of the draft.

``importers.matrix_sheets`` writes and reads the workbook; this module gives it the workspace's
identity (so a workbook from another workspace is refused) and turns the cells that differ into
one operation: one undo step, one save of only the changed rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from sqlalchemy.orm import Session

from importers.field_sheet import FieldEdit
from importers.matrix_read import read_matrices
from importers.matrix_sheets import MatrixEdit, MatrixImport
from importers.matrix_write import write_matrices
from schema.models import WorkspaceMeta
from studio.access.cell_ops import SetCells
from studio.access.effective import role_scopes
from studio.access.role_ops import SetScopes
from studio.bundle.model import Bundle
from studio.draft.edits import update_field
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.errors import EditError

#: ``workspace_meta`` key of the workspace's own id (made on first use).
WORKSPACE_ID = "workspace_id"


def workspace_id(session: Session) -> str:
    """This workspace's id, made once: what an exported workbook says it came from."""
    row = session.get(WorkspaceMeta, WORKSPACE_ID)
    if row is None:
        row = WorkspaceMeta(key=WORKSPACE_ID, value=uuid.uuid4().hex)
        session.add(row)
        session.flush()
    return row.value


@dataclass(frozen=True)
class ImportMatrices(Operation):
    """The cells of an imported workbook that differ from the draft, as one step."""

    label: ClassVar[str] = "import the permission matrices"
    edits: tuple[MatrixEdit, ...]
    #: The fields sheet's cells that differ (``importers.field_sheet.FieldEdit``).
    fields: tuple[FieldEdit, ...] = ()

    def text(self) -> str:
        return self.label

    def apply(self, bundle: Bundle) -> Applied:
        after, rows = bundle, set[RowRef]()
        changes: dict[tuple[str, str], dict[str, object]] = {}
        for f in self.fields:
            changes.setdefault((f.entity, f.field), {})[f.prop] = f.after
        for (entity, field), props in changes.items():
            # the designer's own function: the same checks as an edit in the GUI
            after = update_field(after, entity, field, props)
            rows.add(("fields", entity, field))
        cells = tuple(
            (e.role, e.entity, e.field, e.after) for e in self.edits if e.field is not None
        )
        if cells:
            applied = SetCells(cells, self.label).apply(after)
            after, rows = applied.bundle, rows | applied.rows
        actions: dict[tuple[str, str], dict[str, str | None]] = {}
        for e in self.edits:
            if e.action is not None:
                actions.setdefault((e.role, e.entity), {})[e.action] = e.after
        for (role, entity), wanted in actions.items():
            scopes = role_scopes(after, role, entity)
            for action, scope in wanted.items():
                if scope is None:
                    scopes.pop(action, None)
                else:
                    scopes[action] = scope
            applied = SetScopes(role, entity, tuple(sorted(scopes.items()))).apply(after)
            after, rows = applied.bundle, rows | applied.rows
        if after is bundle:
            return Applied(bundle, self, frozenset())
        frozen = frozenset(rows)
        return Applied(after, Restore(bundle, after, self.label, frozen), frozen)


def export_matrices(session: Session, bundle: Bundle, out: Path, lang: str) -> Path:
    """Write ``bundle``'s matrices to ``out`` for this workspace."""
    return write_matrices(bundle, out, lang, workspace_id=workspace_id(session))


def read_workbook(session: Session, bundle: Bundle, path: Path) -> MatrixImport:
    """The workbook's cells that differ from ``bundle``, and its problems (nothing is changed)."""
    return read_matrices(path, bundle, workspace_id=workspace_id(session))


def import_operation(found: MatrixImport) -> ImportMatrices:
    """The one operation applying ``found``; refused while it has any problem (all or nothing)."""
    if found.problems:
        raise EditError(
            "matrices",
            "The workbook has {n} problems; nothing was applied.",
            n=len(found.problems),
        )
    return ImportMatrices(tuple(found.edits), tuple(found.fields))


def edit_lines(edits: Sequence[MatrixEdit], fields: Sequence[FieldEdit] = ()) -> list[str]:
    """Each edit as ``Sheet!D5 role × field: old -> new`` (keys: what the CLI prints), then
    each field cell as ``Sheet!F3 entity.field required: False -> True``."""
    out = []
    for e in edits:
        what = e.field if e.field is not None else e.action
        out.append(
            f"{e.sheet}!{e.cell} {e.role} × {e.entity}.{what}: {e.before or '—'} -> {e.after or '—'}"
        )
    for f in fields:
        out.append(f"{f.sheet}!{f.cell} {f.entity}.{f.field} {f.prop}: {f.before} -> {f.after}")
    return out
