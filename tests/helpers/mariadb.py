"""A real MariaDB server for the scanner's MySQL dialect, started once per test session.

As the PostgreSQL fixture: when the server binaries are missing the tests fail loudly instead of
skipping (scripts/test installs Debian's ``mariadb-server``). As root the server runs as the
``mysql`` user (PLATFORM.md's recipe). As PostgreSQL's, the server does not outlive its run: it
runs in a session of its own, the run stops it however it ends (SIGTERM and SIGHUP as Ctrl-C),
and the next run stops one a killed run left, by its folder's owner file (``owned_servers``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.owned_servers import (
    owned_folder,
    remove_left_behind,
    running,
    signals_held,
    signals_interrupt,
)

#: The read-only scan user's password: tests check it never shows in any message or log.
SCAN_PASSWORD = "s3cret-Scan-pw-7781"
#: The folders' names start with it (in the system's temporary folder).
PREFIX = "studio-mdb-"


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


def binaries() -> tuple[str, str]:
    """The server and ``mariadb-install-db``; the test fails when they are not installed."""
    daemon = shutil.which("mariadbd") or shutil.which("mysqld") or "/usr/sbin/mariadbd"
    install = shutil.which("mariadb-install-db") or "/usr/bin/mariadb-install-db"
    if not Path(daemon).exists() or not Path(install).exists():
        pytest.fail(
            "MariaDB server binaries not found: install Debian's 'mariadb-server' package "
            "(scripts/test does)"
        )
    return daemon, install


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[MariaDB]:
    with throwaway_mariadb() as server:
        yield server


@contextmanager
def throwaway_mariadb(parent: Path | None = None) -> Iterator[MariaDB]:
    """Start a fresh server on loopback; yield it; stop it and delete it afterwards, also when
    the run is interrupted (module docstring). ``parent``: where its folder goes (the system's
    temporary folder)."""
    daemon, install = binaries()
    stop_stale_servers(parent)
    root = owned_folder(PREFIX, parent)
    as_root = os.geteuid() == 0
    user = ["--user=mysql"] if as_root else []
    if as_root:
        shutil.chown(root, "mysql", "mysql")
    data = root / "data"
    with signals_interrupt():
        proc: subprocess.Popen[bytes] | None = None
        log = open(root / "server.log", "wb")  # noqa: SIM115 - closed below
        try:
            subprocess.run(
                [install, *user, f"--datadir={data}", "--auth-root-authentication-method=normal",
                 "--skip-test-db"],
                check=True, capture_output=True,
            )  # fmt: skip
            port = _free_port()
            sock = str(root / "mysql.sock")
            proc = subprocess.Popen(
                [daemon, "--no-defaults", *user, f"--datadir={data}", f"--socket={sock}",
                 f"--port={port}", "--bind-address=127.0.0.1", f"--pid-file={root / 'mdb.pid'}",
                 "--innodb-buffer-pool-size=64M", "--skip-log-bin",
                 # Index usage (performance_schema's table_io_waits_summary_by_index_usage), as
                 # on the servers that keep it; the scan says "not read" where it is off.
                 "--performance-schema=ON"],
                stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # a terminal's Ctrl-C is the run's to act on
            )  # fmt: skip
            server = MariaDB(port, sock)
            _wait_until_it_answers(server, proc, root)
            yield server
        finally:
            with signals_held():
                if proc is not None:
                    proc.terminate()
                    try:
                        proc.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
                log.close()
                shutil.rmtree(root, ignore_errors=True)


def _wait_until_it_answers(server: MariaDB, proc: subprocess.Popen[bytes], root: Path) -> None:
    for _ in range(300):
        try:
            server.execute("select 1")
            return
        except subprocess.CalledProcessError:
            if proc.poll() is not None:
                pytest.fail("MariaDB did not start: " + (root / "server.log").read_text()[-2000:])
            time.sleep(0.1)
    pytest.fail("MariaDB did not answer within 30 s")


def server_pid(root: Path) -> int | None:
    """The pid of the server running in the folder ``root``, ``None`` when none does."""
    return running(root / "mdb.pid", (b"mariadbd", b"mysqld"), root / "data")


def stop_stale_servers(parent: Path | None = None) -> list[Path]:
    """Stop the servers that killed runs left, and delete their folders (``owned_servers``)."""
    return remove_left_behind(PREFIX, parent, _stopped)


def _stopped(root: Path) -> bool:
    """Stop the server of ``root`` (not this process's child: it is watched, not waited for);
    whether none runs afterwards."""
    for sig, wait in ((signal.SIGTERM, 60.0), (signal.SIGKILL, 10.0)):
        pid = server_pid(root)
        if pid is None:
            return True
        os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while server_pid(root) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
    return server_pid(root) is None


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
