"""Creating or upgrading a workspace is all-or-nothing, even when the process is killed mid-way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from schema.models import AuditRow
from studio.audit import log as audit
from studio.errors import WorkspaceError
from studio.workspace.bootstrap import init_workspace, open_or_create_default
from studio.workspace.connection import is_initialised, open_workspace

# Runs `init --sample` and kills itself (SIGKILL: no clean-up of any kind) right before the
# Nth SQL statement that reaches SQLite.
KILL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from studio.workspace import connection

    limit = int(sys.argv[2])
    seen = 0
    original = connection._sqlite_engine

    def engine_with_a_tripwire(path):
        engine = original(path)
        from sqlalchemy import event

        @event.listens_for(engine, "before_cursor_execute")
        def count(*_args):
            global seen
            seen += 1
            if seen >= limit:
                os.kill(os.getpid(), signal.SIGKILL)

        return engine

    connection._sqlite_engine = engine_with_a_tripwire
    from studio.workspace.bootstrap import init_workspace, open_or_create_default

    init_workspace(sys.argv[1], sample=True).close()
    print("finished", seen)
    """
)


def _statements_of_a_whole_init(tmp_path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT, str(tmp_path / "count.db"), "1000000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(done.stdout.split()[-1])


def _whole_or_absent(path: Path) -> str:
    if not path.exists():
        return "absent"
    ws = open_workspace(str(path))
    try:
        assert is_initialised(ws)
        with ws.session() as s:
            assert audit.verify(s).intact
            assert s.scalars(select(AuditRow)).first() is not None
    finally:
        ws.close()
    return "whole"


@pytest.mark.slow
def test_init_killed_at_any_statement_leaves_no_workspace_or_a_whole_one(tmp_path: Path) -> None:
    total = _statements_of_a_whole_init(tmp_path)
    assert total > 100  # the first migration alone is ~240 statements
    # Every statement would take minutes on a shared machine: every 7th, plus both ends.
    points = sorted({1, 2, *range(3, total, 7), total - 1, total})
    outcomes = set()
    for n in points:
        target = tmp_path / f"w{n}.db"
        subprocess.run(
            [sys.executable, "-c", KILL_AT, str(target), str(n)], capture_output=True, timeout=120
        )
        outcomes.add(_whole_or_absent(target))
        # and a new init then works where the killed one stopped
        if not target.exists():
            init_workspace(target, sample=True).close()
            assert _whole_or_absent(target) == "whole"
    assert "absent" in outcomes


def test_an_empty_file_is_refused_not_turned_into_a_workspace(tmp_path: Path) -> None:
    empty = tmp_path / "w.db"
    empty.write_bytes(b"")
    with pytest.raises(WorkspaceError, match=r"empty \(0 bytes\)"):
        open_workspace(str(empty))
    with pytest.raises(WorkspaceError, match=r"empty \(0 bytes\)"):
        init_workspace(empty, sample=True)
    with pytest.raises(WorkspaceError, match=r"empty \(0 bytes\)"):
        open_or_create_default(str(empty), damaged_read_only=True)  # the window's first open
    done = subprocess.run(
        [sys.executable, "-m", "studio", "audit", "verify", "--workspace", str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "STUDIO_LANG": "en"},
    )
    assert done.returncode == 1 and "empty (0 bytes)" in done.stderr
    assert "intact" not in done.stdout
    assert empty.read_bytes() == b""


def test_a_failing_upgrade_leaves_the_workspace_as_it_was(
    sample_workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next studio's migration breaks half-way: the file is untouched, the backup kept."""
    import shutil

    from schema import migrate

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    (scripts / "versions" / "0099_broken.py").write_text(
        f'revision = "0099"\ndown_revision = "{migrate.head_revision()}"\n'
        "branch_labels = None\ndepends_on = None\n"
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        "def upgrade():\n"
        "    op.create_table('future', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('THIS IS NOT SQL')\n\n"
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    original = sample_workspace_path.read_bytes()
    with pytest.raises(WorkspaceError):
        open_workspace(str(sample_workspace_path))
    assert sample_workspace_path.read_bytes() == original
    backups = list(sample_workspace_path.parent.glob(f"{sample_workspace_path.name}.bak-*"))
    assert backups and backups[0].read_bytes() == original
    assert not list(sample_workspace_path.parent.glob(f".{sample_workspace_path.name}.*"))


# Opens (and so upgrades) a workspace, killing itself right before the Nth SQL statement.
KILL_UPGRADE_AT = KILL_AT.replace(
    "init_workspace(sys.argv[1], sample=True).close()",
    "connection.open_workspace(sys.argv[1]).close()",
)


def _an_old_workspace(path: Path) -> bytes:
    """The sample, taken back to the first migration: what an older studio left."""
    from sqlalchemy import create_engine

    from schema import migrate

    init_workspace(path, sample=True).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        migrate.downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
    finally:
        engine.dispose()
    return path.read_bytes()


def _old_or_whole(path: Path, old: bytes) -> str:
    if path.read_bytes() == old:
        return "old"
    from schema import migrate
    from studio.workspace.connection import _sqlite_engine

    engine = _sqlite_engine(path)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
    return _whole_or_absent(path)


@pytest.mark.slow
def test_an_upgrade_killed_at_any_statement_leaves_the_old_workspace_or_a_whole_new_one(
    tmp_path: Path,
) -> None:
    """Issue 20: the upgrade of an existing workspace, killed (SIGKILL) before each of its
    statements, leaves the file as it was or wholly upgraded, never half-migrated; opening it
    again then finishes the upgrade."""
    counting = tmp_path / "count.db"
    old = _an_old_workspace(counting)
    done = subprocess.run(
        [sys.executable, "-c", KILL_UPGRADE_AT, str(counting), "1000000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    total = int(done.stdout.split()[-1])
    assert total > 10
    outcomes = set()
    for n in range(1, total + 1):
        target = tmp_path / f"w{n}" / "w.db"
        target.parent.mkdir()
        target.write_bytes(old)
        subprocess.run(
            [sys.executable, "-c", KILL_UPGRADE_AT, str(target), str(n)],
            capture_output=True,
            timeout=120,
        )
        outcomes.add(_old_or_whole(target, old))
        open_workspace(str(target)).close()  # the next start finishes the upgrade
        assert _old_or_whole(target, old) == "whole"
    assert outcomes == {"old"} or outcomes == {"old", "whole"}


def _whole_file(path: Path) -> bool:
    """Whether ``path`` holds a whole, initialised workspace (read-only, standard library)."""
    import sqlite3

    from schema import migrate

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
            == [migrate.head_revision()]
            and conn.execute("SELECT 1 FROM workspace_meta WHERE key = 'created_with'").fetchone()
            is not None
            and conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] >= 1
            and conn.execute("SELECT count(*) FROM draft").fetchone()[0] == 1
        )
    finally:
        conn.close()


def test_at_every_statement_of_init_the_target_is_absent_or_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 20, every statement (the killed-process test above samples every 7th): a crash
    leaves the file system as it stands when the statement is sent, so at each statement of
    ``init --sample`` the target must be absent, or a whole workspace."""
    from sqlalchemy import event

    from studio.workspace import connection

    target = tmp_path / "w.db"
    seen: list[str] = []
    original = connection._sqlite_engine

    def engine_with_a_witness(path: Path):  # type: ignore[no-untyped-def]
        engine = original(path)

        @event.listens_for(engine, "before_cursor_execute")
        def look(*_args: object) -> None:
            seen.append("whole" if target.exists() and _whole_file(target) else "absent")
            if target.exists():
                assert seen[-1] == "whole", f"half a workspace at statement {len(seen)}"

        return engine

    monkeypatch.setattr(connection, "_sqlite_engine", engine_with_a_witness)
    init_workspace(target, sample=True).close()
    assert len(seen) > 100  # the first migration alone is ~240 statements
    assert seen[0] == "absent" and _whole_file(target)


# Runs `studio config import BUNDLE` and kills itself right before the Nth SQL statement.
KILL_IMPORT_AT = KILL_AT.replace(
    "init_workspace(sys.argv[1], sample=True).close()",
    "sys.argv = ['studio', 'config', 'import', sys.argv[3], '--workspace', sys.argv[1]]\n"
    "from studio.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass",
)


def _draft_sha(path: Path) -> str:
    from studio.draft.store import load_draft

    ws = open_workspace(str(path))  # refused if damaged: a kill never damages the file
    try:
        with ws.session() as s:
            assert audit.verify(s).intact
            return load_draft(s).sha256()
    finally:
        ws.close()


@pytest.mark.slow
def test_config_import_killed_at_any_statement_leaves_the_old_or_the_new_draft(
    tmp_path: Path,
) -> None:
    """Issue 20's "what held", kept: ``config import`` killed (SIGKILL) before each of its
    statements leaves the old draft or the new one, a whole file and an intact audit chain."""
    from studio.draft.store import load_draft

    source = tmp_path / "source.db"
    ws = init_workspace(source, sample=True)
    try:
        with ws.session() as s:
            old = load_draft(s)
    finally:
        ws.close()
    customer = old.entity("customer")
    assert customer is not None
    new = old.model_copy(
        update={
            "entities": tuple(
                e.model_copy(update={"label": e.label.model_copy(update={"en": "Clients"})})
                if e.key == "customer"
                else e
                for e in old.entities
            )
        }
    )
    bundle = tmp_path / "new.json"
    bundle.write_bytes(new.canonical_json())
    original = source.read_bytes()

    def run(target: Path, limit: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", KILL_IMPORT_AT, str(target), str(limit), str(bundle)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    counting = tmp_path / "count.db"
    counting.write_bytes(original)
    total = int(run(counting, 1_000_000).stdout.split()[-1])
    assert _draft_sha(counting) == new.sha256()
    assert total > 3
    outcomes = set()
    for n in range(1, total + 1):
        target = tmp_path / f"w{n}.db"
        target.write_bytes(original)
        run(target, n)
        sha = _draft_sha(target)
        assert sha in (old.sha256(), new.sha256()), f"half an import at statement {n}"
        outcomes.add("new" if sha == new.sha256() else "old")
    assert "old" in outcomes
