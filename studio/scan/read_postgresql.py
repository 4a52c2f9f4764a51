"""PostgreSQL: rows from ``pg_class.reltuples``, null and distinct ratios from ``pg_stats`` (the
planner's statistics as of the last ANALYZE: estimated), index usage from
``pg_stat_user_indexes`` since the statistics' last reset, column slots (dropped ones count) from
``pg_attribute``; lengths in characters from a ``TABLESAMPLE SYSTEM`` sample sized to a fixed
number of rows, so a hundred million rows cost what a thousand do."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection as SAConnection

from studio.i18n import tr
from studio.progress import Progress
from studio.scan.connect import Connection
from studio.scan.model import ColumnStats, DatabaseScan, IndexStats, TableStats
from studio.scan.sample_stats import kind_of
from studio.scan.table_reading import aggregate, leads_with_fk, per_table, quote

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


def read_postgresql(
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
                constraint=bool(backs) or leads_with_fk(list(cols), fk_cols.get(int(oid), [])),
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
        q = quote(conn, table.name)
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

    per_table(conn, scan, progress, [t.name for t in scan.tables], deadline, one)
