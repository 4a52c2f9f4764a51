"""Effective access: what a role (or a user) may do to an entity, action by action and field by
field, each with the reason a person reads.

One computation serves ``studio access``, the "What can this user do?" view, the permission lint
rules and the access diff, so that they cannot disagree:

- actions come from the role's entity permission: its ``scopes`` when given, else the old flags
  (create/read/update/delete, each with scope ``all``; archive, import and export not granted);
- a field's access is its cell in the field matrix when there is one (``edit`` only where the role
  may edit records); without a cell, a sensitive field whose readers leave the role out is
  ``masked``, and any other field follows the role's actions (``edit`` if it may edit, ``read`` if
  it may read); a role that may not read the entity sees no field;
- a disabled user (a leaver) may do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studio.bundle.access import ACTIONS, LEGACY_ACTIONS, FieldPolicy, access_of
from studio.bundle.model import Bundle, EntityPermission, FieldPermission
from studio.i18n import Message
from studio.i18n.access import access_word, action_word, scope_word

#: Field access from least to most.
LEVELS = ("hidden", "masked", "read", "edit")
RANK = {level: n for n, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class ActionAccess:
    action: str
    #: ``own`` / ``team`` / ``all``, or ``None``: not allowed.
    scope: str | None
    reason: Message


@dataclass(frozen=True)
class FieldAccess:
    field: str
    access: str
    reason: Message
    sensitive: bool = False
    #: What a masked value shows (``placeholder`` / ``last4``); ``None`` unless masked.
    mask: str | None = None


@dataclass(frozen=True)
class EffectiveAccess:
    entity: str
    role: str
    user: str | None
    actions: tuple[ActionAccess, ...]
    fields: tuple[FieldAccess, ...]

    def action(self, name: str) -> ActionAccess:
        return next(a for a in self.actions if a.action == name)

    def field(self, key: str) -> FieldAccess:
        return next(f for f in self.fields if f.field == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "role": self.role,
            "user": self.user,
            "actions": [
                {"action": a.action, "scope": a.scope, "reason": str(a.reason)}
                for a in self.actions
            ],
            "fields": [
                {
                    "field": f.field,
                    "access": f.access,
                    "mask": f.mask,
                    "sensitive": f.sensitive,
                    "reason": str(f.reason),
                }
                for f in self.fields
            ],
        }


class _Index:
    """Where each cell of a bundle's field matrix sits, by role and entity, kept for the few
    bundles in use: a matrix of 200,000 cells is indexed once (~50 ms), every later question is
    a dictionary lookup, and an edit that sets cells in place shares the index unchanged."""

    def __init__(self, size: int = 6) -> None:
        self._size = size
        self._cells: list[
            tuple[tuple[FieldPermission, ...], dict[tuple[str, str], dict[str, int]]]
        ] = []
        self._entity: list[
            tuple[tuple[EntityPermission, ...], dict[tuple[str, str], EntityPermission]]
        ] = []

    def positions(
        self, cells: tuple[FieldPermission, ...]
    ) -> dict[tuple[str, str], dict[str, int]]:
        """(role, entity) -> field -> the cell's position in ``cells``."""
        for known, found in self._cells:
            if known is cells:
                return found
        index: dict[tuple[str, str], dict[str, int]] = {}
        for at, c in enumerate(cells):
            by_field = index.get((c.role, c.entity))
            if by_field is None:
                by_field = index[(c.role, c.entity)] = {}
            by_field[c.field] = at
        self._remember(cells, index)
        return index

    def _remember(
        self, cells: tuple[FieldPermission, ...], index: dict[tuple[str, str], dict[str, int]]
    ) -> None:
        self._cells.insert(0, (cells, index))
        del self._cells[self._size :]

    def derive(
        self,
        old: tuple[FieldPermission, ...],
        new: tuple[FieldPermission, ...],
        added: list[FieldPermission],
    ) -> None:
        """Index ``new``: ``old`` with cells changed in place and ``added`` appended, when
        ``old`` is indexed (a bulk edit copies only the role x entity entries it adds to)."""
        base = next((found for known, found in self._cells if known is old), None)
        if base is None:
            return
        if not added:
            self._remember(new, base)
            return
        index = dict(base)
        copied: set[tuple[str, str]] = set()
        for at, c in enumerate(added, start=len(old)):
            pair = (c.role, c.entity)
            if pair not in copied:
                index[pair] = dict(index.get(pair, {}))
                copied.add(pair)
            index[pair][c.field] = at
        self._remember(new, index)

    def entity(self, bundle: Bundle) -> dict[tuple[str, str], EntityPermission]:
        perms = bundle.entity_permissions
        for known, index in self._entity:
            if known is perms:
                return index
        by_pair = {(p.role, p.entity): p for p in perms}
        self._entity.insert(0, (perms, by_pair))
        del self._entity[self._size :]
        return by_pair


_INDEX = _Index()


def positions(cells: tuple[FieldPermission, ...]) -> dict[tuple[str, str], dict[str, int]]:
    """(role, entity) -> field -> position of its cell in ``cells`` (see ``_Index``)."""
    return _INDEX.positions(cells)


def derive_index(
    old: tuple[FieldPermission, ...], new: tuple[FieldPermission, ...], added: list[FieldPermission]
) -> None:
    """See ``_Index.derive``: for operations that set many cells at once."""
    _INDEX.derive(old, new, added)


def cells_of(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """The explicit cells of ``role`` on ``entity``'s fields: field -> access."""
    cells = bundle.field_permissions
    found = _INDEX.positions(cells).get((role, entity))
    return {f: cells[at].access for f, at in found.items()} if found else {}


def explicit_lookup(bundle: Bundle, role: str, entity: str) -> Callable[[str], str | None]:
    """A function field key -> the explicit cell of ``role`` (``None``: none), per lookup."""
    cells = bundle.field_permissions
    found = _INDEX.positions(cells).get((role, entity), {})

    def explicit(key: str) -> str | None:
        at = found.get(key)
        return None if at is None else cells[at].access

    return explicit


def changed_pairs(before: Bundle, after: Bundle) -> set[tuple[str, str]]:
    """The role x entity pairs whose explicit cells may differ between the bundles: those of
    the cells between the matrices' common head and tail (an edit shares the rest)."""
    from studio.draft.list_writer import (  # the draft's own sequence compare
        common_head,
        common_tail,
    )

    old, new = before.field_permissions, after.field_permissions
    if old is new:
        return set()
    head = common_head(old, new)
    tail = common_tail(old, new, head)
    middle = (*old[head : len(old) - tail], *new[head : len(new) - tail])
    return {(c.role, c.entity) for c in middle}


_POLICIES: list[tuple[object, dict[tuple[str, str], FieldPolicy]]] = []


def policies(bundle: Bundle) -> dict[tuple[str, str], FieldPolicy]:
    """(entity, field) -> the field's policy, kept for the few access sections in use."""
    section = access_of(bundle)
    for known, found in _POLICIES:
        if known is section.fields:
            return found
    index = {(p.entity, p.field): p for p in section.fields}
    _POLICIES.insert(0, (section.fields, index))
    del _POLICIES[6:]
    return index


def role_scopes(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """The actions ``role`` may take on ``entity`` and their scopes (absent: not allowed)."""
    perm = _INDEX.entity(bundle).get((role, entity))
    if perm is None:
        return {}
    if perm.scopes is not None:
        return {str(k): str(v) for k, v in perm.scopes.items()}
    return {action: "all" for flag, action in LEGACY_ACTIONS.items() if getattr(perm, flag)}


_RESTRICTED: list[tuple[object, object, dict[str, tuple[str, ...]]]] = []


def _restricted(bundle: Bundle, entity: str) -> dict[str, tuple[str, ...]]:
    """Field -> readers, for the entity's sensitive fields whose readers are named (kept for
    the few entities and access sections in use: the matrix asks once per painted column)."""
    ent = bundle.entity(entity)
    if ent is None or not access_of(bundle).fields:
        return {}
    section_fields = access_of(bundle).fields
    for fields, known_section, found in _RESTRICTED:
        if fields is ent.fields and known_section is section_fields:
            return found
    by_key = policies(bundle)
    out: dict[str, tuple[str, ...]] = {}
    for f in ent.fields:
        if f.sensitive:
            policy = by_key.get((entity, f.key))
            if policy is not None and policy.readers is not None:
                out[f.key] = policy.readers
    _RESTRICTED.insert(0, (ent.fields, section_fields, out))
    del _RESTRICTED[8:]
    return out


def role_field_lookup(bundle: Bundle, role: str, entity: str) -> Callable[[str], str]:
    """A function field key -> the access ``role`` has to it: each answer a few dictionary
    lookups, so a view asks only for the cells it paints."""
    scopes = role_scopes(bundle, role, entity)
    if "read" not in scopes:
        return lambda _key: "hidden"
    base = "edit" if "edit" in scopes else "read"
    matrix = bundle.field_permissions
    at = _INDEX.positions(matrix).get((role, entity), {})
    restricted = _restricted(bundle, entity)

    def level(key: str) -> str:
        where = at.get(key)
        if where is not None:
            cell = matrix[where].access
            return "read" if cell == "edit" and base != "edit" else cell
        readers = restricted.get(key)
        if readers is not None and role not in readers:
            return "masked"
        return base

    return level


def role_field_access(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """Every field of ``entity`` -> the access ``role`` has to it (no reasons: the fast path the
    lint rules and the diff use)."""
    ent = bundle.entity(entity)
    if ent is None:
        return {}
    level = role_field_lookup(bundle, role, entity)
    return {f.key: level(f.key) for f in ent.fields}


def hidden_from_every_role(bundle: Bundle, entity: str) -> set[str]:
    """The field keys of ``entity`` that every role's access leaves hidden.

    The index of the matrix answers it without asking each field: a role that may read the
    entity sees every field but those its explicit cells set to hidden (masked or read-only
    still sees), and a role that may not read it sees none. So the fields hidden from all are
    those hidden by the cells of every reading role (all fields when no role reads), found by
    going over those cells alone, and often settled by the first role.
    """
    ent = bundle.entity(entity)
    if ent is None:
        return set()
    readers = [r.key for r in bundle.roles if "read" in role_scopes(bundle, r.key, entity)]
    if not readers:
        return {f.key for f in ent.fields}
    cells = bundle.field_permissions
    at = _INDEX.positions(cells)
    hidden: set[str] | None = None
    for role in readers:
        mine = at.get((role, entity))
        if not mine:
            return set()  # this role sees every field of the entity
        if hidden is None:
            hidden = {f for f, i in mine.items() if cells[i].access == "hidden"}
        else:
            hidden = {
                f for f in hidden if (i := mine.get(f)) is not None and cells[i].access == "hidden"
            }
        if not hidden:
            return set()
    return hidden or set()


def role_of(bundle: Bundle, user: str) -> str:
    """``user``'s role; ``KeyError`` when there is no such user."""
    for u in bundle.users:
        if u.user == user:
            return u.role
    raise KeyError(user)


def effective_access(
    bundle: Bundle, entity: str, *, user: str | None = None, role: str | None = None
) -> EffectiveAccess:
    """What ``user`` (or, without one, ``role``) may do to ``entity``, with reasons.

    Raises ``KeyError`` for an unknown user, role or entity (the caller says so to a person).
    """
    ent = bundle.entity(entity)
    if ent is None:
        raise KeyError(entity)
    person = None
    if user is not None:
        person = next((u for u in bundle.users if u.user == user), None)
        if person is None:
            raise KeyError(user)
        role = person.role
    if role is None or not any(r.key == role for r in bundle.roles):
        raise KeyError(role)
    if person is not None and person.disabled:
        why = Message(
            "{user} is disabled (a leaver keeps their history, not their access)", user=user
        )
        return EffectiveAccess(
            entity,
            role,
            user,
            tuple(ActionAccess(a, None, why) for a in ACTIONS),
            tuple(FieldAccess(f.key, "hidden", why, f.sensitive) for f in ent.fields),
        )
    perm = _INDEX.entity(bundle).get((role, entity))
    scopes = role_scopes(bundle, role, entity)
    actions: list[ActionAccess] = []
    for action in ACTIONS:
        scope = scopes.get(action)
        if perm is None:
            why = Message("role {role} has no permission on {entity}", role=role, entity=entity)
        elif scope is None:
            why = Message(
                "role {role} is not granted {action}", role=role, action=action_word(action)
            )
        elif perm.scopes is None:
            why = Message("granted to role {role} on all records", role=role)
        else:
            why = Message(
                "granted to role {role} on {scope} records", role=role, scope=scope_word(scope)
            )
        actions.append(ActionAccess(action, scope, why))
    levels = role_field_access(bundle, role, entity)
    cells = cells_of(bundle, role, entity)
    restricted = _restricted(bundle, entity)
    fields: list[FieldAccess] = []
    for f in ent.fields:
        level = levels[f.key]
        cell = cells.get(f.key)
        if "read" not in scopes:
            why = Message("role {role} may not read {entity} records", role=role, entity=entity)
        elif cell is not None and cell != level:
            why = Message(
                "{access}: the field matrix says edit, but role {role} may not edit {entity} records",
                access=access_word(level),
                role=role,
                entity=entity,
            )
        elif cell is not None:
            why = Message(
                "{access}: set for role {role} in the field matrix",
                access=access_word(level),
                role=role,
            )
        elif level == "masked":
            why = Message(
                "masked: field is sensitive and role {role} is not in its readers", role=role
            )
        elif f.key in restricted:
            why = Message(
                "{access}: role {role} is one of the sensitive field's readers",
                access=access_word(level),
                role=role,
            )
        else:
            why = Message(
                "{access}: follows role {role}'s permission on {entity}",
                access=access_word(level),
                role=role,
                entity=entity,
            )
        mask = None
        if level == "masked":
            policy = policies(bundle).get((entity, f.key))
            mask = policy.mask if policy is not None else "placeholder"
        fields.append(FieldAccess(f.key, level, why, f.sensitive, mask))
    return EffectiveAccess(entity, role, user, tuple(actions), tuple(fields))
