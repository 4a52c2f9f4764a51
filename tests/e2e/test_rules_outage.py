"""Issue 18's outage on a real ``studio serve``: 10,000 leads, 87 % without a district, routed by
province + city. The change to province + district is replayed over the server's records before
anyone approves it: about 87 % would fall to the default, so submit is refused; acknowledged with
a reason, the reviewers read the number first; once pushed, the server routes new leads by the new
rule (and says why). A skipped stage is refused by the server with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from schema.models import ChangeRequestRow
from studio import changes
from studio.bundle.model import Bundle
from studio.changes import ChangeRefused
from studio.changes.replay_gate import review_lines
from studio.client.push import RetryPolicy, push
from studio.client.replay import ReplayUnavailable, replay_draft
from studio.client.review import review_change
from studio.draft.store import load_draft, replace_draft
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.e2e.test_cli import studio
from tests.helpers.change_flow import PASSPHRASE, approve_by, make_demo_keys, registry_of
from tests.helpers.rules import make_leads, region_rules, with_rules
from tests.helpers.server import LiveServer, run_server

FAST = RetryPolicy(
    attempts=3, request_timeout=30.0, wait_initial=0.05, wait_max=0.2, wait_jitter=0.05
)
STAGES = {
    "field": "stage",
    "transitions": [
        ["discovery", "proposal"],
        ["proposal", "negotiation"],
        ["negotiation", "won"],
        ["negotiation", "lost"],
        ["proposal", "discovery"],
    ],
    "enter_requires": {"negotiation": ["amount"]},
    "backward_reason": True,
    "dwell_days": {"negotiation": 14},
}


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "w.db", sample=True)
    make_demo_keys(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def server(ws: Workspace, tmp_path: Path) -> Iterator[LiveServer]:
    with run_server(data_dir=tmp_path / "server", approvers=registry_of(ws)) as live:  # type: ignore[arg-type]
        yield live


def set_draft(ws: Workspace, **rules: dict[str, Any]) -> Bundle:
    with ws.session() as s:
        bundle = with_rules(load_draft(s), **rules)
        replace_draft(s, bundle, user="lin")
    return bundle


def release(ws: Workspace, server: LiveServer, title: str, **submit: Any) -> changes.ChangeView:
    run = replay_draft(ws, server_url=server.base_url, token=server.token)
    view = changes.submit(ws, "lin", title, passphrase=PASSPHRASE, replay=run, **submit)
    approve_by(ws, view.id, "zhou", "chen")
    push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST)
    return view


def post(server: LiveServer, entity: str, records: list[dict[str, Any]]) -> httpx.Response:
    with server.client() as c:
        return c.post(
            f"/api/v1/records/{entity}/batch",
            json={"key_field": "mobile" if entity == "lead" else "name", "records": records},
            timeout=120,
        )


def why(server: LiveServer, entity: str, key: str) -> dict[str, Any]:
    with server.client() as c:
        r = c.get(f"/api/v1/records/{entity}/{key}/assignment")
        assert r.status_code == 200, r.text
        return dict(r.json())


def test_district_instead_of_city_is_caught_before_approval_and_routes_after_push(
    ws: Workspace, server: LiveServer
) -> None:
    set_draft(ws, lead=region_rules("city"), opportunity={"stage_flow": STAGES})
    first = release(ws, server, "Lead routing by region")
    assert first.target_version == 1

    leads = make_leads(10_000)
    for start in range(0, len(leads), 5_000):
        r = post(server, "lead", leads[start : start + 5_000])
        assert r.status_code == 200, r.text
    assert why(server, "lead", leads[0]["mobile"])["rule"].endswith("_china")

    set_draft(ws, lead=region_rules("district"), opportunity={"stage_flow": STAGES})
    run = replay_draft(ws, server_url=server.base_url, token=server.token)
    assert run is not None
    result = run.to_json()
    assert result["replayed"] == 10_000
    assert 0.85 <= result["share_to_default_or_no_owner"] <= 0.89
    assert result["level"] == "block"

    with pytest.raises(ChangeRefused, match=r"8[5-9]\.\d %"):
        changes.submit(ws, "lin", "Route by district", passphrase=PASSPHRASE, replay=run)

    view = changes.submit(
        ws,
        "lin",
        "Route by district",
        passphrase=PASSPHRASE,
        replay=run,
        acknowledgement="The enrolment campaign collects districts from today on.",
    )
    assert view.diff["replay"]["to_default"] == result["to_default"]  # the change's record
    # What the reviewers read first is the replay run for the review, of the exact bundle.
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert review.replay is not None and review.replay["to_default"] == result["to_default"]
    shown = review_lines(review.replay)
    assert "8" in shown[0] and "%" in shown[0] and "default" in shown[0]
    assert "enrolment campaign" in shown[1]

    approve_by(ws, view.id, "zhou", "chen")
    assert (
        push(ws, view.id, server_url=server.base_url, token=server.token, retry=FAST).version == 2
    )

    fresh = [
        {"mobile": "13800000001", "name": "新线索甲", "province": "上海市", "city": "上海市"},
        {
            "mobile": "13800000002",
            "name": "新线索乙",
            "province": "上海市",
            "city": "上海市",
            "district": "浦东新区",
        },
    ]
    assert post(server, "lead", fresh).status_code == 200
    no_district = why(server, "lead", "13800000001")
    assert (no_district["outcome"], no_district["rule"]) == ("queue:unassigned", None)
    with_district = why(server, "lead", "13800000002")
    assert (with_district["outcome"], with_district["rule"]) == ("team:east", "east_china")
    assert with_district["rule_label"] == {"zh_CN": "华东", "en": "East China"}
    assert with_district["version"] == 2


def test_a_skipped_stage_is_refused_by_the_server(ws: Workspace, server: LiveServer) -> None:
    set_draft(ws, opportunity={"stage_flow": STAGES})
    release(ws, server, "Opportunity stages")
    deal = {"name": "年度框架协议", "stage": "discovery"}
    assert post(server, "opportunity", [deal]).status_code == 200
    skipped = post(server, "opportunity", [{**deal, "stage": "negotiation", "amount": 10}])
    assert skipped.status_code == 422
    error = skipped.json()["error"]
    assert error["code"] == "stage_not_allowed"
    assert "discovery" in error["message"] and "negotiation" in error["message"]
    assert post(server, "opportunity", [{**deal, "stage": "proposal"}]).status_code == 200
    gate = post(server, "opportunity", [{**deal, "stage": "negotiation"}])
    assert gate.status_code == 422 and "amount" in gate.json()["error"]["message"]
    back = post(server, "opportunity", [{**deal, "stage": "discovery"}])
    assert back.status_code == 422 and "reason" in back.json()["error"]["message"]
    reasoned = {**deal, "stage": "discovery", "stage_reason": "客户预算重新评估"}
    assert post(server, "opportunity", [reasoned]).status_code == 200


def test_a_validation_rule_refuses_the_record_with_its_message(
    ws: Workspace, server: LiveServer
) -> None:
    rule = {
        "key": "big_deal_needs_close_date",
        "when": {"all": [{"field": "amount", "op": "gt", "value": 1000000}]},
        "require": {"all": [{"field": "expected_close", "op": "not_empty"}]},
        "message": {
            "zh_CN": "百万以上商机须填写预计成交日期",
            "en": "Deals over 1M need a close date",
        },
    }
    set_draft(ws, opportunity={"validations": [rule]})
    release(ws, server, "Big deals need a close date")
    refused = post(server, "opportunity", [{"name": "大单", "amount": 2000000}])
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "validation_failed"
    assert "百万以上商机须填写预计成交日期" in refused.json()["error"]["message"]
    fine = {"name": "大单", "amount": 2000000, "expected_close": "2026-12-31"}
    assert post(server, "opportunity", [fine]).status_code == 200


def test_an_unreachable_server_makes_submit_say_the_replay_could_not_run(ws: Workspace) -> None:
    set_draft(ws, lead=region_rules("city"))
    with pytest.raises(ReplayUnavailable, match="could not run"):
        replay_draft(ws, server_url="http://127.0.0.1:9", token="t" * 32)
    with pytest.raises(ChangeRefused, match="replay"):
        changes.submit(ws, "lin", "Routing", passphrase=PASSPHRASE, replay=None)
    view = changes.submit(
        ws,
        "lin",
        "Routing",
        passphrase=PASSPHRASE,
        replay=None,
        replay_problem="no answer",
        acknowledgement="First rules; nothing to replay against yet.",
    )
    assert "could not run" in review_lines(view.diff["replay"])[0]
    # The review tries the replay again; with no server it says so, and what the author wrote.
    review = review_change(ws, view.id, server_url="http://127.0.0.1:9", token="t" * 32)
    assert review.replay is not None and not review.replay["ran"]
    shown = review_lines(review.replay)
    assert "could not run" in shown[0] and "First rules" in shown[1]


def test_the_reviewers_replay_is_derived_from_the_signed_bundle_not_the_stored_copy(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    set_draft(ws, lead=region_rules("city"))
    release(ws, server, "Lead routing by region")
    assert post(server, "lead", make_leads(2_000)).status_code == 200
    set_draft(ws, lead=region_rules("district"))
    run = replay_draft(ws, server_url=server.base_url, token=server.token)
    view = changes.submit(
        ws,
        "lin",
        "Route by district",
        passphrase=PASSPHRASE,
        replay=run,
        acknowledgement="Districts are collected from today on.",
    )
    # Someone with write access to the workspace rewrites the change's stored replay: nothing
    # falls to the default, no acknowledgement needed.
    with ws.session() as s:
        row = s.get(ChangeRequestRow, view.id)
        assert row is not None
        harmless = {
            **row.diff["replay"],
            "to_default": 0,
            "share_to_default_or_no_owner": 0.0,
            "level": "ok",
            "acknowledgement": "",
        }
        row.diff = {**row.diff, "replay": harmless}
    review = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert review.can_approve and review.replay is not None
    assert review.replay["level"] == "block" and review.replay["replayed"] == 2_000
    assert 0.85 <= review.replay["share_to_default_or_no_owner"] <= 0.89
    shown = review_lines(review.replay)
    assert "default" in shown[0] and "above the block share" in shown[0]
    assert "Districts are collected" in shown[1]  # from the submit's audit entry

    # ``studio change show`` says the same, first, and its JSON carries the derived figures.
    args = ["change", "show", view.id, "--workspace", str(tmp_path / "w.db")]
    args += ["--server", server.base_url]
    env = {"STUDIO_SERVER_TOKEN": server.token, "STUDIO_LANG": "en"}
    shown_json = json.loads(studio(*args, "--format", "json", env=env).stdout)
    assert shown_json["replay"]["level"] == "block"
    assert shown_json["replay"]["to_default"] == review.replay["to_default"]
    text = studio(*args, env=env).stdout.splitlines()
    first = next(line for line in text if line.startswith("! "))
    assert "above the block share" in first

    # The replay is of the bundle under signature: a draft edited since changes nothing of it.
    set_draft(ws, lead=region_rules("city"))
    again = review_change(ws, view.id, server_url=server.base_url, token=server.token)
    assert again.replay is not None and again.replay["to_default"] == review.replay["to_default"]
