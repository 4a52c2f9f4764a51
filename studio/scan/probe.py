"""Bounded reads of one column, for the cold-data share and the self-check list: at most
``limit`` values, from a ``TABLESAMPLE`` on a large PostgreSQL table, else the first rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from studio.scan.connect import Connection
from studio.scan.model import TableStats

LIMIT = 200_000


def column_values(
    conn: Connection, table: TableStats, columns: list[str], limit: int = LIMIT
) -> tuple[list[tuple[Any, ...]], bool]:
    """(rows of ``columns``, whether they are every row of the table)."""
    prep = conn.engine.dialect.identifier_preparer
    cols = ", ".join(prep.quote(c) for c in columns)
    source = prep.quote(table.name)
    if conn.dialect == "postgresql" and table.rows and table.rows > limit * 2:
        source += f" tablesample system ({min(100.0, 100.0 * limit / table.rows * 1.2):.6f})"
    with conn.engine.connect() as c:
        rows = [tuple(r) for r in c.execute(text(f"select {cols} from {source} limit {limit}"))]
    complete = len(rows) < limit and "tablesample" not in source
    return rows, complete


def as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
