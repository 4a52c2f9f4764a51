"""``studio rules replay [--since 30d | --sample F.xlsx | --db URL] [--format json]``: the impact
replay of the draft's automation rules against the live ones, headless.

JSON: ``{"replayed", "changed_outcome", "to_default", "to_no_owner", "rejected_by_validation",
"stranded", "by_outcome": {outcome: [before, after]}, "share_to_default_or_no_owner", ...}``.
Exit 0 when the replay ran (whatever it found), 1 when it could not run.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from studio.cli.common import UserOpt, WorkspaceOpt, on_workspace
from studio.i18n import tr

if TYPE_CHECKING:
    from studio.workspace.connection import Workspace

app = typer.Typer(help="Automation rules: the impact replay of the draft's rules.")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("replay")
def replay(
    workspace: WorkspaceOpt = None,
    user: UserOpt = None,
    since: Annotated[
        str, typer.Option("--since", help="The window of recent records: 30d, 12h, 2w.")
    ] = "30d",
    sample: Annotated[
        Path | None,
        typer.Option("--sample", help="A workbook of records instead of the server's."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="A CRM database (read-only) instead of the server's records."),
    ] = None,
    server: Annotated[str | None, typer.Option("--server", help="The CRM server's URL.")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="text for people, json for scripts.")
    ] = OutputFormat.text,
) -> None:
    """Replay recent records through the live rules and the draft's; print what would change."""
    from datetime import UTC, datetime

    from studio.automation.replay import Replay, changed_entities, replay_change
    from studio.automation.sources import parse_window, records_from_database
    from studio.changes.releases import live_bundle
    from studio.client.replay import replay_draft
    from studio.draft.store import load_draft

    def run(ws: Workspace) -> dict[str, Any] | None:
        window = parse_window(since) if sample is None else None
        if db is not None:
            with ws.session() as s:
                live, draft = live_bundle(s), load_draft(s)
            entities = changed_entities(live, draft)
            if not entities:
                return None
            start = datetime.now(UTC) - window if window is not None else None
            records = {e: records_from_database(db, e, since=start) for e in entities}
            result: Replay = replay_change(live, draft, records)
            return {**result.to_json(), "source": db}
        kwargs: dict[str, Any] = {"sample": sample, "server_url": server}
        if window is not None:
            kwargs["window"] = window
        ran = replay_draft(ws, **kwargs)
        return ran.to_json() if ran is not None else None

    document = on_workspace(workspace, run)
    if document is None:
        document = empty_replay()
    if format == OutputFormat.json:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(document))


def empty_replay() -> dict[str, Any]:
    return {
        "replayed": 0,
        "changed_outcome": 0,
        "to_default": 0,
        "to_no_owner": 0,
        "rejected_by_validation": 0,
        "stranded": 0,
        "over_dwell": 0,
        "by_outcome": {},
        "share_to_default_or_no_owner": 0.0,
        "level": "ok",
        "entities": {},
    }


def render_text(document: dict[str, Any]) -> str:
    """The replay's numbers as lines a person reads (the same sentences as the review)."""
    from studio.automation.report import replay_lines

    if not document.get("entities"):
        return tr("The draft changes no automation rules: nothing to replay.")
    return "\n".join(replay_lines(document))
