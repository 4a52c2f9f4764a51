"""A damaged or read-only workspace: a clear message, exit 1, and nothing written anywhere."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio.workspace.bootstrap import init_workspace
from tests.unit.studio.workspace.test_workspace import read_only_folder  # noqa: F401 (fixture)


def studio(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def damaged_workspace(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "w.db"
    init_workspace(path, sample=True).close()
    backup = tmp_path / "w.db.bak-20261130-120000"
    backup.write_bytes(path.read_bytes())
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").fetchone()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root[0] - 1) * page)
        fh.write(bytes(range(256)) * (page // 256))
    return path, backup


@pytest.mark.parametrize(
    "command",
    [
        ("audit", "verify"),
        ("check",),
        ("config", "import", "BUNDLE"),
        ("change", "submit", "--title", "t", "--user", "lin"),
    ],
)
def test_a_damaged_workspace_refuses_with_the_backup_to_restore(
    damaged_workspace: tuple[Path, Path], tmp_path: Path, command: tuple[str, ...]
) -> None:
    path, backup = damaged_workspace
    bundle = tmp_path / "b.json"
    assert studio("config", "export", str(bundle), "--workspace", str(backup)).returncode == 0
    before = path.read_bytes()
    args = [str(bundle) if a == "BUNDLE" else a for a in command]
    done = studio(*args, "--workspace", str(path))
    assert done.returncode == 1, done.stderr
    assert "is damaged" in done.stderr and str(backup) in done.stderr
    assert "Unexpected error" not in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before


@pytest.fixture
def read_only_workspace(read_only_folder: Path, tmp_path: Path) -> Path:  # noqa: F811
    """A sample workspace inside a read-only folder (a read-only tmpfs as root)."""
    source = tmp_path / "src.db"
    init_workspace(source, sample=True).close()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,rw", str(read_only_folder)], check=True)
        (read_only_folder / "w.db").write_bytes(source.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(read_only_folder)], check=True)
    else:  # pragma: no cover - CI runs as root
        read_only_folder.chmod(0o755)
        (read_only_folder / "w.db").write_bytes(source.read_bytes())
        read_only_folder.chmod(0o555)
    return read_only_folder / "w.db"


def test_a_read_only_workspace_reads_but_every_write_says_read_only(
    read_only_workspace: Path, tmp_path: Path
) -> None:
    ws = str(read_only_workspace)
    assert studio("check", "--workspace", ws).returncode == 0
    assert studio("audit", "verify", "--workspace", ws).returncode == 0
    out = tmp_path / "audit.xlsx"
    edited = tmp_path / "edited.json"  # a bundle to import, from the writable source
    assert (
        studio("config", "export", str(edited), "--workspace", str(tmp_path / "src.db")).returncode
        == 0
    )
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("客户名称", "客户全称"), encoding="utf-8"
    )
    for args in (
        ("audit", "export", "--out", str(out)),
        ("config", "export", str(tmp_path / "b.json")),
        ("config", "import", str(edited)),
        ("change", "submit", "--title", "t", "--user", "lin"),
    ):
        done = studio(*args, "--workspace", ws)
        assert done.returncode == 1, (args, done.stderr)
        assert "read-only" in done.stderr and "Unexpected error" not in done.stderr, args
    assert not out.exists()  # refused before any file was written
