"""Opening a workspace: what the damage check on open costs (issue 20).

    PYTHONPATH=$PWD python benchmarks/workspace_open.py [--runs 5]

Two SQLite workspaces: the sample, and a large one (the draft benchmark's configuration of 100
entities x 100 fields x 20 roles, a 16 MB bundle, frozen into 12 change requests of which one is
open, and 2 releases, with 20,000 audit entries: about 240 MB). Each round measures, one after
the other on the same file (so a noisy shared machine slows all alike):

- SQLite's ``PRAGMA quick_check`` alone (the check on open before issue 20's walk),
- ``studio.workspace.integrity.sqlite_damage``: the quick check, the tables, and the bounded walk
  of the stored texts (``integrity.WALK``),
- the walk alone (``integrity.unreadable``),
- ``open_workspace`` whole (checks, engine, revision) and close.

Medians in ms, and the ratio of the whole check to the quick check alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from schema.models import Base
from studio.workspace import integrity
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import open_workspace

CHANGES, OPEN, RELEASES, ENTRIES = 12, 1, 2, 20_000


def _sample(folder: Path) -> Path:
    path = folder / "sample.db"
    init_workspace(path, sample=True).close()
    return path


def _large(folder: Path) -> Path:
    from benchmarks.draft import big_bundle
    from studio.draft.store import replace_draft

    path = folder / "large.db"
    ws = init_workspace(path, sample=True)
    bundle = big_bundle()
    with ws.session() as s:
        replace_draft(s, bundle, user="lin")
    ws.close()
    text = bundle.canonical_json().decode("utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    conn = sqlite3.connect(path)
    with conn:
        for i in range(CHANGES):
            conn.execute(
                "INSERT INTO change_requests (id, title, reason, author, state, bundle_json, "
                "bundle_sha256, parent_version, target_version, diff, findings, created_at) "
                "VALUES (?, ?, '', 'lin', ?, ?, ?, NULL, 1, '{}', '[]', datetime('now'))",
                (
                    f"c{i:03}",
                    f"Change {i}",
                    "open" if i >= CHANGES - OPEN else "superseded",
                    text,
                    sha,
                ),
            )
        for v in range(1, RELEASES + 1):
            conn.execute(
                "INSERT INTO releases (version, change_id, author, bundle_json, bundle_sha256, "
                "document, applied_at) VALUES (?, ?, 'lin', ?, ?, '{}', datetime('now'))",
                (v, f"c{v:03}", text, sha),
            )
        last = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        for n in range(ENTRIES):
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, "
                "hash) VALUES (?, datetime('now'), 'lin', 'edit', 'draft', ?, ?, ?)",
                (last + 1 + n, json.dumps({"n": n, "what": "x" * 120}), f"p{n}", f"h{n}"),
            )
    conn.close()
    return path


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def measure(path: Path, runs: int) -> dict[str, float]:
    expected = set(Base.metadata.tables)
    samples: dict[str, list[float]] = {}

    def quick() -> None:
        conn = _ro(path)
        assert [r[0] for r in conn.execute("PRAGMA quick_check(5)")] == ["ok"]
        conn.close()

    def whole_check() -> None:
        conn = _ro(path)
        assert integrity.sqlite_damage(conn, expected) is None
        conn.close()

    def walk() -> None:
        conn = _ro(path)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert integrity.unreadable(conn, tables) is None
        conn.close()

    def open_close() -> None:
        open_workspace(path).close()

    open_close()  # warm: the file in the OS cache, imports done
    for _ in range(runs):
        for name, fn in (
            ("quick_check", quick),
            ("damage check", whole_check),
            ("walk alone", walk),
            ("open_workspace", open_close),
        ):
            samples.setdefault(name, []).append(_timed(fn))
    return {name: statistics.median(values) for name, values in samples.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [("sample", _sample(folder)), ("large", _large(folder))]
        print(
            f"{'workspace':<10}{'MB':>7}{'quick_check':>13}{'damage check':>14}"
            f"{'walk alone':>12}{'open_workspace':>16}{'check/quick':>13}"
        )
        for name, path in rows:
            m = measure(path, args.runs)
            print(
                f"{name:<10}{path.stat().st_size / 1e6:>7.0f}{m['quick_check']:>13.1f}"
                f"{m['damage check']:>14.1f}{m['walk alone']:>12.1f}"
                f"{m['open_workspace']:>16.1f}{m['damage check'] / m['quick_check']:>12.1f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
