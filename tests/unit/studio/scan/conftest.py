"""A CRM database on each dialect the scanner reads: real SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.mariadb import SCAN_PASSWORD, MariaDBDatabase


@dataclass(frozen=True)
class CrmDatabase:
    dialect: str
    #: The owner's URL (writes the fixture data; the scanner never uses it).
    owner_url: str
    #: What the scanner is given.
    scan_url: str
    password: str | None = None


def sqlite_crm(tmp_path: Path) -> CrmDatabase:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    return CrmDatabase("sqlite", url, url)


def mariadb_crm(db: MariaDBDatabase) -> CrmDatabase:
    owner = (
        f"mysql+pymysql://root@localhost/{db.name}?unix_socket={db.server.socket}&charset=utf8mb4"
    )
    return CrmDatabase("mysql", owner, db.scan_url, SCAN_PASSWORD)


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def crm_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CrmDatabase]:
    """An empty database of each dialect (tables are the test's to make)."""
    if request.param == "sqlite":
        yield sqlite_crm(tmp_path)
    elif request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
        yield CrmDatabase("postgresql", url, url)
    else:
        yield mariadb_crm(request.getfixturevalue("mariadb_db"))
