"""The one evaluator: what each operator means, and that it never raises and agrees with itself
(one record at a time, as the server runs it, and in a batch, as the replay runs it)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.automation.evaluate import Evaluator, predicate
from studio.bundle.rules import OPS, Condition, EntityRules, Group


def holds(op: str, value: Any, record_value: Any) -> bool:
    return predicate(Condition(field="f", op=op, value=value))(record_value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("op", "value", "record_value", "expected"),
    [
        ("empty", None, None, True),
        ("empty", None, "  ", True),
        ("empty", None, "\u3000", True),  # full-width space: still empty
        ("empty", None, [], True),
        ("not_empty", None, "上海", True),
        ("eq", "上海市", " 上海市 ", True),
        ("eq", "上海市", None, False),
        ("ne", "上海市", None, True),  # empty equals nothing
        ("eq", 100, "100", True),  # a number compares with text that reads as one
        ("eq", 100, 100.0, True),
        ("eq", True, "true", True),
        ("eq", True, 1, False),
        ("in", ("上海市", "江苏省"), "江苏省", True),
        ("in", ("上海市",), ["北京市", "上海市"], True),  # a multi-select: one element is enough
        ("not_in", ("上海市",), "北京市", True),
        ("not_in", ("上海市",), None, True),
        ("prefix", "139", "13900001111", True),
        ("prefix", "139", 13900001111, True),
        ("contains", "科技", "上海某某科技有限公司", True),
        ("contains", "vip", ["vip", "new"], True),
        ("gt", 1000000, 1500000, True),
        ("gt", 1000000, "2,000,000", True),
        ("gt", 1000000, "a lot", False),
        ("gte", 5, 5, True),
        ("lt", "2026-12-01", "2026-11-30", True),  # ISO dates order as text
        ("lte", 5, None, False),
        ("between", (1, 10), 10, True),
        ("between", (1, 10), 11, False),
        ("between", ("2026-11-01", "2026-11-30"), "2026-11-15 10:00:00", True),
        ("regex", r"^1[3-9]\d{9}$", "13900001111", True),
        ("regex", r"(a+)+$", "a" * 40 + "b", False),  # refused pattern: never runs, never matches
    ],
)
def test_operators(op: str, value: Any, record_value: Any, expected: bool) -> None:
    assert holds(op, value, record_value) is expected


def test_a_catastrophic_pattern_does_not_run() -> None:
    # Would take longer than the universe's age in re; refused before it runs.
    assert holds("regex", r"^(\w+\s?)*$", "an " * 40 + "!") is False


def rules(data: dict[str, Any]) -> EntityRules:
    return EntityRules.model_validate(data)


ROUTING = rules(
    {
        "assignment": {
            "rules": [
                {
                    "key": "big",
                    "when": {"all": [{"field": "amount", "op": "gte", "value": 1000000}]},
                    "assign": {"kind": "user", "target": "zhou"},
                },
                {
                    "key": "off",
                    "enabled": False,
                    "when": {"all": []},
                    "assign": {"kind": "user", "target": "zhao"},
                },
                {
                    "key": "east",
                    "when": {
                        "any": [
                            {"field": "province", "op": "eq", "value": "上海市"},
                            {"all": [{"field": "city", "op": "prefix", "value": "苏"}]},
                        ]
                    },
                    "assign": {"kind": "team", "target": "east"},
                },
            ],
            "default": {"kind": "queue", "target": "unassigned"},
        }
    }
)


def test_first_enabled_rule_decides_then_the_default() -> None:
    ev = Evaluator(ROUTING)
    assert ev.assign({"amount": 2000000, "province": "上海市"}).rule == "big"
    decided = ev.assign({"province": "上海市"})
    assert (decided.rule, decided.name()) == ("east", "team:east")
    fallen = ev.assign({"province": "北京市"})
    assert fallen.rule is None and fallen.by_default and fallen.name() == "queue:unassigned"
    assert Evaluator(None).assign({}).name() == "none"  # no rules: no owner


# -- property-based -------------------------------------------------------------------------

FIELDS = ("province", "city", "district", "amount", "tags")
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["上海市", "江苏省", " ", "100", "2026-11-30", "true"]),
)
record_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=3), scalars, max_size=2),
)


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, Any]:
    op = draw(st.sampled_from(OPS))
    cond: dict[str, Any] = {"field": draw(st.sampled_from(FIELDS)), "op": op}
    safe_scalars = scalars.filter(lambda v: not (isinstance(v, float) and v != v))
    if op in ("in", "not_in"):
        cond["value"] = draw(st.lists(safe_scalars.filter(lambda v: v is not None), max_size=3))
    elif op == "between":
        cond["value"] = draw(
            st.lists(safe_scalars.filter(lambda v: v is not None), min_size=2, max_size=2)
        )
    elif op in ("prefix", "contains"):
        cond["value"] = draw(st.text(max_size=4))
    elif op == "regex":
        cond["value"] = draw(st.sampled_from(["^1", "(a+)+", "[", "海$", r"\d{3}", "(x|y)*z"]))
    elif op not in ("empty", "not_empty"):
        cond["value"] = draw(safe_scalars.filter(lambda v: v is not None))
    return cond


groups = st.recursive(
    conditions(),
    lambda children: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(children, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(children, max_size=3)),
    ),
    max_leaves=6,
)


def as_group(item: dict[str, Any]) -> dict[str, Any]:
    return item if ("all" in item or "any" in item) else {"all": [item]}


@st.composite
def entity_rules(draw: st.DrawFn) -> EntityRules:
    n = draw(st.integers(0, 5))
    return EntityRules.model_validate(
        {
            "assignment": {
                "rules": [
                    {
                        "key": f"r{i}",
                        "enabled": draw(st.booleans()),
                        "when": as_group(draw(groups)),
                        "assign": {"kind": "team", "target": f"t{i % 3}"},
                    }
                    for i in range(n)
                ],
                "default": draw(st.sampled_from([None, {"kind": "queue", "target": "q"}])),
            },
            "validations": [
                {
                    "key": "v",
                    "when": as_group(draw(groups)),
                    "require": as_group(draw(groups)),
                    "message": {"zh_CN": "不行", "en": "No"},
                }
            ],
        }
    )


records = st.lists(
    st.one_of(st.dictionaries(st.sampled_from(FIELDS), record_values, max_size=5), scalars),
    max_size=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entity_rules(), records)
def test_one_record_and_a_batch_agree_and_nothing_raises(
    rules_: EntityRules, batch: list[Any]
) -> None:
    ev = Evaluator(rules_)
    chosen = ev.assign_many(batch)
    refused = ev.refused_many(batch)
    keys = ev.route_keys()
    for i, record in enumerate(batch):
        one = ev.assign(record)
        assert one.rule == (keys[chosen[i]] if chosen[i] >= 0 else None)
        assert bool(ev.refusals(record)) == bool(refused[i])


@settings(max_examples=100, deadline=None)
@given(entity_rules(), records)
def test_disabled_rules_and_equivalent_reorderings_give_the_same_outcomes(
    rules_: EntityRules, batch: list[Any]
) -> None:
    assert rules_.assignment is not None

    # Equivalent forms: disabled rules dropped, every group's members reversed (all/any commute).
    def reverse(group: Group) -> Group:
        members = tuple(reverse(m) if isinstance(m, Group) else m for m in reversed(group.members))
        return Group(**{group.kind: members})

    enabled = [
        r.model_copy(update={"when": reverse(r.when)}) for r in rules_.assignment.rules if r.enabled
    ]
    other = rules_.model_copy(
        update={"assignment": rules_.assignment.model_copy(update={"rules": tuple(enabled)})}
    )
    a, b = Evaluator(rules_), Evaluator(other)
    for record in batch:
        assert a.assign(record).name() == b.assign(record).name()
