"""The server's assignments are the studio's: records of every odd shape, written through the
records API of a real ``studio serve`` (SQLite and PostgreSQL), get exactly the outcome and rule
that the studio's evaluator (preview, replay) gives them."""

from __future__ import annotations

import random
from typing import Any

from studio.automation.evaluate import Evaluator
from studio.bundle.rules import EntityRules
from tests.helpers.rules import with_rules
from tests.helpers.server import LiveServer, release_document

RULES: dict[str, Any] = {
    "assignment": {
        "rules": [
            {
                "key": "vip_referral",
                "when": {
                    "all": [
                        {"field": "source", "op": "in", "value": ["referral"]},
                        {"field": "company", "op": "contains", "value": "科技"},
                    ]
                },
                "assign": {"kind": "user", "target": "zhou"},
            },
            {
                "key": "shanghai_district",
                "when": {
                    "all": [
                        {"field": "province", "op": "eq", "value": "上海市"},
                        {"field": "district", "op": "not_empty"},
                    ]
                },
                "assign": {"kind": "team", "target": "east"},
            },
            {
                "key": "mobile_139",
                "when": {
                    "any": [
                        {"field": "mobile", "op": "prefix", "value": "139"},
                        {"field": "mobile", "op": "regex", "value": r"^1[3-9]\d{9}$"},
                    ]
                },
                "assign": {"kind": "queue", "target": "mobile"},
            },
            {
                "key": "no_city",
                "when": {"all": [{"field": "city", "op": "empty"}]},
                "assign": {"kind": "queue", "target": "cleanup"},
            },
        ],
        "default": {"kind": "queue", "target": "unassigned"},
    }
}
ODD = [None, "", " ", "\u3000", "上海市", "江苏省", 139, 13912345678, True, ["上海市"], {"a": 1}]


def odd_leads(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    leads = []
    for i in range(n):
        lead: dict[str, Any] = {"name": f"L{i:04d}"}
        for name, choices in (
            ("province", ["上海市", "江苏省", " 上海市 ", *ODD]),
            ("city", ["上海市", "南京市", *ODD]),
            ("district", ["浦东新区", *ODD]),
            ("source", ["referral", "website", *ODD]),
            ("company", ["某某科技有限公司", "贸易公司", *ODD]),
            ("mobile", [f"139{i:08d}", f"186{i:08d}", "12345", *ODD]),
        ):
            if rng.random() < 0.85:
                lead[name] = rng.choice(choices)
        leads.append(lead)
    return leads


def test_every_record_gets_the_studio_evaluators_outcome(live_server_any: LiveServer) -> None:
    bundle = with_rules(lead=RULES)
    with live_server_any.client() as c:
        assert (
            c.post(
                "/api/v1/releases",
                json=release_document(bundle, 1),
                headers={"Idempotency-Key": bundle.sha256()},
            ).status_code
            == 201
        )
        leads = odd_leads(300)
        r = c.post("/api/v1/records/lead/batch", json={"key_field": "name", "records": leads})
        assert r.status_code == 200, r.text
        studio = Evaluator(EntityRules.model_validate(RULES))
        for lead in leads:
            why = c.get(f"/api/v1/records/lead/{lead['name']}/assignment").json()
            expected = studio.assign(lead)
            assert (why["outcome"], why["rule"]) == (expected.name(), expected.rule), lead
            assert why["owner"] == ("zhou" if expected.rule == "vip_referral" else None)
