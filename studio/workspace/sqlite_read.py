"""An SQLite workspace read with the standard library alone, for commands that only read.

``studio check`` is run by scripts and editor hooks after every edit, so it must start as fast as
a command-line tool should (under 400 ms, DESIGN's benchmark); importing SQLAlchemy and the
workspace's ORM models alone takes half of that. When the workspace is an SQLite file in the
plainest state (whole, at this studio's schema, its draft made, no kept scan to judge the freeze
with), it is read here, read-only, with the same SQL the studio reads it with
(``studio.draft.read``). In every other state ``open_for_reading`` answers ``None`` and the caller
opens the workspace as usual, which migrates, reports damage and explains every refusal.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schema import migrate
from studio.bundle.model import Bundle, parse_bundle
from studio.draft.read import Rows
from studio.workspace import integrity
from studio.workspace.target import SQLITE_MAGIC, is_url

LIVE_RELEASE = "SELECT version, bundle_sha256 FROM releases ORDER BY version DESC LIMIT 1"


def open_for_reading(target: str) -> sqlite3.Connection | None:
    """A read-only connection to the workspace file ``target``, or ``None`` when it must be
    opened the usual way (a URL, a missing, damaged, foreign or older file, a draft not made yet,
    a kept scan)."""
    if is_url(target):
        return None
    path = Path(target).expanduser()
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return None
    except OSError:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if _plain(conn):
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


def _plain(conn: sqlite3.Connection) -> bool:
    conn.execute("PRAGMA busy_timeout=5000")
    if [r[0] for r in conn.execute("PRAGMA quick_check(5)")] != ["ok"]:
        return False
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"alembic_version", "workspace_meta", "draft", "scans"} <= tables:
        return False
    if integrity.unreadable(conn, tables) is not None:
        return False  # damaged: opened the usual way, which says so
    revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    if revisions != [migrate.head_revision()]:
        return False
    if conn.execute("SELECT 1 FROM draft LIMIT 1").fetchone() is None:
        return False
    return conn.execute("SELECT 1 FROM scans LIMIT 1").fetchone() is None


def rows_of(conn: sqlite3.Connection) -> Rows:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return conn.execute(sql).fetchall()

    return rows


def live_baseline(rows: Rows) -> Bundle | None:
    """The live release's bundle, ``None`` before the first release and when its text does not
    hash to its sha256 or cannot be read (``studio.lint.draft.lint_baseline``'s rule: the draft is
    then linted on its own)."""
    live = rows(LIVE_RELEASE)
    if not live:
        return None
    version, sha = int(live[0][0]), str(live[0][1])
    text = rows(f"SELECT bundle_json FROM releases WHERE version = {version}")[0][0]
    if hashlib.sha256(str(text).encode("utf-8")).hexdigest() != sha:
        return None
    try:
        return parse_bundle(text)
    except (ValidationError, ValueError):
        return None
