"""``studio change list`` on a workspace where one stored change cannot be read (issue 20).

An old change is outside what the open-time check reads (``studio.workspace.integrity.WALK``), so
its damage is found when the list reads it. The list still shows every change it can read, names
the damaged one as damaged, gives the restore advice once, writes nothing, and exits 1: the list
is not whole. A healthy workspace's list is unchanged (exit 0)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from schema.models import WorkspaceMeta
from studio import changes
from studio.errors import WorkspaceError
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace
from tests.e2e.test_damaged_stored_text import _damage_bundle_bytes
from tests.helpers.change_flow import edit_draft

BACKUP = "w.db.bak-20261201-090000"


def studio(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "STUDIO_LANG": lang},
        timeout=120,
    )


def _two_changes(path: Path) -> tuple[str, str]:
    """An old change (superseded by a newer submission) and the open one: ``(old, new)``."""
    ws = init_workspace(path, sample=True)
    try:
        edit_draft(ws, "rename_notes")
        old = changes.submit(ws, "lin", "Rename notes").id
        edit_draft(ws, "require_company")
        new = changes.submit(ws, "lin", "Require company").id
        return old, new
    finally:
        ws.close()


def _unparsable_diff(path: Path, change_id: str) -> None:
    """The stored diff (a JSON column) cut short, as a torn write would leave it."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE change_requests SET diff = substr(diff, 1, length(diff) / 2) WHERE id = ?",
            (change_id,),
        )
    conn.close()


@pytest.fixture(params=["undecodable bundle", "unparsable diff"])
def old_change_damaged(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "w.db"
    old, new = _two_changes(path)
    (tmp_path / BACKUP).write_bytes(path.read_bytes())
    if request.param == "undecodable bundle":
        _damage_bundle_bytes(path, old)
    else:
        _unparsable_diff(path, old)
    ws = open_workspace(path)  # outside what the open-time check reads: it opens as usual
    assert ws.damaged is None
    ws.close()
    return path, old, new


def test_the_list_shows_every_readable_change_and_the_damaged_one_as_damaged(
    old_change_damaged: tuple[Path, str, str],
) -> None:
    path, old, new = old_change_damaged
    backup = str(path.parent / BACKUP)
    before = path.read_bytes()

    listed = studio("change", "list", "--workspace", str(path))
    assert listed.returncode == 1, listed  # the list is not whole
    lines = listed.stdout.splitlines()
    assert len(lines) == 2, lines
    # The readable change, as a healthy list shows it; the damaged one after it (it is older).
    assert lines[0].startswith(f"{new[:8]}  v1    open") and lines[0].endswith("Require company")
    assert lines[1].startswith(f"{old[:8]}  ") and "damaged" in lines[1]
    assert "Rename notes" in lines[1]  # what can still be read of it names it
    assert listed.stderr.count(backup) == 1, listed.stderr  # the restore advice, once
    assert "is damaged" in listed.stderr and "open read-only" in listed.stderr
    assert f"change_requests {old}" in listed.stderr  # which text cannot be read
    assert "Unexpected error" not in listed.stderr and "Traceback" not in listed.stderr
    assert "decode" not in listed.stderr.lower()  # the studio's words, not SQLite's

    zh = studio("change", "list", "--workspace", str(path), lang="zh_CN")
    assert zh.returncode == 1
    zh_lines = zh.stdout.splitlines()
    assert zh_lines[1].startswith(old[:8]) and "已损坏" in zh_lines[1], zh.stdout
    assert zh.stderr.count(backup) == 1 and "请从备份" in zh.stderr, zh.stderr
    assert "无法读取" in zh.stderr

    as_json = studio("change", "list", "--format", "json", "--workspace", str(path))
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert [c["id"] for c in data["changes"]] == [new]
    (damaged,) = data["damaged"]
    assert damaged["id"] == old and damaged["title"] == "Rename notes"
    assert f"change_requests {old}" in damaged["reason"]
    assert path.read_bytes() == before  # nothing written


def test_a_damaged_old_change_turns_the_workspace_read_only(
    old_change_damaged: tuple[Path, str, str],
) -> None:
    path, old, new = old_change_damaged
    before = path.read_bytes()
    ws = open_workspace(path)
    try:
        listed = changes.read_change_list(ws)
        assert [v.id for v in listed.views] == [new]
        assert [d.id for d in listed.damaged] == [old]
        assert ws.damaged is not None and str(path.parent / BACKUP) in str(ws.damaged)
        with pytest.raises(WorkspaceError, match="is damaged"), ws.session() as s:
            s.merge(WorkspaceMeta(key="name", value="changed"))
        with pytest.raises(WorkspaceError, match="is damaged"):
            changes.list_changes(ws)  # the callers that need every change still refuse
    finally:
        ws.close()
    assert path.read_bytes() == before


def test_a_healthy_list_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    old, new = _two_changes(path)
    listed = studio("change", "list", "--workspace", str(path))
    assert listed.returncode == 0 and listed.stderr == "", listed
    assert [line[:8] for line in listed.stdout.splitlines()] == [new[:8], old[:8]]
    assert "superseded" in listed.stdout.splitlines()[1]
    data = json.loads(studio("change", "list", "--format", "json", "--workspace", str(path)).stdout)
    assert [c["id"] for c in data["changes"]] == [new, old] and data["damaged"] == []
