"""SQLite: exact row counts, ratios and lengths from rows picked evenly by rowid. SQLite keeps no
index usage, so no index is called unused."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection as SAConnection
from sqlalchemy.exc import DBAPIError

from studio.i18n import tr
from studio.progress import Progress
from studio.scan.connect import Connection
from studio.scan.model import ColumnStats, DatabaseScan, IndexStats, TableStats
from studio.scan.sample_stats import kind_of
from studio.scan.table_reading import aggregate, group_rows, leads_with_fk, per_table, quote


def read_sqlite(
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
        q = quote(conn, table.name)
        info = c.execute(text(f"pragma table_xinfo({q})")).all()
        table.columns = [
            ColumnStats(str(r[1]), str(r[2] or ""), kind_of(str(r[2] or ""))) for r in info
        ]
        table.column_slots = len(info)
        fk_cols = [
            tuple(str(r[3]) for r in group)
            for group in group_rows(c.execute(text(f"pragma foreign_key_list({q})")).all(), 0)
        ]
        for idx in c.execute(text(f"pragma index_list({q})")).all():
            cols = [str(r[2]) for r in c.execute(text(f"pragma index_info({quote(conn, idx[1])})"))]
            origin = str(idx[3])
            table.indexes.append(
                IndexStats(
                    str(idx[1]),
                    cols,
                    unique=bool(idx[2]),
                    primary=origin == "pk",
                    constraint=origin in ("u", "pk") or leads_with_fk(cols, fk_cols),
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

    per_table(conn, scan, progress, names, deadline, one)
