"""MySQL/MariaDB: rows (estimated), columns and indexes from ``information_schema``; ratios and
lengths from the first rows (a bounded ``LIMIT``); the row-size budget of the 65,535-byte limit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.exc import DBAPIError

from studio.i18n import tr
from studio.progress import Progress
from studio.scan.connect import Connection
from studio.scan.model import ColumnStats, DatabaseScan, IndexStats, TableStats
from studio.scan.sample_stats import kind_of
from studio.scan.table_reading import aggregate, group_rows, leads_with_fk, per_table, quote

_MY_TABLES = """
select table_name, table_rows from information_schema.tables
where table_schema = database() and table_type = 'BASE TABLE' order by table_name
"""
_MY_COLUMNS = """
select table_name, column_name, column_type, data_type, character_octet_length,
       numeric_precision
from information_schema.columns where table_schema = database()
order by table_name, ordinal_position
"""
_MY_INDEXES = """
select table_name, index_name, non_unique, column_name from information_schema.statistics
where table_schema = database() order by table_name, index_name, seq_in_index
"""
_MY_FKS = """
select table_name, constraint_name, column_name from information_schema.key_column_usage
where table_schema = database() and referenced_table_name is not null
order by table_name, constraint_name, ordinal_position
"""
#: Bytes a column takes in the row for MySQL's 65,535-byte limit; TEXT, BLOB and JSON count
#: only their pointer (9 to 12 bytes).
_FIXED_BYTES = {
    "tinyint": 1, "smallint": 2, "mediumint": 3, "int": 4, "integer": 4, "bigint": 8,
    "float": 4, "double": 8, "real": 8, "date": 3, "time": 3, "datetime": 8, "timestamp": 4,
    "year": 1, "bit": 8, "enum": 2, "set": 8, "tinytext": 9, "text": 10, "mediumtext": 11,
    "longtext": 12, "tinyblob": 9, "blob": 10, "mediumblob": 11, "longblob": 12, "json": 12,
}  # fmt: skip


def mysql_row_bytes(data_type: str, octets: int | None, precision: int | None) -> int:
    t = data_type.lower()
    if t in ("varchar", "varbinary"):
        n = int(octets or 0)
        return n + (1 if n < 256 else 2)
    if t in ("char", "binary"):
        return int(octets or 0)
    if t == "decimal":
        return (int(precision or 10) + 8) // 9 * 4 + 1
    return _FIXED_BYTES.get(t, 8)


def read_mysql(
    conn: Connection,
    scan: DatabaseScan,
    progress: Progress,
    sample_rows: int,
    deadline: float,
    only: Sequence[str] | None,
) -> None:
    progress.update(None, tr("Reading information_schema"))
    with conn.engine.connect() as c:
        tables = c.execute(text(_MY_TABLES)).all()
        columns = c.execute(text(_MY_COLUMNS)).all()
        indexes = c.execute(text(_MY_INDEXES)).all()
        fks = c.execute(text(_MY_FKS)).all()
        usage = _index_usage(c)
    scan.notes.append(
        tr(
            "MySQL/MariaDB: row counts are InnoDB's estimates; ratios and lengths come from the "
            "first {n} rows of each table.",
            n=sample_rows,
        )
    )
    if isinstance(usage, str):
        scan.notes.append(usage)
        reads: dict[tuple[str, str], int] = {}
    else:
        reads, scan.usage_since = usage
    wanted = set(only) if only is not None else None
    by_name: dict[str, TableStats] = {}
    for name, rows in tables:
        if wanted is not None and name not in wanted:
            continue
        t = TableStats(str(name), rows=int(rows) if rows is not None else None)
        by_name[t.name] = t
        scan.tables.append(t)
    for tname, cname, ctype, dtype, octets, precision in columns:
        owner = by_name.get(str(tname))
        if owner is None:
            continue
        col = ColumnStats(str(cname), str(ctype), kind_of(str(ctype)))
        col.row_bytes = mysql_row_bytes(str(dtype), octets, precision)
        owner.columns.append(col)
        owner.column_slots += 1
    fk_cols: dict[str, list[tuple[str, ...]]] = {}
    for group in group_rows(fks, 1):
        fk_cols.setdefault(str(group[0][0]), []).append(tuple(str(r[2]) for r in group))
    grouped: dict[tuple[str, str], list[Sequence[Any]]] = {}
    for r in indexes:
        grouped.setdefault((str(r[0]), str(r[1])), []).append(r)
    for (tname, iname), rows_ in grouped.items():
        owner = by_name.get(tname)
        if owner is None:
            continue
        cols = [str(r[3]) for r in rows_]
        unique = int(rows_[0][2]) == 0
        owner.indexes.append(
            IndexStats(
                iname,
                cols,
                unique=unique,
                primary=iname == "PRIMARY",
                constraint=unique or leads_with_fk(cols, fk_cols.get(tname, [])),
                scans=reads.get((tname, iname)),
            )
        )

    def one(c: SAConnection, table: TableStats) -> None:
        q = quote(conn, table.name)
        aggregate(
            conn, c, table, f"(select * from {q} limit {sample_rows})", "char_length", "length"
        )
        if (table.sampled_rows or 0) < sample_rows:
            table.rows, table.rows_exact, table.method = table.sampled_rows, True, "exact"

    per_table(conn, scan, progress, list(by_name), deadline, one)


_MY_INDEX_USAGE = """
select object_name, index_name, count_read
from performance_schema.table_io_waits_summary_by_index_usage
where object_schema = database() and index_name is not null
"""


def _index_usage(c: SAConnection) -> tuple[dict[tuple[str, str], int], str] | str:
    """Reads through each index since the server started, and since when; or why not known
    (then no index is called unused)."""
    try:
        if not int(c.execute(text("select @@performance_schema")).scalar() or 0):
            return tr(
                "Index usage is not read: performance_schema is off on this server, so no "
                "index is called unused."
            )
        rows = c.execute(text(_MY_INDEX_USAGE)).all()
        uptime = int(c.execute(text("show global status like 'Uptime'")).one()[1])
    except DBAPIError:
        return tr(
            "Index usage is not read: the scan user may not read performance_schema (grant "
            "SELECT on performance_schema.table_io_waits_summary_by_index_usage), so no index "
            "is called unused."
        )
    since = datetime.now(UTC) - timedelta(seconds=uptime)
    return {(str(t), str(i)): int(n or 0) for t, i, n in rows}, since.isoformat(timespec="seconds")
