"""Where the replay's records come from: recent records of the CRM, read without writing anything.

- ``records_from_database``: a CRM's own database (SQLite file, PostgreSQL, MariaDB/MySQL), through
  the scanner's read-only connection (``studio.scan.connect``): the table named after the entity,
  rows whose date column is within the window.
- the reference server's records API and a workbook the admin picks: ``studio.client.replay`` and
  ``studio.automation.workbook``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import MetaData, Table, select
from sqlalchemy.exc import DBAPIError, NoSuchTableError

from studio.db_errors import driver_reason
from studio.errors import StudioError
from studio.scan.connect import open_readonly

#: Date columns a CRM table may carry, in order of preference.
DATE_COLUMNS = ("created_at", "create_time", "created", "updated_at")
MAX_RECORDS = 1_000_000


class ReplaySourceError(StudioError):
    """The replay cannot read its records; the replay did not run (and says so)."""


def records_from_database(
    url: str,
    entity: str,
    *,
    table: str | None = None,
    since: datetime | None = None,
    date_column: str | None = None,
    limit: int = MAX_RECORDS,
) -> list[dict[str, Any]]:
    """Rows of ``table`` (default: the entity's key) as records, newest window only.

    ``since``: only rows whose date column (``date_column``, else the first of
    ``DATE_COLUMNS`` the table has) is at or after it; a table without one gives every row.
    Raises ``ReplaySourceError`` (or the scanner's ``ScanError`` for a database it cannot open).
    """
    conn = open_readonly(url)
    try:
        try:
            tbl = Table(table or entity, MetaData(), autoload_with=conn.engine)
        except NoSuchTableError:
            raise ReplaySourceError(
                "The database has no table {table} for the records of {entity}.",
                table=table or entity,
                entity=entity,
            ) from None
        query = select(tbl)
        column = date_column or next((c for c in DATE_COLUMNS if c in tbl.c), None)
        if since is not None and column is not None:
            if column not in tbl.c:
                raise ReplaySourceError(
                    "Table {table} has no column {column}.", table=tbl.name, column=column
                )
            query = query.where(tbl.c[column] >= since)
        try:
            with conn.engine.connect() as db:
                rows = db.execute(query.limit(limit)).mappings().all()
        except DBAPIError as exc:
            raise ReplaySourceError(
                "Reading the records of {entity} failed: {reason}",
                entity=entity,
                reason=driver_reason(exc),
            ) from None
        return [{k: _plain(v) for k, v in row.items()} for row in rows]
    finally:
        conn.engine.dispose()


def _plain(value: Any) -> Any:
    """A database value as the JSON a CRM record holds (dates as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return None
    return value


def parse_window(text: str) -> timedelta:
    """``30d``, ``12h`` or ``2w`` as a time span; raises ``ReplaySourceError``."""
    raw = text.strip().lower()
    units = {"d": 1.0, "h": 1 / 24, "w": 7.0}
    if len(raw) >= 2 and raw[-1] in units and raw[:-1].isdigit():
        days = int(raw[:-1]) * units[raw[-1]]
        if 0 < days <= 3660:
            return timedelta(days=days)
    raise ReplaySourceError(
        "{text} is not a time window (use for example 30d, 12h or 2w).", text=text
    )
