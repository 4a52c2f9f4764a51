"""Leavers' hand-overs applied when a release goes live (issue 14), each exactly once.

A release's bundle carries its hand-overs (``access.handovers``): for each entity named, the
records whose owner field names the leaver are given to the colleague. The owner field changes
and nothing else (a stage, the history, the creator stay as they were). The server remembers
each hand-over's id, so a later release that still carries it (every release is a whole
configuration) applies nothing again.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.bundle.model import Bundle
from studio.server.storage import ServerMeta, StoredRecord, utcnow

_PREFIX = "handover:"


def applied_handovers(session: Session) -> dict[str, dict[str, object]]:
    """The hand-overs this server applied: id -> what it changed."""
    rows = session.scalars(select(ServerMeta).where(ServerMeta.key.startswith(_PREFIX)))
    return {r.key[len(_PREFIX) :]: json.loads(r.value) for r in rows}


def apply_handovers(session: Session, bundle: Bundle, version: int) -> dict[str, dict[str, int]]:
    """Apply the bundle's hand-overs not applied before; id -> records changed per entity."""
    if bundle.access is None or not bundle.access.handovers:
        return {}
    done: dict[str, dict[str, int]] = {}
    for handover in bundle.access.handovers:
        key = _PREFIX + handover.id
        if session.get(ServerMeta, key) is not None:
            continue
        counts: dict[str, int] = {}
        now = utcnow()
        for entity, fields in handover.owners.items():
            changed = 0
            for record in session.scalars(
                select(StoredRecord).where(StoredRecord.entity == entity)
            ):
                payload = record.payload
                owned = [f for f in fields if payload.get(f) == handover.user]
                if owned:
                    record.payload = {**payload, **dict.fromkeys(owned, handover.to)}
                    record.updated_at = now
                    changed += 1
            counts[entity] = changed
        session.add(
            ServerMeta(
                key=key,
                value=json.dumps(
                    {
                        "version": version,
                        "user": handover.user,
                        "to": handover.to,
                        "records": counts,
                    }
                ),
            )
        )
        done[handover.id] = counts
    return done


def owned_counts(session: Session, user: str, owners: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """How many records per entity name ``user`` in an owner field (what a review shows)."""
    out: dict[str, int] = {}
    for entity, fields in owners.items():
        out[entity] = sum(
            1
            for record in session.scalars(select(StoredRecord).where(StoredRecord.entity == entity))
            if any(record.payload.get(f) == user for f in fields)
        )
    return out
