"""The change flow in the workspace: submit, approve, reject, roll back, list.

Every function is one unit of work on the workspace, safe to call off the UI thread, and appends
to the hash-chained audit log. Refusals raise ``ChangeRefused`` (a ``StudioError``) with a message
for people; nothing is written when a call is refused.

A submitted change is frozen: editing the draft afterwards never alters it, and it stays pushable
once approved (``studio.changes.draft_edited`` says why and how the studio tells people). Editing
the stored change itself makes it ``altered`` (``studio.changes.view``): nobody can decide on it
or push it any more.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ApprovalRow, ChangeRequestRow, PublicKeyRow
from studio.audit import log as audit
from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle, parse_bundle
from studio.changes.baseline import local_baseline
from studio.changes.keys import signing_key, user_role
from studio.changes.releases import live_bundle, live_policy, live_version, release_bundle
from studio.changes.replay_gate import ReplayRefused, replay_evidence
from studio.changes.rollback_bundle import rollback_bundle
from studio.changes.view import (
    ALTERED,
    OPEN,
    OUTDATED,
    REJECTED,
    SUBMIT,
    SUPERSEDED,
    ChangeView,
    build_view,
    role_names,
)
from studio.contract import signing
from studio.draft.store import load_draft
from studio.errors import StudioError
from studio.i18n import Message
from studio.i18n.changes import state_name
from studio.lint import DataStats, run_all
from studio.lint.findings import has_errors
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.changes.review import ChangeReview

MAX_TITLE = 200


class ChangeRefused(StudioError):
    """The change flow refused an action (policy, state, author...)."""


def _find(session: Session, change_id: str) -> ChangeRequestRow:
    """A change by id or by an unambiguous id prefix (the CLI shows 8 characters)."""
    row = session.get(ChangeRequestRow, change_id)
    if row is not None:
        return row
    if len(change_id) >= 4:
        matches = list(
            session.scalars(
                select(ChangeRequestRow).where(ChangeRequestRow.id.startswith(change_id))
            )
        )
        if len(matches) == 1:
            return matches[0]
    raise ChangeRefused("No change request {id}.", id=change_id)


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ChangeRefused("A change needs a title.")
    if len(title) > MAX_TITLE:
        raise ChangeRefused("The title is longer than {n} characters.", n=MAX_TITLE)
    return title


def _freeze(
    session: Session,
    bundle: Bundle,
    *,
    author: str,
    title: str,
    reason: str,
    rollback_of: int | None,
    stats: DataStats | None = None,
    replay: dict[str, Any] | None = None,
) -> ChangeRequestRow:
    """Lint, diff and store ``bundle`` as a new open change; supersede older open changes.

    ``replay``: the arguments of ``replay_evidence`` for a submit (``None``: a rollback, which
    returns to rules that were live)."""
    from studio.scan.freeze import with_freeze

    live = live_bundle(session)
    findings = run_all(bundle, with_freeze(session, stats, live, bundle), live)
    if has_errors(findings):
        errors = [f for f in findings if f.blocking]
        raise ChangeRefused(
            "Cannot submit: {count} error finding(s), first: {message}",
            count=len(errors),
            message=errors[0].message,
        )
    evidence = None
    if replay is not None:
        try:
            evidence = replay_evidence(live, bundle, **replay)
        except ReplayRefused as exc:
            raise ChangeRefused(exc.message) from None
    diff = diff_bundles(live, bundle)
    if evidence is not None:
        # The replay's figures are part of the change's record: reviewers read them first.
        diff["replay"] = evidence
    if diff["empty"] and live is not None:
        raise ChangeRefused("The draft equals the live version: nothing to submit.")
    current = live_version(session)
    canonical = bundle.canonical_json()  # once: dumping a large bundle is the slow part
    for old in session.scalars(select(ChangeRequestRow).where(ChangeRequestRow.state == OPEN)):
        # Only one change can follow the live version; approvals of the old one stop counting.
        old.state = SUPERSEDED
        audit.append(session, author, "supersede", old.id, {"title": old.title})
    row = ChangeRequestRow(
        id=str(uuid.uuid4()),
        title=title,
        reason=reason,
        author=author,
        state=OPEN,
        bundle_json=canonical.decode("utf-8"),
        bundle_sha256=hashlib.sha256(canonical).hexdigest(),
        parent_version=current,
        target_version=(current or 0) + 1,
        diff=diff,
        findings=[f.to_json() for f in findings],
        rollback_of=rollback_of,
    )
    session.add(row)
    session.flush()
    return row


#: The author's passphrase, or a function that asks for it (called only once the change passed
#: its checks, so that a refused submit asks for nothing).
Passphrase = str | Callable[[], str] | None


def _sign_submission(
    session: Session, row: ChangeRequestRow, user: str, passphrase: Passphrase
) -> None:
    """Store the author's signature over the submission (decision ``submit``): the server knows
    who wrote a change from it, not from the free-text author field."""
    if passphrase is None:
        return
    kid, key = signing_key(
        session, user, passphrase if isinstance(passphrase, str) else passphrase()
    )
    row.approvals.append(
        ApprovalRow(
            user_name=user,
            role=user_role(session, user),
            decision=SUBMIT,
            bundle_sha256=row.bundle_sha256,
            key_id=kid,
            signature=signing.sign(key, row.id, row.bundle_sha256, row.target_version, SUBMIT),
            comment="",
        )
    )
    session.flush()


def submit(
    ws: Workspace,
    user: str,
    title: str,
    reason: str = "",
    *,
    stats: DataStats | None = None,
    passphrase: Passphrase = None,
    replay: Any = None,
    replay_problem: str | None = None,
    acknowledgement: str = "",
) -> ChangeView:
    """Freeze the draft into a change request (refused while any error finding exists).

    A change of automation rules needs its impact replay (``replay``: a
    ``studio.client.replay.ReplayRun``; ``None`` with ``replay_problem`` when it could not run):
    above the block share, or without a replay, submit is refused unless ``acknowledgement``
    gives the author's reason (``studio.changes.replay_gate``).

    ``stats``: what the server counted of its records (``studio.client.stats.data_stats``), so
    that the rules judge a newly required field by the records that really lack it.
    ``passphrase``: opens the author's key to sign the submission, which a server requires
    before it applies the change (without it the change can be reviewed, not pushed).
    """
    title = _check_title(title)
    with ws.session() as s:
        user_role(s, user)
        bundle = load_draft(s)
        row = _freeze(
            s,
            bundle,
            author=user,
            title=title,
            reason=reason,
            rollback_of=None,
            stats=stats,
            replay={
                "replay": replay,
                "problem": replay_problem,
                "acknowledgement": acknowledgement,
            },
        )
        _sign_submission(s, row, user, passphrase)
        details: dict[str, Any] = {
            "title": title,
            "bundle_sha256": row.bundle_sha256,
            "target_version": row.target_version,
        }
        evidence = cast("dict[str, Any] | None", (row.diff or {}).get("replay"))
        if evidence is not None:
            details["replay"] = {
                k: evidence.get(k)
                for k in (
                    "ran",
                    "replayed",
                    "changed_outcome",
                    "to_default",
                    "to_no_owner",
                    "share_to_default_or_no_owner",
                    "level",
                    "problem",
                    "acknowledgement",
                )
                if k in evidence
            }
        audit.append(s, user, "submit", row.id, details)
        return build_view(s, row)


def rollback(
    ws: Workspace,
    user: str,
    to_version: int,
    title: str,
    reason: str = "",
    *,
    passphrase: Passphrase = None,
) -> ChangeView:
    """A new change request whose bundle equals release ``to_version``'s bundle.

    It needs the same approvals as any change and becomes a new, higher version when pushed.
    It is always possible and data-safe (``studio.changes.rollback_bundle``): fields and entities
    released since stay, deprecated and hidden, with their data; and the approvers section stays
    the live one, so that a rollback never re-registers a key that was rotated out (the audit
    entry says what was kept).
    """
    title = _check_title(title)
    with ws.session() as s:
        user_role(s, user)
        target = release_bundle(s, to_version)
        if target is None:
            raise ChangeRefused(
                "There is no release {version} to roll back to.", version=to_version
            )
        if to_version == live_version(s):
            raise ChangeRefused("Version {version} is already live.", version=to_version)
        made = rollback_bundle(target, live_bundle(s))
        row = _freeze(
            s, made.bundle, author=user, title=title, reason=reason, rollback_of=to_version
        )
        _sign_submission(s, row, user, passphrase)
        audit.append(
            s,
            user,
            "rollback",
            row.id,
            {
                "to_version": to_version,
                "kept_live_approvers": made.kept_approvers,
                # fields and entities released since, kept deprecated and hidden (data kept)
                "kept_fields": [f"{e}.{f}" for e, f in made.kept_fields],
                "bundle_sha256": row.bundle_sha256,
                "target_version": row.target_version,
            },
        )
        return build_view(s, row)


def _refusal(session: Session, change: ChangeRequestRow, user: str) -> str | Message | None:
    """Why ``user`` may not decide on ``change`` now, or ``None``."""
    view = build_view(session, change)
    if change.state != OPEN:
        return Message(
            "Change {id} is {state}: it can no longer be decided.",
            id=change.id[:8],
            state=state_name(view.state),
        )
    if view.state in (OUTDATED, ALTERED):
        # An altered change is not what the reviewers would be signing: nobody decides on it.
        return view.blockers[0]
    if user == change.author:
        return Message("The author of a change cannot approve or reject it.")
    if any(a.user_name == user for a in change.approvals):
        return Message("{user} has already decided on change {id}.", user=user, id=change.id[:8])
    return None


def check_can_decide(ws: Workspace, change_id: str, user: str) -> None:
    """Refuse (``ChangeRefused``) before asking for a passphrase when ``user`` cannot decide."""
    with ws.session() as s:
        change = _find(s, change_id)
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
            id=change.id[:8],
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
        change = _find(s, change_id)
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


def _derived(session: Session, row: ChangeRequestRow, view: ChangeView) -> ChangeView:
    """``view`` with the diff and findings of a change that can still be decided derived now,
    from its bundle and the verified live release, instead of the copies stored at submit
    (anyone with write access could have rewritten those; issue 20). Only an open change is
    derived (submitting supersedes the others, so there is at most one): the stored copies of
    a decided or live change are history, not something anyone is about to sign."""
    if row.state != OPEN:
        return view
    from studio.changes.review import derive_review

    review = derive_review(session, row, view=view)
    return replace(view, diff=review.diff or {}, findings=review.findings)


def get_change(ws: Workspace, change_id: str) -> ChangeView:
    with ws.session() as s:
        row = _find(s, change_id)
        return _derived(s, row, build_view(s, row))


def list_changes(ws: Workspace) -> list[ChangeView]:
    """Every change request, newest first."""
    with ws.session() as s:
        keys = {k.key_id: k for k in s.scalars(select(PublicKeyRow))}
        rows = s.scalars(
            select(ChangeRequestRow).order_by(ChangeRequestRow.created_at.desc())
        ).all()
        names = role_names(s)
        return [_derived(s, r, build_view(s, r, keys=keys, names=names)) for r in rows]


def change_bundle(ws: Workspace, change_id: str) -> Bundle:
    with ws.session() as s:
        return parse_bundle(_find(s, change_id).bundle_json)


def release_document(
    session: Session, change: ChangeRequestRow, view: ChangeView | None = None
) -> dict[str, Any]:
    """The wire contract's release document: bundle + counted approvals of ``change``."""
    doc = release_header(session, change, view)
    doc["bundle"] = json.loads(change.bundle_json)
    return doc


def release_header(
    session: Session, change: ChangeRequestRow, view: ChangeView | None = None
) -> dict[str, Any]:
    """The release document without its bundle (the push splices the stored canonical text in,
    instead of parsing and re-serialising megabytes)."""
    view = view or build_view(session, change)
    header: dict[str, Any] = {
        "change_id": change.id,
        "version": change.target_version,
        "parent_version": change.parent_version,
        "author": change.author,
        "bundle_sha256": change.bundle_sha256,
        "approvals": [
            {
                "user": a.user,
                "role": a.role,
                "decision": a.decision,
                "key_id": a.key_id,
                "signature": a.signature,
            }
            for a in view.approvals
            if a.valid and a.decision == "approve"
        ],
    }
    if view.author_signature is not None:
        header["author_signature"] = {
            "key_id": view.author_signature.key_id,
            "signature": view.author_signature.signature,
        }
    return header
