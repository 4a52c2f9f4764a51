"""Audit heads: where a workspace's hash-chained audit log stood at each push (issue 20).

The workspace's log is tamper-evident only as far as something outside the workspace pins it:
whoever can write the workspace database can delete its last entries, or rewrite the chain and
recompute every hash. So each push leaves the log's head (sequence number and hash) here; the
server keeps every head it was given and refuses a different hash for a sequence number it
already holds. ``studio audit verify`` then checks the log against these heads, and says which
range the server cannot vouch for (the entries after the last head).

A head is signed by the pusher with a key of the approver registry in force, over the head and
the release (version and bundle sha256) whose push it follows: holding the server's token is not
enough to leave a head, a head signed for one workspace, release or server fits no other, and a
head older than the newest one kept (a replay) is refused.

Kept apart from releases: a head is not part of what approvers sign (their approvals are entries
before it), and a retried push must stay byte-identical to its first attempt.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.contract import signing
from studio.server.documents import AuditHeadDocument
from studio.server.refusals import RefusalError, refuse
from studio.server.releases import Answer, registry
from studio.server.signers import check_signer, parse_document
from studio.server.storage import AuditHead, Release, as_utc, serialise

SCOPE = "audit_heads"


def record_head(session: Session, raw: Any) -> Answer:
    """Keep one signed head: 201, the same head again: 200.

    Refused: malformed (422 ``schema_invalid``), for a release the server does not hold (422
    ``unknown_release``), not signed by the registered key of ``user`` (403 ``unknown_key``,
    ``approver_mismatch``, ``bad_signature``), another hash at a kept sequence number (409
    ``audit_head_conflict``: the log was rewritten), older than the newest head kept (409
    ``audit_head_stale``: a replay).
    """
    head = parse_document(AuditHeadDocument, raw, "audit head")
    serialise(session, SCOPE)
    _check_signature(session, head)
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
    newest = session.execute(
        select(func.max(AuditHead.seq), func.max(AuditHead.version)).where(
            AuditHead.workspace == head.workspace
        )
    ).one()
    if (newest[0] is not None and head.seq < newest[0]) or (
        newest[1] is not None and head.version < newest[1]
    ):
        raise refuse(
            409,
            "audit_head_stale",
            f"The server holds a newer head of this workspace's audit log (entry {newest[0]}, "
            f"after release {newest[1]}): an older head is not taken.",
        )
    session.add(
        AuditHead(
            workspace=head.workspace,
            seq=head.seq,
            hash=head.hash,
            version=head.version,
            user=head.user,
            key_id=head.key_id,
            signature=head.signature,
        )
    )
    session.flush()
    return Answer(201, body)


def _check_signature(session: Session, head: AuditHeadDocument) -> None:
    """The head is signed by ``user``'s key in the registry in force, over this head and the
    release ``version`` as this server holds it."""
    release = session.get(Release, head.version)
    if release is None:
        raise refuse(
            422,
            "unknown_release",
            f"The audit head follows release {head.version}, which this server does not hold.",
        )
    refusal = check_signer(
        registry(session),
        key_id=head.key_id,
        user=head.user,
        role=None,
        verifies=lambda public: signing.verify_head(
            public,
            head.signature,
            head.workspace,
            head.seq,
            head.hash,
            head.version,
            release.bundle_sha256,
        ),
        whose=f"audit head by {head.user}",
        unsigned=f"The signature of {head.user} does not cover this audit head and release "
        f"{head.version}.",
    )
    if refusal is not None:
        raise RefusalError(refusal)


def list_heads(session: Session, workspace: str) -> list[dict[str, Any]]:
    """Every head kept for ``workspace``, lowest sequence number first, with who signed it."""
    rows = session.scalars(
        select(AuditHead).where(AuditHead.workspace == workspace).order_by(AuditHead.seq)
    )
    return [
        {
            "seq": r.seq,
            "hash": r.hash,
            "version": r.version,
            "user": r.user,
            "key_id": r.key_id,
            "signature": r.signature,
            "received_at": as_utc(r.received_at).isoformat(),
        }
        for r in rows
    ]
