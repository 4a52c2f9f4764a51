"""Scans kept in the workspace (for drift and the trend), and the admin's saved mappings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ScanMappingRow, ScanRow, utcnow
from studio.scan.mapping import Mapping
from studio.scan.model import DatabaseScan
from studio.scan.report import ScanReport


def keep(session: Session, report: ScanReport, at: datetime | None = None) -> ScanRow:
    row = ScanRow(
        at=at or utcnow(),
        database=report.scan.url,
        dialect=report.scan.dialect,
        partial=report.scan.partial,
        scan=report.scan.to_json(),
        entities=[e.to_json() for e in report.entities],
    )
    session.add(row)
    session.flush()
    return row


def previous(session: Session, database: str) -> tuple[datetime, DatabaseScan] | None:
    """The last complete scan kept for ``database`` (a partial one is no baseline)."""
    row = session.scalars(
        select(ScanRow)
        .where(ScanRow.database == database, ScanRow.partial.is_(False))
        .order_by(ScanRow.at.desc(), ScanRow.id.desc())
        .limit(1)
    ).first()
    return (row.at, DatabaseScan.from_json(dict(row.scan))) if row is not None else None


def history(session: Session, database: str | None = None, limit: int = 100) -> list[ScanRow]:
    """The kept scans, oldest first (for the trend chart)."""
    query = select(ScanRow).order_by(ScanRow.at.desc(), ScanRow.id.desc()).limit(limit)
    if database is not None:
        query = query.where(ScanRow.database == database)
    return list(reversed(session.scalars(query).all()))


def saved_mapping(session: Session, database: str) -> Mapping | None:
    row = session.get(ScanMappingRow, database)
    return Mapping.from_json(dict(row.mapping)) if row is not None else None


def save_mapping(session: Session, database: str, mapping: Mapping) -> None:
    row = session.get(ScanMappingRow, database)
    if row is None:
        session.add(ScanMappingRow(database=database, mapping=mapping.to_json()))
    else:
        row.mapping = mapping.to_json()
