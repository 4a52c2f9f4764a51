"""What the Changes pane and the reviewers see, derived when it is shown.

``review_draft``: the draft against the live version (diff, every rule's findings, impact), plain
data safe to compute off the UI thread. ``review_change``: one change request as a reviewer must
see it before signing, from its exact bundle and a verified live baseline. The release history
is ``studio.changes.history``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from schema.models import ChangeRequestRow
from studio.bundle.diff import diff_bundles
from studio.bundle.model import Bundle, parse_bundle
from studio.changes.baseline import Baseline, local_baseline
from studio.changes.impact import impact
from studio.changes.releases import UnreadableReleaseError, live_bundle, live_version
from studio.changes.view import ChangeView, build_view
from studio.draft.store import load_draft
from studio.i18n import tr
from studio.lint import DataStats, run_all
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
    #: Why the live release cannot serve as the baseline (rewritten in the workspace, or
    #: unreadable); the diff is then empty and submitting is refused.
    baseline_problem: str | None = None

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["severity"] == "error"]


def review_draft(ws: Workspace, stats: DataStats | None = None) -> DraftReview:
    """The draft against the live version, with every rule's findings (``check_draft``);
    ``stats``: the server's record counts, when known (the designer judges with the same)."""
    with ws.session() as s:
        draft = load_draft(s)
        problem: str | None = None
        try:
            live = live_bundle(s)
        except UnreadableReleaseError as exc:
            # No diff against a baseline that cannot be trusted: an empty one, and the reason.
            live, problem = draft, str(exc)
        findings: list[Finding] = check_draft(s, stats)
        diff = diff_bundles(live, draft)
        return DraftReview(
            diff=diff,
            findings=[f.to_json() for f in findings],
            impact=impact(diff),
            live_version=live_version(s),
            bundle_sha256=draft.sha256(),
            baseline_problem=problem,
        )


@dataclass(frozen=True)
class ChangeReview:
    """What a reviewer of one change sees and signs, derived now (never read from the row).

    The diff, findings and impact come from the change's stored bundle text, which must hash to
    the sha256 the signatures cover, against ``baseline``, verified (``studio.changes.baseline``).
    The diff and findings stored with the change at submit are a cache at most: whoever can write
    to the workspace can rewrite them (issue 20).
    """

    change: ChangeView
    baseline: Baseline
    #: ``None`` when there is no trustworthy baseline to diff against.
    diff: dict[str, Any] | None
    findings: list[dict[str, Any]]
    #: ``studio.changes.impact.impact`` of ``diff`` (without server statistics).
    impact: dict[str, Any]
    #: The exact bundle under signature, parsed from the stored text that hashes to the signed
    #: sha256 (``None`` when nothing is derived).
    bundle: Bundle | None = None
    #: The impact replay of a rules change, run for this review over the exact bundle and the
    #: verified baseline (``studio.changes.replay_gate.reviewed_evidence``); ``None`` when the
    #: change touches no rules or nobody ran it (``studio.client.review`` does).
    replay: dict[str, Any] | None = None

    @property
    def problems(self) -> tuple[str, ...]:
        """Why nobody may approve on the strength of this review (shown in red)."""
        out: list[str] = []
        if self.baseline.problem is not None:
            out.append(str(self.baseline.problem))
        if not self.change.bundle_intact:
            out.extend(self.change.blockers[:1])
        return tuple(out)

    @property
    def can_approve(self) -> bool:
        return not self.problems

    @property
    def baseline_sentence(self) -> str:
        """What the diff is against and how it was verified (one line for people)."""
        b = self.baseline
        if b.problem is not None:
            return str(b.problem)
        if b.version is None:
            return tr("Against: no live version yet (first release).")
        if b.server_checked:
            return tr(
                "Against live v{version} (sha256 {sha}), verified against its sha256 and the "
                "server's current release.",
                version=b.version,
                sha=(b.sha256 or "")[:12],
            )
        return tr(
            "Against live v{version} (sha256 {sha}), verified against its sha256 only: {why}",
            version=b.version,
            sha=(b.sha256 or "")[:12],
            why=str(b.note) if b.note is not None else "-",
        )


def derive_review(
    session: Session,
    change: ChangeRequestRow,
    baseline: Baseline | None = None,
    counts: Callable[[dict[str, Any], Bundle], DataStats | None] | None = None,
    *,
    view: ChangeView | None = None,
) -> ChangeReview:
    """The review of ``change`` against ``baseline`` (default: the workspace's own, verified
    locally only); ``counts(diff, bundle)``: the server's record counts for the rules that need
    them."""
    from studio.scan.freeze import with_freeze

    view = view if view is not None else build_view(session, change)
    baseline = baseline if baseline is not None else local_baseline(session)
    if (baseline.bundle is None and baseline.version is not None) or not view.bundle_intact:
        # Nothing is derived from a baseline that cannot be trusted, nor from a bundle that is
        # no longer what was signed (it may not even parse): the review says why instead.
        return ChangeReview(view, baseline, None, [], impact({}))
    # The stored text, hashed and parsed now: what the approvals sign (``build_view`` already
    # said whether it still hashes to the signed sha256).
    bundle = parse_bundle(change.bundle_json)
    live = baseline.bundle
    diff = diff_bundles(live, bundle)
    stats = counts(diff, bundle) if counts is not None else None
    findings = run_all(bundle, with_freeze(session, stats, live, bundle), live)
    return ChangeReview(
        view, baseline, diff, [f.to_json() for f in findings], impact(diff), bundle=bundle
    )


def review_change(ws: Workspace, change_id: str, baseline: Baseline | None = None) -> ChangeReview:
    """``derive_review`` in one unit of work (``studio.client.review`` adds the server)."""
    from studio.changes.flow import _find

    with ws.session() as s:
        return derive_review(s, _find(s, change_id), baseline)
