"""The append-only, hash-chained audit log.

Each entry's hash covers the previous entry's hash and the entry itself, so editing or deleting any
row in the database (even with direct SQL access) breaks the chain from that row on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import AuditRow, utcnow
from studio.bundle.model import canonical_json

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


def append(
    session: Session,
    actor: str,
    action: str,
    subject: str = "",
    details: dict[str, Any] | None = None,
) -> AuditRow:
    """Write one action at the end of the chain (inside the caller's unit of work)."""
    last = session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()
    prev = last.hash if last else GENESIS
    row = AuditRow(
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
class ChainReport:
    entries: int
    broken_at: int | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(session: Session) -> ChainReport:
    """Recompute the chain; ``broken_at`` is the id of the first entry that does not match."""
    prev = GENESIS
    count = 0
    for row in session.scalars(select(AuditRow).order_by(AuditRow.id)):
        count += 1
        expected = _entry_hash(prev, _stamp(row), row.actor, row.action, row.subject, row.details)
        if row.prev_hash != prev or row.hash != expected:
            return ChainReport(entries=count, broken_at=row.id)
        prev = row.hash
    return ChainReport(entries=count, broken_at=None)
