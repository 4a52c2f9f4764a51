"""Is a change approved? The two-person rule as one pure function.

The studio checks it before a push (so a person sees why a push is refused before the network is
involved); the server checks the same thing again on its own, because the workspace may be edited
by anyone with database access.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from studio.bundle.model import Policy
from studio.i18n import tr


@dataclass(frozen=True)
class Vote:
    """One counted decision: who, in which role, approve or reject."""

    user: str
    role: str
    decision: str


@dataclass(frozen=True)
class PolicyStatus:
    """The outcome of ``evaluate``: ``met`` and, when not, ``reasons`` for people."""

    met: bool
    rejected: bool
    approvers: tuple[str, ...]
    missing_roles: tuple[str, ...]
    approvals_needed: int
    reasons: tuple[str, ...] = field(default=())


def evaluate(
    policy: Policy,
    votes: Iterable[Vote],
    author: str,
    role_names: Mapping[str, str] | None = None,
) -> PolicyStatus:
    """Whether ``votes`` satisfy ``policy`` for a change by ``author``.

    The author's own votes never count; each person counts once (their first vote in the order
    given); a rejection by anyone entitled to vote blocks the change. ``role_names`` (role key ->
    label in the reader's language) names the missing roles in ``reasons``; keys otherwise.
    """
    names = role_names or {}
    seen: dict[str, Vote] = {}
    for vote in votes:
        if vote.user == author or vote.user in seen:
            continue
        seen[vote.user] = vote
    rejected = any(v.decision == "reject" for v in seen.values())
    approving = [v for v in seen.values() if v.decision == "approve"]
    roles = {v.role for v in approving}
    missing = tuple(r for r in policy.required_roles if r not in roles)
    needed = max(0, policy.min_approvals - len(approving))
    reasons: list[str] = []
    # A list of names as the language writes it: "a, b" in English, "a、b" in Chinese.
    comma = tr(", ")
    if rejected:
        who = comma.join(v.user for v in seen.values() if v.decision == "reject")
        reasons.append(tr("Rejected by {users}.", users=who))
    if needed:
        reasons.append(
            tr(
                "{n} more approvals needed ({have} of {need}).",
                n=needed,
                have=len(approving),
                need=policy.min_approvals,
            )
        )
    if missing:
        who_may = comma.join(names.get(r, r) for r in missing)
        reasons.append(tr("Still needs an approval by: {roles}.", roles=who_may))
    return PolicyStatus(
        met=not reasons,
        rejected=rejected,
        approvers=tuple(v.user for v in approving),
        missing_roles=missing,
        approvals_needed=needed,
        reasons=tuple(reasons),
    )
