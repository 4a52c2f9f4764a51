"""What the tests' throw-away database servers (PostgreSQL's in ``postgres``, MariaDB's in
``mariadb``) share so that none outlives the run that started it.

A server runs apart from the run that starts it (in a session of its own, so a terminal's Ctrl-C
does not reach it): only that run can stop it. So the run stops it however it ends, as far as a
process can know: a normal end, Ctrl-C (``KeyboardInterrupt``), SIGTERM or SIGHUP (turned into
``KeyboardInterrupt`` while the server runs, ``signals_interrupt``: by default they end Python on
the spot, finally blocks unrun); a second signal while the server stops waits for the stop
(``signals_held``). A run that cannot know (SIGKILL, a crash, a power cut) leaves the server
behind, so each server's folder names the run that owns it (``OWNER``, ``owned_folder``) and the
next start stops the servers whose run has ended (``remove_left_behind``). Only those: a folder
without that file (another program's, an older studio's) or whose run is still going is never
touched.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

#: The file in a server's folder naming the process that started it: ``pid start-time pid-ns``.
OWNER = "owner"


def owned_folder(prefix: str, parent: Path | None = None) -> Path:
    """A new folder ``prefix*`` under ``parent`` (the system's temporary folder) for a server,
    its ``OWNER`` file naming this process: written before anything is started in it, since a
    folder without an owner is never cleaned up."""
    root = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    (root / OWNER).write_text(identity(os.getpid()) or "", encoding="ascii")
    return root


def remove_left_behind(
    prefix: str, parent: Path | None, stopped: Callable[[Path], bool]
) -> list[Path]:
    """Stop the servers that earlier runs started and could not stop, and delete their folders:
    the folders ``prefix*`` under ``parent`` (the system's temporary folder) whose ``OWNER``
    names a process that has ended. ``stopped(folder)`` stops the server of a folder, if one
    runs, and says whether none runs afterwards (a folder whose server still runs stays with
    it). Returns the folders removed. Folders without an owner file, of a run still going, or of
    a process this one cannot see (another PID namespace) are left alone."""
    removed = []
    for root in sorted(Path(parent or tempfile.gettempdir()).glob(f"{prefix}*")):
        try:
            owner = (root / OWNER).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            continue
        if not _ended(owner) or not stopped(root):
            continue
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def running(pid_file: Path, names: tuple[bytes, ...], argument: Path) -> int | None:
    """The pid ``pid_file`` names (its first line) if that process still runs a program of
    ``names`` with ``argument`` in its command line, else ``None``. The pid file alone is not
    enough: after a crash it may name a pid the system has given to another process."""
    try:
        pid = int(pid_file.read_text(encoding="ascii").split("\n", 1)[0])
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    wanted = os.fsencode(argument)
    named = any(wanted in arg for arg in args)
    return pid if os.path.basename(args[0]).startswith(names) and named else None


def identity(pid: int) -> str | None:
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
    return identity(int(parts[0])) != owner.strip()


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signal.Signals(signum).name}")


def _stop_signals() -> tuple[signal.Signals, ...]:
    return tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def signals_interrupt() -> Iterator[None]:
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
def signals_held() -> Iterator[None]:
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
