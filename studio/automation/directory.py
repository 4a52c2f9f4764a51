"""Who an outcome names: the members of a team and the users who may still receive records.

Teams and disabled users are parts of the bundle that issue 14 (permissions) adds
(``bundle.access.teams``, ``UserAssignment.disabled``); read through here so that the evaluator's
callers need not know where they live. A bundle without them has no team members (a team outcome
then leaves the owner empty and names the team) and no disabled users.
"""

from __future__ import annotations

from studio.bundle.model import Bundle


def team_members(bundle: Bundle, team: str) -> list[str] | None:
    """The members of ``team`` in their order, or ``None`` when the bundle does not know it."""
    access = getattr(bundle, "access", None)
    for t in getattr(access, "teams", None) or ():
        if getattr(t, "key", None) == team:
            return list(getattr(t, "members", ()) or ())
    return None


def disabled_users(bundle: Bundle) -> frozenset[str]:
    return frozenset(u.user for u in bundle.users if getattr(u, "disabled", None))


def active_members(bundle: Bundle, team: str) -> list[str] | None:
    """``team_members`` without disabled users (round-robin skips them)."""
    members = team_members(bundle, team)
    if members is None:
        return None
    gone = disabled_users(bundle)
    return [m for m in members if m not in gone]
