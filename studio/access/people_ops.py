"""Draft operations on teams and users (issue 14): add, rename, members, role, disable, delete.

Each is one step of the draft's history, undone exactly (the bundle before is kept: ``Restore``).
Deleting is refused while something still names the team or user, and the refusal says what:
a routing rule that assigns to them, a team they lead or belong to, a hand-over, an approver key.
A user has exactly one role (``AddUser`` / ``SetUserRole``, the one way to add a user and to
change their role); roles are added, copied, renamed and removed by ``studio.access.role_ops``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from studio.bundle.access import ADMIN_ROLE, AccessSection, Team, access_of
from studio.bundle.model import Bundle, UserAssignment
from studio.draft.edit_base import known_role
from studio.draft.edit_checks import check_key, check_label, checked_label
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.draft.trusted import replaced
from studio.errors import EditError
from studio.i18n import Message, clause_list, name_list


def assignments_to(bundle: Bundle, kind: str, key: str) -> list[str]:
    """The routing rules (``entity/rule``, or ``entity/default``) that assign to ``kind:key``."""
    found: list[str] = []
    for entity, rules in (bundle.rules or {}).items():
        assignment = rules.assignment
        if assignment is None:
            continue
        for rule in assignment.rules:
            if (rule.assign.kind, rule.assign.target) == (kind, key):
                found.append(f"{entity}/{rule.key}")
        default = assignment.default
        if default is not None and (default.kind, default.target) == (kind, key):
            found.append(f"{entity}/default")
    return found


def _with_teams(bundle: Bundle, teams: tuple[Team, ...]) -> Bundle:
    section = access_of(bundle)
    return replaced(bundle, access=section.model_copy(update={"teams": teams}))


def _team_at(bundle: Bundle, key: str) -> int:
    at = next((i for i, t in enumerate(access_of(bundle).teams) if t.key == key), None)
    if at is None:
        raise EditError("team", "There is no team {key}.", key=key)
    return at


def _step(name: str, before: Bundle, after: Bundle, rows: frozenset[RowRef]) -> Applied:
    return Applied(after, Restore(before, after, name, rows), rows)


# -- teams ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddTeam(Operation):
    label: ClassVar[str] = "add team"
    key: str
    label_zh: str
    label_en: str

    def apply(self, bundle: Bundle) -> Applied:
        key = check_key(self.key, "team")
        teams = access_of(bundle).teams
        if any(t.key == key for t in teams):
            raise EditError("key", "There is already a team {key}.", key=key)
        team = Team(key=key, label=checked_label(self.label_zh, self.label_en))
        after = _with_teams(bundle, (*teams, team))
        return _step(self.label, bundle, after, frozenset({("draft", "access")}))


@dataclass(frozen=True)
class RenameTeam(Operation):
    """A team's labels (its key, which rules name, stays)."""

    label: ClassVar[str] = "rename team"
    key: str
    label_zh: str
    label_en: str

    def apply(self, bundle: Bundle) -> Applied:
        at = _team_at(bundle, self.key)
        teams = list(access_of(bundle).teams)
        new = checked_label(self.label_zh, self.label_en)
        if teams[at].label == new:
            return Applied(bundle, self, frozenset())
        teams[at] = teams[at].model_copy(update={"label": new})
        return _step(
            self.label, bundle, _with_teams(bundle, tuple(teams)), frozenset({("draft", "access")})
        )


@dataclass(frozen=True)
class SetTeamMembers(Operation):
    """Who leads the team and who is in it (people the bundle knows)."""

    label: ClassVar[str] = "set team members"
    key: str
    leader: str | None
    members: tuple[str, ...]

    def apply(self, bundle: Bundle) -> Applied:
        at = _team_at(bundle, self.key)
        users = {u.user for u in bundle.users}
        for person in (*self.members, *((self.leader,) if self.leader else ())):
            if person not in users:
                raise EditError("members", "There is no user {key}.", key=person)
        teams = list(access_of(bundle).teams)
        members = tuple(dict.fromkeys(self.members))
        if (teams[at].leader, teams[at].members) == (self.leader, members):
            return Applied(bundle, self, frozenset())
        teams[at] = teams[at].model_copy(update={"leader": self.leader, "members": members})
        return _step(
            self.label, bundle, _with_teams(bundle, tuple(teams)), frozenset({("draft", "access")})
        )


@dataclass(frozen=True)
class DeleteTeam(Operation):
    """A team no routing rule assigns to."""

    label: ClassVar[str] = "delete team"
    key: str

    def apply(self, bundle: Bundle) -> Applied:
        _team_at(bundle, self.key)
        rules = assignments_to(bundle, "team", self.key)
        if rules:
            raise EditError(
                "team",
                "Team {key} is still used by the routing rules {rules}: assign them elsewhere "
                "first.",
                key=self.key,
                rules=name_list(rules[:5]),
            )
        teams = tuple(t for t in access_of(bundle).teams if t.key != self.key)
        return _step(
            self.label, bundle, _with_teams(bundle, teams), frozenset({("draft", "access")})
        )


# -- users ---------------------------------------------------------------------------------------


def _user_at(bundle: Bundle, user: str) -> int:
    at = next((i for i, u in enumerate(bundle.users) if u.user == user), None)
    if at is None:
        raise EditError("user", "There is no user {key}.", key=user)
    return at


def _not_the_last_admin(bundle: Bundle, person: UserAssignment) -> None:
    """Refuses to take ``person`` (active) out of the admins when no other active admin is left."""
    if person.role == ADMIN_ROLE and not any(
        u.role == ADMIN_ROLE and not u.disabled and u.user != person.user for u in bundle.users
    ):
        raise EditError(
            "user",
            "{user} is the last active admin: give admin to someone else first.",
            user=person.user,
        )


def _set_user(bundle: Bundle, at: int, **changes: Any) -> Bundle:
    users = list(bundle.users)
    users[at] = replaced(users[at], **changes)
    return replaced(bundle, users=tuple(users))


def _display_name(text: str) -> str:
    return check_label(text, "en", prop="display_name")


@dataclass(frozen=True)
class AddUser(Operation):
    """A new user with their one role."""

    label: ClassVar[str] = "add user"
    user: str
    display_name: str
    role: str

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.role)
        key = check_key(self.user, "user")
        if any(u.user == key for u in bundle.users):
            raise EditError("user", "There is already a user {key}.", key=key)
        person = UserAssignment(
            user=key, display_name=_display_name(self.display_name), role=self.role
        )
        after = replaced(bundle, users=(*bundle.users, person))
        return Applied(after, RemoveUser(key), frozenset({("users", key)}))


@dataclass(frozen=True)
class RemoveUser(Operation):
    """``AddUser`` undone: the user taken out as they are (people delete with ``DeleteUser``,
    which first asks what still names them)."""

    label: ClassVar[str] = "remove user"
    user: str

    def apply(self, bundle: Bundle) -> Applied:
        _user_at(bundle, self.user)
        after = replaced(bundle, users=tuple(u for u in bundle.users if u.user != self.user))
        rows: frozenset[RowRef] = frozenset({("users", self.user)})
        return Applied(after, Restore(bundle, after, self.label, rows), rows)


@dataclass(frozen=True)
class SetUserRole(Operation):
    """A person's one role."""

    label: ClassVar[str] = "set user role"
    user: str
    role: str

    def apply(self, bundle: Bundle) -> Applied:
        known_role(bundle, self.role)
        at = _user_at(bundle, self.user)
        old = bundle.users[at]
        rows: frozenset[RowRef] = frozenset({("users", self.user)})
        if old.role == self.role:
            return Applied(bundle, self, rows)
        after = _set_user(bundle, at, role=self.role)
        return Applied(after, SetUserRole(self.user, old.role), rows)


@dataclass(frozen=True)
class RenameUser(Operation):
    """A user's display name (the user key, which records and keys name, stays)."""

    label: ClassVar[str] = "rename user"
    user: str
    display_name: str

    def apply(self, bundle: Bundle) -> Applied:
        at = _user_at(bundle, self.user)
        name = _display_name(self.display_name)
        if bundle.users[at].display_name == name:
            return Applied(bundle, self, frozenset())
        after = _set_user(bundle, at, display_name=name)
        return _step(self.label, bundle, after, frozenset({("users", self.user)}))


@dataclass(frozen=True)
class SetUserDisabled(Operation):
    """Disable a user (they keep their history, not their access) or enable them again.

    A leaver's records are given to a colleague by the hand-over (``studio.access.leaver``);
    disabling alone leaves them where they are, which the rules then point out.
    """

    label: ClassVar[str] = "disable or enable user"
    user: str
    disabled: bool

    def apply(self, bundle: Bundle) -> Applied:
        at = _user_at(bundle, self.user)
        person = bundle.users[at]
        if bool(person.disabled) == self.disabled:
            return Applied(bundle, self, frozenset())
        if self.disabled:
            _not_the_last_admin(bundle, person)
        after = _set_user(bundle, at, disabled=True if self.disabled else None)
        return _step(self.label, bundle, after, frozenset({("users", self.user)}))


def user_uses(bundle: Bundle, user: str) -> list[Message]:
    """What still names ``user`` (empty: nothing; the user may be deleted)."""
    uses: list[Message] = []
    section: AccessSection = access_of(bundle)
    for team in section.teams:
        if team.leader == user:
            uses.append(Message("leads team {team}", team=team.key))
        elif user in team.members:
            uses.append(Message("is in team {team}", team=team.key))
    for h in section.handovers:
        if user in (h.user, h.to):
            uses.append(Message("is part of the hand-over {id}", id=h.id))
    if any(a.user == user for a in bundle.approvers or ()):
        uses.append(Message("holds an approver key"))
    rules = assignments_to(bundle, "user", user)
    if rules:
        uses.append(Message("is assigned by the routing rules {rules}", rules=name_list(rules[:5])))
    return uses


@dataclass(frozen=True)
class DeleteUser(Operation):
    """A user nothing names any more (a leaver with history is disabled, not deleted)."""

    label: ClassVar[str] = "delete user"
    user: str

    def apply(self, bundle: Bundle) -> Applied:
        at = _user_at(bundle, self.user)
        uses = user_uses(bundle, self.user)
        if uses:
            raise EditError(
                "user",
                "{user} cannot be deleted: {user} {uses}. Change that first, or disable them.",
                user=self.user,
                uses=clause_list(str(u) for u in uses),
            )
        person = bundle.users[at]
        if not person.disabled:
            _not_the_last_admin(bundle, person)
        after = replaced(bundle, users=tuple(u for u in bundle.users if u.user != self.user))
        return _step(self.label, bundle, after, frozenset({("users", self.user)}))
