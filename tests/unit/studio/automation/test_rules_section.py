"""The bundle's ``rules`` section as the contract fixes it: DESIGN.md's example validates (in the
model and against the published JSON Schema), bad shapes are refused, old bundles keep their hash,
and a draft round-trips it."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from studio.bundle.json_schema import SCHEMA_PATH
from studio.bundle.model import Bundle, parse_bundle
from studio.bundle.sample import sample_bundle
from studio.lint import run_all
from tests.helpers.rules import region_rules, with_rules

DESIGN_EXAMPLE: dict[str, Any] = {
    "lead": {
        "assignment": {
            "rules": [
                {
                    "key": "east_china",
                    "label": {"zh_CN": "华东", "en": "East China"},
                    "enabled": True,
                    "when": {
                        "all": [
                            {
                                "field": "province",
                                "op": "in",
                                "value": ["上海市", "江苏省", "浙江省"],
                            },
                            {"field": "city", "op": "not_empty"},
                        ]
                    },
                    "assign": {"kind": "team", "target": "east"},
                }
            ],
            "default": {"kind": "queue", "target": "unassigned"},
        },
        "validations": [
            {
                "key": "big_deal_needs_budget",
                "when": {"all": [{"field": "amount", "op": "gt", "value": 1000000}]},
                "require": {"all": [{"field": "budget", "op": "not_empty"}]},
                "message": {"zh_CN": "百万以上商机须填写预算", "en": "Deals over 1M need a budget"},
            }
        ],
        "stage_flow": {
            "field": "stage",
            "transitions": [["new", "qualified"], ["qualified", "proposal"]],
            "enter_requires": {"proposal": ["budget"]},
            "backward_reason": True,
            "dwell_days": {"proposal": 14},
        },
        "replay": {"warn_share": 0.05, "block_share": 0.20},
    }
}


def test_design_example_validates_and_round_trips() -> None:
    bundle = Bundle.model_validate({"rules": DESIGN_EXAMPLE})
    data = json.loads(bundle.canonical_json())
    assert (
        data["rules"]["lead"]["assignment"]["rules"][0]["when"]
        == DESIGN_EXAMPLE["lead"]["assignment"]["rules"][0]["when"]
    )
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert parse_bundle(bundle.canonical_json()).sha256() == bundle.sha256()


def test_a_null_default_means_no_owner_and_keeps_the_contract() -> None:
    rules = json.loads(json.dumps(DESIGN_EXAMPLE))
    rules["lead"]["assignment"]["default"] = None
    bundle = Bundle.model_validate({"rules": rules})
    assert bundle.rules is not None and bundle.rules["lead"].assignment is not None
    assert bundle.rules["lead"].assignment.default is None


def test_bundles_without_rules_keep_their_sha256() -> None:
    bundle = sample_bundle()
    assert b'"rules"' not in bundle.canonical_json()


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ({"field": "city", "op": "between", "value": [1]}, "between takes [low, high]"),
        ({"field": "city", "op": "in", "value": "上海"}, "takes a list"),
        ({"field": "city", "op": "empty", "value": 1}, "takes no value"),
        ({"field": "city", "op": "regex", "value": 5}, "takes text"),
        ({"field": "city", "op": "like", "value": "x"}, "op"),
        ({"field": "City", "op": "empty"}, "field"),
    ],
)
def test_malformed_conditions_are_refused(condition: dict[str, Any], words: str) -> None:
    rules = json.loads(json.dumps(DESIGN_EXAMPLE))
    rules["lead"]["assignment"]["rules"][0]["when"] = {"all": [condition]}
    with pytest.raises(ValidationError, match=re.escape(words)):
        Bundle.model_validate({"rules": rules})


def test_a_group_is_all_or_any_and_rule_keys_are_unique() -> None:
    rules = json.loads(json.dumps(DESIGN_EXAMPLE))
    rules["lead"]["assignment"]["rules"][0]["when"] = {"all": [], "any": []}
    with pytest.raises(ValidationError, match="all"):
        Bundle.model_validate({"rules": rules})
    rules = json.loads(json.dumps(DESIGN_EXAMPLE))
    rules["lead"]["assignment"]["rules"] *= 2
    with pytest.raises(ValidationError, match="used twice"):
        Bundle.model_validate({"rules": rules})


def test_conditions_nested_a_hundred_deep_are_refused_with_the_reason() -> None:
    group: dict[str, Any] = {"all": [{"field": "city", "op": "empty"}]}
    for _ in range(100):
        group = {"any": [group]}
    rules = json.loads(json.dumps(DESIGN_EXAMPLE))
    rules["lead"]["assignment"]["rules"][0]["when"] = group
    with pytest.raises(ValidationError, match="nested more than 20 deep"):
        Bundle.model_validate({"rules": rules})


def test_ten_thousand_rules_validate_and_lint() -> None:
    rules = {
        "assignment": {
            "rules": [
                {
                    "key": f"r{i}",
                    "when": {
                        "all": [
                            {"field": "mobile", "op": "prefix", "value": f"1{i:05d}"},
                            {"field": "city", "op": "not_empty"},
                        ]
                    },
                    "assign": {"kind": "queue", "target": f"q{i % 7}"},
                }
                for i in range(10_000)
            ],
            "default": {"kind": "queue", "target": "unassigned"},
        }
    }
    bundle = with_rules(lead=rules)
    findings = [f for f in run_all(bundle) if f.code.startswith(("rule", "stage", "validation"))]
    assert findings == []
    assert parse_bundle(bundle.canonical_json()) == bundle


def test_the_sample_with_region_rules_has_no_rule_findings() -> None:
    findings = run_all(with_rules(lead=region_rules("city")))
    assert [f for f in findings if f.code.startswith(("rule", "stage", "validation"))] == []
