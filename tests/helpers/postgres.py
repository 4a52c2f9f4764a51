"""A throw-away PostgreSQL server on loopback (Debian's package; as root, run as ``postgres``):
one way to start it for the tests (``tests/conftest.py``) and the benchmarks.

``pg_ctl`` puts the server in a session of its own; it does not outlive the run that starts it,
as ``owned_servers`` says: the run stops it however it ends (SIGTERM and SIGHUP as Ctrl-C), and
the next run stops one a killed run left, by its folder's owner file, and no other.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.helpers.owned_servers import (
    owned_folder,
    remove_left_behind,
    running,
    signals_held,
    signals_interrupt,
)

#: The folders' names start with it (in the system's temporary folder).
PREFIX = "studio-pg-"


def pg_bindir() -> Path | None:
    """The newest installed server's ``bin`` folder, else the one ``pg_ctl`` on PATH is in."""
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "pg_ctl").exists():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextmanager
def throwaway_postgres(
    bindir: Path, options: str = "", *, parent: Path | None = None
) -> Iterator[str]:
    """Start a fresh cluster (trust auth, UTF-8, no fsync); yield its base URL (no database);
    stop it and delete it afterwards, also when the run is interrupted (module docstring).
    ``options`` go to the server (``-c name=value ...``); ``parent``: where its folder goes
    (the system's temporary folder)."""
    stop_stale_servers(bindir, parent)
    root = owned_folder(PREFIX, parent)
    port = _free_port()
    run_as = _run_as()
    if run_as:
        shutil.chown(root, "postgres", "postgres")
    root.chmod(0o700)
    data = root / "data"
    with signals_interrupt():
        try:
            subprocess.run(
                [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run(
                [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                 "-w", "-o",
                 f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off {options}",
                 "start"],
                check=True, capture_output=True,
            )  # fmt: skip
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
        finally:
            with signals_held():
                _stop(bindir, data, "fast")
                shutil.rmtree(root, ignore_errors=True)


def _stop(bindir: Path, data: Path, mode: str) -> bool:
    """``pg_ctl stop``, in a session of its own (a terminal's Ctrl-C does not cut it short);
    whether no server of ``data`` runs afterwards."""
    with suppress(subprocess.TimeoutExpired):  # (judged by what runs afterwards)
        subprocess.run(
            [*_run_as(), str(bindir / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"],
            capture_output=True,
            start_new_session=True,
            timeout=120,
        )
    return postmaster_pid(data) is None


def stop_stale_servers(bindir: Path, parent: Path | None = None) -> list[Path]:
    """Stop the servers that killed runs left, and delete their folders (``owned_servers``)."""

    def stopped(root: Path) -> bool:
        data = root / "data"
        return postmaster_pid(data) is None or _stop(bindir, data, "immediate")

    return remove_left_behind(PREFIX, parent, stopped)


def postmaster_pid(data: Path) -> int | None:
    """The pid of the server running on ``data``, ``None`` when none does."""
    return running(data / "postmaster.pid", (b"postgres",), data)
