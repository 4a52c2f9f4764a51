"""The rule editor's edits of the draft (``studio.draft.rules_edits``) and what the condition
builder offers and reads (``studio.automation.fields``)."""

from __future__ import annotations

import pytest

from studio.automation.fields import ops_for, parse_value, value_text
from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from studio.draft import rules_edits as re_
from studio.errors import EditError
from tests.helpers.rules import region_rules, with_rules


def keys(bundle: Bundle, entity: str = "lead") -> list[str]:
    rules = re_.entity_rules(bundle, entity)
    return [r.key for r in rules.assignment.rules] if rules.assignment else []


def test_reorder_toggle_duplicate_and_remove() -> None:
    b = with_rules(lead=region_rules())
    assert keys(b) == ["east_china", "north_china", "south_china"]
    b = re_.move_rule(b, "lead", "south_china", 0)
    assert keys(b) == ["south_china", "east_china", "north_china"]
    b = re_.set_enabled(b, "lead", "east_china", False)
    assert not re_.entity_rules(b, "lead").assignment.rules[1].enabled  # type: ignore[union-attr]
    b, new = re_.duplicate_rule(b, "lead", "north_china")
    assert new == "north_china_2" and keys(b)[-1] == "north_china_2"
    assert not re_.entity_rules(b, "lead").assignment.rules[-1].enabled  # type: ignore[union-attr]
    b = re_.remove_rule(b, "lead", "north_china_2")
    assert keys(b) == ["south_china", "east_china", "north_china"]


def test_put_rule_adds_or_replaces_and_refuses_a_bad_rule() -> None:
    b = with_rules(lead=region_rules())
    rule = {
        "key": "vip",
        "when": {"all": [{"field": "source", "op": "eq", "value": "referral"}]},
        "assign": {"kind": "user", "target": "wu"},
    }
    b = re_.put_rule(b, "lead", rule, at=0)
    assert keys(b)[0] == "vip"
    with pytest.raises(EditError, match="not valid"):
        re_.put_rule(
            b, "lead", {**rule, "when": {"all": [{"field": "x", "op": "between", "value": [1]}]}}
        )


def test_default_and_removing_everything_leaves_no_rules_section() -> None:
    b = with_rules(lead=region_rules())
    b = re_.set_default(b, "lead", None)
    assert re_.entity_rules(b, "lead").assignment.default is None  # type: ignore[union-attr]
    b = re_.set_entity_rules(b, "lead", None)
    assert b.rules is None
    assert re_.set_entity_rules(sample_bundle(), "lead", {}) == sample_bundle()
    with pytest.raises(EditError):
        re_.set_entity_rules(sample_bundle(), "ghost", {})


def test_builder_offers_operators_by_type_and_reads_values() -> None:
    lead = sample_bundle().entity("lead")
    opp = sample_bundle().entity("opportunity")
    assert lead is not None and opp is not None
    source, city, amount = lead.field("source"), lead.field("city"), opp.field("amount")
    assert source is not None and city is not None and amount is not None
    assert "gt" not in ops_for(city) and "regex" in ops_for(city)
    assert "gt" in ops_for(amount) and "regex" not in ops_for(amount)
    assert ops_for(source)[0] == "in"
    assert parse_value(source, "in", "官网，Referral") == ["website", "referral"]
    assert parse_value(amount, "between", "1000, 5000") == [1000, 5000]
    assert parse_value(amount, "gt", "1000000") == 1000000
    assert parse_value(city, "not_empty", "ignored") is None
    with pytest.raises(EditError):
        parse_value(amount, "gt", "lots")
    with pytest.raises(EditError):
        parse_value(source, "eq", "tv")
    with pytest.raises(EditError, match="backtrack"):
        parse_value(city, "regex", "(a+)+$")
    assert value_text(["上海市", "江苏省"]) == "上海市, 江苏省"


def test_a_rule_renamed_to_another_rules_key_is_refused_and_both_rules_stay() -> None:
    b = with_rules(lead=region_rules())
    east = re_.entity_rules(b, "lead").assignment.rules[0]  # type: ignore[union-attr]
    renamed = east.model_dump(mode="json", exclude_none=True) | {"key": "north_china"}
    with pytest.raises(EditError) as err:
        re_.replace_rule(b, "lead", "east_china", renamed)
    assert "north_china" in str(err.value)
    # Renamed to a free key: in its place, under the new key.
    free = renamed | {"key": "east_region"}
    after = re_.replace_rule(b, "lead", "east_china", free)
    assert keys(after) == ["east_region", "north_china", "south_china"]
    # The same key: replaced in place.
    same = east.model_dump(mode="json", exclude_none=True) | {"enabled": False}
    assert keys(re_.replace_rule(b, "lead", "east_china", same)) == keys(b)
