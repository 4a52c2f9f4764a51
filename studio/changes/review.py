"""What the Changes pane and the review dialog show, read in one unit of work each.

``review_draft``: the draft against the live version (diff, every rule's findings, impact).
``list_history`` / ``release_diff``: the confirmed releases and what each changed.
All are plain data, safe to compute off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from schema.models import ChangeRequestRow
from studio.bundle import parse_bundle
from studio.changes.impact import Impact, impact_of
from studio.diff import diff_bundles
from studio.draft_store import load_draft
from studio.errors import StudioError
from studio.findings import Finding
from studio.i18n import tr
from studio.lint import check_draft
from studio.releases import list_releases, live_bundle, live_version, release
from studio.workspace import Workspace


@dataclass(frozen=True)
class DraftReview:
    diff: dict[str, Any]
    findings: list[dict[str, Any]]
    impact: Impact
    live_version: int | None
    bundle_sha256: str

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["severity"] == "error"]


def review_draft(ws: Workspace) -> DraftReview:
    """The draft against the live version, with every rule's findings (``check_draft``)."""
    with ws.session() as s:
        draft = load_draft(s)
        live = live_bundle(s)
        findings: list[Finding] = check_draft(s)
        diff = diff_bundles(live, draft)
        return DraftReview(
            diff=diff,
            findings=[f.to_json() for f in findings],
            impact=impact_of(diff),
            live_version=live_version(s),
            bundle_sha256=draft.sha256(),
        )


@dataclass(frozen=True)
class ReleaseView:
    version: int
    author: str
    approvers: tuple[str, ...]
    applied_at: datetime
    change_id: str
    title: str
    bundle_sha256: str
    rollback_of: int | None
    live: bool
    extra: dict[str, Any] = field(default_factory=dict)


def list_history(ws: Workspace) -> list[ReleaseView]:
    """Every confirmed release, newest first, with who approved it (from the accepted document)."""
    with ws.session() as s:
        current = live_version(s)
        titles = {
            c.id: (c.title, c.rollback_of)
            for c in s.scalars(select(ChangeRequestRow).where(ChangeRequestRow.state == "pushed"))
        }
        out = []
        for r in reversed(list_releases(s)):
            approvals: Any = (r.document or {}).get("approvals", [])
            approvers = tuple(
                f"{a.get('user')} ({a.get('role')})"
                for a in approvals
                if isinstance(a, dict) and a.get("decision") == "approve"
            )
            title, rollback_of = titles.get(r.change_id, ("", None))
            out.append(
                ReleaseView(
                    version=r.version,
                    author=r.author,
                    approvers=approvers,
                    applied_at=r.applied_at,
                    change_id=r.change_id,
                    title=title,
                    bundle_sha256=r.bundle_sha256,
                    rollback_of=rollback_of,
                    live=r.version == current,
                )
            )
        return out


def release_diff(ws: Workspace, version: int) -> dict[str, Any]:
    """What release ``version`` changed against the release before it (or against nothing)."""
    with ws.session() as s:
        row = release(s, version)
        if row is None:
            raise StudioError(tr("No release {version}.", version=version))
        previous = None
        for r in list_releases(s):
            if r.version < version:
                previous = r
        before = parse_bundle(previous.bundle_json) if previous is not None else None
        return diff_bundles(before, parse_bundle(row.bundle_json))
