"""Submitting a change: the draft (or, for a rollback, an earlier release) frozen into a change
request — linted, diffed against the live version, replayed when its automation rules changed,
signed by its author — superseding any older open change. One unit of work each; refused with
``ChangeRefused``, writing nothing."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ApprovalRow, ChangeRequestRow
from studio.audit import log as audit
from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle
from studio.changes.find import ChangeRefused
from studio.changes.keys import signing_key, user_role
from studio.changes.releases import live_bundle, live_version, release_bundle
from studio.changes.replay_gate import ReplayRefused, replay_evidence
from studio.changes.rollback_bundle import rollback_bundle
from studio.changes.view import OPEN, SUBMIT, SUPERSEDED, ChangeView, build_view
from studio.contract import signing
from studio.draft.store import load_draft
from studio.lint import DataStats, run_all
from studio.lint.findings import has_errors
from studio.workspace.connection import Workspace

MAX_TITLE = 200


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
            "Cannot submit: {n} error findings, first: {message}",
            n=len(errors),
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
