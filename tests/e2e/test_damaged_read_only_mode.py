"""A damaged workspace in read-only mode (issue 20): the commands that only read open it
read-only and say it is damaged, with the backup to restore; every write stays refused with that
message, and nothing is written to the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from schema.models import WorkspaceMeta
from studio.errors import WorkspaceError
from studio.workspace.connection import open_workspace
from tests.e2e.test_damaged_and_read_only import damaged_workspace, studio

__all__ = ["damaged_workspace"]  # the fixture, shared with the refusal tests


def test_reading_commands_open_a_damaged_workspace_read_only(
    damaged_workspace: tuple[Path, Path],
) -> None:
    path, backup = damaged_workspace
    before = path.read_bytes()
    listed = studio("change", "list", "--workspace", str(path))
    assert listed.returncode == 0, listed.stderr
    assert "is damaged" in listed.stderr and str(backup) in listed.stderr
    assert "open read-only" in listed.stderr
    # A write is still refused with the restore message (and no traceback).
    done = studio("change", "submit", "--title", "t", "--user", "lin", "--workspace", str(path))
    assert done.returncode == 1 and "is damaged" in done.stderr and str(backup) in done.stderr
    assert "Unexpected error" not in done.stderr + listed.stderr
    assert path.read_bytes() == before


def test_every_write_to_a_read_only_damaged_workspace_is_refused_with_the_backup(
    damaged_workspace: tuple[Path, Path],
) -> None:
    path, backup = damaged_workspace
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(path)  # refused unless read-only is asked for
    ws = open_workspace(path, damaged_read_only=True)
    try:
        assert ws.damaged is not None and str(backup) in str(ws.damaged)
        with ws.session() as s:
            assert s.get(WorkspaceMeta, "created_with") is not None  # reads work
        with pytest.raises(WorkspaceError) as refused, ws.session() as s:
            s.merge(WorkspaceMeta(key="name", value="changed"))
        assert "is damaged" in str(refused.value) and str(backup) in str(refused.value)
        # A damaged page read is the same message, not an unexpected error.
        with pytest.raises(WorkspaceError, match="is damaged"), ws.session() as s:
            s.execute(text("SELECT * FROM audit_log")).all()
    finally:
        ws.close()
    assert path.read_bytes() == before
