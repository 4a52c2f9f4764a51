"""A whole pytest run in a subprocess that starts one of the tests' throw-away servers
(``owned_servers``), for the tests that stop such a run early or kill it. Its one test says
where its server's folder is once it holds the server (``READY <folder>``), then, told to hold
it, waits for a signal."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.owned_servers import OWNER

ROOT = Path(__file__).resolve().parents[2]

# The inner run starts as a terminal starts one: SIGHUP at its default, even when this run was
# started under nohup (which leaves SIGHUP ignored, and the helpers then rightly leave it so).
CONFTEST = """import signal
signal.signal(signal.SIGHUP, signal.SIG_DFL)
from {module} import {names}  # noqa: E402, F401
"""
INNER_TEST = """
import os, signal, sys, tempfile
from pathlib import Path
from tests.helpers.owned_servers import OWNER

def test_holds_the_server({fixture}):
    mine = f"{{os.getpid()}} "
    folders = Path(tempfile.gettempdir()).glob({prefix!r} + "*")
    (root,) = [p for p in folders if (p / OWNER).exists() and (p / OWNER).read_text().startswith(mine)]
    sys.__stdout__.write(f"READY {{root}}\\n")
    sys.__stdout__.flush()
    if os.environ.get("HOLD_SERVER"):
        signal.pause()  # until a signal ends the run
"""


@dataclass(frozen=True)
class Server:
    """A server fixture as the inner run takes it: from ``module`` (with the fixtures ``also``
    it needs), its folders named ``prefix*``."""

    module: str
    fixture: str
    prefix: str
    also: tuple[str, ...] = ()


class Run:
    """A whole pytest run in a subprocess (its own session, as a terminal's job would be) whose
    one test holds ``server``; with ``hold``, until a signal ends the run."""

    def __init__(self, where: Path, server: Server, *, hold: bool) -> None:
        where.mkdir(parents=True, exist_ok=True)
        names = ", ".join((*server.also, server.fixture))
        (where / "conftest.py").write_text(
            CONFTEST.format(module=server.module, names=names), encoding="utf-8"
        )
        test = INNER_TEST.format(fixture=server.fixture, prefix=server.prefix)
        (where / "test_inner.py").write_text(test, encoding="utf-8")
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


def processes_of(folder: Path) -> list[int]:
    """Every process on this machine with the folder ``folder`` in its command line (as an
    argument or in one: ``--datadir=<folder>``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(os.fsencode(folder) in arg for arg in args):
                found.append(int(entry.name))
    return found


def folders_of(prefix: str, pid: int) -> set[Path]:
    """The server folders ``prefix*`` whose owner file names the process ``pid``."""
    return {
        p
        for p in Path(tempfile.gettempdir()).glob(prefix + "*")
        if (p / OWNER).exists() and (p / OWNER).read_text(encoding="ascii").startswith(f"{pid} ")
    }
