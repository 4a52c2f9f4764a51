"""Bad input to the scan: a clear message, partial results marked partial, no hang, no password."""

from __future__ import annotations

import logging
import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from studio.bundle.sample import sample_bundle
from studio.scan.connect import ScanError
from studio.scan.run import scan_database
from tests.helpers.crm_db import make_crm
from tests.helpers.mariadb import SCAN_PASSWORD, MariaDBDatabase


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_database() -> None:
    url = f"postgresql+psycopg://crm:hunter2-secret@127.0.0.1:{_closed_port()}/crm"
    with pytest.raises(ScanError) as err:
        scan_database(url, sample_bundle())
    message = str(err.value)
    assert message.startswith("Cannot reach postgresql+psycopg://crm:***@127.0.0.1")
    assert "hunter2-secret" not in message


def test_wrong_credentials_never_show_the_password(
    mariadb_db: MariaDBDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "Wrong-pw-55119"
    url = mariadb_db.scan_url.replace("@", f":{wrong}@")
    with pytest.raises(ScanError) as err:
        scan_database(url, sample_bundle())
    message = str(err.value)
    assert "refused the sign-in" in message and f"scan_{mariadb_db.name}" in message
    assert wrong not in message and SCAN_PASSWORD not in message
    assert wrong not in caplog.text and SCAN_PASSWORD not in caplog.text
    # Given with the right password, the same user scans.
    make_crm(
        f"mysql+pymysql://root@localhost/{mariadb_db.name}?unix_socket={mariadb_db.server.socket}",
        rows=10,
        notes_average=20,
    )
    report = scan_database(mariadb_db.scan_url, sample_bundle(), password=SCAN_PASSWORD)
    assert report.red == []


def test_unsupported_dialect() -> None:
    with pytest.raises(ScanError) as err:
        scan_database("oracle+oracledb://crm:topsecret@db.example/crm", sample_bundle())
    assert "does not support oracle" in str(err.value) and "topsecret" not in str(err.value)
    with pytest.raises(ScanError) as err:
        scan_database("not a url at all", sample_bundle())
    assert "Not a database URL" in str(err.value)


def test_no_matching_tables(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table inventory (id integer primary key, sku text)")
    with pytest.raises(ScanError) as err:
        scan_database(f"sqlite:///{path}", sample_bundle())
    assert "The 1 table of" in str(err.value) and "customer" in str(err.value)


def test_missing_sqlite_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as err:
        scan_database(f"sqlite:///{tmp_path / 'nope.db'}", sample_bundle())
    assert "no such file" in str(err.value)
    assert not (tmp_path / "nope.db").exists()  # read-only: not created either


def test_sqlite_table_at_the_column_limit(tmp_path: Path) -> None:
    """A 5,000-column table exists in no dialect the scan reads (SQLite 2,000, PostgreSQL
    1,600, MySQL 4,096): the widest each allows is measured and reported at its limit."""
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=20, notes_average=30)
    cols = ", ".join(f"c{i} text" for i in range(1999))
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        conn.execute(f"create table lead (id integer primary key, {cols})")
        conn.execute("insert into lead (id, c5) values (1, 'x')")
    report = scan_database(url, sample_bundle())
    lead = report.scan.table("lead")
    assert lead is not None and len(lead.columns) == 2000
    [limit] = [f for f in report.findings if f.code == "db_limit_columns"]
    assert (
        limit.entity == "lead" and limit.blocking and "2000 of the database's 2000" in limit.message
    )
    assert "lead" in report.red


def test_postgresql_table_at_1600_columns_counting_dropped_ones(pg_url: str) -> None:
    make_crm(pg_url, rows=20, notes_average=30)
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "create table lead (id int primary key, "
                + ", ".join(f"c{i} int" for i in range(1500))
                + ")"
            )
        )
        conn.execute(text("alter table lead drop column c1"))  # dropped: still counts
    engine.dispose()
    report = scan_database(pg_url, sample_bundle())
    lead = report.scan.table("lead")
    assert lead is not None and len(lead.columns) == 1500 and lead.column_slots == 1501
    [limit] = [f for f in report.findings if f.code == "db_limit_columns"]
    assert "1501 of the database's 1600" in limit.message and "99 left" in limit.message
    assert not limit.blocking  # near, not crossed: a warning


def test_statement_timeout_gives_partial_results_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=20, notes_average=30)
    with sqlite3.connect(tmp_path / "crm.db") as conn:
        conn.execute("create table lead (id integer primary key, name text)")
        conn.execute(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 300000) "
            "insert into lead (name) select 'lead ' || i from n"
        )
    report = scan_database(url, sample_bundle(), statement_timeout=0.0)
    lead = report.scan.table("lead")
    assert lead is not None and lead.partial and "timeout" in (lead.partial_reason or "")
    assert report.scan.partial and report.to_json()["partial"] is True
    assert any(f.code == "scan_partial" and f.entity == "lead" for f in report.findings)
    assert report.scan.table("customer") is not None


def test_statement_timeout_gives_partial_results_postgresql(pg_url: str) -> None:
    make_crm(pg_url, rows=20, notes_average=30)
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("create table lead (id int primary key, name text)"))
        conn.execute(
            text("insert into lead select i, 'lead ' || i from generate_series(1, 1000) i")
        )
    # Another session holds lead locked, as a long migration would: every read of lead waits,
    # so the scan's statement limit fires however fast the machine is.
    blocker = engine.connect()
    try:
        blocker.execute(text("lock table lead in access exclusive mode"))
        report = scan_database(pg_url, sample_bundle(), statement_timeout=0.2)
    finally:
        blocker.rollback()
        blocker.close()
        engine.dispose()
    lead = report.scan.table("lead")
    assert lead is not None and lead.partial and "timeout" in (lead.partial_reason or ""), lead
    assert report.scan.partial
    customer = report.scan.table("customer")
    assert customer is not None and not customer.partial  # the next table went on


def test_mariadb_session_is_read_only_with_a_statement_limit(mariadb_db: MariaDBDatabase) -> None:
    from studio.scan.connect import open_readonly

    conn = open_readonly(mariadb_db.scan_url, statement_timeout=7, password=SCAN_PASSWORD)
    try:
        with conn.engine.connect() as c:
            limit = c.execute(text("select @@max_statement_time")).scalar()
            read_only = c.execute(text("select @@session.tx_read_only")).scalar()
    finally:
        conn.engine.dispose()
    assert float(limit) == 7.0 and int(read_only) == 1


def test_without_the_performance_schema_grant_no_index_is_called_unused(
    mariadb_db: MariaDBDatabase,
) -> None:
    from tests.unit.studio.scan.conftest import mariadb_crm

    crm = mariadb_crm(mariadb_db)
    make_crm(crm.owner_url, rows=30)
    mariadb_db.server.execute(
        "revoke select on performance_schema.table_io_waits_summary_by_index_usage "
        f"from 'scan_{mariadb_db.name}'@'127.0.0.1'"
    )
    report = scan_database(crm.scan_url, sample_bundle(), password=crm.password)
    assert report.scan.usage_since is None
    assert all(i.verdict != "unused" for t in report.scan.tables for i in t.indexes)
    assert any("grant SELECT on performance_schema" in n for n in report.scan.notes)
    assert not report.scan.partial  # the rest of the scan went on


def test_an_sqlite_file_given_by_its_path_is_scanned(tmp_path: Path) -> None:
    """An admin with an SQLite CRM types (or pastes) the file's path, not a URL."""
    path = tmp_path / "crm.db"
    make_crm(f"sqlite:///{path}", rows=50, notes_average=800)
    report = scan_database(str(path), sample_bundle())
    assert "customer" in report.red
    assert report.scan.url == f"sqlite:///{path}"


def test_text_that_is_no_url_is_said_so_in_the_users_language() -> None:
    from studio.i18n import set_language

    set_language("zh_CN")
    try:
        with pytest.raises(ScanError) as err:
            scan_database("not a url at all", sample_bundle())
        message = str(err.value)
    finally:
        set_language(None)
    assert message.startswith("不是数据库地址")
    assert "unreadable" not in message and "<" not in message
    assert "SQLite" in message  # a file's path is also what it takes
