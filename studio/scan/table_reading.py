"""What every dialect's reader shares: one read-only transaction per table with progress, cancel
and the statement timeout (a table that hits it is kept, marked partial); the aggregates the
database computes over a bounded sample (null and distinct ratios, average, longest and 95th
percentile length)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.exc import DBAPIError

from studio.db_errors import driver_reason
from studio.i18n import tr
from studio.progress import Progress, check
from studio.scan.connect import Connection, ScanError, is_timeout
from studio.scan.model import ColumnStats, DatabaseScan, TableStats
from studio.scan.sample_stats import percentile


def quote(conn: Connection, name: str) -> str:
    return str(conn.engine.dialect.identifier_preparer.quote(name))


def per_table(
    conn: Connection,
    scan: DatabaseScan,
    progress: Progress,
    names: list[str],
    deadline: float,
    one: Callable[[SAConnection, TableStats], None],
) -> None:
    """Run ``one`` per table, each in its own read-only transaction, with progress and cancel."""
    for i, name in enumerate(names):
        check(progress, tr("Scan cancelled."))
        progress.update(i / max(1, len(names)), tr("Scanning {table}", table=name))
        table = scan.table(name) or TableStats(name)
        if scan.table(name) is None:
            scan.tables.append(table)
        if time.monotonic() > deadline:
            table.partial = True
            table.partial_reason = tr("not scanned: the scan ran out of time")
            scan.partial = True
            continue
        try:
            with conn.engine.connect() as c:
                one(c, table)
        except DBAPIError as exc:
            if not is_timeout(exc):
                raise ScanError(
                    "Reading {table} failed: {reason}",
                    table=name,
                    reason=driver_reason(exc),
                ) from None
            table.partial = True
            table.partial_reason = tr("the statement timeout stopped the measurement")
    progress.update(1.0, tr("Scan done"))


#: Columns whose values reach this many characters get a measured 95th percentile; below it the
#: column's longest value stands in for it (an upper bound, and too short to matter).
P95_FROM = 64
#: Aggregates per statement: well under every dialect's limits on a 1,600-column table.
_CHUNK = 100


def aggregate(
    conn: Connection,
    c: SAConnection,
    table: TableStats,
    source: str,
    char_len: str,
    byte_len: str,
    cast_text: bool = False,
    ratios: bool = True,
) -> None:
    """Null and distinct ratios (unless ``ratios`` is false: the planner's are kept), average and
    longest length of every column, computed by the database over ``source`` (a bounded sample);
    then the 95th percentile of the long ones."""

    def value(col: ColumnStats) -> str:
        # PostgreSQL's json has no equality (count distinct) and no char_length: as text.
        qc = quote(conn, col.name)
        return f"{qc}::text" if cast_text and col.kind != "binary" else qc

    def length_of(col: ColumnStats) -> str:
        return f"{byte_len if col.kind == 'binary' else char_len}({value(col)})"

    measured = [col for col in table.columns if ratios or col.kind != "other"]
    total = 0
    if not measured:
        total = int(c.execute(text(f"select count(*) from {source} s0")).scalar() or 0)
    for start in range(0, len(measured), _CHUNK):
        chunk = measured[start : start + _CHUNK]
        exprs: list[str] = []
        for col in chunk:
            if ratios:
                exprs += [f"count({value(col)})", f"count(distinct {value(col)})"]
            if col.kind != "other":
                exprs += [f"avg({length_of(col)})", f"max({length_of(col)})"]
        # The sample's row count rides along with the first statement: one pass less.
        first = start == 0
        row = c.execute(
            text(f"select {'count(*), ' if first else ''}{', '.join(exprs)} from {source} s1")
        ).one()
        i = 0
        if first:
            total, i = int(row[0] or 0), 1
            if total == 0:
                break
        for col in chunk:
            if ratios:
                present, distinct = int(row[i] or 0), int(row[i + 1] or 0)
                i += 2
                col.null_ratio = 1 - present / total
                col.distinct_ratio = distinct / present if present else 0.0
            if col.kind != "other":
                avg, longest = row[i], row[i + 1]
                i += 2
                if avg is not None:
                    col.avg_length = float(avg)
                    col.max_length = int(longest)
                    col.p95_length = float(longest)
    table.sampled_rows = total
    if total == 0:
        return
    long = [col for col in table.columns if (col.max_length or 0) >= P95_FROM]
    for start in range(0, len(long), _CHUNK):
        chunk = long[start : start + _CHUNK]
        rows = c.execute(
            text(f"select {', '.join(length_of(col) for col in chunk)} from {source} s2")
        ).all()
        for col, values in zip(chunk, _values_by_column(rows, len(chunk)), strict=True):
            sizes = sorted(int(v) for v in values if v is not None)
            if sizes:
                col.p95_length = percentile(sizes, 0.95)


def _values_by_column(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    return [[row[i] for row in rows] for i in range(width)] if rows else [[] for _ in range(width)]


def group_rows(rows: Sequence[Sequence[Any]], key: int) -> list[list[Sequence[Any]]]:
    groups: dict[Any, list[Sequence[Any]]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    return list(groups.values())


def leads_with_fk(cols: list[str], fks: list[tuple[str, ...]]) -> bool:
    return any(tuple(cols[: len(fk)]) == fk for fk in fks)
