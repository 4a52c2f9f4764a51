"""Many cells of the field matrix set as one operation (a column, a row, a selection, "copy role
from"): one undo step, one tuple copy, one save of only those cells.

The inverse is the bundle before (``Restore``): exact, and cheap, since undo gives back the very
tuple the operation replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from studio.access.effective import derive_index, positions
from studio.bundle.model import Bundle, FieldPermission
from studio.draft.checks import ACCESS_VALUES
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.draft.trusted import replaced, trusted
from studio.errors import EditError
from studio.gc_pause import gc_paused

#: (role, entity, field, access); ``None`` takes the cell out (the field follows the role's
#: permission on the entity again).
Cell = tuple[str, str, str, str | None]


@dataclass(frozen=True)
class SetCells(Operation):
    label: ClassVar[str] = "set field permissions"
    cells: tuple[Cell, ...]
    name: str = "set field permissions"

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        # Thousands of new cells at once: the cyclic collector would walk the whole heap of a
        # large draft again and again (none of these objects form cycles).
        with gc_paused():
            return self._apply(bundle)

    def _apply(self, bundle: Bundle) -> Applied:
        roles = {r.key for r in bundle.roles}
        fields: dict[str, set[str]] = {}
        for role, entity, field, access in self.cells:
            if role not in roles:
                raise EditError("role", "There is no role {key}.", key=role)
            known = fields.get(entity)
            if known is None:
                ent = bundle.entity(entity)
                if ent is None:
                    raise EditError("entity", "There is no entity {key}.", key=entity)
                known = fields[entity] = {f.key for f in ent.fields}
            if field not in known:
                raise EditError("field", "{entity} has no field {key}.", entity=entity, key=field)
            if access is not None and access not in ACCESS_VALUES:
                raise EditError("access", "Access must be hidden, masked, read or edit.")
        cells = bundle.field_permissions
        where = positions(cells)
        changed = list(cells)
        added: list[FieldPermission] = []
        removed: set[int] = set()
        touched: set[RowRef] = set()
        for role, entity, field, access in self.cells:
            key = (role, entity, field)
            at = where.get((role, entity), {}).get(field)
            if at is not None:
                if access is None:
                    removed.add(at)
                elif changed[at].access != access:
                    changed[at] = replaced(changed[at], access=access)
                else:
                    continue
            elif access is not None:
                added.append(
                    trusted(
                        FieldPermission,
                        {"role": role, "entity": entity, "field": field, "access": access},
                    )
                )
            else:
                continue
            touched.add(("field_permissions", *key))
        if not touched:
            return Applied(bundle, self, frozenset())
        if removed:
            new_cells = (*(c for i, c in enumerate(changed) if i not in removed), *added)
        else:
            new_cells = (*changed, *added)
            # Positions kept (cells set in place, new ones appended): the index carries over.
            derive_index(cells, new_cells, added)
        after = replaced(bundle, field_permissions=new_cells)
        rows = frozenset(touched)
        return Applied(after, Restore(bundle, after, self.name, rows), rows)


def column(bundle: Bundle, role: str, entity: str, access: str | None) -> SetCells:
    """Every field of ``entity`` for ``role``."""
    ent = bundle.entity(entity)
    keys: Iterable[str] = (f.key for f in ent.fields) if ent is not None else ()
    return SetCells(tuple((role, entity, k, access) for k in keys), "set a role's column")


def copy_role(bundle: Bundle, source: str, target: str, entity: str) -> SetCells:
    """``target``'s cells on ``entity`` made the same as ``source``'s (absent cells too)."""
    ent = bundle.entity(entity)
    theirs = {
        c.field: c.access
        for c in bundle.field_permissions
        if (c.role, c.entity) == (source, entity)
    }
    keys = [f.key for f in ent.fields] if ent is not None else []
    return SetCells(tuple((target, entity, k, theirs.get(k)) for k in keys), "copy role from")
