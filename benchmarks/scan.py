"""Benchmark: the field-index health scan (issue 15).

Run: ``PYTHONPATH=$PWD python benchmarks/scan.py [--rows-small N] [--rows-large N]``.

- PostgreSQL, 200 tables x 60 columns: a full scan at 2 million rows in all, then at 20 million
  rows in all, in one run (targets: under 5 s, and a ratio 20M/2M under 1.5: the scan reads the
  planner's statistics and a fixed-size sample, not the rows);
- MariaDB and SQLite, 200 tables x 60 columns with sampling (target: under 10 s each);
- the Health pane painting 200 entities' charts (target: under 300 ms).

Throw-away PostgreSQL and MariaDB servers are started as the tests start them (root: as the
``postgres`` / ``mysql`` users). Medians of ``RUNS`` scans each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from studio.bundle.model import Bundle, Entity, FieldDef, FieldType, Label
from studio.scan.run import scan_database
from tests.helpers.postgres import pg_bindir, throwaway_postgres

TABLES = 200
COLUMNS = 60
FILLED = 12  # columns with a value in every row; the others sparse (mostly NULL), as in CRMs
RUNS = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bundle() -> Bundle:
    def fd(i: int) -> FieldDef:
        t = FieldType.text if i % 3 else FieldType.number
        return FieldDef(key=f"c{i:02d}", label=Label(zh_CN=f"字段{i}", en=f"Field {i}"), type=t)

    fields = tuple(fd(i) for i in range(1, COLUMNS))
    return Bundle(
        entities=tuple(
            Entity(key=f"t_{n:03d}", label=Label(zh_CN=f"表{n}", en=f"Table {n}"), fields=fields)
            for n in range(TABLES)
        )
    )


def _columns_sql(int_type: str, text_type: str) -> str:
    return ", ".join(f"c{i:02d} {int_type if i % 3 == 0 else text_type}" for i in range(1, COLUMNS))


def _values_sql(g: str, concat: str) -> str:
    parts = []
    for i in range(1, COLUMNS):
        if i > FILLED:
            parts.append(
                f"case when {g} % 50 = 0 then {concat.format(a=repr('x'), b=g)} end"
                if i % 3
                else "null"
            )
        elif i % 3 == 0:
            parts.append(f"{g} % {i + 7}")
        else:
            parts.append(concat.format(a=repr(f"v{i}-"), b=f"{g} % 997"))
    return ", ".join(parts)


# -- PostgreSQL -----------------------------------------------------------------------------------


@contextmanager
def postgres() -> Iterator[str]:
    bindir = pg_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found (Debian's postgresql package)")
    options = "-c synchronous_commit=off -c max_wal_size=4GB"
    with throwaway_postgres(bindir, options) as url:
        yield url


def fill_postgres(server: str, name: str, rows_in_all: int) -> str:
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'create database "{name}"'))
    admin.dispose()
    url = f"{server}/{name}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    per_table = rows_in_all // TABLES
    values = _values_sql("g", "{a} || {b}")
    with engine.connect() as c:
        for n in range(TABLES):
            c.execute(
                text(
                    f"create unlogged table t_{n:03d} (id bigint primary key, {_columns_sql('int', 'text')})"
                )
            )
            c.execute(
                text(
                    f"insert into t_{n:03d} select g, {values} from generate_series(1, {per_table}) g"
                )
            )
            c.execute(text(f"create index ix_t_{n:03d}_c01 on t_{n:03d} (c01)"))
        c.execute(text("analyze"))
    engine.dispose()
    return url


# -- MariaDB --------------------------------------------------------------------------------------


@contextmanager
def mariadb() -> Iterator[tuple[str, str]]:
    daemon = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
    if not Path(daemon).exists():
        raise SystemExit("MariaDB binaries not found (Debian's mariadb-server package)")
    root = Path(tempfile.mkdtemp(prefix="bench-mdb-"))
    user = ["--user=mysql"] if os.geteuid() == 0 else []
    if user:
        shutil.chown(root, "mysql", "mysql")
    subprocess.run(
        [
            "mariadb-install-db",
            *user,
            f"--datadir={root / 'data'}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ],
        check=True,
        capture_output=True,
    )
    port, sock = _free_port(), str(root / "mysql.sock")
    proc = subprocess.Popen(
        [
            daemon,
            "--no-defaults",
            *user,
            f"--datadir={root / 'data'}",
            f"--socket={sock}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=256M",
            "--innodb-flush-log-at-trx-commit=0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            if (
                subprocess.run(
                    ["mariadb", "-uroot", f"--socket={sock}", "-e", "select 1"], capture_output=True
                ).returncode
                == 0
            ):
                break
            time.sleep(0.1)
        yield f"mysql+pymysql://root@localhost/crm?unix_socket={sock}", sock
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def fill_sql(url: str, per_table: int, create_db: str | None = None) -> None:
    engine = create_engine(url)
    with engine.begin() as c:
        for n in range(TABLES):
            c.execute(
                text(
                    f"create table t_{n:03d} (id integer primary key, {_columns_sql('integer', 'varchar(100)')})"
                )
            )
            c.execute(text(f"create index ix_t_{n:03d}_c01 on t_{n:03d} (c01)"))
            rows = [
                {
                    "id": g,
                    **{
                        f"c{i:02d}": (g % (i + 7) if i % 3 == 0 else f"v{i}-{g % 997}")
                        if i <= FILLED
                        else None
                        for i in range(1, COLUMNS)
                    },
                }
                for g in range(1, per_table + 1)
            ]
            cols = ", ".join(["id", *(f"c{i:02d}" for i in range(1, COLUMNS))])
            marks = ", ".join([":id", *(f":c{i:02d}" for i in range(1, COLUMNS))])
            c.execute(text(f"insert into t_{n:03d} ({cols}) values ({marks})"), rows)
    engine.dispose()


def timed_scan(url: str, b: Bundle, runs: int = RUNS) -> tuple[float, int]:
    times = []
    tables = 0
    for _ in range(runs):
        start = time.perf_counter()
        report = scan_database(url, b)
        times.append(time.perf_counter() - start)
        tables = len(report.scan.tables)
    return statistics.median(times), tables


def pane_paint(url: str, b: Bundle) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from studio.draft.store import replace_draft
    from studio.workspace.bootstrap import init_workspace
    from widgets.context import StudioContext
    from widgets.health.pane import HealthPane

    app = QApplication.instance() or QApplication([])
    ws = init_workspace(Path(tempfile.mkdtemp()) / "w.db", sample=False)
    with ws.session() as s:
        replace_draft(s, b, user=None)
    report = scan_database(url, b)
    ctx = StudioContext(ws, "lin")
    pane = HealthPane(ctx)
    pane.resize(1400, 900)
    pane.show()
    app.processEvents()
    times = []
    for _ in range(7):
        start = time.perf_counter()
        pane.show_report(report)
        pane.grab()  # paints the table and the three charts
        times.append(time.perf_counter() - start)
    ws.close()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows-small", type=int, default=2_000_000)
    parser.add_argument("--rows-large", type=int, default=20_000_000)
    parser.add_argument(
        "--sampled-rows", type=int, default=2_000, help="rows per table, MariaDB/SQLite"
    )
    parser.add_argument(
        "--only", choices=["postgresql", "mariadb", "sqlite", "pane"], action="append"
    )
    args = parser.parse_args()
    only = set(args.only or ["postgresql", "mariadb", "sqlite", "pane"])
    b = bundle()
    results: list[tuple[str, str, str]] = []
    sqlite_url = None
    if "sqlite" in only or "pane" in only:
        path = Path(tempfile.mkdtemp()) / "crm.db"
        sqlite_url = f"sqlite:///{path}"
        fill_sql(sqlite_url, args.sampled_rows)
    if "postgresql" in only:
        with postgres() as server:
            t0 = time.perf_counter()
            small = fill_postgres(server, "small", args.rows_small)
            large = fill_postgres(server, "large", args.rows_large)
            print(f"(PostgreSQL filled in {time.perf_counter() - t0:.0f} s)", flush=True)
            ts, n = timed_scan(small, b)
            tl, _ = timed_scan(large, b)
            results.append(
                (
                    f"PostgreSQL, {n} tables x {COLUMNS} columns, {args.rows_small:,} rows in all",
                    f"{ts:.2f} s",
                    "< 5 s",
                )
            )
            results.append(
                (
                    f"PostgreSQL, {n} tables x {COLUMNS} columns, {args.rows_large:,} rows in all",
                    f"{tl:.2f} s",
                    "-",
                )
            )
            results.append(("ratio large / small (same run)", f"{tl / ts:.2f}", "< 1.5"))
    if "mariadb" in only:
        with mariadb() as (url, sock):
            subprocess.run(
                ["mariadb", "-uroot", f"--socket={sock}", "-e", "create database crm"], check=True
            )
            fill_sql(url, args.sampled_rows)
            tm, n = timed_scan(url, b)
            results.append(
                (
                    f"MariaDB, {n} tables x {COLUMNS} columns, {args.sampled_rows:,} rows each",
                    f"{tm:.2f} s",
                    "< 10 s",
                )
            )
    if "sqlite" in only and sqlite_url:
        tq, n = timed_scan(sqlite_url, b)
        results.append(
            (
                f"SQLite, {n} tables x {COLUMNS} columns, {args.sampled_rows:,} rows each",
                f"{tq:.2f} s",
                "< 10 s",
            )
        )
    if "pane" in only and sqlite_url:
        tp = pane_paint(sqlite_url, b)
        results.append(
            (
                "Health pane: show a 200-entity report and paint its charts",
                f"{tp * 1000:.0f} ms",
                "< 300 ms",
            )
        )
    width = max(len(r[0]) for r in results)
    print(f"{'measure':<{width}}  {'median':>9}  target")
    for name, value, target in results:
        print(f"{name:<{width}}  {value:>9}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
