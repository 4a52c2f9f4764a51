"""`studio check` on a plain SQLite workspace reads it without SQLAlchemy, and sees exactly what
the studio sees; in every other state the workspace is opened the usual way."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from studio.draft.read import read_draft
from studio.draft.store import load_draft, replace_draft
from studio.lint.draft import check_draft, check_file
from studio.scan.service import run_scan
from studio.workspace.connection import open_workspace
from studio.workspace.sqlite_read import live_baseline, open_for_reading, rows_of
from tests.helpers.crm_db import NOW, make_crm
from tests.helpers.releases import record_release
from tests.unit.studio.lint.builders import add_field, field


def _release(path: Path, bundle: Bundle, version: int = 1, text: str | None = None) -> None:
    ws = open_workspace(str(path))
    try:
        record_release(ws, bundle, version, text)
    finally:
        ws.close()


def _set_draft(path: Path, bundle: Bundle) -> None:
    ws = open_workspace(str(path))
    try:
        with ws.session() as s:
            replace_draft(s, bundle, user="lin")
    finally:
        ws.close()


def _both(path: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The findings read without SQLAlchemy, and through the workspace as the studio reads it."""
    conn = open_for_reading(str(path))
    assert conn is not None
    try:
        plain = [f.to_json() for f in check_file(conn)]
    finally:
        conn.close()
    ws = open_workspace(str(path))
    try:
        with ws.session() as s:
            full = [f.to_json() for f in check_draft(s)]
    finally:
        ws.close()
    return plain, full


def test_a_released_and_edited_draft_reads_and_lints_the_same(sample_workspace_path: Path) -> None:
    _release(sample_workspace_path, sample_bundle())
    # A required field without a default, after a release: an error only the baseline explains.
    edited = add_field(
        sample_bundle(), field("customs_code", "text", required=True), forms=("customer_main",)
    )
    _set_draft(sample_workspace_path, edited)
    conn = open_for_reading(str(sample_workspace_path))
    assert conn is not None
    try:
        assert read_draft(rows_of(conn)).sha256() == edited.sha256()
        live = live_baseline(rows_of(conn))
        assert live is not None and live.sha256() == sample_bundle().sha256()
    finally:
        conn.close()
    ws = open_workspace(str(sample_workspace_path))
    try:
        with ws.session() as s:
            assert load_draft(s).sha256() == edited.sha256()
    finally:
        ws.close()
    plain, full = _both(sample_workspace_path)
    assert plain == full
    assert any(f["severity"] == "error" and f["field"] == "customs_code" for f in plain)


def test_an_altered_live_release_is_no_baseline_on_either_path(sample_workspace_path: Path) -> None:
    text = sample_bundle().canonical_json().decode("utf-8").replace("客户", "客戶", 1)
    _release(sample_workspace_path, sample_bundle(), text=text)
    conn = open_for_reading(str(sample_workspace_path))
    assert conn is not None
    try:
        assert live_baseline(rows_of(conn)) is None
    finally:
        conn.close()
    plain, full = _both(sample_workspace_path)
    assert plain == full


def _studio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """``studio check --format json`` in a process of its own, saying at exit whether it ever
    imported SQLAlchemy."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('sqlalchemy' in sys.modules, file=sys.stderr))\n"
        f"sys.argv = ['studio', 'check', '--format', 'json', '-w', {str(path)!r}]\n"
        "from studio.cli import main\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def test_a_kept_scan_is_read_the_usual_way_and_its_freeze_applies(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=100, notes_average=800)
    _release(sample_workspace_path, sample_bundle())
    assert run_scan(str(sample_workspace_path), url, now=NOW).red == ["customer"]
    _set_draft(
        sample_workspace_path,
        add_field(sample_bundle(), field("device_param_01", "text"), forms=()),
    )
    assert open_for_reading(str(sample_workspace_path)) is None
    result = _studio_check(sample_workspace_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == "True"
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "entity_frozen" in codes


def _older(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")


def _no_draft_row(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM draft")


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: p.unlink(), id="missing"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_text("客户,电话\n", encoding="utf-8"), id="not-sqlite"),
        pytest.param(_older, id="older-schema"),
        pytest.param(_no_draft_row, id="no-draft-row"),
        pytest.param(_damaged, id="damaged"),
    ],
)
def test_other_states_are_left_to_the_usual_opening(
    sample_workspace_path: Path, tmp_path: Path, spoil: object
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy2(sample_workspace_path, path)
    spoil(path)  # type: ignore[operator]
    before = path.read_bytes() if path.exists() else None
    assert open_for_reading(str(path)) is None
    assert (path.read_bytes() if path.exists() else None) == before  # nothing written


def test_a_url_is_left_to_the_usual_opening() -> None:
    assert open_for_reading("postgresql+psycopg://lin@localhost/studio") is None


def test_a_path_with_chinese_spaces_and_uri_characters_is_read(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "客户 配置" / "团队#1?.db"
    path.parent.mkdir()
    shutil.copy2(sample_workspace_path, path)
    conn = open_for_reading(str(path))
    assert conn is not None
    try:
        assert read_draft(rows_of(conn)).sha256() == read_sample_draft(sample_workspace_path)
    finally:
        conn.close()


def read_sample_draft(path: Path) -> str:
    ws = open_workspace(str(path))
    try:
        with ws.session() as s:
            return load_draft(s).sha256()
    finally:
        ws.close()
