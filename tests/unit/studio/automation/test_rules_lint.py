"""The lint checks of automation rules (``studio.lint.automation_rules``): each with a case that
finds it and the sample's clean routing that does not."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from studio.bundle.model import Bundle
from studio.lint import run_all
from studio.lint.findings import Severity
from tests.helpers.rules import region_rules, with_rules
from tests.unit.studio.lint.builders import replace_entity


def codes(bundle: Bundle, live: Bundle | None = None) -> dict[str, Severity]:
    return {
        f.code: f.severity
        for f in run_all(bundle, live=live)
        if f.code.startswith(("rule", "stage", "validation"))
    }


def routing(
    *conds: dict[str, Any], assign: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "assignment": {
            "rules": [
                {
                    "key": "r1",
                    "when": {"all": list(conds)},
                    "assign": assign or {"kind": "team", "target": "east"},
                }
            ],
            "default": {"kind": "queue", "target": "unassigned"},
        },
        **extra,
    }


STAGE_FLOW = {
    "field": "stage",
    "transitions": [
        ["discovery", "proposal"],
        ["proposal", "negotiation"],
        ["negotiation", "won"],
        ["negotiation", "lost"],
    ],
    "enter_requires": {"negotiation": ["amount"]},
    "backward_reason": True,
    "dwell_days": {"negotiation": 14},
}


def test_clean_rules_have_no_findings() -> None:
    assert codes(with_rules(lead=region_rules(), opportunity={"stage_flow": STAGE_FLOW})) == {}


@pytest.mark.parametrize(
    ("entity", "rules", "code", "severity"),
    [
        (
            "lead",
            routing({"field": "budget", "op": "not_empty"}),
            "rule_unknown_field",
            Severity.error,
        ),
        (
            "lead",
            routing({"field": "city", "op": "gt", "value": 3}),
            "rule_condition_type",
            Severity.error,
        ),
        (
            "lead",
            routing({"field": "source", "op": "eq", "value": "tv"}),
            "rule_condition_type",
            Severity.error,
        ),
        (
            "opportunity",
            routing({"field": "amount", "op": "gt", "value": "many"}),
            "rule_condition_type",
            Severity.error,
        ),
        (
            "lead",
            routing({"field": "mobile", "op": "regex", "value": "(1+)+$"}),
            "rule_regex_unsafe",
            Severity.error,
        ),
        (
            "lead",
            routing({"field": "mobile", "op": "regex", "value": "(1"}),
            "rule_regex_unsafe",
            Severity.error,
        ),
        (
            "lead",
            routing({"field": "city", "op": "empty"}, {"field": "city", "op": "not_empty"}),
            "rule_never_matches",
            Severity.warning,
        ),
        (
            "lead",
            routing(
                {"field": "city", "op": "not_empty"}, assign={"kind": "user", "target": "nobody"}
            ),
            "rule_outcome_user",
            Severity.error,
        ),
        (
            "opportunity",
            {"stage_flow": {**STAGE_FLOW, "field": "name"}},
            "stage_flow_field",
            Severity.error,
        ),
        (
            "opportunity",
            {
                "stage_flow": {
                    **STAGE_FLOW,
                    "transitions": [*STAGE_FLOW["transitions"], ["won", "closed"]],
                }
            },
            "stage_unknown",
            Severity.error,
        ),
        (
            "opportunity",
            {"stage_flow": {**STAGE_FLOW, "transitions": STAGE_FLOW["transitions"][1:]}},
            "stage_unreachable",
            Severity.warning,
        ),
        (
            "opportunity",
            {"stage_flow": {**STAGE_FLOW, "transitions": STAGE_FLOW["transitions"][:2]}},
            "stage_no_way_out",
            Severity.warning,
        ),
        (
            "opportunity",
            {"stage_flow": {**STAGE_FLOW, "enter_requires": {"negotiation": ["signed_doc"]}}},
            "stage_gate_field",
            Severity.error,
        ),
        (
            "opportunity",
            {
                "validations": [
                    {
                        "key": "impossible",
                        "require": {
                            "all": [
                                {"field": "amount", "op": "gt", "value": 100},
                                {"field": "amount", "op": "lt", "value": 10},
                            ]
                        },
                        "message": {"zh_CN": "不可能", "en": "Impossible"},
                    }
                ]
            },
            "validation_impossible",
            Severity.error,
        ),
        (
            "ghost",
            routing({"field": "city", "op": "empty"}),
            "rules_unknown_entity",
            Severity.error,
        ),
    ],
)
def test_each_check_finds_its_case(
    entity: str, rules: dict[str, Any], code: str, severity: Severity
) -> None:
    found = codes(with_rules(**{entity: rules}))
    assert found.get(code) == severity, found


def test_no_default_is_a_warning() -> None:
    rules = routing({"field": "city", "op": "not_empty"})
    rules["assignment"]["default"] = None
    assert codes(with_rules(lead=rules)) == {"rule_no_default": Severity.warning}


def test_a_rule_after_a_broader_one_is_shadowed() -> None:
    rules = region_rules()
    narrower = copy.deepcopy(rules["assignment"]["rules"][0])
    narrower["key"] = "shanghai_pudong"
    narrower["when"]["all"].append({"field": "district", "op": "eq", "value": "浦东新区"})
    narrower["assign"] = {"kind": "team", "target": "pudong"}
    rules["assignment"]["rules"].append(narrower)
    assert codes(with_rules(lead=rules)) == {"rule_shadowed": Severity.warning}
    rules["assignment"]["rules"].insert(0, rules["assignment"]["rules"].pop())  # moved up
    # It decides now; East China only gets what it leaves, which is said as a note.
    assert codes(with_rules(lead=rules)) == {"rule_overlap": Severity.info}


def test_a_condition_on_a_field_removed_in_the_same_change_is_an_error() -> None:
    live = with_rules(lead=region_rules("district"))
    lead = live.entity("lead")
    assert lead is not None
    without = lead.model_copy(
        update={
            "fields": tuple(f for f in lead.fields if f.key != "district"),
            "forms": (),
        }
    )
    draft = with_rules(replace_entity(live, without), lead=region_rules("district"))
    findings = [f for f in run_all(draft, live=live) if f.code == "rule_unknown_field"]
    assert findings and "removes" in findings[0].message


def test_overlapping_rules_with_different_outcomes_are_noted() -> None:
    rules = region_rules()
    shanghai = copy.deepcopy(rules["assignment"]["rules"][0])
    shanghai["key"] = "shanghai"
    shanghai["when"] = {"all": [{"field": "province", "op": "eq", "value": "上海市"}]}
    shanghai["assign"] = {"kind": "team", "target": "shanghai"}
    rules["assignment"]["rules"].append(shanghai)
    found = [f for f in run_all(with_rules(lead=rules)) if f.code == "rule_overlap"]
    assert len(found) == 1 and found[0].severity == Severity.info
    assert "上海市" in found[0].message and "shanghai" in found[0].message


def _with_team(members: tuple[str, ...], disabled: tuple[str, ...]) -> Bundle:
    from studio.bundle.access import AccessSection, Team, TeamLabel

    base = with_rules(lead=routing({"field": "city", "op": "not_empty"}))
    users = tuple(
        u.model_copy(update={"disabled": True}) if u.user in disabled else u for u in base.users
    )
    team = Team(key="east", label=TeamLabel(zh_CN="华东组", en="East"), members=members)
    access = (base.access or AccessSection()).model_copy(update={"teams": (team,)})
    return base.model_copy(update={"users": users, "access": access})


def test_a_round_robin_team_with_disabled_members() -> None:
    assert "rule_team_disabled_member" not in codes(_with_team(("wu", "zhou"), ()))
    some = run_all(_with_team(("wu", "zhao", "zhou"), ("zhao",)))
    [finding] = [f for f in some if f.code == "rule_team_disabled_member"]
    assert finding.severity == Severity.warning and "zhao" in finding.message
    everyone = codes(_with_team(("wu", "zhao"), ("wu", "zhao")))
    assert everyone.get("rule_team_no_active_member") == Severity.error
