"""Audit heads: where a workspace's hash-chained audit log stood at each push (issue 20).

The workspace's log is tamper-evident only as far as something outside the workspace pins it:
whoever can write the workspace database can delete its last entries, or rewrite the chain and
recompute every hash. So each push leaves the log's head (sequence number and hash) here; the
server keeps every head it was given and refuses a different hash for a sequence number it
already holds. ``studio audit verify`` then checks the log against these heads, and says which
range the server cannot vouch for (the entries after the last head).

Kept apart from releases: a head is not part of what approvers sign (their approvals are entries
before it), and a retried push must stay byte-identical to its first attempt.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.server.documents import AuditHeadDocument
from studio.server.refusals import refuse
from studio.server.releases import Answer
from studio.server.storage import AuditHead, as_utc, serialise

SCOPE = "audit_heads"


def record_head(session: Session, raw: Any) -> Answer:
    """Keep one head: 201, the same head again: 200; another hash at a kept sequence number:
    409 ``audit_head_conflict`` (the log it came from was rewritten); malformed: 422."""
    try:
        head = AuditHeadDocument.model_validate(raw, strict=True)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise refuse(
            422, "schema_invalid", f"The audit head is malformed: {where}: {first['msg']}"
        ) from None
    serialise(session, SCOPE)
    body = {"workspace": head.workspace, "seq": head.seq, "hash": head.hash}
    kept = session.scalars(
        select(AuditHead).where(AuditHead.workspace == head.workspace, AuditHead.seq == head.seq)
    ).first()
    if kept is not None:
        if kept.hash == head.hash:
            return Answer(200, body, replayed=True)
        raise refuse(
            409,
            "audit_head_conflict",
            f"Entry {head.seq} of this workspace's audit log was anchored with another hash: "
            "the log has been rewritten since.",
        )
    session.add(AuditHead(workspace=head.workspace, seq=head.seq, hash=head.hash))
    session.flush()
    return Answer(201, body)


def list_heads(session: Session, workspace: str) -> list[dict[str, Any]]:
    """Every head kept for ``workspace``, lowest sequence number first."""
    rows = session.scalars(
        select(AuditHead).where(AuditHead.workspace == workspace).order_by(AuditHead.seq)
    )
    return [
        {"seq": r.seq, "hash": r.hash, "received_at": as_utc(r.received_at).isoformat()}
        for r in rows
    ]
