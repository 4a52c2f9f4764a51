"""Records that name a person as their owner, asked of the server (issue 14): what a change's
leaver hand-overs would move, counted before anyone signs; and how many records disabled users
without a hand-over still hold (``leavers_to_count``/``count_held``, fed to the rules through
``studio.client.stats`` as ``DataStats.extra["owners"]``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from studio.access.leaver import owner_fields
from studio.bundle.access import access_of
from studio.bundle.model import Bundle
from studio.changes import keystore
from studio.client.http import RetryPolicy, is_auth_failure, server_client
from studio.client.server_url import resolve_server_url
from studio.errors import StudioError
from studio.i18n import tr
from studio.workspace.connection import Workspace

OWNERS = "/api/v1/owners"


def new_handovers(diff: dict[str, Any]) -> list[dict[str, Any]]:
    """The hand-overs a change adds (in its bundle, not in the live one)."""
    for change in diff.get("access_section", ()):
        if change["property"] == "handovers":
            before = {h["id"] for h in change["before"] or ()}
            return [h for h in change["after"] or () if h["id"] not in before]
    return []


def handover_counts(
    ws: Workspace, diff: dict[str, Any], *, server_url: str | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    """``{"handovers": [{"id", "user", "to", "records": {entity: n}}], "problem": str | None}``;
    never raises for the server (the counts are then unknown, and the problem says why)."""
    handovers = new_handovers(diff)
    if not handovers:
        return {"handovers": [], "problem": None}
    out = [{**h, "records": {}} for h in handovers]
    try:
        url = resolve_server_url(ws, server_url)
        token = keystore.server_token(url)
    except StudioError as exc:
        return {"handovers": out, "problem": str(exc)}
    if not token:
        return {"handovers": out, "problem": tr("no token for the server {url}", url=url)}
    policy = RetryPolicy(attempts=1, request_timeout=timeout, total_timeout=timeout)
    try:
        with server_client(url, token, policy) as client:
            for item in out:
                for entity, fields in item["owners"].items():
                    total = 0
                    for fld in fields:
                        response = client.get(
                            f"{OWNERS}/{quote(entity, safe='')}",
                            params={"user": item["user"], "field": fld},
                        )
                        if is_auth_failure(response) or response.status_code != 200:
                            return {
                                "handovers": out,
                                "problem": tr(
                                    "the server answered HTTP {status} for {entity}",
                                    status=response.status_code,
                                    entity=entity,
                                ),
                            }
                        total += int(response.json().get("records", 0))
                    item["records"][entity] = total
    except (httpx.HTTPError, ValueError) as exc:
        return {
            "handovers": out,
            "problem": tr("cannot ask {url} ({reason})", url=url, reason=type(exc).__name__),
        }
    return {"handovers": out, "problem": None}


def leavers_to_count(bundle: Bundle) -> tuple[str, ...]:
    """Disabled users whose records no hand-over in ``bundle`` gives to a colleague: whether
    records still name them is what ``disabled_user_holds_records`` needs to know."""
    handed = {h.user for h in access_of(bundle).handovers}
    if not owner_fields(bundle):
        return ()
    return tuple(sorted(u.user for u in bundle.users if u.disabled and u.user not in handed))


def count_held(
    client: httpx.Client, users: tuple[str, ...], owners: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Per user, the records of every entity that name them in an owner field (one request per
    user, entity and field). Raises ``LookupError`` with a sentence when the server refuses."""
    held: dict[str, int] = {}
    for user in users:
        total = 0
        for entity, fields in owners.items():
            for fld in fields:
                response = client.get(
                    f"{OWNERS}/{quote(entity, safe='')}", params={"user": user, "field": fld}
                )
                if response.status_code != 200:
                    raise LookupError(
                        tr(
                            "the server answered HTTP {status} for {entity}",
                            status=response.status_code,
                            entity=entity,
                        )
                    )
                records = response.json().get("records")
                if not isinstance(records, int) or isinstance(records, bool) or records < 0:
                    raise LookupError(
                        tr("the server's statistics of {entity} are not readable", entity=entity)
                    )
                total += records
        held[user] = total
    return held
