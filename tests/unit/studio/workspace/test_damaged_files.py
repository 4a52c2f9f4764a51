"""Copies cut short and files that are not workspaces (issue 20's "what held", kept): a clear
message, and the file as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from studio.errors import WorkspaceError
from studio.workspace.connection import open_workspace


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_a_truncated_copy_is_refused_as_damaged_and_left_alone(
    sample_workspace_path: Path, tmp_path: Path, keep: float
) -> None:
    whole = sample_workspace_path.read_bytes()
    (tmp_path / "copy").mkdir()
    cut = tmp_path / "copy" / "cut.db"
    cut.write_bytes(whole[: int(len(whole) * keep)])
    before = cut.read_bytes()
    with pytest.raises(WorkspaceError, match="is damaged") as refused:
        open_workspace(cut)
    assert "Restore it" in str(refused.value)
    assert cut.read_bytes() == before
    assert list(cut.parent.iterdir()) == [cut]  # no journal, backup or work file left beside it


def test_a_zip_given_as_workspace_is_refused_and_left_alone(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "w.db"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(sample_workspace_path, "w.db")
    before = archive.read_bytes()
    with pytest.raises(WorkspaceError, match="not an SQLite database"):
        open_workspace(archive)
    assert archive.read_bytes() == before
