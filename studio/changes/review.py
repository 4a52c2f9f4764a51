"""What the Changes pane shows of the draft, read in one unit of work.

``review_draft``: the draft against the live version (diff, every rule's findings, impact), plain
data safe to compute off the UI thread. The release history is ``studio.changes.history``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.bundle.diff import diff_bundles
from studio.changes.impact import impact
from studio.changes.releases import live_bundle, live_version
from studio.draft.store import load_draft
from studio.lint import DataStats
from studio.lint.draft import check_draft
from studio.lint.findings import Finding
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class DraftReview:
    diff: dict[str, Any]
    findings: list[dict[str, Any]]
    #: ``studio.changes.impact.impact`` of the diff (without server statistics)
    impact: dict[str, Any]
    live_version: int | None
    bundle_sha256: str

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["severity"] == "error"]


def review_draft(ws: Workspace, stats: DataStats | None = None) -> DraftReview:
    """The draft against the live version, with every rule's findings (``check_draft``);
    ``stats``: the server's record counts, when known (the designer judges with the same)."""
    with ws.session() as s:
        draft = load_draft(s)
        live = live_bundle(s)
        findings: list[Finding] = check_draft(s, stats)
        diff = diff_bundles(live, draft)
        return DraftReview(
            diff=diff,
            findings=[f.to_json() for f in findings],
            impact=impact(diff),
            live_version=live_version(s),
            bundle_sha256=draft.sha256(),
        )
