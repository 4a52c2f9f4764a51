"""Draft operations on roles and their entity permissions (issue 14): a role added, copied under
a new key, renamed or removed, a role's actions and scopes on an entity.

Each is one step of the draft's history with an exact inverse. ``new_role`` is the one way a
role comes to be (added or copied); removing a role that people hold is refused, naming them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from studio.access.edits import permission_with_scopes
from studio.access.effective import role_scopes
from studio.bundle.access import ACTIONS, SCOPES
from studio.bundle.model import Bundle, Role
from studio.draft.edit_base import known_role
from studio.draft.edit_checks import check_key, checked_label
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.draft.trusted import replaced
from studio.errors import EditError
from studio.i18n import name_list


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
    return Role(key=key, label=checked_label(label_zh, label_en))


@dataclass(frozen=True)
class RemoveRole(Operation):
    """A role nobody holds, with its permissions."""

    label: ClassVar[str] = "remove role"
    key: str

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.key)
        holders = [u.user for u in bundle.users if u.role == self.key]
        if holders:
            raise EditError(
                "role",
                "{users} still hold the role {key}; give them another role first.",
                users=name_list(holders[:5]),
                key=self.key,
            )
        after = replaced(
            bundle,
            roles=tuple(r for r in bundle.roles if r.key != self.key),
            entity_permissions=tuple(p for p in bundle.entity_permissions if p.role != self.key),
            field_permissions=tuple(p for p in bundle.field_permissions if p.role != self.key),
        )
        rows: frozenset[RowRef] = frozenset({("roles", self.key)})
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class SetScopes(Operation):
    """``role``'s actions on ``entity`` and their scopes (an empty mapping: none)."""

    label: ClassVar[str] = "set actions and scopes"
    role: str
    entity: str
    scopes: tuple[tuple[str, str], ...]

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.role)
        if bundle.entity(self.entity) is None:
            raise EditError("entity", "There is no entity {key}.", key=self.entity)
        for action, scope in self.scopes:
            if action not in ACTIONS or scope not in SCOPES:
                raise EditError(
                    "scopes",
                    "{action}/{scope} is not an action with a scope (own, team or all).",
                    action=action,
                    scope=scope,
                )
        wanted = dict(self.scopes)
        rows: frozenset[RowRef] = frozenset({("entity_permissions", self.role, self.entity)})
        perms = list(bundle.entity_permissions)
        at = next(
            (i for i, p in enumerate(perms) if (p.role, p.entity) == (self.role, self.entity)),
            None,
        )
        if at is not None and perms[at].scopes == wanted:
            return Applied(bundle, self, rows)
        perm = permission_with_scopes(self.role, self.entity, wanted)
        if at is None:
            perms.append(perm)
        else:
            perms[at] = perm
        after = replaced(bundle, entity_permissions=tuple(perms))
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class CopyRole(Operation):
    """A new role ``key`` with ``source``'s entity and field permissions (no users)."""

    label: ClassVar[str] = "copy a role"
    source: str
    key: str
    label_zh: str
    label_en: str

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.source)
        role = new_role(bundle, self.key, self.label_zh, self.label_en)
        key = role.key
        entity_perms = tuple(
            replaced(p, role=key) for p in bundle.entity_permissions if p.role == self.source
        )
        cells = tuple(
            replaced(c, role=key) for c in bundle.field_permissions if c.role == self.source
        )
        after = replaced(
            bundle,
            roles=(*bundle.roles, role),
            entity_permissions=(*bundle.entity_permissions, *entity_perms),
            field_permissions=(*bundle.field_permissions, *cells),
        )
        rows: frozenset[RowRef] = frozenset({("roles", key)})
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class RenameRole(Operation):
    """A role's labels (its key is what the CRM stores: it stays)."""

    label: ClassVar[str] = "rename a role"
    key: str
    label_zh: str
    label_en: str

    def apply(self, bundle: Bundle) -> Applied:
        old = known_role(bundle, self.key)
        new = checked_label(self.label_zh, self.label_en)
        rows: frozenset[RowRef] = frozenset({("roles", self.key)})
        if old.label == new:
            return Applied(bundle, self, rows)
        roles = tuple(replaced(r, label=new) if r.key == self.key else r for r in bundle.roles)
        inverse = RenameRole(self.key, old.label.zh_CN, old.label.en)
        return Applied(replaced(bundle, roles=roles), inverse, rows)


@dataclass(frozen=True)
class SetManyScopes(Operation):
    """Several cells of the entity matrix at once (a selection, a row, "copy role from"): each
    ``(role, entity, scopes)`` as ``SetScopes`` would set it, all as one step."""

    label: ClassVar[str] = "set actions and scopes"
    cells: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    name: str = "set actions and scopes"

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        after = bundle
        rows: set[RowRef] = set()
        for role, entity, scopes in self.cells:
            applied = SetScopes(role, entity, scopes).apply(after)
            after = applied.bundle
            if applied.bundle is not bundle:
                rows |= applied.rows
        if after is bundle:
            return Applied(bundle, self, frozenset())
        touched = frozenset(rows)
        return Applied(after, Restore(bundle, after, self.name, touched), touched)


def copy_entity_permissions(bundle: Bundle, source: str, target: str) -> SetManyScopes:
    """``target``'s actions and scopes on every entity made the same as ``source``'s."""
    known_role(bundle, source)
    known_role(bundle, target)
    return SetManyScopes(
        tuple(
            (target, e.key, tuple(sorted(role_scopes(bundle, source, e.key).items())))
            for e in bundle.entities
        ),
        "copy role from",
    )
