from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

from studio.bundle.canonical_json import canonical_json
from studio.bundle.json_schema import SCHEMA_PATH, render
from studio.bundle.model import Bundle, Entity, FieldDef, Label, parse_bundle
from studio.bundle.sample import sample_bundle


def test_published_json_schema_is_current() -> None:
    # If this fails: run `python -m studio.bundle.json_schema` and commit resources/bundle.schema.json.
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render()


def test_sample_bundle_validates_against_published_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(sample_bundle().canonical_json()), schema)


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": 1, "a": "张三"}) == '{"a":"张三","b":1}'.encode()


def test_sha256_is_stable_and_changes_with_content() -> None:
    a, b = sample_bundle(), sample_bundle()
    assert a.sha256() == b.sha256()
    changed = parse_bundle(a.canonical_json().replace(b'"Customer name"', b'"Client name"'))
    assert changed.sha256() != a.sha256()


def test_round_trip_through_json_keeps_hash() -> None:
    bundle = sample_bundle()
    assert parse_bundle(bundle.canonical_json()).sha256() == bundle.sha256()


def _entity(*fields: FieldDef) -> Entity:
    return Entity(key="customer", label=Label(zh_CN="客户", en="Customer"), fields=fields)


def _text(key: str, **kw: object) -> FieldDef:
    return FieldDef(key=key, label=Label(zh_CN="名称", en="Name"), type="text", **kw)


def test_duplicate_field_keys_are_refused_with_their_name() -> None:
    with pytest.raises(ValidationError, match="duplicate field keys name"):
        _entity(_text("name"), _text("name"))


@pytest.mark.parametrize("key", ["Name", "客户", "1st", "with space", "a-b", ""])
def test_keys_must_be_ascii_snake_case(key: str) -> None:
    with pytest.raises(ValidationError):
        _text(key)


def test_ten_thousand_character_label_is_refused() -> None:
    with pytest.raises(ValidationError, match="at most 200"):
        Label(zh_CN="长" * 10_000, en="long")


def test_emoji_and_rtl_labels_are_kept_exactly() -> None:
    label = Label(zh_CN="客户 🚀", en="عميل")
    assert (
        parse_bundle(Bundle(entities=(Entity(key="c", label=label),)).canonical_json())
        .entities[0]
        .label
        == label
    )


def test_references_to_unknown_roles_and_entities_are_refused() -> None:
    data = json.loads(sample_bundle().canonical_json())
    data["users"][0]["role"] = "ghost"
    data["entity_permissions"][0]["entity"] = "nowhere"
    with pytest.raises(ValidationError) as info:
        Bundle.model_validate(data)
    assert "unknown role ghost" in str(info.value)
    assert "unknown entity nowhere" in str(info.value)


def test_unknown_top_level_keys_are_refused() -> None:
    data = json.loads(sample_bundle().canonical_json())
    data["surprise"] = 1
    with pytest.raises(ValidationError):
        Bundle.model_validate(data)


def test_sample_has_the_keys_tests_and_demos_rely_on() -> None:
    bundle = sample_bundle()
    customer = bundle.entity("customer")
    assert customer is not None
    for key in (
        "name",
        "mobile",
        "email",
        "company",
        "credit_code",
        "province",
        "city",
        "district",
        "source",
        "industry",
        "owner",
        "budget",
        "created_at",
        "notes",
    ):
        assert customer.field(key) is not None, key
    assert customer.field("name").required  # type: ignore[union-attr]
    assert customer.field("mobile").unique  # type: ignore[union-attr]
    contract = bundle.entity("contract")
    assert contract is not None and contract.field("contract_amount").sensitive  # type: ignore[union-attr]
    assert {r.key for r in bundle.roles} == {
        "admin",
        "it_admin",
        "business_lead",
        "sales_director",
        "sales",
        "finance",
        "service",
        "hr",
        "intern",
    }
    assert {(u.user, u.role) for u in bundle.users} == {
        ("lin", "it_admin"),
        ("chen", "it_admin"),
        ("zhou", "business_lead"),
        ("wu", "sales"),
        ("zhao", "intern"),
        ("admin", "admin"),
    }
