from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from schema import migrate
from studio.bundle.sample import sample_bundle
from studio.draft.store import load_draft, replace_draft
from studio.errors import ConflictError, WorkspaceError
from studio.workspace.bootstrap import init_workspace, open_or_create_default
from studio.workspace.connection import default_workspace_path, open_workspace


def test_sample_round_trips_workspace_bundle_workspace(sample_workspace_path: Path) -> None:
    ws = open_workspace(sample_workspace_path)
    with ws.session() as s:
        first = load_draft(s)
    assert first.sha256() == sample_bundle().sha256()
    with ws.session() as s:
        replace_draft(s, first, user="lin")
    with ws.session() as s:
        assert load_draft(s).sha256() == first.sha256()
    ws.close()


def test_postgresql_workspace_works_the_same(pg_url: str) -> None:
    ws = init_workspace(pg_url, sample=True)
    with ws.session() as s:
        assert load_draft(s).sha256() == sample_bundle().sha256()
    ws.close()
    again = open_workspace(pg_url)
    with again.session() as s:
        assert load_draft(s).sha256() == sample_bundle().sha256()
    again.close()


def test_stale_draft_revision_is_a_conflict_not_an_overwrite(sample_workspace_path: Path) -> None:
    ws = open_workspace(sample_workspace_path)
    with ws.session() as s:
        from studio.draft.store import draft_revision

        seen = draft_revision(s)
        bundle = load_draft(s)
    with ws.session() as s:
        replace_draft(s, bundle, user="chen", expected_revision=seen)
    with pytest.raises(ConflictError, match="chen"), ws.session() as s:
        replace_draft(s, bundle, user="lin", expected_revision=seen)
    ws.close()


def test_first_start_creates_default_workspace_with_sample() -> None:
    assert not default_workspace_path().exists()
    ws, created = open_or_create_default(None)
    assert created and default_workspace_path().exists()
    with ws.session() as s:
        assert {u.user for u in load_draft(s).users} >= {"lin", "zhou", "chen"}
    ws.close()
    ws, created = open_or_create_default(None)
    assert not created
    ws.close()


def _untouched(path: Path, opener: object) -> str:
    before = path.read_bytes()
    with pytest.raises(WorkspaceError) as info:
        opener()  # type: ignore[operator]
    assert path.read_bytes() == before
    assert list(path.parent.glob(f"{path.name}.bak-*")) == []
    return str(info.value)


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("客户名单\n张三,13800138000\n", encoding="utf-8")
    message = _untouched(path, lambda: open_workspace(path))
    assert "is not a CRM Config Studio workspace" in message


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
        conn.execute("INSERT INTO customers VALUES (1, '张三')")
    message = _untouched(path, lambda: open_workspace(path))
    assert "not a CRM Config Studio workspace" in message


def test_workspace_from_newer_studio_is_refused_untouched(sample_workspace_path: Path) -> None:
    with sqlite3.connect(sample_workspace_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    message = _untouched(sample_workspace_path, lambda: open_workspace(sample_workspace_path))
    assert "newer version" in message and "9999_future" in message


def test_missing_workspace_is_not_created_silently(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="not found"):
        open_workspace(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_unanswering_postgresql_names_the_server_but_not_the_password() -> None:
    with pytest.raises(WorkspaceError) as info:
        open_workspace("postgresql+psycopg://lin:s3cret-pw@127.0.0.1:1/crm")
    message = str(info.value)
    assert "does not answer" in message and "127.0.0.1" in message
    assert "s3cret-pw" not in message


def test_migrations_bring_a_workspace_to_head(sample_workspace_path: Path) -> None:
    ws = open_workspace(sample_workspace_path)
    assert migrate.current_revision(ws.engine) == migrate.head_revision()
    with ws.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    ws.close()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can write to. root ignores permission bits, so as root it is a
    read-only tmpfs mount (the way a locked network share or a full-disk lock behaves)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], check=True
        )
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_read_only_folder_gives_a_clear_message(read_only_folder: Path) -> None:
    target = read_only_folder / "w.db"
    env = {**os.environ, "STUDIO_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "studio", "init", "--workspace", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "read-only" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_pending_migration_backs_up_the_sqlite_file_first(
    sample_workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A studio one schema version ahead: the real migrations plus one more.
    import shutil

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "0099_next.py").write_text(
        f'revision = "0099"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        "def upgrade():\n    op.create_table('future', sa.Column('id', sa.Integer, primary_key=True))\n\n"
        "def downgrade():\n    op.drop_table('future')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    original = sample_workspace_path.read_bytes()
    ws = open_workspace(sample_workspace_path)
    assert ws.backup is not None and ws.backup.read_bytes() == original
    assert migrate.current_revision(ws.engine) == "0099"
    with ws.session() as s:  # the draft survived the upgrade
        assert load_draft(s).sha256() == sample_bundle().sha256()
    ws.close()
