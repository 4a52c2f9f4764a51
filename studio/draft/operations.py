"""The draft's edits as small typed operations, each with its exact inverse and the rows it touches.

An operation is applied to a bundle in memory (``apply``) and gives back an ``Applied``: the new
bundle, the operation that undoes it exactly, and the rows it touches (``RowRef``s, for panes that
refresh only what concerns them). Nothing re-validates the whole bundle: the changed part is
checked, with the cross-checks that part concerns, and untouched parts are shared, not copied.

The designer's edits stay the pure functions of ``studio.draft.edits`` and ``form_edits``
(``Bundle -> Bundle``); ``Edit`` runs any of them as an operation, so the CLI, the tests and the
GUI use the same functions. The permission matrix's cells have their own operations, fast at
200,000 cells: a cell is found through an index of the matrix kept beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from studio.bundle.model import (
    Bundle,
    EntityPermission,
    FieldPermission,
    Label,
    Policy,
    Role,
    Thresholds,
    UserAssignment,
)
from studio.draft import edits as de
from studio.draft.checks import ACCESS_VALUES
from studio.draft.edit_base import checked, entity_of, field_of
from studio.draft.edit_checks import EditError, check_key, check_label
from studio.draft.trusted import replaced, trusted

#: A row an operation touches: its table and natural key, e.g.
#: ``("field_permissions", "sales", "customer", "mobile")`` or ``("fields", "customer", "mobile")``.
RowRef = tuple[str, ...]
Access = Literal["hidden", "masked", "read", "edit"]


@dataclass(frozen=True)
class Applied:
    """What applying an operation gave: the bundle after it, its inverse, the rows it touched."""

    bundle: Bundle
    inverse: Operation
    rows: frozenset[RowRef]


class Operation:
    """One edit of the draft. Subclasses are frozen dataclasses; ``label`` names it for undo."""

    label: ClassVar[str] = "edit"

    def text(self) -> str:
        return self.label

    def apply(self, bundle: Bundle) -> Applied:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Restore(Operation):
    """Go back from ``after`` to ``before``: the inverse of an edit made by a function."""

    before: Bundle
    after: Bundle
    name: str
    rows: frozenset[RowRef] = frozenset()

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        if bundle is not self.after and bundle != self.after:
            raise EditError(
                "draft",
                "The draft changed since this edit; it cannot be undone.",
            )
        return Applied(
            self.before, Restore(self.after, self.before, self.name, self.rows), self.rows
        )


@dataclass(frozen=True)
class Edit(Operation):
    """Any ``Bundle -> Bundle`` edit function (``studio.draft.edits``, a lint fix...) as an
    operation; ``rows`` says what it touches when the caller knows."""

    name: str
    fn: Callable[[Bundle], Bundle] = field(compare=False)
    rows: frozenset[RowRef] = frozenset()

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        after = self.fn(bundle)
        return Applied(after, Restore(bundle, after, self.name, self.rows), self.rows)


# -- field edits through the designer's functions ---------------------------------------------


def update_field(
    entity: str, field_key: str, changes: dict[str, Any], *, live: Bundle | None = None
) -> Edit:
    rows: set[RowRef] = {("fields", entity, field_key)}
    if "key" in changes:
        rows |= {("fields", entity, str(changes["key"])), ("forms", entity)}
    return Edit(
        "update field",
        lambda b: de.update_field(b, entity, field_key, changes, live=live),
        frozenset(rows),
    )


def add_field(entity: str, key: str, label_zh: str, label_en: str, type: str, **props: Any) -> Edit:
    return Edit(
        "add field",
        lambda b: de.add_field(b, entity, key, label_zh, label_en, type, **props),
        frozenset({("fields", entity, key)}),
    )


def remove_field(entity: str, key: str, *, live: Bundle | None = None) -> Edit:
    return Edit(
        "remove field",
        lambda b: de.remove_field(b, entity, key, live=live),
        frozenset({("fields", entity, key), ("forms", entity)}),
    )


def move_field(entity: str, key: str, index: int) -> Edit:
    return Edit(
        "move field",
        lambda b: de.move_field(b, entity, key, index),
        frozenset({("fields", entity, key)}),
    )


def place_field(
    entity: str, form: str, section: str, field_key: str, index: int | None = None
) -> Edit:
    return Edit(
        "place field",
        lambda b: de.place_field(b, entity, form, section, field_key, index),
        frozenset({("forms", entity, form)}),
    )


def move_placement(entity: str, form: str, field_key: str, section: str, index: int) -> Edit:
    return Edit(
        "move placement",
        lambda b: de.move_placement(b, entity, form, field_key, section, index),
        frozenset({("forms", entity, form)}),
    )


def remove_placement(entity: str, form: str, field_key: str) -> Edit:
    return Edit(
        "remove placement",
        lambda b: de.remove_placement(b, entity, form, field_key),
        frozenset({("forms", entity, form)}),
    )


# -- the permission matrices -------------------------------------------------------------------


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


def _role_known(bundle: Bundle, role: str) -> None:
    if not any(r.key == role for r in bundle.roles):
        raise EditError("role", "There is no role {key}.", key=role)


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
        _role_known(bundle, self.role)
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
        _role_known(bundle, self.role)
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


# -- roles, people, thresholds, policy ---------------------------------------------------------


@dataclass(frozen=True)
class AddRole(Operation):
    label: ClassVar[str] = "add role"
    key: str
    label_zh: str
    label_en: str

    def apply(self, bundle: Bundle) -> Applied:
        role = new_role(bundle, self.key, self.label_zh, self.label_en)
        after = replaced(bundle, roles=(*bundle.roles, role))
        return Applied(after, RemoveRole(role.key), frozenset({("roles", role.key)}))


def new_role(bundle: Bundle, key: str, label_zh: str, label_en: str) -> Role:
    """A role to add to ``bundle``: its key and labels checked, its key not taken."""
    key = check_key(key, "role")
    if any(r.key == key for r in bundle.roles):
        raise EditError("key", "There is already a role {key}.", key=key)
    return Role(
        key=key,
        label=Label(zh_CN=check_label(label_zh, "zh_CN"), en=check_label(label_en, "en")),
    )


@dataclass(frozen=True)
class RemoveRole(Operation):
    """A role nobody holds, with its permissions."""

    label: ClassVar[str] = "remove role"
    key: str

    def apply(self, bundle: Bundle) -> Applied:
        _role_known(bundle, self.key)
        holders = [u.user for u in bundle.users if u.role == self.key]
        if holders:
            raise EditError(
                "role",
                "{users} still hold the role {key}; give them another role first.",
                users=", ".join(holders[:5]),
                key=self.key,
            )
        after = replaced(
            bundle,
            roles=tuple(r for r in bundle.roles if r.key != self.key),
            entity_permissions=tuple(p for p in bundle.entity_permissions if p.role != self.key),
            field_permissions=tuple(p for p in bundle.field_permissions if p.role != self.key),
        )
        rows = frozenset({("roles", self.key)})
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class SetUserRole(Operation):
    """A person's one role."""

    label: ClassVar[str] = "set user role"
    user: str
    role: str

    def apply(self, bundle: Bundle) -> Applied:
        _role_known(bundle, self.role)
        at = next((i for i, u in enumerate(bundle.users) if u.user == self.user), None)
        if at is None:
            raise EditError("user", "There is no user {key}.", key=self.user)
        old = bundle.users[at]
        rows = frozenset({("users", self.user)})
        if old.role == self.role:
            return Applied(bundle, self, rows)
        users = (*bundle.users[:at], replaced(old, role=self.role), *bundle.users[at + 1 :])
        return Applied(replaced(bundle, users=users), SetUserRole(self.user, old.role), rows)


@dataclass(frozen=True)
class AddUser(Operation):
    label: ClassVar[str] = "add user"
    user: str
    display_name: str
    role: str

    def apply(self, bundle: Bundle) -> Applied:
        _role_known(bundle, self.role)
        key = check_key(self.user, "user")
        if any(u.user == key for u in bundle.users):
            raise EditError("user", "There is already a user {key}.", key=key)
        person = UserAssignment(
            user=key,
            display_name=check_label(self.display_name, "en", prop="display_name"),
            role=self.role,
        )
        after = replaced(bundle, users=(*bundle.users, person))
        return Applied(after, RemoveUser(key), frozenset({("users", key)}))


@dataclass(frozen=True)
class RemoveUser(Operation):
    label: ClassVar[str] = "remove user"
    user: str

    def apply(self, bundle: Bundle) -> Applied:
        if not any(u.user == self.user for u in bundle.users):
            raise EditError("user", "There is no user {key}.", key=self.user)
        after = replaced(bundle, users=tuple(u for u in bundle.users if u.user != self.user))
        rows = frozenset({("users", self.user)})
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class SetThresholds(Operation):
    """The red lines of the field-index health check."""

    label: ClassVar[str] = "set thresholds"
    thresholds: Thresholds

    def apply(self, bundle: Bundle) -> Applied:
        value = Thresholds.model_validate(self.thresholds.model_dump())
        after = checked(bundle, "thresholds", thresholds=value)
        return Applied(
            after, SetThresholds(bundle.thresholds), frozenset({("draft", "thresholds")})
        )


@dataclass(frozen=True)
class SetPolicy(Operation):
    """Who must approve a change."""

    label: ClassVar[str] = "set policy"
    policy: Policy

    def apply(self, bundle: Bundle) -> Applied:
        value = Policy.model_validate(self.policy.model_dump())
        after = checked(bundle, "policy", policy=value)
        return Applied(after, SetPolicy(bundle.policy), frozenset({("draft", "policy")}))
