"""The impact replay of a rules change over the server's recent records (``GET /api/v1/records``).

``replay_draft(ws, ...)`` replays the draft's rules against the live ones over the records the
server wrote within the window (default 30 days), or over a workbook the admin picks
(``studio.automation.workbook``). A replay that cannot run (no server, a refused token, no answer)
raises ``ReplayUnavailable`` with the reason: submit then says so instead of passing silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from studio.automation.replay import CANCELLED, Replay, changed_entities, replay_change
from studio.bundle.model import Bundle
from studio.changes import keystore
from studio.client.http import RetryPolicy, check_server_url, is_auth_failure, server_client
from studio.client.server_url import resolve_server_url
from studio.errors import StudioError
from studio.i18n import Message
from studio.progress import NoProgress, Progress, check
from studio.workspace.connection import Workspace

RECORDS = "/api/v1/records"
PAGE = 1000
DEFAULT_WINDOW = timedelta(days=30)
#: Seconds one page may take before the replay says the server does not answer.
TIMEOUT = 15.0


class ReplayUnavailable(StudioError):
    """The replay could not run; the message says why."""


@dataclass(frozen=True)
class ReplayRun:
    """A replay and where its records came from (``source``: a server URL or a workbook path)."""

    replay: Replay
    source: str
    since: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.replay.to_json(), "source": self.source, "since": self.since}


def fetch_recent(
    server_url: str,
    token: str,
    entity: str,
    since: datetime,
    *,
    progress: Progress | None = None,
    timeout: float = TIMEOUT,
) -> list[dict[str, Any]]:
    """Every record of ``entity`` the server wrote since ``since``, page by page."""
    progress = progress or NoProgress()
    url = check_server_url(server_url)
    policy = RetryPolicy(attempts=2, request_timeout=timeout, total_timeout=timeout * 4)
    out: list[dict[str, Any]] = []
    cursor: str | None = None
    try:
        with server_client(url, token, policy) as client:
            while True:
                check(progress, CANCELLED)
                params: dict[str, Any] = {"limit": PAGE, "since": since.isoformat()}
                if cursor:
                    params["cursor"] = cursor
                response = client.get(f"{RECORDS}/{quote(entity, safe='')}", params=params)
                if is_auth_failure(response):
                    raise ReplayUnavailable(
                        "The replay could not run: the server at {url} refused the token.",
                        url=url,
                    )
                if response.status_code == 404:
                    return out  # an entity the live configuration lacks has no records yet
                if response.status_code != 200:
                    raise ReplayUnavailable(
                        "The replay could not run: the server answered HTTP {status}.",
                        status=response.status_code,
                    )
                body = response.json()
                page = body.get("records") if isinstance(body, dict) else None
                if not isinstance(page, list):
                    raise ReplayUnavailable(
                        "The replay could not run: the server's records are not readable."
                    )
                out.extend(r for r in page if isinstance(r, dict))
                progress.update(None, "")
                cursor = body.get("next_cursor")
                if not cursor:
                    return out
    except httpx.TimeoutException:
        raise ReplayUnavailable(
            "The replay could not run: no answer from {url}.", url=url
        ) from None
    except (httpx.HTTPError, ValueError) as exc:
        raise ReplayUnavailable(
            "The replay could not run: cannot reach {url} ({reason}).",
            url=url,
            reason=type(exc).__name__,
        ) from None


def server_records(
    ws: Workspace,
    entities: Sequence[str],
    *,
    window: timedelta = DEFAULT_WINDOW,
    server_url: str | None = None,
    token: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], str, str]:
    """``(records per entity, server url, since)`` from the workspace's server."""
    try:
        url = resolve_server_url(ws, server_url)
        token = token or keystore.server_token(url)
    except StudioError as exc:
        raise ReplayUnavailable("The replay could not run: {reason}", reason=exc.message) from None
    if not token:
        raise ReplayUnavailable(
            "The replay could not run: no token for {url} (set STUDIO_SERVER_TOKEN).", url=url
        )
    since = (now or datetime.now(UTC)) - window
    records = {e: fetch_recent(url, token, e, since, progress=progress) for e in entities}
    return records, url, since.isoformat()


def replay_draft(
    ws: Workspace,
    *,
    window: timedelta = DEFAULT_WINDOW,
    sample: Path | None = None,
    server_url: str | None = None,
    token: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ReplayRun | None:
    """The replay of the draft's rules against the live ones; ``None`` when no rules change."""
    from studio.changes.releases import live_bundle
    from studio.draft.store import load_draft

    with ws.session() as s:
        live, draft = live_bundle(s), load_draft(s)
    return replay_bundles(
        ws,
        live,
        draft,
        window=window,
        sample=sample,
        server_url=server_url,
        token=token,
        now=now,
        progress=progress,
    )


def replay_bundles(
    ws: Workspace,
    live: Bundle | None,
    proposed: Bundle,
    *,
    window: timedelta = DEFAULT_WINDOW,
    sample: Path | None = None,
    server_url: str | None = None,
    token: str | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ReplayRun | None:
    entities = changed_entities(live, proposed)
    if not entities:
        return None
    records: Mapping[str, Sequence[Any]]
    if sample is not None:
        from studio.automation.workbook import records_from_workbook

        records = records_from_workbook(sample, proposed, entities)
        source, since = str(sample), None
    else:
        records, source, since = server_records(
            ws,
            entities,
            window=window,
            server_url=server_url,
            token=token,
            now=now,
            progress=progress,
        )
    replay = replay_change(live, proposed, records, now=now, progress=progress)
    return ReplayRun(replay, source, since)


def unavailable_message(exc: ReplayUnavailable) -> Message:
    return exc.message
