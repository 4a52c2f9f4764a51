"""The permission matrices' cells as draft operations, each with its exact inverse.

Fast at 200,000 cells: a field permission is found through an index of the matrix kept beside
it (``_CellIndex``), and a cell set in place shares its predecessor's index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from studio.bundle.model import Bundle, EntityPermission, FieldPermission
from studio.draft.checks import ACCESS_VALUES
from studio.draft.edit_base import entity_of, field_of, known_role
from studio.draft.edit_checks import EditError
from studio.draft.operations import Applied, Operation, Restore
from studio.draft.trusted import replaced, trusted

Access = Literal["hidden", "masked", "read", "edit"]


def _with_item(
    items: tuple[FieldPermission, ...], at: int, item: FieldPermission
) -> tuple[FieldPermission, ...]:
    """``items`` with ``item`` at ``at``: one list copy and one tuple copy (slicing and
    concatenating copies 200,000 cells four times over)."""
    changed = list(items)
    changed[at] = item
    return tuple(changed)


class _CellIndex:
    """Where each field permission sits in a bundle's tuple, for the few tuples in use.

    Built once per matrix (~40 ms at 200,000 cells); a cell set in place keeps the positions, so
    the new tuple shares its predecessor's index.
    """

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._known: list[tuple[tuple[FieldPermission, ...], dict[tuple[str, str, str], int]]] = []

    def get(self, cells: tuple[FieldPermission, ...]) -> dict[tuple[str, str, str], int]:
        for known, index in self._known:
            if known is cells:
                return index
        index = {(c.role, c.entity, c.field): i for i, c in enumerate(cells)}
        self.remember(cells, index)
        return index

    def remember(
        self, cells: tuple[FieldPermission, ...], index: dict[tuple[str, str, str], int]
    ) -> None:
        self._known.insert(0, (cells, index))
        del self._known[self._size :]


_CELLS = _CellIndex()


@dataclass(frozen=True)
class SetFieldPermission(Operation):
    """One cell of the field matrix: ``access`` of ``role`` to ``entity.field``; ``None`` takes
    the cell out (no explicit permission). A new cell goes at ``index`` (else at the end)."""

    label: ClassVar[str] = "set field permission"
    role: str
    entity: str
    field: str
    access: Access | None
    index: int | None = None

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.role)
        field_of(entity_of(bundle, self.entity), self.field)
        if self.access is not None and self.access not in ACCESS_VALUES:
            raise EditError(
                "access",
                "Access must be hidden, masked, read or edit.",
            )
        cells = bundle.field_permissions
        index = _CELLS.get(cells)
        key = (self.role, self.entity, self.field)
        at = index.get(key)
        rows = frozenset({("field_permissions", *key)})
        if at is not None:
            old = cells[at]
            if self.access is None:
                new_cells = cells[:at] + cells[at + 1 :]
            elif old.access == self.access:
                return Applied(bundle, self, rows)
            else:
                cell = replaced(old, access=self.access)
                new_cells = _with_item(cells, at, cell)
                _CELLS.remember(new_cells, index)
            inverse = SetFieldPermission(*key, access=old.access, index=at)
        else:
            if self.access is None:
                return Applied(bundle, self, rows)
            cell = trusted(
                FieldPermission,
                {
                    "role": self.role,
                    "entity": self.entity,
                    "field": self.field,
                    "access": self.access,
                },
            )
            where = len(cells) if self.index is None else max(0, min(self.index, len(cells)))
            new_cells = cells[:where] + (cell,) + cells[where:]  # noqa: RUF005
            inverse = SetFieldPermission(*key, access=None)
        return Applied(replaced(bundle, field_permissions=new_cells), inverse, rows)


@dataclass(frozen=True)
class SetEntityPermission(Operation):
    """A role's create/read/update/delete on an entity; ``rights=None`` takes the cell out."""

    label: ClassVar[str] = "set entity permission"
    role: str
    entity: str
    rights: tuple[bool, bool, bool, bool] | None
    index: int | None = None

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.role)
        entity_of(bundle, self.entity)
        cells = bundle.entity_permissions
        at = next(
            (i for i, c in enumerate(cells) if c.role == self.role and c.entity == self.entity),
            None,
        )
        rows = frozenset({("entity_permissions", self.role, self.entity)})
        new = (
            None
            if self.rights is None
            else trusted(
                EntityPermission,
                {
                    "role": self.role,
                    "entity": self.entity,
                    **dict(
                        zip(
                            ("create", "read", "update", "delete"),
                            map(bool, self.rights),
                            strict=True,
                        )
                    ),
                    # The four flags on all records (issue 14's scopes are set by SetScopes).
                    "scopes": None,
                },
            )
        )
        if at is None:
            if new is None:
                return Applied(bundle, self, rows)
            where = len(cells) if self.index is None else max(0, min(self.index, len(cells)))
            new_cells = (*cells[:where], new, *cells[where:])
            inverse = SetEntityPermission(self.role, self.entity, None)
        else:
            old = cells[at]
            if new == old:
                return Applied(bundle, self, rows)
            new_cells = (*cells[:at], *((new,) if new else ()), *cells[at + 1 :])
            if old.scopes is not None:  # the flags alone would not give the scopes back
                after = replaced(bundle, entity_permissions=new_cells)
                return Applied(after, Restore(bundle, after, self.label, rows), rows)
            inverse = SetEntityPermission(
                self.role, self.entity, (old.create, old.read, old.update, old.delete), index=at
            )
        return Applied(replaced(bundle, entity_permissions=new_cells), inverse, rows)
