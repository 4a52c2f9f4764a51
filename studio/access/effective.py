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

from dataclasses import dataclass
from typing import Any

from studio.bundle.access import ACTIONS, LEGACY_ACTIONS, access_of
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
    """A bundle's permissions by role and entity, kept for the few bundles in use (a matrix of
    200,000 cells is indexed once, ~50 ms, and every later question is a dictionary lookup)."""

    def __init__(self, size: int = 6) -> None:
        self._size = size
        self._cells: list[
            tuple[tuple[FieldPermission, ...], dict[tuple[str, str], dict[str, str]]]
        ] = []
        self._entity: list[
            tuple[tuple[EntityPermission, ...], dict[tuple[str, str], EntityPermission]]
        ] = []

    def cells(self, bundle: Bundle) -> dict[tuple[str, str], dict[str, str]]:
        cells = bundle.field_permissions
        for known, found in self._cells:
            if known is cells:
                return found
        index: dict[tuple[str, str], dict[str, str]] = {}
        for c in cells:
            by_field = index.get((c.role, c.entity))
            if by_field is None:
                by_field = index[(c.role, c.entity)] = {}
            by_field[c.field] = c.access
        self._cells.insert(0, (cells, index))
        del self._cells[self._size :]
        return index

    def derive(
        self,
        old: tuple[FieldPermission, ...],
        new: tuple[FieldPermission, ...],
        changes: list[tuple[str, str, str, str | None]],
    ) -> None:
        """Index ``new`` as ``old`` with ``changes`` (role, entity, field, access or ``None``)
        made, when ``old`` is indexed: a bulk edit of a 200,000-cell matrix copies the few
        role x entity dictionaries it touches instead of indexing every cell again."""
        base = next((found for known, found in self._cells if known is old), None)
        if base is None:
            return
        index = dict(base)
        copied: set[tuple[str, str]] = set()
        for role, entity, field, access in changes:
            pair = (role, entity)
            if pair not in copied:
                index[pair] = dict(index.get(pair, {}))
                copied.add(pair)
            if access is None:
                index[pair].pop(field, None)
            else:
                index[pair][field] = access
        self._cells.insert(0, (new, index))
        del self._cells[self._size :]

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


def derive_index(
    old: tuple[FieldPermission, ...],
    new: tuple[FieldPermission, ...],
    changes: list[tuple[str, str, str, str | None]],
) -> None:
    """See ``_Index.derive``: for operations that set many cells at once."""
    _INDEX.derive(old, new, changes)


def cells_of(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """The explicit cells of ``role`` on ``entity``'s fields: field -> access."""
    return _INDEX.cells(bundle).get((role, entity), {})


def role_scopes(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """The actions ``role`` may take on ``entity`` and their scopes (absent: not allowed)."""
    perm = _INDEX.entity(bundle).get((role, entity))
    if perm is None:
        return {}
    if perm.scopes is not None:
        return {str(k): str(v) for k, v in perm.scopes.items()}
    return {action: "all" for flag, action in LEGACY_ACTIONS.items() if getattr(perm, flag)}


def _restricted(bundle: Bundle, entity: str) -> dict[str, tuple[str, ...]]:
    """Field -> readers, for the entity's sensitive fields whose readers are named."""
    ent = bundle.entity(entity)
    if ent is None:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    section = access_of(bundle)
    if not section.fields:
        return out
    sensitive = {f.key for f in ent.fields if f.sensitive}
    for policy in section.fields:
        if policy.entity == entity and policy.field in sensitive and policy.readers is not None:
            out[policy.field] = policy.readers
    return out


def role_field_access(bundle: Bundle, role: str, entity: str) -> dict[str, str]:
    """Every field of ``entity`` -> the access ``role`` has to it (no reasons: the fast path the
    lint rules, the diff and the matrices use)."""
    ent = bundle.entity(entity)
    if ent is None:
        return {}
    scopes = role_scopes(bundle, role, entity)
    if "read" not in scopes:
        return dict.fromkeys((f.key for f in ent.fields), "hidden")
    base = "edit" if "edit" in scopes else "read"
    cells = cells_of(bundle, role, entity)
    restricted = _restricted(bundle, entity)
    out: dict[str, str] = {}
    for f in ent.fields:
        cell = cells.get(f.key)
        if cell is not None:
            out[f.key] = "read" if cell == "edit" and base != "edit" else cell
        elif f.key in restricted and role not in restricted[f.key]:
            out[f.key] = "masked"
        else:
            out[f.key] = base
    return out


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
    section = access_of(bundle)
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
            policy = section.policy(entity, f.key)
            mask = policy.mask if policy is not None else "placeholder"
        fields.append(FieldAccess(f.key, level, why, f.sensitive, mask))
    return EffectiveAccess(entity, role, user, tuple(actions), tuple(fields))
