"""Measure the tables of a CRM database, per dialect, at a cost that does not grow with the data.

One reader per dialect (``read_postgresql``: the planner's statistics and a fixed-size sample;
``read_mysql``: ``information_schema`` and the first rows; ``read_sqlite``: rows picked evenly by
rowid), sharing ``table_reading`` (one read-only transaction per table, the sample's aggregates).
Where a database keeps no index usage (SQLite, MySQL without performance_schema) no index is
called unused. A table whose statement hits the timeout is kept with what was measured and
marked partial.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from studio.progress import Progress
from studio.scan.connect import Connection
from studio.scan.model import DatabaseScan
from studio.scan.read_mysql import read_mysql
from studio.scan.read_postgresql import read_postgresql
from studio.scan.read_sqlite import read_sqlite

#: Rows sampled per table: enough for a 95th percentile within a few percent.
SAMPLE_ROWS = 2000


def measure(
    conn: Connection,
    progress: Progress,
    *,
    sample_rows: int = SAMPLE_ROWS,
    budget: float = 170.0,
    tables: Sequence[str] | None = None,
) -> DatabaseScan:
    """Every table (or only ``tables``) of the database; stops cleanly past ``budget`` seconds
    (the rest is listed as not scanned and the scan is marked partial)."""
    started = time.monotonic()
    scan = DatabaseScan(
        dialect=conn.dialect,
        server_version=conn.server_version,
        url=conn.url,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    collector = {"sqlite": read_sqlite, "postgresql": read_postgresql, "mysql": read_mysql}[
        conn.dialect
    ]
    collector(conn, scan, progress, sample_rows, started + budget, tables)
    scan.partial = scan.partial or any(t.partial for t in scan.tables)
    scan.seconds = round(time.monotonic() - started, 3)
    return scan
