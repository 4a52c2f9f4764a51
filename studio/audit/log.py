"""The append-only, hash-chained audit log.

Each entry's hash covers the previous entry's hash and the entry itself, so editing or deleting any
row in the database (even with direct SQL access) breaks the chain from that row on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from schema.models import ApprovalRow, AuditRow, ChangeRequestRow, PublicKeyRow, utcnow
from studio.bundle.canonical_json import canonical_json
from studio.contract import signing
from studio.i18n import tr

GENESIS = "0" * 64


def _entry_hash(
    prev_hash: str, at: str, actor: str, action: str, subject: str, details: dict[str, Any]
) -> str:
    body = canonical_json(
        {
            "prev": prev_hash,
            "at": at,
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": details,
        }
    )
    return hashlib.sha256(body).hexdigest()


def _stamp(row: AuditRow) -> str:
    # Stored timestamps lose their timezone on SQLite; hash a form both databases agree on.
    return row.at.replace(tzinfo=None).isoformat(timespec="microseconds")


def _lock_the_head(session: Session) -> None:
    """Take the workspace's write lock before the head is read, so appends never fork.

    On PostgreSQL a transaction-level advisory lock; on SQLite a write statement that matches no
    row, which takes SQLite's one write lock until the unit of work ends. The unique ``seq`` is
    the second line of defence: two appends after the same head can never both commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    else:
        session.execute(text("UPDATE audit_log SET seq = seq WHERE 1 = 0"))


# A PostgreSQL advisory lock key of the studio's own (int64): "audit_log" in ASCII, truncated.
_PG_LOCK_KEY = int.from_bytes(b"auditlog", "big", signed=True)


#: In the GUI, who signed in and whether they proved it with their signing key's passphrase
#: (File › Sign in as): user -> verified. ``None`` in a process without a sign-in (the CLI,
#: whose decisions carry their signatures), whose entries say nothing about it.
_SIGN_INS: dict[str, bool] | None = None


def record_sign_in(user: str, verified: bool) -> None:
    """``user`` signed in to this studio, ``verified`` by their passphrase or not: every entry
    they write from now on says so (``actor_verified``)."""
    global _SIGN_INS
    if _SIGN_INS is None:
        _SIGN_INS = {}
    _SIGN_INS[user] = verified


def forget_sign_ins() -> None:
    """Back to a process without sign-ins (a new workspace, tests)."""
    global _SIGN_INS
    _SIGN_INS = None


def append(
    session: Session,
    actor: str,
    action: str,
    subject: str = "",
    details: dict[str, Any] | None = None,
) -> AuditRow:
    """Write one action at the end of the chain (inside the caller's unit of work)."""
    if _SIGN_INS is not None:
        # Whether the person acting proved who they are: "Sign in as" without a passphrase
        # lets anyone at the workstation act as someone else, and the log must not vouch for it.
        details = {**(details or {}), "actor_verified": _SIGN_INS.get(actor, False)}
    _lock_the_head(session)
    last = session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).first()
    prev = last.hash if last else GENESIS
    row = AuditRow(
        seq=(last.seq + 1) if last else 1,
        at=utcnow(),
        actor=actor,
        action=action,
        subject=subject,
        details=details or {},
        prev_hash=prev,
        hash="",
    )
    row.hash = _entry_hash(prev, _stamp(row), actor, action, subject, row.details)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class Break:
    """One entry the chain cannot vouch for, and why."""

    entry: int  # the entry's id
    reason: str  # "chain" (edited, inserted, removed before it) or "signature"


@dataclass(frozen=True)
class ChainReport:
    entries: int
    breaks: tuple[Break, ...] = ()

    @property
    def intact(self) -> bool:
        return not self.breaks

    @property
    def broken_at(self) -> int | None:
        """The id of the first entry that does not match (None when intact)."""
        return self.breaks[0].entry if self.breaks else None


DECISIONS = ("approve", "reject")


def describe(brk: Break) -> str:
    """One line for people about one break."""
    if brk.reason == "signature":
        return tr(
            "Entry {id} is a decision whose signature does not verify with the signer's "
            "registered key: it was rewritten.",
            id=brk.entry,
        )
    return tr("Entry {id} was altered, inserted or follows a removed entry.", id=brk.entry)


def verify(session: Session) -> ChainReport:
    """Recompute the whole chain and report every break, not only the first.

    After a break the walk goes on from the broken entry's own hash, so one damaged entry hides no
    tampering after it. A decision (approve / reject) must also carry a signature that the
    signer's registered key verifies for exactly that decision, so a rejection rewritten into an
    approval fails even when the chain was recomputed around it.
    """
    keys = {
        k.key_id: k.public_key
        for k in session.scalars(select(PublicKeyRow))
        if signing.key_id_matches(k.key_id, k.public_key)
    }
    approvals = {
        (a.change_id, a.user_name, a.key_id): a for a in session.scalars(select(ApprovalRow))
    }
    targets = dict(
        session.execute(select(ChangeRequestRow.id, ChangeRequestRow.target_version)).all()
    )
    prev = GENESIS
    count = 0
    breaks: list[Break] = []
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq, AuditRow.id)):
        count += 1
        expected = _entry_hash(prev, _stamp(row), row.actor, row.action, row.subject, row.details)
        if row.prev_hash != prev or row.hash != expected or row.seq != count:
            breaks.append(Break(row.id, "chain"))
        elif row.action in DECISIONS and not _decision_signed(row, keys, approvals, targets):
            breaks.append(Break(row.id, "signature"))
        prev = row.hash
    return ChainReport(entries=count, breaks=tuple(breaks))


def _decision_signed(
    row: AuditRow,
    keys: dict[str, str],
    approvals: dict[tuple[str, str, str], ApprovalRow],
    targets: dict[str, int],
) -> bool:
    """Whether a decision entry carries a valid signature of its signer over that decision.

    Entries written before decisions carried their signature in the log fall back to the
    change's stored approval, which is signed the same way.
    """
    details = row.details if isinstance(row.details, dict) else {}
    key_id = str(details.get("key_id", ""))
    public = keys.get(key_id)
    stored = approvals.get((row.subject, row.actor, key_id))
    signature = details.get("signature") or (stored.signature if stored is not None else None)
    version = details.get("version", targets.get(row.subject))
    sha = details.get("bundle_sha256")
    if public is None or not isinstance(signature, str) or not isinstance(version, int):
        return False
    if not isinstance(sha, str):
        return False
    return signing.verify(public, signature, row.subject, sha, version, row.action)
