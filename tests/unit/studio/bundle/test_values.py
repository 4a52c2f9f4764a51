"""One meaning of "empty", and a value checked against its field without ever raising."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from studio import i18n
from studio.bundle.model import FieldDef, Label, Option, Validation
from studio.bundle.sample import sample_bundle
from studio.bundle.values import MSG_REQUIRED, check_value, is_empty, regex_error

REQUIRED = "This field is required."


def fd(type_: str = "text", **kw: Any) -> FieldDef:
    return FieldDef(key="f", label=Label(zh_CN="字段", en="Field"), type=type_, **kw)


def customer(key: str) -> FieldDef:
    entity = sample_bundle().entity("customer")
    assert entity is not None
    found = entity.field(key)
    assert found is not None
    return found


@pytest.mark.parametrize("value", [None, "", "  ", "\t\n", "\u3000", [], ()])
def test_empty_means_one_thing(value: object) -> None:
    assert is_empty(value)


@pytest.mark.parametrize("value", [0, 0.0, False, "0", " a ", ["x"], {"k": 1}])
def test_zero_false_and_text_are_not_empty(value: object) -> None:
    assert not is_empty(value)


MISSING: dict[str, Any] = {}


@pytest.mark.parametrize(
    "type_",
    [
        "text",
        "number",
        "money",
        "date",
        "datetime",
        "boolean",
        "select",
        "multi_select",
        "phone",
        "email",
        "url",
        "address",
    ],
)
@pytest.mark.parametrize("value", ["", "  ", None, MISSING.get("customs_code")])
def test_required_is_reported_for_every_empty_value_and_type(type_: str, value: object) -> None:
    options = (Option(key="a", label=Label(zh_CN="甲", en="A")),) if "select" in type_ else ()
    field = fd(type_, required=True, options=options)
    assert check_value(field, value) == [REQUIRED]
    assert check_value(field.model_copy(update={"required": False}), value) == []


def test_required_message_is_chinese_in_zh_cn() -> None:
    i18n.set_language("zh_CN")
    try:
        assert check_value(customer("name"), "   ") == ["此项为必填项。"]
    finally:
        i18n.set_language(None)
    assert MSG_REQUIRED == REQUIRED


@pytest.mark.parametrize(
    ("type_", "good", "bad"),
    [
        (
            "number",
            [1, 2.5, "3", " 1,234.50 ", -7],
            ["abc", True, "nan", float("inf"), "1e999", [1]],
        ),
        ("money", [0, "99.99"], ["¥100", "Infinity"]),
        ("date", ["2024-02-29", date(2024, 1, 1)], ["2023-02-29", "29/02/2024", 20240101]),
        (
            "datetime",
            ["2024-01-01T10:00:00", "2024-01-01 10:00", datetime(2024, 1, 1)],
            ["10:00", 1],
        ),
        ("boolean", [True, False], ["yes", 1, 0]),
        (
            "phone",
            ["13812345678", "+86 138 1234 5678", "010-12345678", "+1 650 253 0000"],
            ["12", "abc", "138123456789999"],
        ),
        (
            "email",
            ["a@b.cn", "wang.li+crm@example.com", "张@例子.中国"],
            ["x", "a@", "@b.cn", "a b@c.cn"],
        ),
        (
            "url",
            ["https://example.com/x?y=1", "http://例子.中国"],
            ["example.com", "ftp://x.cn", "https://"],
        ),
        ("text", ["客户 🚀 عربي"], [42, True, ["x"]]),
        ("reference", ["u1", 12], [True, 1.5, ["x"]]),
    ],
)
def test_types(type_: str, good: list[object], bad: list[object]) -> None:
    field = fd(type_, reference="user") if type_ == "reference" else fd(type_)
    for value in good:
        assert check_value(field, value) == [], value
    for value in bad:
        assert len(check_value(field, value)) == 1, value


def test_select_and_multi_select_options() -> None:
    source = customer("source")
    assert check_value(source, "website") == []
    [message] = check_value(source, "tv")
    assert '"tv"' in message and "website" in message
    multi = fd("multi_select", options=source.options)
    assert check_value(multi, ["website", "wechat"]) == []
    assert check_value(multi, "website") == []
    assert len(check_value(multi, ["website", "tv"])) == 1
    assert check_value(multi, ["website", "website"]) == ["An option is chosen twice."]
    assert len(check_value(multi, {"website": 1})) == 1
    assert check_value(fd("select"), "x") == ["The field has no options to choose from."]


def test_max_length_regex_and_range() -> None:
    assert check_value(customer("name"), "x" * 100) == []
    [too_long] = check_value(customer("name"), "x" * 10_000)
    assert "10000" in too_long and "100" in too_long and len(too_long) < 200
    assert check_value(customer("credit_code"), "91350100M000100Y43") == []
    [mismatch] = check_value(customer("credit_code"), "abc")
    assert "expected form" in mismatch and "credit code" in mismatch  # the hint, not the regex
    budget = customer("budget")
    assert check_value(budget, "-0.01") == ["The value must be at least 0."]
    capped = fd("number", validation=Validation(min=1, max=5))
    assert check_value(capped, 6) == ["The value must be at most 5."]
    assert check_value(capped, 5) == []


def test_an_invalid_regex_is_a_message_not_a_crash() -> None:
    broken = fd(validation=Validation(regex="(["))
    [message] = check_value(broken, "anything")
    assert "validation pattern is invalid" in message
    assert regex_error("([") is not None and regex_error(r"^\d+$") is None


def test_odd_values_never_raise() -> None:
    class Weird:
        def __repr__(self) -> str:
            raise RuntimeError("no repr for you")

    for type_ in ("text", "number", "date", "boolean", "select", "email", "phone"):
        for value in (
            Weird(),
            object(),
            b"bytes",
            10**400,
            float("nan"),
            {1, 2},
            "\x00",
            "🚀" * 10_000,
        ):
            assert isinstance(check_value(fd(type_), value), list)


def test_check_record_as_the_preview_form_does() -> None:
    from studio.bundle.values import check_record

    entity = sample_bundle().entity("customer")
    assert entity is not None
    mobile_form = [p.field for p in entity.forms[2].placements()]  # name, mobile, company, source
    for name in ("", "  ", None):
        assert check_record(entity, {"name": name}, mobile_form) == {"name": [REQUIRED]}
    assert check_record(entity, {}, mobile_form) == {"name": [REQUIRED]}  # missing entirely
    bad = check_record(
        entity, {"name": "华为", "mobile": "123", "source": "tv", "budget": "x"}, mobile_form
    )
    assert set(bad) == {"mobile", "source"}  # budget is not on that form
    assert check_record(entity, {"name": "华为", "budget": "x"})["budget"] == [
        '"x" is not a number.'
    ]
