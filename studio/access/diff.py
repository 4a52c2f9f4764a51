"""The access diff every approver reads: per role and per user, what access a change gives and
takes away, in plain language ("Intern (1 user: zhao) will see Contract amount", "Sales can no
longer delete Customer"). Sensitive gains come first (the review shows them in red): a sensitive
field becoming readable or editable, and delete on a protected entity.

Computed from effective access (``studio.access.effective``) before and after, only for the
role x entity pairs the change touches: a change that flips 10,000 cells of a 200,000-cell
matrix compares the few roles and entities those cells belong to, not the whole matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.access.effective import _INDEX, RANK, changed_pairs, role_field_access, role_scopes
from studio.bundle.access import ACTIONS, access_of
from studio.bundle.model import Bundle, Entity
from studio.i18n import language, name_list, tr
from studio.i18n.access import action_word, scope_word

_SCOPE_RANK = {None: 0, "own": 1, "team": 2, "all": 3}


@dataclass(frozen=True)
class AccessChange:
    """One line of the access diff."""

    #: ``gain`` or ``loss``
    kind: str
    role: str
    entity: str
    #: a field key, or ``None`` for an action
    field: str | None
    action: str | None
    before: str | None
    after: str | None
    sensitive: bool
    users: tuple[str, ...]

    def to_json(
        self, bundle: Bundle | None = None, *, labels: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """As data, with the labels it names (so that it reads in either language later)."""
        return {
            "kind": self.kind,
            "role": self.role,
            "users": list(self.users),
            "entity": self.entity,
            "field": self.field,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "sensitive": self.sensitive,
            "labels": labels
            if labels is not None
            else _labels(bundle, self.role, self.entity, self.field),
        }


class _Labels:
    """The labels an access diff names, looked up by key (10,000 changes name few things)."""

    def __init__(self, bundle: Bundle | None) -> None:
        self.roles = {r.key: r.label.model_dump() for r in bundle.roles} if bundle else {}
        self.entities = {e.key: e for e in bundle.entities} if bundle else {}
        self._fields: dict[str, dict[str, dict[str, str]]] = {}

    def __call__(self, role: str, entity: str, field: str | None) -> dict[str, Any]:
        ent = self.entities.get(entity)
        field_label = None
        if ent is not None and field is not None:
            known = self._fields.get(entity)
            if known is None:
                known = self._fields[entity] = {f.key: f.label.model_dump() for f in ent.fields}
            field_label = known.get(field)
        return {
            "role": self.roles.get(role),
            "entity": ent.label.model_dump() if ent is not None else None,
            "field": field_label,
        }


def _labels(bundle: Bundle | None, role: str, entity: str, field: str | None) -> dict[str, Any]:
    return _Labels(bundle)(role, entity, field)


def _pick(label: dict[str, str] | None, key: str) -> str:
    return label[language()] if label else key


def change_text(item: dict[str, Any]) -> str:
    """One access change (``AccessChange.to_json``) in words, in the current language."""
    labels = item.get("labels") or {}
    who = _who(_pick(labels.get("role"), item["role"]), item["users"])
    entity = _pick(labels.get("entity"), item["entity"])
    kind, before, after = item["kind"], item["before"], item["after"]
    if item["field"] is not None:
        thing = f"{_pick(labels.get('field'), item['field'])} ({entity})"
        if kind == "gain" and after == "edit":
            return tr("{who} will be able to edit {field}", who=who, field=thing)
        if kind == "gain" and after == "masked":
            return tr("{who} will see {field} masked", who=who, field=thing)
        if kind == "gain":
            return tr("{who} will see {field}", who=who, field=thing)
        if after in ("hidden", "masked", None) and before in ("read", "edit"):
            return tr("{who} will no longer see {field}", who=who, field=thing)
        if after == "read":
            return tr("{who} can no longer edit {field}", who=who, field=thing)
        return tr("{who} will no longer see {field} masked", who=who, field=thing)
    action = action_word(item["action"] or "")
    if after is None:
        return tr("{who} can no longer {action} {entity}", who=who, action=action, entity=entity)
    if before is None:
        return tr(
            "{who} will be able to {action} {entity} ({scope} records)",
            who=who,
            action=action,
            entity=entity,
            scope=scope_word(after),
        )
    return tr(
        "{who} will {action} {entity}: {before} records -> {after} records",
        who=who,
        action=action,
        entity=entity,
        before=scope_word(before),
        after=scope_word(after),
    )


def alarming(item: dict[str, Any]) -> bool:
    """A gain an approver must not miss (shown first, in red, marked ``!``): a sensitive field
    becoming readable or editable, or delete on a protected entity."""
    return _alarm(item["kind"], item["sensitive"], item["field"], item["after"])


def _alarm(kind: str, sensitive: bool, field: str | None, after: str | None) -> bool:
    if kind != "gain" or not sensitive:
        return False
    return field is None or after in ("read", "edit")


def _who(label: str, users: list[str]) -> str:
    if not users:
        return tr("{role} (no users)", role=label)
    if len(users) == 1:
        return tr("{role} (1 user: {user})", role=label, user=users[0])
    return tr(
        "{role} ({n} users: {users})",
        role=label,
        n=len(users),
        users=name_list([*users[:5], *(["…"] if len(users) > 5 else [])]),
    )


def _touched(live: Bundle, draft: Bundle) -> set[tuple[str, str]]:
    """The role x entity pairs whose effective access may differ."""
    roles = {r.key for r in live.roles} | {r.key for r in draft.roles}
    live_entities = {e.key: e for e in live.entities}
    draft_entities = {e.key: e for e in draft.entities}
    pairs: set[tuple[str, str]] = set()
    changed_entities: set[str] = set()
    for key, ent in draft_entities.items():
        old = live_entities.get(key)
        if old is None or old is ent:
            continue
        if _field_shape(old) != _field_shape(ent):
            changed_entities.add(key)
    la, da = access_of(live), access_of(draft)
    if la.fields != da.fields:
        changed_entities |= {p.entity for p in set(la.fields) ^ set(da.fields)}
    for e in changed_entities:
        pairs |= {(r, e) for r in roles}
    if live.entity_permissions is not draft.entity_permissions:
        before = _INDEX.entity(live)
        after = _INDEX.entity(draft)
        for k in before.keys() | after.keys():
            if before.get(k) != after.get(k):
                pairs.add(k)
    pairs |= changed_pairs(live, draft)
    shared = set(live_entities) & set(draft_entities)
    return {(r, e) for r, e in pairs if e in shared}


def _field_shape(ent: Entity) -> list[tuple[str, bool]]:
    return [(f.key, f.sensitive) for f in ent.fields]


def _holders(bundle: Bundle) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for u in bundle.users:
        if not u.disabled:
            out.setdefault(u.role, []).append(u.user)
    return {k: tuple(v) for k, v in out.items()}


def access_changes(live: Bundle | None, draft: Bundle) -> list[AccessChange]:
    """What each role gains and loses, role by role (its users named); sensitive gains first,
    then other gains, then losses."""
    if live is None:
        return []
    holders = _holders(draft)
    sensitive = {(e.key, f.key) for e in draft.entities for f in e.fields if f.sensitive}
    # Deleting records of a protected entity (customer, contract) is the other gain an approver
    # must not miss: the salesperson who deleted a customer had just been given it.
    protected = set(access_of(draft).protected)
    out: list[AccessChange] = []
    for role, entity in sorted(_touched(live, draft)):
        users = holders.get(role, ())
        before_s, after_s = role_scopes(live, role, entity), role_scopes(draft, role, entity)
        for action in ACTIONS:
            b, a = before_s.get(action), after_s.get(action)
            if b != a:
                kind = "gain" if _SCOPE_RANK[a] > _SCOPE_RANK[b] else "loss"
                risky = action == "delete" and entity in protected
                out.append(AccessChange(kind, role, entity, None, action, b, a, risky, users))
        before_f = role_field_access(live, role, entity)
        after_f = role_field_access(draft, role, entity)
        for field, a in after_f.items():
            b = before_f.get(field)
            if b is None or b == a:
                continue
            kind = "gain" if RANK[a] > RANK[b] else "loss"
            is_sensitive = (entity, field) in sensitive
            out.append(AccessChange(kind, role, entity, field, None, b, a, is_sensitive, users))

    def order(c: AccessChange) -> tuple[int, str, str, str]:
        rank = 0 if _alarm(c.kind, c.sensitive, c.field, c.after) else 1 if c.kind == "gain" else 2
        return (rank, c.role, c.entity, c.field or c.action or "")

    return sorted(out, key=order)


def user_changes(live: Bundle | None, draft: Bundle) -> list[dict[str, Any]]:
    """People whose role or standing changes: ``{"user", "before", "after", "was_disabled",
    "disabled"}``."""
    if live is None:
        return []
    before = {u.user: u for u in live.users}
    out: list[dict[str, Any]] = []
    for u in draft.users:
        old = before.get(u.user)
        if old is None or (old.role, old.disabled) == (u.role, u.disabled):
            continue
        out.append(
            {
                "user": u.user,
                "before": old.role,
                "after": u.role,
                "was_disabled": bool(old.disabled),
                "disabled": bool(u.disabled),
            }
        )
    return out


def user_text(item: dict[str, Any]) -> str:
    if item["disabled"] and not item["was_disabled"]:
        return tr("{user} is disabled and loses all access", user=item["user"])
    if item["was_disabled"] and not item["disabled"]:
        return tr("{user} is enabled again, as {role}", user=item["user"], role=item["after"])
    return tr(
        "{user} moves from role {before} to {after}",
        user=item["user"],
        before=item["before"],
        after=item["after"],
    )


def access_diff(live: Bundle | None, draft: Bundle) -> dict[str, Any]:
    """The access diff as JSON data: ``changes`` (per role) and ``users``; ``change_text`` and
    ``user_text`` say each in words."""
    changes = access_changes(live, draft)
    labels = _Labels(draft)
    return {
        "changes": [
            {**c.to_json(None), "labels": labels(c.role, c.entity, c.field)} for c in changes
        ],
        "users": user_changes(live, draft),
        "sensitive_gains": sum(1 for c in changes if _alarm(c.kind, c.sensitive, c.field, c.after)),
    }


def render_access_diff(data: dict[str, Any]) -> list[str]:
    """Lines a person reads, in the current language; a sensitive gain is marked ``!``."""
    lines: list[str] = []
    for c in data["changes"]:
        mark = "!" if alarming(c) else "+" if c["kind"] == "gain" else "-"
        lines.append(f"  {mark} {change_text(c)}")
    for u in data["users"]:
        lines.append(f"  ~ {user_text(u)}")
    return lines
