"""Team round-robin on a real ``studio serve`` (SQLite and PostgreSQL), with issue 14's teams and
disabled users: new leads routed to a team go to its active members in turn, also when many
clients insert at the same moment and when one bulk batch carries many of them; a disabled member
is skipped, and a rule that names a disabled user gives that user nothing.

Deterministic: threads start together behind a barrier, and the test counts the owners. Whatever
order the server takes the requests in, each turn of the team is handed out once, so every active
member receives exactly the same number of leads.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import httpx

from studio.bundle.access import AccessSection, Team, TeamLabel
from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from tests.helpers.rules import with_rules
from tests.helpers.server import LiveServer, release_document

#: ``zhao`` has left (disabled): the team's active members are lin, wu and zhou.
MEMBERS = ("lin", "zhao", "wu", "zhou")
ACTIVE = ("lin", "wu", "zhou")
RULES: dict[str, Any] = {
    "assignment": {
        "rules": [
            {
                "key": "east_china",
                "when": {"all": [{"field": "province", "op": "in", "value": ["上海市", "浙江省"]}]},
                "assign": {"kind": "team", "target": "east"},
            },
        ],
        "default": {"kind": "queue", "target": "unassigned"},
    }
}


def team_bundle(disabled: tuple[str, ...] = ("zhao",)) -> Bundle:
    base = sample_bundle()
    users = tuple(
        u.model_copy(update={"disabled": True}) if u.user in disabled else u for u in base.users
    )
    access = base.access or AccessSection()
    east = Team(key="east", label=TeamLabel(zh_CN="华东组", en="East team"), members=MEMBERS)
    bundle = base.model_copy(
        update={
            "users": users,
            "access": access.model_copy(update={"teams": (*access.teams, east)}),
        }
    )
    return with_rules(bundle, lead=RULES)


def lead(n: int, **extra: Any) -> dict[str, Any]:
    return {"mobile": f"1380000{n:04d}", "name": f"线索{n}", "province": "上海市", **extra}


def post(client: httpx.Client, records: list[dict[str, Any]]) -> None:
    r = client.post("/api/v1/records/lead/batch", json={"key_field": "mobile", "records": records})
    assert r.status_code == 200, r.text


def owners(server: LiveServer, keys: list[str]) -> Counter[str | None]:
    with server.client() as c:
        seen: Counter[str | None] = Counter()
        for key in keys:
            why = c.get(f"/api/v1/records/lead/{key}/assignment").json()
            seen[why["owner"]] += 1
        return seen


def release(server: LiveServer, version: int = 1, disabled: tuple[str, ...] = ("zhao",)) -> None:
    bundle = team_bundle(disabled)
    assert server.push(release_document(bundle, version)).status_code == 201


def all_at_once(server: LiveServer, batches: list[list[dict[str, Any]]]) -> None:
    """Post each batch from its own thread; all threads send at the same moment."""
    barrier = threading.Barrier(len(batches))
    errors: list[BaseException] = []

    def send(batch: list[dict[str, Any]]) -> None:
        try:
            with server.client(timeout=120.0) as c:
                barrier.wait()
                post(c, batch)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_concurrent_inserts_spread_over_the_active_members(live_server_any: LiveServer) -> None:
    release(live_server_any)
    leads = [lead(n) for n in range(24)]
    all_at_once(live_server_any, [[x] for x in leads])  # 24 clients, one new lead each
    seen = owners(live_server_any, [x["mobile"] for x in leads])
    assert seen == Counter({m: 8 for m in ACTIVE}), seen  # zhao (disabled) gets none


def test_bulk_batches_sent_together_spread_over_the_team(live_server_any: LiveServer) -> None:
    release(live_server_any)
    batches = [[lead(b * 100 + i) for i in range(30)] for b in range(4)]
    all_at_once(live_server_any, batches)
    keys = [x["mobile"] for batch in batches for x in batch]
    assert owners(live_server_any, keys) == Counter({m: 40 for m in ACTIVE})
    # Within each batch the team takes turns too: no batch lands on one person.
    for batch in batches:
        assert owners(live_server_any, [x["mobile"] for x in batch]) == Counter(
            {m: 10 for m in ACTIVE}
        )


def test_members_take_turns_in_order_and_a_member_disabled_later_is_skipped(
    live_server_any: LiveServer,
) -> None:
    release(live_server_any)
    with live_server_any.client() as c:
        post(c, [lead(n) for n in range(1, 5)])
        first = c.get("/api/v1/records/lead/13800000001/assignment").json()
    assert (first["outcome"], first["rule"], first["version"]) == ("team:east", "east_china", 1)
    assert first["rule_label"] is None
    seen = owners(live_server_any, [lead(n)["mobile"] for n in range(1, 5)])
    assert seen == Counter({"lin": 2, "wu": 1, "zhou": 1})
    # wu leaves: the next release disables him, and the team's turns go on without him.
    release(live_server_any, 2, disabled=("zhao", "wu"))
    later = [lead(n) for n in range(10, 16)]
    with live_server_any.client() as c:
        post(c, later)
    assert owners(live_server_any, [x["mobile"] for x in later]) == Counter({"lin": 3, "zhou": 3})
