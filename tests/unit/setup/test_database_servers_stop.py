"""The database servers a test run starts (PostgreSQL's ``pg_server``, ``tests/helpers/postgres.py``;
MariaDB's ``mariadb_server`` for the scanner's MySQL dialect, ``tests/helpers/mariadb.py``) do not
outlive the run: a run stopped early (Ctrl-C, SIGTERM, SIGHUP) stops its server, and a run that
could not (SIGKILL) leaves it to the next run, which stops it, and only it: a server the project
did not start, or one whose run is still going, is left alone.

Real pytest runs in subprocesses, real servers; the inner run says where its server's folder is
when its test holds the server, then waits for the signal (``tests/helpers/inner_run.py``)."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.helpers import mariadb, postgres
from tests.helpers.inner_run import Run, Server, folders_of, processes_of
from tests.helpers.owned_servers import OWNER


@dataclass(frozen=True)
class Kind:
    """One kind of test server, as these tests handle it."""

    server: Server
    #: The pid of the server running in a server's folder, ``None`` when none does.
    pid: Callable[[Path], int | None]
    #: Stop whatever runs in a server's folder.
    stop: Callable[[Path], object]
    #: A new server of this kind, as the helper starts one; yields a check that it answers.
    throwaway: Callable[[], AbstractContextManager[Callable[[], bool]]]
    #: Whether the session's own server (the fixture's value) answers.
    answers: Callable[[object], bool]


def _pg_answers(url: object) -> bool:
    plain = str(url).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres") as conn:
        return conn.execute("SELECT 1").fetchone() == (1,)


def _pg_bindir() -> Path:
    found = postgres.pg_bindir()
    if found is None:
        pytest.fail("PostgreSQL server binaries not found: install Debian's 'postgresql' package")
    return found


@contextmanager
def _pg_throwaway() -> Iterator[Callable[[], bool]]:
    with postgres.throwaway_postgres(_pg_bindir()) as url:
        yield lambda: _pg_answers(url)


@contextmanager
def _mariadb_throwaway() -> Iterator[Callable[[], bool]]:
    with mariadb.throwaway_mariadb() as server:
        yield lambda: _mariadb_answers(server)


def _mariadb_answers(server: object) -> bool:
    assert isinstance(server, mariadb.MariaDB)
    return server.execute("select 1").strip() == "1"


KINDS = {
    "PostgreSQL": Kind(
        Server("tests.conftest", "pg_server", postgres.PREFIX, also=("isolated_home",)),
        pid=lambda root: postgres.postmaster_pid(root / "data"),
        stop=lambda root: postgres._stop(_pg_bindir(), root / "data", "immediate"),
        throwaway=_pg_throwaway,
        answers=_pg_answers,
    ),
    "MariaDB": Kind(
        Server("tests.helpers.mariadb", "mariadb_server", mariadb.PREFIX),
        pid=mariadb.server_pid,
        stop=mariadb._stopped,
        throwaway=_mariadb_throwaway,
        answers=_mariadb_answers,
    ),
}


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> Kind:
    return KINDS[request.param]


@pytest.fixture
def cleanup(kind: Kind) -> Iterator[list[Path]]:
    """Folders of servers the test started; whatever still runs in them is stopped at the end."""
    folders: list[Path] = []
    yield folders
    for root in folders:
        if kind.pid(root) is not None:
            kind.stop(root)
        if root.exists():
            subprocess.run(["rm", "-rf", str(root)], check=False)


@pytest.mark.parametrize(
    "how",
    ["SIGTERM to the run", "SIGINT to the run's process group (Ctrl-C)", "SIGHUP to the run"],
)
def test_a_run_stopped_early_stops_its_server(
    how: str, kind: Kind, tmp_path: Path, cleanup: list[Path]
) -> None:
    run = Run(tmp_path / "inner", kind.server, hold=True)
    try:
        root = run.server_folder()
        cleanup.append(root)
        assert kind.pid(root) is not None
        if how.startswith("SIGINT"):
            os.killpg(run.process.pid, signal.SIGINT)
        else:
            run.process.send_signal(getattr(signal, how.split()[0]))
        code = run.finish()
    finally:
        run.kill()
    assert code == pytest.ExitCode.INTERRUPTED, "".join(run.lines)
    assert processes_of(root / "data") == [], "".join(run.lines)
    assert not root.exists()


def test_the_next_run_stops_a_server_left_by_a_killed_run_and_no_other(
    kind: Kind, tmp_path: Path, cleanup: list[Path], request: pytest.FixtureRequest
) -> None:
    own = request.getfixturevalue(kind.server.fixture)  # this run's server, still in use
    prefix = kind.server.prefix
    # A server the project did not start (no owner file), in a folder named like the project's.
    before = folders_of(prefix, os.getpid())
    with kind.throwaway() as foreign_answers:
        (foreign,) = folders_of(prefix, os.getpid()) - before
        (foreign / OWNER).unlink()

        killed = Run(tmp_path / "killed", kind.server, hold=True)
        try:
            left = killed.server_folder()
            cleanup.append(left)
        finally:
            killed.kill()  # SIGKILL: nothing in the run can stop its server
        assert kind.pid(left) is not None  # left behind

        later = Run(tmp_path / "later", kind.server, hold=False)
        try:
            later_root = later.server_folder()
            cleanup.append(later_root)
            assert later.finish() == pytest.ExitCode.OK, "".join(later.lines)
        finally:
            later.kill()
        assert processes_of(left / "data") == [] and not left.exists()
        assert not later_root.exists()  # (its own, stopped at its end)
        # Left alone: the server without an owner, and this run's own (its run is going).
        assert kind.pid(foreign) is not None
        assert foreign_answers() and kind.answers(own)
