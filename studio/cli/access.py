"""``studio access`` (effective access with reasons) and ``studio leaver`` (the hand-over)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from studio.cli.common import FormatOpt, WorkspaceOpt, fail, need_user, on_workspace
from studio.i18n import tr

if TYPE_CHECKING:
    from studio.changes import ChangeView
    from studio.workspace.connection import Workspace


def access(
    entity: Annotated[
        str | None, typer.Option("--entity", help="The entity key, e.g. contract.")
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", "-u", help="Whose access (a workspace user).")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="A role instead of a user.")] = None,
    workspace: WorkspaceOpt = None,
    fmt: FormatOpt = "text",
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the permission health report (.xlsx) instead."),
    ] = None,
) -> None:
    """What a user (or role) may do to an entity, action by action and field by field, with the
    reason for each."""
    if report is not None:
        _report(workspace, report)
        return
    from studio.access.effective import effective_access
    from studio.draft.save import read_draft
    from studio.i18n.access import access_word, action_word, scope_word

    if (user is None) == (role is None) or entity is None:
        raise fail(
            tr("Name a user with --user or a role with --role, and an entity with --entity.")
        )

    def run(ws: Workspace) -> object:
        bundle, _revision = read_draft(ws)
        try:
            return effective_access(bundle, entity, user=user, role=role)
        except KeyError as exc:
            raise fail(tr("Unknown user, role or entity: {key}", key=exc.args[0])) from None

    result = on_workspace(workspace, run)
    from studio.access.effective import EffectiveAccess

    assert isinstance(result, EffectiveAccess)
    if fmt == "json":
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(
        tr("{who} on {entity} (role {role}):", who=user or role, entity=entity, role=result.role)
    )
    for a in result.actions:
        scope = str(scope_word(a.scope)) if a.scope else "—"
        typer.echo(f"  {action_word(a.action)!s:<8} {scope:<8} {a.reason}")
    for f in result.fields:
        typer.echo(f"  {f.field:<24} {access_word(f.access)!s:<8} {f.reason}")


def _report(workspace: str | None, out: Path) -> None:
    from studio.access.health import write_health_report
    from studio.client.stats import draft_stats
    from studio.draft.save import load_state

    def run(ws: Workspace) -> Path:
        state = load_state(ws)
        # With a server at hand, the records leavers still own are counted (else: unknown).
        return write_health_report(state.bundle, out, state.live, draft_stats(ws))

    written = on_workspace(workspace, run)
    typer.echo(tr("Permission health report written to {path}", path=written))


def leaver(
    user: Annotated[str, typer.Option("--user", "-u", help="Who is leaving.")],
    to: Annotated[str, typer.Option("--to", help="The colleague who takes over their records.")],
    title: Annotated[str, typer.Option("--title", help="What the change does.")],
    reason: Annotated[str, typer.Option("--reason", help="Why.")] = "",
    author: Annotated[
        str | None,
        typer.Option("--author", envvar="STUDIO_USER", help="Who submits the change."),
    ] = None,
    workspace: WorkspaceOpt = None,
) -> None:
    """Submit the leaver hand-over as one change: disable the user, revoke their approver key,
    rewrite teams and assignment rules to the colleague, and reassign their records when the
    release goes live. Prints the change id."""
    from studio import changes
    from studio.access.leaver import HandOver
    from studio.cli.change import _signer
    from studio.client.stats import draft_stats
    from studio.draft.document import DraftDocument
    from studio.lint import run_all

    who = need_user(author)

    def run(ws: Workspace) -> ChangeView:
        doc = DraftDocument.load(ws)
        registry = doc.live.approvers if doc.live is not None else None
        op = HandOver(user, to, registry=registry if doc.bundle.approvers is None else None)
        doc.apply(op)  # refused here (nothing saved): to oneself, to a leaver, the last admin
        stats = draft_stats(ws, server_url=None)
        blocking = [f for f in run_all(doc.bundle, stats, doc.live) if f.blocking]
        if blocking:  # the draft is left as it was
            raise fail("\n".join(f"[{f.severity}] {f.code}: {f.message}" for f in blocking))
        doc.save(ws, who, op.text())
        return changes.submit(ws, who, title, reason, stats=stats, passphrase=_signer(ws, who))

    view = on_workspace(workspace, run)
    typer.echo(view.id)
