"""``studio change ...``: submit, approve, reject, push, sync, roll back; the reading commands
(list, show) are in ``studio.cli.change_read`` and registered here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from studio.cli import change_read
from studio.cli.common import UserOpt, WorkspaceOpt, fail, need_user, on_workspace, passphrase
from studio.i18n import tr

if TYPE_CHECKING:
    from studio.changes import ChangeView
    from studio.workspace.connection import Workspace

app = typer.Typer(help="Change requests: submit, approve, push, roll back.", no_args_is_help=True)


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
            "In step with the server (version {version}); {n} releases recorded.",
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


# The reading commands, after the others as they always were listed in the help.
app.command("list")(change_read.list_)
app.command("show")(change_read.show)


def _status_line(view: ChangeView) -> str:
    if view.policy.met:
        return tr("Change {id} is approved and can be pushed.", id=view.id[:8])
    if view.state == "rejected":
        return tr("Change {id} is rejected.", id=view.id[:8])
    return tr("Change {id}: {reasons}", id=view.id[:8], reasons=" ".join(view.policy.reasons))
