"""A real MariaDB server for the scanner's MySQL dialect, started once per test session.

As the PostgreSQL fixture: when the server binaries are missing the tests fail loudly instead of
skipping (scripts/test installs Debian's ``mariadb-server``). As root the server runs as the
``mysql`` user (PLATFORM.md's recipe).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

#: The read-only scan user's password: tests check it never shows in any message or log.
SCAN_PASSWORD = "s3cret-Scan-pw-7781"


@dataclass(frozen=True)
class MariaDB:
    port: int
    socket: str

    def root(self, database: str = "") -> str:
        return f"mysql+pymysql://root@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str | None = None) -> str:
        """Run ``sql`` as root through the ``mariadb`` client; its tab-separated output."""
        cmd = ["mariadb", "-uroot", f"--socket={self.socket}", "-N", "-B", "-e", sql]
        if database:
            cmd.append(database)
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDB]:
    daemon = shutil.which("mariadbd") or shutil.which("mysqld") or "/usr/sbin/mariadbd"
    install = shutil.which("mariadb-install-db") or "/usr/bin/mariadb-install-db"
    if not Path(daemon).exists() or not Path(install).exists():
        pytest.fail(
            "MariaDB server binaries not found: install Debian's 'mariadb-server' package "
            "(scripts/test does)"
        )
    root = Path(tempfile.mkdtemp(prefix="studio-mdb-"))
    as_root = os.geteuid() == 0
    user = ["--user=mysql"] if as_root else []
    if as_root:
        shutil.chown(root, "mysql", "mysql")
    data = root / "data"
    subprocess.run(
        [
            install,
            *user,
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    sock = str(root / "mysql.sock")
    log = open(root / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            daemon,
            "--no-defaults",
            *user,
            f"--datadir={data}",
            f"--socket={sock}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            f"--pid-file={root / 'mdb.pid'}",
            "--innodb-buffer-pool-size=64M",
            "--skip-log-bin",
            # Index usage (performance_schema's table_io_waits_summary_by_index_usage), as on
            # the servers that keep it; the scan says "not read" where it is off.
            "--performance-schema=ON",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = MariaDB(port, sock)
    try:
        for _ in range(300):
            try:
                server.execute("select 1")
                break
            except subprocess.CalledProcessError:
                if proc.poll() is not None:
                    pytest.fail(
                        "MariaDB did not start: " + (root / "server.log").read_text()[-2000:]
                    )
                time.sleep(0.1)
        else:
            pytest.fail("MariaDB did not answer within 30 s")
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class MariaDBDatabase:
    server: MariaDB
    name: str

    @property
    def root_url(self) -> str:
        return self.server.root(self.name)

    @property
    def scan_url(self) -> str:
        """The read-only scan user, without its password (that is in the keyring, or given)."""
        return f"mysql+pymysql://scan_{self.name}@127.0.0.1:{self.server.port}/{self.name}"

    def execute(self, sql: str) -> str:
        return self.server.execute(sql, self.name)


@pytest.fixture
def mariadb_db(mariadb_server: MariaDB) -> Iterator[MariaDBDatabase]:
    """A fresh database with a select-only user ``scan_<db>`` (password ``SCAN_PASSWORD``)."""
    name = f"t_{uuid.uuid4().hex[:10]}"
    mariadb_server.execute(
        f"create database {name} character set utf8mb4; "
        f"create user 'scan_{name}'@'127.0.0.1' identified by '{SCAN_PASSWORD}'; "
        f"grant select on {name}.* to 'scan_{name}'@'127.0.0.1'; "
        # what docs/scan.md asks an operator to grant for index usage
        "grant select on performance_schema.table_io_waits_summary_by_index_usage "
        f"to 'scan_{name}'@'127.0.0.1';"
    )
    try:
        yield MariaDBDatabase(mariadb_server, name)
    finally:
        mariadb_server.execute(f"drop database {name}; drop user 'scan_{name}'@'127.0.0.1';")
