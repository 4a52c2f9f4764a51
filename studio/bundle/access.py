"""The bundle's access section (issue 14): scoped actions, teams, field policies, hand-overs.

Kept apart from ``studio.bundle.model`` so that other optional sections grow beside it without
touching the same lines. Everything here is optional: a bundle without an ``access`` section, a
permission without ``scopes`` and a user without ``disabled`` keep their canonical JSON (and so
their sha256) exactly as before.

- ``EntityPermission.scopes`` (in the model) maps an action (``create``, ``read``, ``edit``,
  ``archive``, ``delete``, ``import``, ``export``) to its scope (``own``, ``team``, ``all``);
  without it the old create/read/update/delete flags mean scope ``all``.
- ``AccessSection.protected``: entities whose records only ``admin`` may delete (others archive:
  hidden, history kept).
- ``AccessSection.teams``: who the ``team`` scope covers.
- ``AccessSection.fields``: per field, the roles that may read it (for sensitive fields) and the
  mask a ``masked`` cell shows (a placeholder, or the last four characters).
- ``AccessSection.handovers``: a leaver's records reassigned to a colleague when the release goes
  live, once (the server remembers the hand-over's id).
- ``AccessSection.max_admins``: more active users holding ``admin`` than this is a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal, get_args

from pydantic import Field, StringConstraints

from studio.bundle.base import Key, Label, _Model

if TYPE_CHECKING:
    from studio.bundle.model import Bundle


Action = Literal["create", "read", "edit", "archive", "delete", "import", "export"]
Scope = Literal["own", "team", "all"]
Mask = Literal["placeholder", "last4"]

ACTIONS: tuple[str, ...] = get_args(Action)
SCOPES: tuple[str, ...] = get_args(Scope)
#: The old flags of an entity permission and the action each one is.
LEGACY_ACTIONS = {"create": "create", "read": "read", "update": "edit", "delete": "delete"}
#: The role that may always delete, and that must never be left without an active holder.
ADMIN_ROLE = "admin"
#: Account names that are shared by nature (DESIGN.md: the shared super-admin account).
GENERIC_ACCOUNTS = frozenset({"admin", "administrator", "root", "test", "shared", "管理员"})


#: A team's label: the bundle's own ``Label`` (kept under this name for callers).
TeamLabel = Label


class Team(_Model):
    """People who see each other's records under the ``team`` scope."""

    key: Key
    label: Label
    leader: Key | None = None
    members: tuple[Key, ...] = ()


class FieldPolicy(_Model):
    """One field's access policy: who may read it (sensitive fields) and how it is masked."""

    entity: Key
    field: Key
    #: The roles that may read or edit the field; ``None``: not restricted by name.
    readers: tuple[Key, ...] | None = None
    #: What a ``masked`` cell shows instead of the value (the value is never sent).
    mask: Mask = "placeholder"


class Handover(_Model):
    """A leaver's records given to a colleague: the owner field of each named entity, once."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{3,63}$")]
    user: Key
    to: Key
    #: Entity key -> the reference-to-user fields that name the owner.
    owners: dict[Key, tuple[Key, ...]] = Field(default_factory=dict)


class AccessSection(_Model):
    protected: tuple[Key, ...] = ()
    teams: tuple[Team, ...] = ()
    fields: tuple[FieldPolicy, ...] = ()
    handovers: tuple[Handover, ...] = ()
    max_admins: Annotated[int, Field(ge=1, le=1000)] = 3

    def policy(self, entity: str, field: str) -> FieldPolicy | None:
        return next((p for p in self.fields if p.entity == entity and p.field == field), None)

    def team_of(self, user: str) -> list[Team]:
        return [t for t in self.teams if user in t.members or t.leader == user]


def access_of(bundle: Bundle) -> AccessSection:
    """The bundle's access section, or an empty one."""
    return bundle.access if bundle.access is not None else _EMPTY


_EMPTY = AccessSection()


def scopes_problem(flags: dict[str, bool], scopes: dict[str, str] | None) -> str | None:
    """Why an entity permission's flags and scopes disagree (``None``: they agree).

    With ``scopes`` the granted actions are its keys; the old flags must say the same, so that a
    reader that knows only the flags (an older server) grants no more than the scopes do.
    """
    if scopes is None:
        return None
    for flag, action in LEGACY_ACTIONS.items():
        if flags[flag] != (action in scopes):
            return f"flag {flag} disagrees with the scope of {action}"
    return None


def access_problems(bundle: Bundle) -> list[str]:
    """What the access section refers to that the bundle lacks (empty: nothing)."""
    section = bundle.access
    if section is None:
        return []
    problems: list[str] = []
    entities = {e.key: e for e in bundle.entities}
    users = {u.user for u in bundle.users}
    roles = {r.key for r in bundle.roles}
    for key in section.protected:
        if key not in entities:
            problems.append(f"protected entity {key} is unknown")
    team_keys = [t.key for t in section.teams]
    if len(team_keys) != len(set(team_keys)):
        problems.append("team keys must be unique")
    for team in section.teams:
        for person in (*team.members, *((team.leader,) if team.leader else ())):
            if person not in users:
                problems.append(f"team {team.key} names unknown user {person}")
    seen: set[tuple[str, str]] = set()
    field_keys: dict[str, set[str]] = {}
    for policy in section.fields:
        entity = entities.get(policy.entity)
        if entity is not None and entity.key not in field_keys:
            field_keys[entity.key] = {f.key for f in entity.fields}
        if entity is None or policy.field not in field_keys[entity.key]:
            problems.append(f"field policy on unknown field {policy.entity}.{policy.field}")
        if (policy.entity, policy.field) in seen:
            problems.append(f"field policy {policy.entity}.{policy.field} given twice")
        seen.add((policy.entity, policy.field))
        for role in policy.readers or ():
            if role not in roles:
                problems.append(f"field policy {policy.entity}.{policy.field} names role {role}")
    ids = [h.id for h in section.handovers]
    if len(ids) != len(set(ids)):
        problems.append("hand-over ids must be unique")
    for handover in section.handovers:
        for person in (handover.user, handover.to):
            if person not in users:
                problems.append(f"hand-over {handover.id} names unknown user {person}")
    return problems


def pruned_access(bundle: Bundle) -> AccessSection | None:
    """The access section without what names parts the bundle lacks: a removed field's policy,
    a removed role among readers, a removed user in a team or a hand-over, a removed entity."""
    section = bundle.access
    if section is None:
        return None
    entities = {e.key: {f.key for f in e.fields} for e in bundle.entities}
    users = {u.user for u in bundle.users}
    roles = {r.key for r in bundle.roles}
    teams = tuple(
        t.model_copy(
            update={
                "members": tuple(m for m in t.members if m in users),
                "leader": t.leader if t.leader in users else None,
            }
        )
        for t in section.teams
    )
    fields = tuple(
        p.model_copy(
            update={
                "readers": None if p.readers is None else tuple(r for r in p.readers if r in roles)
            }
        )
        for p in section.fields
        if p.field in entities.get(p.entity, ())
    )
    return section.model_copy(
        update={
            "protected": tuple(k for k in section.protected if k in entities),
            "teams": teams,
            "fields": fields,
            "handovers": tuple(h for h in section.handovers if h.user in users and h.to in users),
        }
    )


def field_renamed(
    section: AccessSection | None, entity: str, old: str, new: str
) -> AccessSection | None:
    """``section`` with the field policy of ``entity.old`` now about ``entity.new``."""
    if section is None:
        return None
    fields = tuple(
        p.model_copy(update={"field": new}) if (p.entity, p.field) == (entity, old) else p
        for p in section.fields
    )
    return section.model_copy(update={"fields": fields})


def field_removed(section: AccessSection | None, entity: str, field: str) -> AccessSection | None:
    """``section`` without the field policy of ``entity.field``."""
    if section is None:
        return None
    fields = tuple(p for p in section.fields if (p.entity, p.field) != (entity, field))
    return section.model_copy(update={"fields": fields})
