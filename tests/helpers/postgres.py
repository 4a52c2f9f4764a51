"""A throw-away PostgreSQL server on loopback (Debian's package; as root, run as ``postgres``):
one way to start it for the tests (``tests/conftest.py``) and the benchmarks.

The server runs apart from the run that starts it (``pg_ctl`` puts it in its own session, so a
terminal's Ctrl-C does not reach it): only that run can stop it. So the run stops it however it
ends, as far as a process can know: a normal end, Ctrl-C (``KeyboardInterrupt``), SIGTERM or
SIGHUP (turned into ``KeyboardInterrupt`` while the server runs: by default they end Python on
the spot, finally blocks unrun); a second signal while the server stops waits for the stop. A
run that cannot know (SIGKILL, a crash, a power cut) leaves the server behind, so each folder
names the run that owns it (``OWNER``) and the next start stops the servers whose run has ended.
Only those: a folder without that file (another program's, an older studio's) or whose run is
still going is never touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

#: The folders' names start with it (in the system's temporary folder).
PREFIX = "studio-pg-"
#: The file in a server's folder naming the process that started it: ``pid start-time pid-ns``.
OWNER = "owner"


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
    root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    # Before anything is started in it: a folder without an owner is never cleaned up.
    (root / OWNER).write_text(_identity(os.getpid()) or "", encoding="ascii")
    port = _free_port()
    run_as = _run_as()
    if run_as:
        shutil.chown(root, "postgres", "postgres")
    root.chmod(0o700)
    data = root / "data"
    with _signals_interrupt():
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
            with _signals_held():
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
    """Stop the servers that earlier runs started and could not stop, and delete their folders:
    the folders under ``parent`` (the system's temporary folder) whose ``OWNER`` names a process
    that has ended. Returns the folders removed. Folders without an owner file, of a run still
    going, or of a process this one cannot see (another PID namespace) are left alone."""
    removed = []
    for root in sorted(Path(parent or tempfile.gettempdir()).glob(f"{PREFIX}*")):
        try:
            owner = (root / OWNER).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            continue
        if not _ended(owner):
            continue
        data = root / "data"
        if postmaster_pid(data) is not None and not _stop(bindir, data, "immediate"):
            continue  # still running: its folder stays with it
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def postmaster_pid(data: Path) -> int | None:
    """The pid of the server running on ``data``, ``None`` when none does. The pid file alone
    is not enough: after a crash it may name a pid the system has given to another process."""
    try:
        pid = int((data / "postmaster.pid").read_text(encoding="ascii").split("\n", 1)[0])
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    is_postgres = os.path.basename(args[0]).startswith(b"postgres")
    return pid if is_postgres and os.fsencode(data) in args else None


def _identity(pid: int) -> str | None:
    """``pid start-time pid-namespace`` of a running process (Linux's /proc), ``None`` when it
    has ended: a pid alone may be another process's by now."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    # The start time is field 22; the command name (field 2) may hold spaces and parentheses.
    start = stat.rsplit(")", 1)[1].split()[19]
    return f"{pid} {start} {_namespace()}"


def _namespace() -> str:
    """This process's PID namespace: pids of another one mean nothing here."""
    return os.readlink("/proc/self/ns/pid")


def _ended(owner: str) -> bool:
    """Whether the run ``owner`` (an ``OWNER`` file's text) has ended, as far as this process
    can tell; a run it cannot judge has not."""
    parts = owner.split()
    if len(parts) != 3 or not parts[0].isdigit() or parts[2] != _namespace():
        return False
    return _identity(int(parts[0])) != owner.strip()


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")


def _stop_signals() -> tuple[signal.Signals, ...]:
    return tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``KeyboardInterrupt``, as Ctrl-C does, while the block runs:
    pytest then ends the run as for Ctrl-C, tearing its fixtures down. Only where Python runs
    signal handlers (the main thread) and where nobody has set a handler of their own."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for sig in _stop_signals():
        if signal.getsignal(sig) == signal.SIG_DFL:
            previous[sig] = signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done (stopping the server is not cut
    short), then interrupt as they would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, _frame: caught.append(signum))
        for sig in (signal.SIGINT, *_stop_signals())
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            raise KeyboardInterrupt(f"signal {signal.Signals(caught[0]).name}")
