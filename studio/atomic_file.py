"""Writing a file so that readers see the old one or the whole new one, never half of one.

Every file the studio writes for people (``config export``, ``audit export``, the approver
registry, the published JSON Schema) goes through ``atomic_path``: the data goes to a temporary
file in the target's folder, is flushed to disk, and then renames over the target. A crash, a
full disk or an exception in the writer leaves the target as it was and no temporary behind.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studio.errors import StudioError


def _fsync(path: Path) -> None:
    with path.open("r+b") as fh:
        os.fsync(fh.fileno())


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` for the block to write; it replaces ``target`` when
    the block succeeds and is removed when it fails.

    An ``OSError`` (read-only folder, full disk) becomes a ``StudioError`` naming ``target``.
    The temporary name is unique per call (process and a random part), so two writers of the
    same target do not write into each other's file; created the ordinary way, it gets the
    permissions the user's umask gives any new file.
    """
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
    except Exception as exc:
        # xlsxwriter says an OSError as its own FileCreateError around it (the CLI crashed on
        # ``template --out`` into a folder that is not there)
        cause = exc if isinstance(exc, OSError) else (exc.args[0] if exc.args else None)
        if not isinstance(cause, OSError):
            raise
        if isinstance(cause, FileNotFoundError) and not target.parent.is_dir():
            raise StudioError(
                "Cannot write to {where}: the folder {folder} does not exist.",
                where=target,
                folder=target.parent,
            ) from None
        raise StudioError(
            "Cannot write to {where}: the folder or file is read-only. ({reason})",
            where=target,
            reason=cause.strerror or type(cause).__name__,
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    """``data`` as the whole of ``target``, atomically (see ``atomic_path``)."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    """``text`` in UTF-8 as the whole of ``target``, atomically (see ``atomic_path``)."""
    write_bytes(target, text.encode("utf-8"))
