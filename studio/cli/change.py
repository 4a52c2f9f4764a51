"""``studio change ...``: submit, approve, reject, push, roll back, list, show."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, fail, need_user, on_workspace, passphrase
from studio.i18n import tr
from studio.i18n.changes import decision_name, state_name

if TYPE_CHECKING:
    from studio.changes import ChangeView, DraftEdited
    from studio.workspace.connection import Workspace

app = typer.Typer(help="Change requests: submit, approve, push, roll back.", no_args_is_help=True)

FormatOpt = Annotated[str, typer.Option("--format", help="text or json")]


@app.command("submit")
def submit(
    title: Annotated[str, typer.Option("--title", help="What the change does.")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")] = "",
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Server whose record counts the rules use (default: the one pushed to).",
        ),
    ] = None,
    acknowledge: Annotated[
        str,
        typer.Option(
            "--acknowledge",
            help="Why to submit a rules change whose replay is above the block share (or could "
            "not run); the reviewers read it first.",
        ),
    ] = "",
) -> None:
    """Freeze the draft into a change request; prints its id.

    With a server at hand, a field that becomes required is judged by the server's records that
    lack it; without one, as before. A change of automation rules is replayed over the server's
    records of the last 30 days first (``studio rules replay``).
    """
    from studio import changes
    from studio.client.replay import ReplayUnavailable, replay_draft
    from studio.client.stats import draft_stats

    who = need_user(user)

    def run(ws: Workspace) -> ChangeView:
        stats = draft_stats(ws, server_url=server)
        try:
            ran, problem = replay_draft(ws, server_url=server), None
        except ReplayUnavailable as exc:
            ran, problem = None, str(exc)
            typer.echo(problem, err=True)
        # The author signs the submission: the server learns who wrote a change from it.
        return changes.submit(
            ws,
            who,
            title,
            reason,
            stats=stats,
            passphrase=_signer(ws, who),
            replay=ran,
            replay_problem=problem,
            acknowledgement=acknowledge,
        )

    view = on_workspace(workspace, run)
    typer.echo(view.id)


def _signer(ws: Workspace, who: str) -> Callable[[], str] | None:
    """How the author signs a submission (the server learns who wrote a change from it): with
    their key's passphrase, asked once the change passed its checks. Without a key the change is
    stored unsigned, to be reviewed but not pushed, and the author is told."""
    from studio.changes import keys as keys_core
    from studio.changes import keystore

    if any(keystore.has_private_key(kid) for kid in keys_core.active_key_ids(ws, who)):
        return lambda: passphrase(who)
    typer.echo(
        tr(
            "{user} has no signing key here: the change is not signed by its author and cannot be "
            "pushed. Create one with 'studio keys create --user {user}' and submit again.",
            user=who,
        ),
        err=True,
    )
    return None


@app.command("approve")
def approve(
    change_id: Annotated[str, typer.Argument(help="The change id (or its first 8 characters).")],
    comment: Annotated[str, typer.Option("--comment")] = "",
    server: Annotated[
        str | None,
        typer.Option(
            "--server", help="Server whose current release the review is checked against."
        ),
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Sign an approval with your key, after checking the live version it is reviewed against."""
    from studio import changes
    from studio.client.review import review_change

    who = need_user(user)

    def run(ws: Workspace) -> ChangeView:
        changes.check_can_decide(ws, change_id, who)
        # Signed only on the strength of a review derived now, against a live version the
        # server vouched for when it can be asked (issue 20).
        # (The replay is for reading, in ``change show``; the signature does not depend on it.)
        review = review_change(ws, change_id, server_url=server, replay=False)
        if not review.can_approve:
            raise changes.ChangeRefused(review.problems[0])
        return changes.approve(ws, change_id, who, passphrase(who), comment, reviewed=review)

    view = on_workspace(workspace, run)
    typer.echo(_status_line(view))


@app.command("reject")
def reject(
    change_id: Annotated[str, typer.Argument(help="The change id (or its first 8 characters).")],
    comment: Annotated[str, typer.Option("--comment", help="Why (required).")] = "",
    server: Annotated[
        str | None,
        typer.Option("--server", help="Server to tell (else STUDIO_SERVER_URL or the last push)."),
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Sign a rejection (a comment is required) and send it to the server, which then refuses
    to apply this change whoever pushes it."""
    from studio import changes
    from studio.client.push import PushError, send_rejection

    who = need_user(user)
    if not comment.strip():
        raise fail(tr("A rejection needs a comment saying why."))

    def run(ws: Workspace) -> ChangeView:
        changes.check_can_decide(ws, change_id, who)
        view = changes.reject(ws, change_id, who, passphrase(who), comment)
        try:
            url = send_rejection(ws, view.id, who, server_url=server)
        except PushError as exc:
            typer.echo(
                tr(
                    "The rejection is recorded here, but the server was not told: {reason}",
                    reason=exc,
                ),
                err=True,
            )
        else:
            if url is not None:
                typer.echo(tr("The server at {url} now refuses this change.", url=url), err=True)
        return view

    view = on_workspace(workspace, run)
    typer.echo(_status_line(view))


@app.command("push")
def push(
    change_id: Annotated[str, typer.Argument(help="The change id (or its first 8 characters).")],
    server: Annotated[
        str | None, typer.Option("--server", help="Server URL (else STUDIO_SERVER_URL).")
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Push an approved change to the server; the live version moves on its confirmation."""
    from studio import changes
    from studio.client.push import push as push_release

    def progress(stage: str, _fraction: float) -> None:
        typer.echo(stage, err=True)

    def run(ws: Workspace) -> ChangeView:
        pusher = user or changes.get_change(ws, change_id).author
        secret = _head_signer(ws, pusher)
        result = push_release(
            ws,
            change_id,
            server_url=server,
            user=pusher,
            progress=progress,
            passphrase=secret,
        )
        typer.echo(
            tr("Version {version} is live on {url}.", version=result.version, url=result.server_url)
        )
        if result.anchor_problem and secret is not None:  # else _head_signer said why
            typer.echo(result.anchor_problem, err=True)
        return changes.get_change(ws, result.change_id)

    on_workspace(workspace, run)


def _head_signer(ws: Workspace, who: str) -> Callable[[], str] | None:
    """The pusher's passphrase: their key signs the audit log's head the server keeps after the
    push (issue 20). Without a key here the push goes ahead, unanchored, and they are told."""
    from studio.changes import keys as keys_core
    from studio.changes import keystore

    if any(keystore.has_private_key(kid) for kid in keys_core.active_key_ids(ws, who)):
        return lambda: passphrase(who)  # asked once the change passed its checks
    typer.echo(
        tr(
            "{user} has no signing key here: the audit log's head left with the server is "
            "signed by the pusher, so this push does not anchor the log.",
            user=who,
        ),
        err=True,
    )
    return None


@app.command("sync")
def sync(
    server: Annotated[
        str | None, typer.Option("--server", help="Server URL (else STUDIO_SERVER_URL).")
    ] = None,
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """Record the releases the server has and this workspace lacks (pushed from elsewhere)."""
    from studio.client.sync import sync_releases

    result = on_workspace(
        workspace, lambda ws: sync_releases(ws, server_url=server, actor=user or "unknown")
    )
    typer.echo(
        tr(
            "In step with the server (version {version}); {n} release(s) recorded.",
            version=result.server_version if result.server_version is not None else "-",
            n=len(result.added),
        )
    )


@app.command("rollback")
def rollback(
    to: Annotated[int, typer.Option("--to", help="The release to go back to.")],
    title: Annotated[str, typer.Option("--title")],
    reason: Annotated[str, typer.Option("--reason")] = "",
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
) -> None:
    """A new change whose bundle is that release's; prints its id."""
    from studio import changes

    who = need_user(user)
    view = on_workspace(
        workspace,
        lambda ws: changes.rollback(ws, who, to, title, reason, passphrase=_signer(ws, who)),
    )
    typer.echo(view.id)


@app.command("list")
def list_(workspace: WorkspaceOpt = None, user: UserOpt = None, fmt: FormatOpt = "text") -> None:
    """The change requests and their state, newest first."""
    from studio import changes

    views, edited = on_workspace(
        workspace,
        lambda ws: (changes.list_changes(ws), changes.draft_edited_since(ws)),
        damaged_read_only=True,
    )
    if fmt == "json":
        typer.echo(
            json.dumps(
                {
                    "changes": [v.to_json(with_diff=False) for v in views],
                    "draft_edited_since": edited.change_id if edited else None,
                },
                ensure_ascii=False,
            )
        )
        return
    for v in views:
        typer.echo(
            f"{v.id[:8]}  v{v.target_version:<4} {state_name(v.state):<10} {v.author:<10} {v.title}"
        )
    if edited is not None:
        typer.echo(f"! {edited.message}")


@app.command("show")
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


def _status_line(view: ChangeView) -> str:
    if view.policy.met:
        return tr("Change {id} is approved and can be pushed.", id=view.id[:8])
    if view.state == "rejected":
        return tr("Change {id} is rejected.", id=view.id[:8])
    return tr("Change {id}: {reasons}", id=view.id[:8], reasons=" ".join(view.policy.reasons))
