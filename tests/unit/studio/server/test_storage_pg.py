"""The server's tables in a schema of their own on PostgreSQL (a shared workspace's database)."""

from __future__ import annotations

import threading
import uuid

import psycopg
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from studio.server.storage import make_engine

SCHEMA = "studio_local_server"


def test_servers_starting_together_all_get_their_tables(pg_url: str) -> None:
    """Several studios open one workspace at once: none fails on PostgreSQL's catalogue."""
    errors: list[BaseException] = []
    engines = []
    start = threading.Barrier(3)

    def open_one() -> None:
        start.wait()
        try:
            engines.append(make_engine(pg_url, SCHEMA))
        except BaseException as exc:  # the test reports whatever went wrong
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {"releases", "approvers"} <= set(inspect(engines[0]).get_table_names(schema=SCHEMA))
    for engine in engines:
        engine.dispose()


def test_a_role_given_a_ready_schema_needs_no_right_to_create_schemas(pg_url: str) -> None:
    """A DBA made the schema for the workspace's role and gave it no CREATE on the database."""
    url = make_url(pg_url)
    role = f"ws_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'REVOKE CREATE ON DATABASE "{url.database}" FROM PUBLIC')
        conn.execute(f'CREATE SCHEMA {SCHEMA} AUTHORIZATION "{role}"')
    engine = make_engine(url.set(username=role).render_as_string(hide_password=False), SCHEMA)
    try:
        assert "releases" in inspect(engine).get_table_names(schema=SCHEMA)
    finally:
        engine.dispose()
