"""Lint the workspace's draft: every registered rule, with the live release as the baseline.

The CLI's ``studio check``, the GUI's findings panel and submit all call ``check_draft`` so they
see the same findings.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from studio.bundle.model import Bundle
from studio.lint import DataStats, run_all
from studio.lint.findings import Finding, Severity

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def lint_baseline(session: Session) -> Bundle | None:
    """The live bundle the rules compare the draft with, ``None`` when there is none to use.

    A live release the studio cannot read any more (a newer schema) gives ``None``: the rules
    then judge the draft on its own rather than refusing to lint at all.
    """
    from studio.changes.releases import UnreadableReleaseError, live_bundle

    try:
        return live_bundle(session)
    except UnreadableReleaseError:
        return None


def check_draft(session: Session, stats: DataStats | None = None) -> list[Finding]:
    """All findings on the draft, errors first (``run_all``'s order); a red entity of the last
    kept scan is frozen (``studio.scan.freeze``)."""
    from studio.draft.store import load_draft
    from studio.scan.freeze import with_freeze

    draft, live = load_draft(session), lint_baseline(session)
    return run_all(draft, stats=with_freeze(session, stats, live, draft), live=live)


def check_file(conn: sqlite3.Connection) -> list[Finding]:
    """``check_draft`` on a workspace file opened by ``studio.workspace.sqlite_read`` (one with
    no kept scan, so nothing is frozen and no database budget applies), without SQLAlchemy."""
    from studio.draft.read import read_draft
    from studio.workspace.sqlite_read import live_baseline, rows_of

    rows = rows_of(conn)
    draft, live = read_draft(rows), live_baseline(rows)
    stats = DataStats(extra={"frozen": {}, "db_budget": {}})
    return run_all(draft, stats=stats, live=live)


def summary(findings: list[Finding]) -> dict[str, Any]:
    """Counts per severity, and whether anything blocks (for ``check --format json``)."""
    counts = {s.value: sum(1 for f in findings if f.severity == s) for s in Severity}
    return {
        "errors": counts["error"],
        "warnings": counts["warning"],
        "info": counts["info"],
        "total": len(findings),
        "blocking": counts["error"] > 0,
    }
