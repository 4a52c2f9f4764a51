"""Deciding on a change: a reviewer's signed approval or rejection, refused for the author, for
a change no longer open, altered or outdated, for a second decision of one person, and (an
approval) unless the live baseline verifies and the review the person saw is of this very bundle
against the live release as it is now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from schema.models import ApprovalRow, ChangeRequestRow
from studio.audit import log as audit
from studio.changes.baseline import local_baseline
from studio.changes.find import ChangeRefused, find_change
from studio.changes.keys import signing_key, user_role
from studio.changes.releases import live_policy
from studio.changes.view import (
    ALTERED,
    OPEN,
    OUTDATED,
    REJECTED,
    ChangeView,
    build_view,
    change_name,
)
from studio.contract import signing
from studio.i18n import Message
from studio.i18n.changes import state_name
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.changes.review import ChangeReview


def _refusal(session: Session, change: ChangeRequestRow, user: str) -> str | Message | None:
    """Why ``user`` may not decide on ``change`` now, or ``None``."""
    view = build_view(session, change)
    if change.state != OPEN:
        return Message(
            "Change {id} is {state}: it can no longer be decided.",
            id=change_name(change),
            state=state_name(view.state),
        )
    if view.state in (OUTDATED, ALTERED):
        # An altered change is not what the reviewers would be signing: nobody decides on it.
        return view.blockers[0]
    if user == change.author:
        return Message("The author of a change cannot approve or reject it.")
    if any(a.user_name == user for a in change.approvals):
        return Message(
            "{user} has already decided on change {id}.", user=user, id=change_name(change)
        )
    return None


def check_can_decide(ws: Workspace, change_id: str, user: str) -> None:
    """Refuse (``ChangeRefused``) before asking for a passphrase when ``user`` cannot decide."""
    with ws.session() as s:
        change = find_change(s, change_id)
        user_role(s, user)
        reason = _refusal(s, change, user)
    if reason is not None:
        raise ChangeRefused(reason)


def _unreviewed(
    session: Session, change: ChangeRequestRow, reviewed: ChangeReview | None
) -> str | Message | None:
    """Why an approval of ``change`` would not be backed by what its reviewer saw, or ``None``.

    The live baseline must verify now (its text hashes to its sha256), and when the reviewer was
    shown a review (``reviewed``), it must be of this bundle against this same live release,
    with nothing that forbade approving it (a baseline the server contradicted, for one).
    """
    baseline = local_baseline(session)
    if baseline.problem is not None:
        return baseline.problem
    if reviewed is None:
        return None
    if reviewed.problems:
        return reviewed.problems[0]
    if (
        reviewed.change.id != change.id
        or reviewed.change.bundle_sha256 != change.bundle_sha256
        or (reviewed.baseline.version, reviewed.baseline.sha256)
        != (baseline.version, baseline.sha256)
    ):
        return Message(
            "Change {id} or the live version changed since it was reviewed: review it again "
            "before signing.",
            id=change_name(change),
        )
    return None


def _decide(
    ws: Workspace,
    change_id: str,
    user: str,
    passphrase: str,
    decision: str,
    comment: str,
    reviewed: ChangeReview | None = None,
) -> ChangeView:
    with ws.session() as s:
        change = find_change(s, change_id)
        role = user_role(s, user)
        reason = _refusal(s, change, user)
        if reason is None and decision == "approve":
            reason = _unreviewed(s, change, reviewed)
        if reason is not None:
            raise ChangeRefused(reason)
        kid, key = signing_key(s, user, passphrase)
        _policy, registry = live_policy(s)
        if registry is not None and not any(a.key_id == kid and a.user == user for a in registry):
            raise ChangeRefused(
                "The key {key_id} of {user} is not registered on the server yet: a change "
                "that adds it must go live first.",
                key_id=kid,
                user=user,
            )
        signature = signing.sign(
            key, change.id, change.bundle_sha256, change.target_version, decision
        )
        change.approvals.append(
            ApprovalRow(
                user_name=user,
                role=role,
                decision=decision,
                bundle_sha256=change.bundle_sha256,
                key_id=kid,
                signature=signature,
                comment=comment,
            )
        )
        if decision == "reject":
            change.state = REJECTED
        s.flush()
        audit.append(
            s,
            user,
            decision,
            change.id,
            {
                "role": role,
                "key_id": kid,
                "bundle_sha256": change.bundle_sha256,
                "version": change.target_version,
                # the decision's own signature: a decision rewritten in the log fails verify
                "signature": signature,
                "comment": comment,
            },
        )
        return build_view(s, change)


def approve(
    ws: Workspace,
    change_id: str,
    user: str,
    passphrase: str,
    comment: str = "",
    *,
    reviewed: ChangeReview | None = None,
) -> ChangeView:
    """Sign an approval of ``change_id`` as ``user`` (not the author; once per person).

    Refused while the live baseline does not verify. ``reviewed``: the review the person was
    shown (``studio.client.review.review_change``); the approval is refused unless it is of this
    very bundle against the live release as it is now, with nothing that forbade approving.
    """
    return _decide(ws, change_id, user, passphrase, "approve", comment, reviewed)


def reject(ws: Workspace, change_id: str, user: str, passphrase: str, comment: str) -> ChangeView:
    """Sign a rejection; a rejection needs a comment saying why."""
    if not comment.strip():
        raise ChangeRefused("A rejection needs a comment saying why.")
    return _decide(ws, change_id, user, passphrase, "reject", comment.strip())
