"""``studio change list`` and ``studio change show``: the commands that read change requests.

They run on a damaged workspace too (read-only); ``show`` derives what a reviewer must see now,
from the exact bundle and a verified live version. Registered in ``studio.cli.change``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from studio.cli.common import (
    FormatOpt,
    UserOpt,
    WorkspaceOpt,
    fail,
    on_workspace,
    read_only_notice,
)
from studio.i18n import tr
from studio.i18n.changes import decision_name, state_name

if TYPE_CHECKING:
    from studio.changes import ChangeList, ChangeView, DraftEdited
    from studio.workspace.connection import Workspace


def list_(workspace: WorkspaceOpt = None, user: UserOpt = None, fmt: FormatOpt = "text") -> None:
    """The change requests and their state, newest first."""
    # A change whose stored text cannot be read is listed as damaged, the others as always; the
    # workspace is then read-only, the backup to restore is named once, and the exit code is 1
    # (the list is not whole).
    from studio.changes.change_list import DamagedChange, draft_edited, read_change_list

    def run(ws: Workspace) -> tuple[ChangeList, DraftEdited | None, str | None]:
        at_open = ws.damaged
        listed = read_change_list(ws)
        # Damage found while listing is said here, as the open says the damage it finds (once).
        found = str(ws.damaged) if listed.damaged and at_open is None else None
        return listed, draft_edited(ws, listed), found

    listed, edited, found = on_workspace(workspace, run, damaged_read_only=True)
    if fmt == "json":
        typer.echo(
            json.dumps(
                {
                    "changes": [v.to_json(with_diff=False) for v in listed.views],
                    "draft_edited_since": edited.change_id if edited else None,
                    "damaged": [d.to_json() for d in listed.damaged],
                },
                ensure_ascii=False,
            )
        )
    else:
        for v in listed.entries:
            if isinstance(v, DamagedChange):
                version = f"v{v.target_version}" if v.target_version is not None else "v?"
                typer.echo(f"{v.id[:8]}  {version:<5} {tr('damaged'):<10} {v.author:<10} {v.title}")
                continue
            typer.echo(
                f"{v.id[:8]}  v{v.target_version:<4} {state_name(v.state):<10} {v.author:<10} "
                f"{v.title}"
            )
        if edited is not None:
            typer.echo(f"! {edited.message}")
    if listed.damaged:
        if found is not None:
            typer.echo(read_only_notice(found), err=True)
        for d in listed.damaged:
            typer.echo(
                tr("Change {id} cannot be read: {reason}", id=d.id[:8], reason=d.reason), err=True
            )
        raise typer.Exit(code=1)


def show(
    change_id: Annotated[str, typer.Argument(help="The change id (or its first 8 characters).")],
    server: Annotated[
        str | None,
        typer.Option(
            "--server", help="Server to count records on (else STUDIO_SERVER_URL or the last push)."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write the change to this Excel workbook (.xlsx), access diff included.",
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    fmt: FormatOpt = "text",
) -> None:
    """One change request: state, approvals, what blocks a push, the diff, impact and findings.

    The impact counts the server's records that a newly required field would leave unsaveable;
    when the server cannot be asked, the count is unknown and the reason is printed.
    """
    from studio import changes
    from studio.bundle.diff import render_text
    from studio.changes.impact import impact, impact_sentences
    from studio.changes.replay_gate import review_lines
    from studio.changes.view import PENDING_STATES, PUSHED
    from studio.client.review import review_change
    from studio.client.stats import impact_with_stats

    handovers: dict[str, Any] = {"handovers": [], "problem": None}

    def run(ws: Workspace) -> tuple[ChangeView, Any, dict[str, Any], DraftEdited | None]:
        view = changes.get_change(ws, change_id)
        # Only the open change the draft has moved away from gets the note (and only then is
        # the draft loaded and hashed).
        edited = changes.draft_edited_since(ws) if view.state in PENDING_STATES else None
        if edited is not None and edited.change_id != view.id:
            edited = None
        if view.state == PUSHED:
            # Live already: what it changed, from the verified releases (not the stored cache).
            diff = changes.release_diff(ws, view.target_version)
            return view, None, {**impact(diff), "statistics_problem": None, "diff": diff}, edited
        # What a reviewer must see: derived now from the exact bundle and a verified live
        # version (the diff and findings stored at submit are a cache anyone could rewrite).
        review = review_change(ws, view.id, server_url=server, replay=view.state in PENDING_STATES)
        diff = review.diff or {}
        if not diff or view.state not in PENDING_STATES:
            # A superseded or rejected change: today's counts would say nothing about it.
            return view, review, {**impact(diff), "statistics_problem": None, "diff": diff}, edited
        effects = impact_with_stats(ws, diff, server_url=server)
        # issue 14: what a leaver's hand-over would move, counted by the server
        from studio.client.owners import handover_counts

        handovers.update(handover_counts(ws, diff, server_url=server))
        return view, review, {**effects, "diff": diff}, edited

    view, review, effects, edited = on_workspace(workspace, run, damaged_read_only=True)
    diff = effects.pop("diff")
    findings = review.findings if review is not None else view.findings
    problems = review.problems if review is not None else ()
    if out is not None:
        from studio.changes.workbook import write_change_workbook
        from studio.errors import StudioError

        try:
            write_change_workbook(
                view,
                diff,
                findings,
                out,
                impact=impact_sentences(effects, diff, effects["statistics_problem"]),
            )
        except StudioError as exc:
            raise fail(str(exc)) from None
    if fmt == "json":
        data = {
            **view.to_json(),
            "diff": diff,
            "findings": findings,
            "impact": effects,
            "draft_edited_since": edited is not None,
            # The impact replay of a rules change, run now for the review (issue 18).
            "replay": review.replay if review is not None else None,
            "handovers": handovers,
        }
        if review is not None:
            data["baseline"] = {
                "version": review.baseline.version,
                "bundle_sha256": review.baseline.sha256,
                "server_checked": review.baseline.server_checked,
                "verified": review.baseline.verified,
                "problem": str(review.baseline.problem) if review.baseline.problem else None,
                "note": str(review.baseline.note) if review.baseline.note else None,
            }
            data["can_approve"] = review.can_approve
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(f"{view.id}  {view.title}")
    typer.echo(
        tr(
            "state: {state}; author: {author}; version {parent} -> {target}",
            state=state_name(view.state),
            author=view.author,
            parent=view.parent_version if view.parent_version is not None else "-",
            target=view.target_version,
        )
    )
    if edited is not None:
        typer.echo(f"! {edited.message}")
    if view.rollback_of is not None:
        typer.echo(tr("rollback to version {version}", version=view.rollback_of))
    if view.reason:
        typer.echo(tr("reason: {reason}", reason=view.reason))
    # The rules replay (run now over the exact bundle), before anything else about the change.
    for line in review_lines(review.replay if review is not None else None):
        typer.echo(f"! {line}")
    for a in view.approvals:
        mark = "✓" if a.valid else "✗"
        typer.echo(f"  {mark} {a.user} ({a.role}) {decision_name(a.decision)} {a.comment}")
    for b in dict.fromkeys((*problems, *view.blockers)):
        typer.echo(f"  ! {b}")
    if review is not None and review.baseline.verified:
        typer.echo(review.baseline_sentence)
    typer.echo(render_text(diff) if diff else "")
    for line in impact_sentences(effects, diff, effects["statistics_problem"]):
        typer.echo(f"  {line}")
    for h in handovers["handovers"]:
        if handovers["problem"]:
            typer.echo(
                "  "
                + tr(
                    "Hand-over {user} -> {to}: record counts unknown ({problem})",
                    user=h["user"],
                    to=h["to"],
                    problem=handovers["problem"],
                )
            )
        else:
            counts = ", ".join(f"{e} {n}" for e, n in h["records"].items())
            typer.echo(
                "  "
                + tr(
                    "Hand-over {user} -> {to}: records that change owner: {counts}",
                    user=h["user"],
                    to=h["to"],
                    counts=counts,
                )
            )
    for f in findings:
        typer.echo(f"  [{f['severity']}] {f['code']}: {f['message']}")
