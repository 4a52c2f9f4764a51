"""The server's record statistics behind a change's impact numbers (Review dialog, ``change show``).

``studio.changes.impact.impact(diff, stats)`` turns ``GET /api/v1/stats/{entity}`` answers into "N records
could no longer be saved". This module asks the server for them: only for the entities in which
the change makes a field required without a default or backfill (``entities_to_count``), with one
short request each. The numbers help the reviewer but are no condition of the flow, so a server
that is slow, down or refuses the token leaves them unknown (``None``) with a short reason for
the UI; nothing here raises for a server or keyring problem, and no message carries the token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from studio.access.leaver import owner_fields
from studio.bundle.model import Bundle
from studio.changes import keystore
from studio.changes.impact import Json, impact, required_fields
from studio.client.http import RetryPolicy, check_server_url, is_auth_failure, server_client
from studio.client.owners import count_held, leavers_to_count
from studio.client.server_url import resolve_server_url
from studio.errors import StudioError
from studio.i18n import tr
from studio.lint import DataStats
from studio.workspace.connection import Workspace

STATS = "/api/v1/stats"
#: Seconds one statistics request may take. The reference server counts an entity of 100,000
#: records in 0.7 s (2 cores, SQLite); past this the reviewer reads "unknown" rather than waiting.
DEFAULT_TIMEOUT = 5.0


@dataclass(frozen=True)
class ServerStats:
    """What the server told about the entities asked for.

    ``stats`` maps entity -> the server's answer (well-formed answers only), ready for
    ``impact(diff, stats)``. ``problem`` is a sentence for people when some or all of the
    entities could not be counted ("Server statistics unavailable: …"), else ``None``.
    """

    stats: dict[str, Json] = field(default_factory=dict)
    problem: str | None = None
    server_url: str | None = None
    #: disabled user -> records that still name them as owner (only the users asked about)
    owners: dict[str, int] = field(default_factory=dict)


def entities_to_count(diff: Json) -> list[str]:
    """Entities whose records decide the impact: a field becomes required there with no fill."""
    return sorted({r["entity"] for r in required_fields(diff) if not r["has_fill"]})


def _unavailable(reason: str) -> str:
    return tr("Server statistics unavailable: {reason}", reason=reason)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _well_formed(body: Any) -> Json | None:
    """The answer if it has the shape of the wire contract's statistics, else ``None``.

    A malformed field entry spoils the whole entity: ``impact`` would otherwise read a field it
    cannot find as "no record holds it" and report every record as violating.
    """
    if not isinstance(body, dict) or not _is_count(body.get("record_count")):
        return None
    fields = body.get("fields")
    if not isinstance(fields, dict):
        return None
    count = body["record_count"]
    for entry in fields.values():
        if not isinstance(entry, dict) or not _is_count(entry.get("empty")):
            return None
        if entry["empty"] > count:
            return None
    return body


def fetch_stats(
    server_url: str,
    token: str,
    entities: list[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    leavers: tuple[str, ...] = (),
    owners: dict[str, tuple[str, ...]] | None = None,
) -> ServerStats:
    """One ``GET /api/v1/stats/{entity}`` per entity, no retries; never raises for the server.

    Entities that answered keep their numbers even when others failed; a refused token or a
    server that does not answer stops asking (the next entity would fare the same). With
    ``leavers``, also how many records name each of them in an ``owners`` field.
    """
    try:
        url = check_server_url(server_url)
    except StudioError as exc:
        return ServerStats(problem=_unavailable(str(exc)))
    out: dict[str, Json] = {}
    held: dict[str, int] = {}
    reasons: list[str] = []
    policy = RetryPolicy(attempts=1, request_timeout=timeout, total_timeout=timeout)
    try:
        with server_client(url, token, policy) as client:
            refused = False
            for entity in entities:
                response = client.get(f"{STATS}/{quote(entity, safe='')}")
                if is_auth_failure(response):
                    reasons.append(
                        tr(
                            "the server at {url} refused the token (HTTP {status})",
                            url=url,
                            status=response.status_code,
                        )
                    )
                    refused = True
                    break
                if response.status_code != 200:
                    reasons.append(
                        tr(
                            "the server answered HTTP {status} for {entity}",
                            status=response.status_code,
                            entity=entity,
                        )
                    )
                    continue
                try:
                    body = _well_formed(response.json())
                except ValueError:
                    body = None
                if body is None:
                    reasons.append(
                        tr("the server's statistics of {entity} are not readable", entity=entity)
                    )
                    continue
                out[entity] = body
            if leavers and owners and not refused:
                try:
                    held = count_held(client, leavers, owners)
                except LookupError as exc:
                    reasons.append(str(exc))
    except httpx.TimeoutException:
        reasons.append(tr("no answer from {url} within {seconds} s", url=url, seconds=timeout))
    except httpx.TransportError as exc:
        # The exception's text may quote the request (headers included): only its kind is shown.
        reasons.append(tr("cannot reach {url} ({reason})", url=url, reason=type(exc).__name__))
    except (httpx.HTTPError, ValueError) as exc:  # e.g. a token httpx cannot put in a header
        reasons.append(tr("cannot ask {url} ({reason})", url=url, reason=type(exc).__name__))
    problem = _unavailable("; ".join(reasons)) if reasons else None
    return ServerStats(stats=out, problem=problem, server_url=url, owners=held)


def server_stats(
    ws: Workspace,
    diff: Json,
    *,
    server_url: str | None = None,
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    bundle: Bundle | None = None,
) -> ServerStats:
    """The statistics ``impact(diff, ...)`` needs, from the workspace's server; with ``bundle``
    (the draft or the change's), also the records its disabled users without a hand-over still
    own (``disabled_user_holds_records``).

    The server is ``server_url``, else ``STUDIO_SERVER_URL``, else the one this workspace last
    pushed to; the token is ``token``, else ``STUDIO_SERVER_TOKEN``, else the keyring's. Nothing
    is asked when the change makes no field required without a fill and no leaver's records are
    in question (``ServerStats()``).
    """
    entities = entities_to_count(diff)
    leavers = leavers_to_count(bundle) if bundle is not None else ()
    if not entities and not leavers:
        return ServerStats()
    try:
        url = resolve_server_url(ws, server_url)
        token = token or keystore.server_token(url)
    except StudioError as exc:  # no server configured, a bad URL, no usable keyring
        return ServerStats(problem=_unavailable(str(exc)))
    if not token:
        return ServerStats(
            problem=_unavailable(
                tr(
                    "no token for {url} (set STUDIO_SERVER_TOKEN or store one with "
                    "'studio keys token --server {url}')",
                    url=url,
                )
            ),
            server_url=url,
        )
    owners = owner_fields(bundle) if bundle is not None and leavers else None
    return fetch_stats(url, token, entities, timeout=timeout, leavers=leavers, owners=owners)


def impact_with_stats(
    ws: Workspace,
    diff: Json,
    *,
    server_url: str | None = None,
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Json:
    """``impact(diff, stats)`` with the server's numbers, plus ``statistics_problem`` (or None)."""
    found = server_stats(ws, diff, server_url=server_url, token=token, timeout=timeout)
    return {**impact(diff, found.stats), "statistics_problem": found.problem}


def data_stats(diff: Json, found: ServerStats) -> DataStats | None:
    """The rules' view (``DataStats``) of what the server counted, or ``None`` when it counted
    nothing. A field that becomes required and that no record holds yet counts every record as
    lacking it, as ``impact`` does. Leavers' records go to ``extra["owners"]``."""
    if not found.stats and not found.owners:
        return None
    record_counts: dict[str, int] = {}
    empty_counts: dict[tuple[str, str], int] = {}
    for entity, answer in found.stats.items():
        records = int(answer.get("record_count", 0))
        record_counts[entity] = records
        for key, field_stats in answer.get("fields", {}).items():
            empty_counts[(entity, key)] = int(field_stats.get("empty", 0))
    for item in required_fields(diff):
        if item["entity"] in record_counts:
            empty_counts.setdefault((item["entity"], item["field"]), record_counts[item["entity"]])
    extra: dict[str, Any] = {"owners": dict(found.owners)} if found.owners else {}
    return DataStats(record_counts=record_counts, empty_counts=empty_counts, extra=extra)


def draft_stats(
    ws: Workspace,
    *,
    server_url: str | None = None,
    token: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> DataStats | None:
    """``data_stats`` for the draft against the live version (for ``change submit``)."""
    from studio.bundle.diff import diff_bundles  # late: the diff is only needed here
    from studio.changes.releases import live_bundle
    from studio.draft.store import load_draft

    with ws.session() as s:
        draft = load_draft(s)
        diff = diff_bundles(live_bundle(s), draft)
    found = server_stats(
        ws, diff, server_url=server_url, token=token, timeout=timeout, bundle=draft
    )
    return data_stats(diff, found)
