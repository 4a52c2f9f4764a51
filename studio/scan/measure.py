"""Measure the tables of a CRM database, per dialect, at a cost that does not grow with the data.

- PostgreSQL: rows from ``pg_class.reltuples``, null and distinct ratios from ``pg_stats`` (the
  planner's statistics as of the last ANALYZE: estimated), index usage from
  ``pg_stat_user_indexes`` since the statistics' last reset, column slots (dropped ones count)
  from ``pg_attribute``; lengths in characters from a ``TABLESAMPLE SYSTEM`` sample sized to a
  fixed number of rows, so a hundred million rows cost what a thousand do.
- MySQL/MariaDB: rows (estimated), columns and indexes from ``information_schema``; ratios and
  lengths from the first rows (a bounded ``LIMIT``); no index usage (performance_schema is off
  on most servers), so no index is called unused.
- SQLite: exact row counts, ratios and lengths from rows picked evenly by rowid; SQLite keeps no
  index usage, so no index is called unused.

A table whose statement hits the timeout is kept with what was measured and marked partial.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.exc import DBAPIError

from studio.i18n import tr
from studio.progress import Progress, check
from studio.scan.connect import Connection, ScanError, is_timeout
from studio.scan.model import ColumnStats, DatabaseScan, IndexStats, TableStats
from studio.scan.sample_stats import kind_of, percentile

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
    collector = {"sqlite": _sqlite, "postgresql": _postgresql, "mysql": _mysql}[conn.dialect]
    collector(conn, scan, progress, sample_rows, started + budget, tables)
    scan.partial = scan.partial or any(t.partial for t in scan.tables)
    scan.seconds = round(time.monotonic() - started, 3)
    return scan


def _quote(conn: Connection, name: str) -> str:
    return str(conn.engine.dialect.identifier_preparer.quote(name))


def _per_table(
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
                    reason=str(exc.orig).strip().splitlines()[0][:300],
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
        qc = _quote(conn, col.name)
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


# -- SQLite -------------------------------------------------------------------------------------


def _sqlite(
    conn: Connection,
    scan: DatabaseScan,
    progress: Progress,
    sample_rows: int,
    deadline: float,
    only: Sequence[str] | None,
) -> None:
    with conn.engine.connect() as c:
        names = [
            str(r[0])
            for r in c.execute(
                text(
                    "select name from sqlite_master where type = 'table' "
                    "and name not like 'sqlite_%' order by name"
                )
            )
        ]
    if only is not None:
        names = [n for n in names if n in set(only)]
    scan.notes.append(tr("SQLite keeps no index usage statistics: no index is called unused."))

    def one(c: SAConnection, table: TableStats) -> None:
        q = _quote(conn, table.name)
        info = c.execute(text(f"pragma table_xinfo({q})")).all()
        table.columns = [
            ColumnStats(str(r[1]), str(r[2] or ""), kind_of(str(r[2] or ""))) for r in info
        ]
        table.column_slots = len(info)
        fk_cols = [
            tuple(str(r[3]) for r in group)
            for group in _group(c.execute(text(f"pragma foreign_key_list({q})")).all(), 0)
        ]
        for idx in c.execute(text(f"pragma index_list({q})")).all():
            cols = [
                str(r[2]) for r in c.execute(text(f"pragma index_info({_quote(conn, idx[1])})"))
            ]
            origin = str(idx[3])
            table.indexes.append(
                IndexStats(
                    str(idx[1]),
                    cols,
                    unique=bool(idx[2]),
                    primary=origin == "pk",
                    constraint=origin in ("u", "pk") or _leads_with_fk(cols, fk_cols),
                )
            )
        table.rows = int(c.execute(text(f"select count(*) from {q}")).scalar() or 0)
        table.rows_exact = True
        source = q
        if table.rows <= sample_rows:
            table.method = "exact"
        else:
            try:
                lo, hi = c.execute(text(f"select min(rowid), max(rowid) from {q}")).one()
                step = (int(hi) - int(lo)) / sample_rows
                ids = sorted({int(lo) + int(k * step) for k in range(sample_rows)})
                source = f"(select * from {q} where rowid in ({','.join(map(str, ids))}))"
            except DBAPIError:  # WITHOUT ROWID: the first rows
                source = f"(select * from {q} limit {sample_rows})"
        aggregate(conn, c, table, source, "length", "length")

    _per_table(conn, scan, progress, names, deadline, one)


def _group(rows: Sequence[Sequence[Any]], key: int) -> list[list[Sequence[Any]]]:
    groups: dict[Any, list[Sequence[Any]]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    return list(groups.values())


def _leads_with_fk(cols: list[str], fks: list[tuple[str, ...]]) -> bool:
    return any(tuple(cols[: len(fk)]) == fk for fk in fks)


# -- PostgreSQL -----------------------------------------------------------------------------------

_PG_TABLES = """
select c.oid, c.relname, c.reltuples::float8,
       coalesce((select max(a.attnum) from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0), 0)
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname = current_schema()
order by c.relname
"""
_PG_COLUMNS = """
select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod)
from pg_attribute a join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname = current_schema()
  and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum
"""
_PG_STATS = """
select tablename, attname, null_frac, n_distinct, avg_width
from pg_stats where schemaname = current_schema()
"""
_PG_INDEXES = """
select i.indrelid, ic.relname, i.indisunique, i.indisprimary,
       array(select a.attname from unnest(i.indkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
             order by k.ord),
       s.idx_scan,
       exists(select 1 from pg_constraint con where con.conindid = i.indexrelid)
from pg_index i join pg_class ic on ic.oid = i.indexrelid
join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
left join pg_stat_user_indexes s on s.indexrelid = i.indexrelid
where n.nspname = current_schema()
"""
_PG_FKS = """
select con.conrelid,
       array(select a.attname from unnest(con.conkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
             order by k.ord)
from pg_constraint con join pg_class t on t.oid = con.conrelid
join pg_namespace n on n.oid = t.relnamespace
where con.contype = 'f' and n.nspname = current_schema()
"""


def _postgresql(
    conn: Connection,
    scan: DatabaseScan,
    progress: Progress,
    sample_rows: int,
    deadline: float,
    only: Sequence[str] | None,
) -> None:
    progress.update(None, tr("Reading the planner's statistics"))
    with conn.engine.connect() as c:
        tables = c.execute(text(_PG_TABLES)).all()
        columns = c.execute(text(_PG_COLUMNS)).all()
        stats = {(r[0], r[1]): r for r in c.execute(text(_PG_STATS)).all()}
        indexes = c.execute(text(_PG_INDEXES)).all()
        fks = c.execute(text(_PG_FKS)).all()
        since = c.execute(
            text(
                "select coalesce(stats_reset, pg_postmaster_start_time()) from pg_stat_database "
                "where datname = current_database()"
            )
        ).scalar()
    scan.usage_since = since.isoformat(timespec="seconds") if since is not None else None
    by_oid: dict[int, TableStats] = {}
    reltuples: dict[str, float] = {}
    wanted = set(only) if only is not None else None
    for oid, name, tuples, slots in tables:
        if wanted is not None and name not in wanted:
            continue
        t = TableStats(str(name), method="planner", column_slots=int(slots))
        t.rows = max(0, int(tuples)) if tuples is not None and tuples >= 0 else None
        reltuples[t.name] = float(tuples) if tuples is not None else -1.0
        by_oid[int(oid)] = t
        scan.tables.append(t)
    for oid, name, type_ in columns:
        owner = by_oid.get(int(oid))
        if owner is not None:
            owner.columns.append(ColumnStats(str(name), str(type_), kind_of(str(type_))))
    fk_cols: dict[int, list[tuple[str, ...]]] = {}
    for oid, cols in fks:
        fk_cols.setdefault(int(oid), []).append(tuple(cols))
    for oid, name, unique, primary, cols, scans, backs in indexes:
        owner = by_oid.get(int(oid))
        if owner is None:
            continue
        owner.indexes.append(
            IndexStats(
                str(name),
                list(cols),
                unique=bool(unique),
                primary=bool(primary),
                constraint=bool(backs) or _leads_with_fk(list(cols), fk_cols.get(int(oid), [])),
                scans=int(scans) if scans is not None else None,
            )
        )
    for t in scan.tables:
        analysed = reltuples.get(t.name, -1.0) >= 0
        for col in t.columns:
            st = stats.get((t.name, col.name))
            if st is None:
                continue
            col.null_ratio = float(st[2])
            n_distinct = float(st[3])
            if n_distinct < 0:
                col.distinct_ratio = -n_distinct
            elif t.rows:
                col.distinct_ratio = min(1.0, n_distinct / (t.rows * (1 - col.null_ratio) or 1))
            col.avg_length = float(st[4]) if col.kind != "other" else None
        if not analysed:
            t.method = "sample"

    def one(c: SAConnection, table: TableStats) -> None:
        q = _quote(conn, table.name)
        tuples = reltuples.get(table.name, -1.0)
        if tuples > sample_rows * 2:
            percent = min(100.0, 100.0 * sample_rows / tuples * 1.2)
            sampled = f"{q} tablesample system ({percent:.6f}) repeatable (15)"
        else:
            sampled = q
        source = f"(select * from {sampled} limit {sample_rows})"
        if table.method == "sample":  # never analysed: no planner statistics to read
            table.rows = int(c.execute(text(f"select count(*) from {q}")).scalar() or 0)
            table.rows_exact = True
        aggregate(
            conn, c, table, source, "char_length", "octet_length",
            cast_text=True, ratios=table.method == "sample",
        )  # fmt: skip

    _per_table(conn, scan, progress, [t.name for t in scan.tables], deadline, one)


# -- MySQL / MariaDB --------------------------------------------------------------------------------

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


def _mysql(
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
    scan.notes.append(
        tr(
            "MySQL/MariaDB: row counts are InnoDB's estimates; ratios and lengths come from the "
            "first {n} rows of each table; index usage is not read, so no index is called unused.",
            n=sample_rows,
        )
    )
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
    for group in _group(fks, 1):
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
                constraint=unique or _leads_with_fk(cols, fk_cols.get(tname, [])),
            )
        )

    def one(c: SAConnection, table: TableStats) -> None:
        q = _quote(conn, table.name)
        aggregate(
            conn, c, table, f"(select * from {q} limit {sample_rows})", "char_length", "length"
        )
        if (table.sampled_rows or 0) < sample_rows:
            table.rows, table.rows_exact, table.method = table.sampled_rows, True, "exact"

    _per_table(conn, scan, progress, list(by_name), deadline, one)
