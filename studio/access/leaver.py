"""The leaver hand-over as one change (issue 14).

``hand_over(bundle, user, to)`` disables ``user``, revokes their approver keys, rewrites teams and
assignment rules that name them to ``to``, and carries a ``Handover`` in the bundle's access
section: the reassignment of their records (the ``owner`` field of every entity that has one),
which the approvals' signatures cover and the server applies once when the release goes live
(the owner changes, nothing else: stages, history and creators stay). ``HandOver`` is the same
edit as one draft operation (one undo step).

Refused, with the reason: a hand-over to oneself, to an unknown or disabled colleague, of an
unknown or already disabled user, and of the last active admin.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, ClassVar

from studio.bundle.access import ADMIN_ROLE, AccessSection, Handover, Team, access_of
from studio.bundle.model import Approver, Bundle
from studio.draft.operations import Applied, Operation, Restore, RowRef
from studio.errors import EditError


def owner_fields(bundle: Bundle) -> dict[str, tuple[str, ...]]:
    """Entity -> its owner fields: references to a user named ``owner``."""
    out: dict[str, tuple[str, ...]] = {}
    for entity in bundle.entities:
        keys = tuple(f.key for f in entity.fields if f.reference == "user" and f.key == "owner")
        if keys:
            out[entity.key] = keys
    return out


def _rewrite(value: Any, user: str, to: str) -> Any:
    """``value`` (the rules section, any JSON) with assignments to ``user`` given to ``to``."""
    if isinstance(value, dict):
        if value.get("kind") == "user" and value.get("target") == user:
            return {**value, "target": to}
        return {k: _rewrite(v, user, to) for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite(v, user, to) for v in value]
    return value


def _team(team: Team, user: str, to: str) -> Team:
    members = tuple(dict.fromkeys(to if m == user else m for m in team.members))
    leader = to if team.leader == user else team.leader
    return team.model_copy(update={"members": members, "leader": leader})


def hand_over(
    bundle: Bundle,
    user: str,
    to: str,
    *,
    handover_id: str | None = None,
    registry: tuple[Approver, ...] | None = None,
) -> Bundle:
    """``bundle`` with ``user`` handed over to ``to`` (see the module docstring).

    ``registry`` is the approver registry in force when the bundle has no ``approvers`` section
    (the live one): the leaver's keys are taken out of it. Raises ``EditError``.
    """
    people = {u.user: u for u in bundle.users}
    leaver, successor = people.get(user), people.get(to)
    if leaver is None:
        raise EditError("user", "There is no user {key}.", key=user)
    if successor is None:
        raise EditError("to", "There is no user {key}.", key=to)
    if user == to:
        raise EditError("to", "{user} cannot hand their records over to themselves.", user=user)
    if leaver.disabled:
        raise EditError("user", "{user} is already disabled.", user=user)
    if successor.disabled:
        raise EditError(
            "to", "{to} is disabled and cannot take over {user}'s records.", to=to, user=user
        )
    if leaver.role == ADMIN_ROLE and not any(
        u.role == ADMIN_ROLE and not u.disabled and u.user != user for u in bundle.users
    ):
        raise EditError(
            "user",
            "{user} is the last active admin: give admin to someone else first.",
            user=user,
        )
    users = tuple(
        u.model_copy(update={"disabled": True}) if u.user == user else u for u in bundle.users
    )
    section = access_of(bundle)
    handover = Handover(
        id=handover_id or f"{user[:40]}-{secrets.token_hex(6)}",
        user=user,
        to=to,
        owners=owner_fields(bundle),
    )
    access = AccessSection.model_validate(
        {
            **section.model_dump(),
            "teams": [_team(t, user, to).model_dump() for t in section.teams],
            "handovers": [
                *(h.model_dump() for h in section.handovers),
                handover.model_dump(),
            ],
        }
    )
    update: dict[str, Any] = {"users": users, "access": access}
    approvers = bundle.approvers if bundle.approvers is not None else registry
    if approvers is not None and any(a.user == user for a in approvers):
        update["approvers"] = tuple(a for a in approvers if a.user != user)
    if bundle.rules is not None:
        rules = bundle.model_dump(mode="json", exclude_none=True)["rules"]
        update["rules"] = _rewrite(rules, user, to)
    # Validated as a whole: the hand-over must leave a sound bundle.
    return Bundle.model_validate(
        {**bundle.model_dump(), **{k: _dumped(v) for k, v in update.items()}}
    )


def _dumped(value: Any) -> Any:
    if isinstance(value, tuple):
        return [v.model_dump() if hasattr(v, "model_dump") else v for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


@dataclass(frozen=True)
class HandOver(Operation):
    """The leaver hand-over as one step of the draft's history."""

    label: ClassVar[str] = "hand over a leaver"
    user: str
    to: str
    handover_id: str | None = None
    registry: tuple[Approver, ...] | None = None

    def text(self) -> str:
        return f"{self.label}: {self.user} -> {self.to}"

    def apply(self, bundle: Bundle) -> Applied:
        after = hand_over(
            bundle, self.user, self.to, handover_id=self.handover_id, registry=self.registry
        )
        rows: frozenset[RowRef] = frozenset(
            {("users", self.user), ("draft", "access"), ("draft", "approvers"), ("draft", "rules")}
        )
        return Applied(after, Restore(bundle, after, self.label, rows), rows)
