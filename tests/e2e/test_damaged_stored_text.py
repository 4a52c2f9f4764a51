"""Damage that SQLite's quick check does not see (issue 20): bytes overwritten inside a change's
stored bundle. The studio checks what it keeps when it opens a workspace: the file is damaged,
every write is refused with the backup to restore, and no command ends in a decode error. A
bundle *edited* into other valid text is tampering, not damage: the workspace opens as usual and
the change shows "altered" (tests/e2e/test_change_states_verified.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from schema.models import WorkspaceMeta
from studio import changes
from studio.errors import WorkspaceDamaged, WorkspaceError
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace
from tests.e2e.test_damaged_and_read_only import studio
from tests.helpers.change_flow import edit_draft


def _submitted(path: Path) -> str:
    ws = init_workspace(path, sample=True)
    try:
        edit_draft(ws, "rename_notes")
        return changes.submit(ws, "lin", "Rename notes").id
    finally:
        ws.close()


def _damage_bundle_bytes(path: Path, change_id: str) -> None:
    """Overwrite two bytes in the middle of the change's stored bundle, in the file itself (as
    a disk or copy error would), where no other copy of those bytes lies."""
    conn = sqlite3.connect(path)
    stored = conn.execute(
        "SELECT bundle_json FROM change_requests WHERE id = ?", (change_id,)
    ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    encoded = stored.encode("utf-8")
    for start in range(len(encoded) // 2, len(encoded) - 64, 97):
        piece = encoded[start : start + 64]
        if data.count(piece) == 1:
            at = data.find(piece) + 32
            data[at : at + 2] = b"\xff\xfe"
            path.write_bytes(bytes(data))
            return
    pytest.fail("no unique stretch of the bundle in the file")


@pytest.fixture
def damaged_bundle(tmp_path: Path) -> tuple[Path, Path, str]:
    path = tmp_path / "w.db"
    change_id = _submitted(path)
    backup = tmp_path / "w.db.bak-20261201-090000"
    backup.write_bytes(path.read_bytes())
    _damage_bundle_bytes(path, change_id)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # SQLite sees nothing
    conn.close()
    return path, backup, change_id


def test_a_damaged_bundle_is_found_on_open_and_every_write_refused(
    damaged_bundle: tuple[Path, Path, str], tmp_path: Path
) -> None:
    path, backup, _change = damaged_bundle
    before = path.read_bytes()
    bundle = tmp_path / "b.json"
    assert studio("config", "export", str(bundle), "--workspace", str(backup)).returncode == 0
    for command in (
        ("config", "import", str(bundle)),
        ("change", "submit", "--title", "t", "--user", "lin"),
        ("audit", "verify"),
        ("change", "list"),
    ):
        done = studio(*command, "--workspace", str(path))
        assert "is damaged" in done.stderr and str(backup) in done.stderr, (command, done)
        assert "bundle_json of change_requests" in done.stderr, command
        assert "Unexpected error" not in done.stderr and "decode" not in done.stderr, command
        if command[-1] != "list":
            assert done.returncode == 1, command
    assert path.read_bytes() == before


def test_a_damaged_workspace_opens_read_only_and_refuses_writes(
    damaged_bundle: tuple[Path, Path, str],
) -> None:
    path, backup, change_id = damaged_bundle
    with pytest.raises(WorkspaceDamaged, match="is damaged"):
        open_workspace(path)
    ws = open_workspace(path, damaged_read_only=True)
    try:
        assert ws.damaged is not None and str(backup) in str(ws.damaged)
        with pytest.raises(WorkspaceError, match="is damaged"):
            changes.get_change(ws, change_id)  # the damaged text: the message, no decode error
        with pytest.raises(WorkspaceError, match="is damaged"), ws.session() as s:
            s.merge(WorkspaceMeta(key="name", value="changed"))
    finally:
        ws.close()


def test_a_text_damaged_after_opening_turns_the_workspace_read_only(tmp_path: Path) -> None:
    """Only a bounded set of texts is checked on open; any other that cannot be decoded is the
    same damage when it is read, and from then on nothing is written."""
    path = tmp_path / "w.db"
    change_id = _submitted(path)
    ws = open_workspace(path)
    try:
        with ws.session() as s:  # as a disk error would leave it, once opened
            s.execute(
                text("UPDATE change_requests SET bundle_json = CAST(:b AS TEXT) WHERE id = :id"),
                {"b": b'{"entities": "\xff\xfe"}', "id": change_id},
            )
        with pytest.raises(WorkspaceError, match="is damaged"):
            changes.list_changes(ws)
        assert ws.damaged is not None
        before = path.read_bytes()
        with pytest.raises(WorkspaceError, match="is damaged"), ws.session() as s:
            s.merge(WorkspaceMeta(key="name", value="changed"))
        assert path.read_bytes() == before
    finally:
        ws.close()


def test_a_bundle_edited_into_other_text_is_tampering_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    change_id = _submitted(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE change_requests SET bundle_json = '{\"entities\": [' WHERE id = ?",
            (change_id,),
        )
    conn.close()
    ws = open_workspace(path)  # opens as usual: the evidence stays visible
    try:
        assert ws.damaged is None
        assert changes.get_change(ws, change_id).state == "altered"
    finally:
        ws.close()
    listed = studio("change", "list", "--workspace", str(path))
    assert listed.returncode == 0 and "damaged" not in listed.stderr


def test_a_postgresql_workspace_missing_a_table_is_damaged_and_refuses_writes(
    pg_url: str,
) -> None:
    init_workspace(pg_url, sample=True).close()
    ws = open_workspace(pg_url)
    with ws.session() as s:
        s.execute(text("DROP TABLE approvals"))
        entries = s.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    ws.close()
    with pytest.raises(WorkspaceDamaged, match=r"table approvals is missing.*last backup"):
        open_workspace(pg_url)
    done = studio("change", "submit", "--title", "t", "--user", "lin", "--workspace", pg_url)
    assert done.returncode == 1 and "is damaged" in done.stderr, done.stderr
    assert "Unexpected error" not in done.stderr
    ws = open_workspace(pg_url, damaged_read_only=True)
    try:
        with ws.session() as s:
            assert s.get(WorkspaceMeta, "name") is not None  # reads work
        # A write is refused by the server itself: the sessions are read-only.
        with pytest.raises(WorkspaceError, match="is damaged"), ws.session() as s:
            s.merge(WorkspaceMeta(key="name", value="changed"))
        with pytest.raises(WorkspaceError, match="is damaged"):
            changes.submit(ws, "lin", "t")
        with ws.session() as s:
            assert s.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == entries
            assert s.get(WorkspaceMeta, "name").value != "changed"  # type: ignore[union-attr]
    finally:
        ws.close()
