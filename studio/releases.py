"""The live version as this workspace knows it: the releases the server confirmed.

A row is written only after the server accepted a push (see ``studio.push_client``), so the
highest version here is what the CRM runs, as far as this workspace has seen.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schema.models import ReleaseRow
from studio.bundle import Bundle, parse_bundle


def live_version(session: Session) -> int | None:
    """The highest confirmed version, ``None`` before the first release."""
    value = session.scalar(select(func.max(ReleaseRow.version)))
    return int(value) if value is not None else None


def release(session: Session, version: int) -> ReleaseRow | None:
    return session.get(ReleaseRow, version)


def live_release(session: Session) -> ReleaseRow | None:
    version = live_version(session)
    return session.get(ReleaseRow, version) if version is not None else None


def live_bundle(session: Session) -> Bundle | None:
    """The bundle of the live release, ``None`` before the first release."""
    row = live_release(session)
    return parse_bundle(row.bundle_json) if row is not None else None


def list_releases(session: Session) -> list[ReleaseRow]:
    """Every confirmed release, oldest first (the History pane)."""
    return list(session.scalars(select(ReleaseRow).order_by(ReleaseRow.version)))
