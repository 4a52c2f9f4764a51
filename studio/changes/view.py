"""What the CLI and the panes show of a change request: a plain, read-only snapshot.

The state is derived on every read, never trusted from the row alone. Anyone with write access to
the workspace database can edit a stored change, so ``build_view`` re-checks what was signed:

- the stored bundle text must still hash to the stored ``bundle_sha256`` (the value every
  approval signed); hashing the text is cheap (~3 ms for a 4.5 MB bundle) and needs no parsing;
- every approval must verify with its signer's registered key over exactly this change.

Either failure makes the state ``altered``: its approvals do not count, a blocker says why in the
user's language, and the push is refused before any network traffic (``studio.client.push``).
The server would refuse such a release too; the point is that people see it first.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ApprovalRow, ChangeRequestRow, PublicKeyRow, ReleaseRow, RoleRow
from studio.bundle.model import Approver, Policy
from studio.changes.releases import UnreadableReleaseError, live_policy, live_version
from studio.contract import signing
from studio.contract.policy import PolicyStatus, Vote, evaluate
from studio.i18n import language, tr

#: Stored states. ``approved``, ``outdated`` and ``altered`` are derived (see ``ChangeView.state``).
OPEN, REJECTED, SUPERSEDED, PUSHED = "open", "rejected", "superseded", "pushed"
APPROVED, OUTDATED, ALTERED = "approved", "outdated", "altered"
#: The derived states of a change that is still stored as ``open`` and has not been tampered with:
#: the one change that can still become the next version.
PENDING_STATES = frozenset({OPEN, APPROVED, OUTDATED})
#: The decision of the author's own signature over their submission (kept with the approvals).
SUBMIT = "submit"


@dataclass(frozen=True)
class ApprovalView:
    user: str
    role: str
    decision: str
    key_id: str
    signature: str
    comment: str
    created_at: datetime
    #: The signature verifies with the workspace's key of that user (not revoked when it signed)
    #: over exactly this change.
    valid: bool


@dataclass(frozen=True)
class ChangeView:
    id: str
    title: str
    reason: str
    author: str
    state: str
    bundle_sha256: str
    parent_version: int | None
    target_version: int
    rollback_of: int | None
    created_at: datetime
    approvals: tuple[ApprovalView, ...]
    policy: PolicyStatus
    #: Why a push is not possible now (empty when it is).
    blockers: tuple[str, ...]
    diff: dict[str, Any] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: The stored bundle text still hashes to ``bundle_sha256`` (what was submitted and signed).
    bundle_intact: bool = True
    #: The author's verified signature over the submission; ``None``: not signed (not pushable).
    author_signature: ApprovalView | None = None

    @property
    def can_push(self) -> bool:
        return not self.blockers

    def to_json(self, *, with_diff: bool = True) -> dict[str, Any]:
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        for a in data["approvals"]:
            a["created_at"] = a["created_at"].isoformat()
            del a["signature"]
        if data["author_signature"] is not None:
            data["author_signature"]["created_at"] = self.author_signature.created_at.isoformat()  # type: ignore[union-attr]
            del data["author_signature"]["signature"]
        data["can_push"] = self.can_push
        data["policy"]["reasons"] = list(self.policy.reasons)
        if not with_diff:
            data.pop("diff")
            data.pop("findings")
        return data


def _naive(moment: datetime) -> datetime:
    # SQLite hands back naive UTC, PostgreSQL aware UTC, fresh objects aware: compare as naive.
    return moment.replace(tzinfo=None)


def _valid(row: ApprovalRow, change: ChangeRequestRow, keys: dict[str, PublicKeyRow]) -> bool:
    """The approval is what its signer signed: their key, this change, this bundle."""
    key = keys.get(row.key_id)
    return (
        key is not None
        # a key replaced under an old key id is not the key that id names
        and signing.key_id_matches(row.key_id, key.public_key)
        and key.user_name == row.user_name
        and row.bundle_sha256 == change.bundle_sha256
        and signing.verify(
            key.public_key,
            row.signature,
            change.id,
            change.bundle_sha256,
            change.target_version,
            row.decision,
        )
    )


def _revoked_problem(row: ApprovalRow, keys: dict[str, PublicKeyRow]) -> str | None:
    """A genuine approval signed with a key revoked before it was stored does not count, but it is
    no sign of tampering: a rotation can race an approval, and clocks of two studios differ."""
    key = keys.get(row.key_id)
    if key is None or key.revoked_at is None or _naive(row.created_at) < _naive(key.revoked_at):
        return None
    return tr(
        "The approval by {user} is signed with key {key}, which was revoked before it was "
        "given: it does not count. {user} can approve again with their current key.",
        user=row.user_name,
        key=row.key_id,
    )


def role_names(session: Session) -> dict[str, str]:
    """Role key -> label in the reader's language, from the workspace's roles: the sentences of
    a change's status say "业务负责人", not ``business_lead``. A role it lacks keeps its key."""
    lang = language()
    rows = session.execute(select(RoleRow.key, RoleRow.label_zh, RoleRow.label_en))
    return {key: {"zh_CN": zh, "en": en}[lang] for key, zh, en in rows}


def _registry_problem(
    row: ApprovalRow,
    registry: tuple[Approver, ...] | None,
    keys: dict[str, PublicKeyRow],
    names: dict[str, str],
) -> str | None:
    """Why the server would not accept this (correctly signed) approval, as far as the live
    release tells: its key is not in the approver registry, or belongs to another person or
    role there (a role changed in the workspace but not yet released, a key not yet released).
    ``None`` when it would, or when no live release names the registry."""
    if registry is None:
        return None
    entry = next((r for r in registry if r.key_id == row.key_id), None)
    if entry is None:
        return tr(
            "The approval by {user} is signed with key {key}, which the live approver registry "
            "does not hold: the server would refuse it, so it does not count.",
            user=row.user_name,
            key=row.key_id,
        )
    key = keys.get(row.key_id)
    if (entry.user, entry.role) != (row.user_name, row.role) or (
        key is not None and key.public_key != entry.public_key
    ):
        return tr(
            "The approval by {user} as {role} does not match the live approver registry, which "
            "names key {key} as {reg_user} ({reg_role}): the server would refuse it, so it does "
            "not count.",
            user=row.user_name,
            role=names.get(row.role, row.role),
            key=row.key_id,
            reg_user=entry.user,
            reg_role=names.get(entry.role, entry.role),
        )
    return None


def bundle_intact(change: ChangeRequestRow) -> bool:
    """Whether the stored bundle text still hashes to the stored ``bundle_sha256``."""
    text = change.bundle_json.encode("utf-8")
    return hashlib.sha256(text).hexdigest() == change.bundle_sha256


_STORED_STATES = frozenset({OPEN, REJECTED, SUPERSEDED, PUSHED})


def _state_plausible(session: Session, change: ChangeRequestRow) -> bool:
    """The stored state is one the studio writes, and ``pushed`` only with a recorded release of
    exactly this change and bundle (a push or a sync writes both in one unit of work)."""
    if change.state not in _STORED_STATES:
        return False
    if change.state != PUSHED:
        return True
    found = session.scalar(
        select(ReleaseRow.version).where(
            ReleaseRow.change_id == change.id, ReleaseRow.bundle_sha256 == change.bundle_sha256
        )
    )
    return found is not None


def change_name(change: ChangeRequestRow) -> str:
    """A change as a sentence names it: its short id for the commands, its title for people
    (``24a8e4f3 (“Add customs code”)``), as the Changes pane's banners do."""
    return f"{change.id[:8]} (“{change.title}”)" if change.title else change.id[:8]


def _tamper_blockers(
    change: ChangeRequestRow, intact: bool, forged: list[ApprovalView], state_ok: bool = True
) -> list[str]:
    """Why the stored change no longer matches what was submitted and signed (empty if it does)."""
    short = change_name(change)
    if not state_ok:
        return [
            tr(
                "Change {id} has been altered in the workspace: its stored state '{state}' does "
                "not match the workspace's records. Its approvals do not count; submit the "
                "draft again.",
                id=short,
                state=change.state,
            )
        ]
    if not intact:
        # The approvals were signed over the old sha256: none of them can count.
        return [
            tr(
                "Change {id} has been altered in the workspace: its bundle no longer matches "
                "what was submitted and approved. Its approvals do not count; submit the draft "
                "again.",
                id=short,
            )
        ]
    return [
        tr(
            "The approval by {user} of change {id} does not verify with {user}'s registered key: "
            "it was altered or forged in the workspace and does not count; submit the draft again.",
            user=a.user,
            id=short,
        )
        for a in forged
    ]


def build_view(
    session: Session,
    change: ChangeRequestRow,
    *,
    keys: dict[str, PublicKeyRow] | None = None,
    names: dict[str, str] | None = None,
) -> ChangeView:
    """The change as people see it: derived state, counted approvals, push blockers.

    ``state`` is the stored one, or ``approved``/``outdated`` for an open change, or ``altered``
    when the stored bundle or an approval no longer matches what was signed (see the module doc).
    """
    if keys is None:
        keys = {k.key_id: k for k in session.query(PublicKeyRow)}
    if names is None:
        names = role_names(session)
    # Every stored state is checked, not only ``open``: a change edited and then given another
    # stored state (or one the studio never writes) must not look approved or live (issue 20).
    state_ok = _state_plausible(session, change)
    intact = bundle_intact(change) and state_ok
    baseline_problem: str | None = None
    try:
        policy, registry = live_policy(session)
    except UnreadableReleaseError as exc:
        # The policy is judged from the verified live release only: a rewritten one gives none,
        # and the strictest default stands in while a blocker says why.
        policy, registry, baseline_problem = Policy(), None, str(exc)
    approvals: list[ApprovalView] = []
    forged: list[ApprovalView] = []
    problems: list[str] = []
    author_signature: ApprovalView | None = None
    forged_author: list[ApprovalView] = []
    for row in change.approvals:
        signed = intact and _valid(row, change, keys)
        if row.decision == SUBMIT:
            # The author's signature over their submission: not a vote, but what the server
            # learns the author from.
            own = ApprovalView(
                row.user_name,
                row.role,
                row.decision,
                row.key_id,
                row.signature,
                row.comment,
                row.created_at,
                signed and row.user_name == change.author,
            )
            if own.valid:
                author_signature = author_signature or own
            else:
                forged_author.append(own)
            continue
        # Only an open change still has to get past the server; a pushed one already did.
        problem = None
        if signed and change.state == OPEN:
            problem = _revoked_problem(row, keys) or _registry_problem(row, registry, keys, names)
        view = ApprovalView(
            row.user_name,
            row.role,
            row.decision,
            row.key_id,
            row.signature,
            row.comment,
            row.created_at,
            signed and problem is None,
        )
        approvals.append(view)
        if not signed:
            forged.append(view)
        if problem is not None:
            problems.append(problem)
    forged += forged_author  # the reviewers' approvals are what people look at first
    status = evaluate(
        policy,
        [Vote(a.user, a.role, a.decision) for a in approvals if a.valid],
        change.author,
        names,
    )
    current = live_version(session)
    state = change.state
    blockers = _tamper_blockers(change, intact, forged, state_ok)
    if blockers:
        state = ALTERED
    blockers += problems
    if state == OPEN and change.parent_version != current:
        state = OUTDATED
    if state == OPEN and status.met:
        state = APPROVED
    if change.state == PUSHED:
        blockers.append(tr("Change {id} is already live.", id=change_name(change)))
    elif change.state == SUPERSEDED:
        blockers.append(
            tr("Change {id} was superseded by a newer submission.", id=change_name(change))
        )
    elif state == OUTDATED:
        blockers.append(
            tr(
                "Change {id} was made on version {parent}, but version {live} is live now: "
                "submit again.",
                id=change_name(change),
                parent=change.parent_version if change.parent_version is not None else 0,
                live=current if current is not None else 0,
            )
        )
    if baseline_problem is not None and change.state != PUSHED:
        blockers.append(baseline_problem)
    if change.state != PUSHED:
        blockers.extend(status.reasons)
        if author_signature is None and state in (OPEN, APPROVED):
            blockers.append(
                tr(
                    "The author {user} has not signed change {id}: the server learns who wrote a "
                    "change from the author's signature. Submit the draft again with your key.",
                    user=change.author,
                    id=change_name(change),
                )
            )
    return ChangeView(
        id=change.id,
        title=change.title,
        reason=change.reason,
        author=change.author,
        state=state,
        bundle_sha256=change.bundle_sha256,
        parent_version=change.parent_version,
        target_version=change.target_version,
        rollback_of=change.rollback_of,
        created_at=change.created_at,
        approvals=tuple(approvals),
        policy=status,
        blockers=tuple(dict.fromkeys(blockers)),
        diff=dict(change.diff or {}),
        findings=list(change.findings or []),
        bundle_intact=intact,
        author_signature=author_signature,
    )
