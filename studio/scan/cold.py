"""Cold data: the share of a table's rows untouched for ``days`` (180 by default), where the
mapping names an "updated at" column. The outage was ended by indexing only the hot rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import DBAPIError

from studio.i18n import tr
from studio.lint.findings import Finding, Severity
from studio.scan.connect import Connection
from studio.scan.mapping import Mapping
from studio.scan.model import DatabaseScan
from studio.scan.probe import as_datetime, column_values

COLD_DAYS = 180
#: Above this share, "index only the hot rows" is proposed.
COLD_SHARE_FINDING = 0.3


def measure_cold(
    conn: Connection,
    scan: DatabaseScan,
    mapping: Mapping,
    days: int = COLD_DAYS,
    now: datetime | None = None,
) -> None:
    cutoff = (now or datetime.now(UTC).replace(tzinfo=None)) - timedelta(days=days)
    for entity, column in mapping.updated_at.items():
        table = scan.table(mapping.tables.get(entity, ""))
        if table is None or table.partial:
            continue
        try:
            rows, _ = column_values(conn, table, [column])
        except DBAPIError:
            continue  # a timeout here costs only the cold share
        stamps = [d for d in (as_datetime(r[0]) for r in rows) if d is not None]
        if stamps:
            table.cold_share = sum(1 for d in stamps if d < cutoff) / len(stamps)


def cold_findings(scan: DatabaseScan, mapping: Mapping, days: int = COLD_DAYS) -> list[Finding]:
    findings = []
    for entity, table_name in mapping.tables.items():
        table = scan.table(table_name)
        if table is None or table.cold_share is None or table.cold_share < COLD_SHARE_FINDING:
            continue
        findings.append(
            Finding(
                Severity.info,
                "cold_data",
                tr(
                    "{share} % of {table}'s rows were not updated for {days} days: index only the "
                    "hot rows (a partial index or a separate archive table), so that a rebuild "
                    "touches a fraction of the data.",
                    share=round(table.cold_share * 100),
                    table=table.name,
                    days=days,
                ),
                entity=entity,
            )
        )
    return findings
