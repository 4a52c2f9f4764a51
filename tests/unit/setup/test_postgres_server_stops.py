"""The PostgreSQL server a test run starts (``pg_server``, ``tests/helpers/postgres.py``) does not
outlive the run: a run stopped early (Ctrl-C, SIGTERM, SIGHUP) stops it, and a run that could not
(SIGKILL) leaves it to the next run, which stops it, and only it: a server the project did not
start, or one whose run is still going, is left alone.

Real pytest runs in subprocesses, real servers; the inner run says where its server's folder is
when its test holds the server, then waits for the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.helpers import postgres

ROOT = Path(__file__).resolve().parents[3]

# The inner run starts as a terminal starts one: SIGHUP at its default, even when this run was
# started under nohup (which leaves SIGHUP ignored, and the helper then rightly leaves it so).
CONFTEST = (
    "import signal\n"
    "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
    "from tests.conftest import isolated_home, pg_server  # noqa: E402, F401\n"
)
INNER_TEST = """
import os, signal, sys, tempfile
from pathlib import Path
from tests.helpers.postgres import OWNER, PREFIX

def test_holds_the_server(pg_server):
    mine = f"{os.getpid()} "
    folders = Path(tempfile.gettempdir()).glob(PREFIX + "*")
    (root,) = [p for p in folders if (p / OWNER).exists() and (p / OWNER).read_text().startswith(mine)]
    sys.__stdout__.write(f"READY {root}\\n")
    sys.__stdout__.flush()
    if os.environ.get("HOLD_SERVER"):
        signal.pause()  # until a signal ends the run
"""


class Run:
    """A whole pytest run in a subprocess (its own session, as a terminal's job would be)."""

    def __init__(self, where: Path, *, hold: bool) -> None:
        where.mkdir(parents=True, exist_ok=True)
        (where / "conftest.py").write_text(CONFTEST, encoding="utf-8")
        (where / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("HOLD_SERVER", None)
        if hold:
            env["HOLD_SERVER"] = "1"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-s", "-q",
             "--rootdir", str(where), "--basetemp", str(where / "tmp"), str(where)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=where,
            start_new_session=True,
        )  # fmt: skip
        self.lines: list[str] = []

    def server_folder(self) -> Path:
        """Read the run's output until its test holds the server; that server's folder."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("READY "):
                return Path(line.split(" ", 1)[1].strip())
        pytest.fail("the inner run ended before its test held the server:\n" + "".join(self.lines))

    def finish(self) -> int:
        assert self.process.stdout is not None
        self.lines.extend(self.process.stdout)
        return self.process.wait(timeout=120)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=120)


def _processes_of(data: Path) -> list[int]:
    """Every process on this machine whose command line names the folder ``data``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if os.fsencode(data) in args:
                found.append(int(entry.name))
    return found


def _folders_of(pid: int) -> set[Path]:
    """The server folders whose owner file names the process ``pid``."""
    return {
        p
        for p in Path(tempfile.gettempdir()).glob(postgres.PREFIX + "*")
        if (p / postgres.OWNER).exists()
        and (p / postgres.OWNER).read_text(encoding="ascii").startswith(f"{pid} ")
    }


@pytest.fixture
def bindir() -> Path:
    found = postgres.pg_bindir()
    if found is None:
        pytest.fail("PostgreSQL server binaries not found: install Debian's 'postgresql' package")
    return found


@pytest.fixture
def cleanup(bindir: Path) -> Iterator[list[Path]]:
    """Folders of servers the test started; whatever still runs in them is stopped at the end."""
    folders: list[Path] = []
    yield folders
    for root in folders:
        if postgres.postmaster_pid(root / "data") is not None:
            postgres._stop(bindir, root / "data", "immediate")
        if root.exists():
            subprocess.run(["rm", "-rf", str(root)], check=False)


@pytest.mark.parametrize(
    "how",
    ["SIGTERM to the run", "SIGINT to the run's process group (Ctrl-C)", "SIGHUP to the run"],
)
def test_a_run_stopped_early_stops_its_server(
    how: str, tmp_path: Path, cleanup: list[Path]
) -> None:
    run = Run(tmp_path / "inner", hold=True)
    try:
        root = run.server_folder()
        cleanup.append(root)
        assert postgres.postmaster_pid(root / "data") is not None
        if how.startswith("SIGINT"):
            os.killpg(run.process.pid, signal.SIGINT)
        else:
            run.process.send_signal(getattr(signal, how.split()[0]))
        code = run.finish()
    finally:
        run.kill()
    assert code == pytest.ExitCode.INTERRUPTED, "".join(run.lines)
    assert _processes_of(root / "data") == [], "".join(run.lines)
    assert not root.exists()


def test_the_next_run_stops_a_server_left_by_a_killed_run_and_no_other(
    tmp_path: Path, cleanup: list[Path], bindir: Path, pg_server: str
) -> None:
    # A server the project did not start (no owner file), in a folder named like the project's.
    before = _folders_of(os.getpid())
    with postgres.throwaway_postgres(bindir) as foreign_url:
        (foreign,) = _folders_of(os.getpid()) - before
        (foreign / postgres.OWNER).unlink()

        killed = Run(tmp_path / "killed", hold=True)
        try:
            left = killed.server_folder()
            cleanup.append(left)
        finally:
            killed.kill()  # SIGKILL: nothing in the run can stop its server
        assert postgres.postmaster_pid(left / "data") is not None  # left behind

        later = Run(tmp_path / "later", hold=False)
        try:
            later_root = later.server_folder()
            cleanup.append(later_root)
            assert later.finish() == pytest.ExitCode.OK, "".join(later.lines)
        finally:
            later.kill()
        assert _processes_of(left / "data") == [] and not left.exists()
        assert not later_root.exists()  # (its own, stopped at its end)
        # Left alone: the server without an owner, and this run's own (its run is going).
        assert postgres.postmaster_pid(foreign / "data") is not None
        for url in (foreign_url, pg_server):
            plain = url.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(f"{plain}/postgres") as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
