"""The reviewer's impact numbers: newly required fields and the records they break, lost access."""

from __future__ import annotations

from studio.bundle.diff import diff_bundles
from studio.bundle.model import FieldDef, FieldType, Label
from studio.bundle.sample import sample_bundle
from studio.changes.impact import impact, impact_sentences
from studio.i18n import set_language


def _change() -> tuple[dict, dict]:
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    fields = [
        f.model_copy(update={"required": True})
        if f.key == "mobile"
        else f.model_copy(update={"required": True, "backfill": "unknown"})
        if f.key == "industry"
        else f
        for f in customer.fields
    ]
    fields.append(
        FieldDef(
            key="customs_code",
            label=Label(zh_CN="海关编码", en="Customs code"),
            type=FieldType.text,
            required=True,
        )
    )
    new_customer = customer.model_copy(update={"fields": tuple(fields)})
    perms = tuple(
        p.model_copy(update={"read": False}) if (p.role, p.entity) == ("intern", "lead") else p
        for p in live.entity_permissions
    )
    fperms = tuple(
        p.model_copy(update={"access": "hidden"}) if p.role == "sales_director" else p
        for p in live.field_permissions
    )
    draft = live.model_copy(
        update={
            "entities": tuple(new_customer if e.key == "customer" else e for e in live.entities),
            "entity_permissions": perms,
            "field_permissions": fperms,
        }
    )
    stats = {
        "customer": {
            "entity": "customer",
            "record_count": 120,
            "fields": {"mobile": {"empty": 7, "non_empty": 113}},
        }
    }
    return diff_bundles(live, draft), stats


def test_new_required_fields_count_the_records_that_would_break() -> None:
    diff, stats = _change()
    result = impact(diff, stats)
    by_field = {r["field"]: r for r in result["required_fields"]}
    assert by_field["mobile"]["records_violating"] == 7
    assert by_field["customs_code"]["records_violating"] == 120  # no record holds it yet
    assert by_field["industry"]["records_violating"] == 0  # backfilled
    assert impact(diff)["required_fields"][0]["records_violating"] is None  # no statistics


def test_roles_that_lose_access() -> None:
    diff, _stats = _change()
    lost = impact(diff)["roles_losing_access"]
    assert {"role": "intern", "entity": "lead", "what": "read"} in lost
    assert {"role": "sales_director", "entity": "contract", "what": "field contract_amount"} in lost


def test_one_set_of_sentences_for_the_cli_and_the_review() -> None:
    diff, stats = _change()
    lines = impact_sentences(impact(diff, stats), diff, "Server statistics unavailable: x")
    assert sorted(lines[:3]) == [
        "becomes required: customer.customs_code (120 records on the server have no value "
        "and could no longer be saved)",
        "becomes required: customer.industry (filled by default/backfill)",
        "becomes required: customer.mobile (7 records on the server have no value and could "
        "no longer be saved)",
    ]
    assert lines[3] == "Server statistics unavailable: x"  # after the fields it concerns
    assert "intern loses read on lead" in lines
    assert "sales_director loses field contract_amount on contract" in lines
    unknown = impact_sentences(impact(diff), diff)
    assert "becomes required: customer.mobile (how many records lack a value is unknown)" in unknown
    set_language("zh_CN")
    try:
        zh = impact_sentences(impact(diff, stats), diff)
    finally:
        set_language(None)
    assert "变为必填：customer.mobile（服务器上有 7 条记录没有取值，将无法再保存）" in zh


def test_an_added_entity_is_listed_only_for_records_the_server_counted() -> None:
    """A first release: every required field would be "unknown" otherwise."""
    live = sample_bundle()
    first = diff_bundles(None, live)
    assert impact(first)["required_fields"]  # the numbers are all there ...
    assert impact_sentences(impact(first), first, "Server statistics unavailable: x") == [
        "Server statistics unavailable: x"
    ]  # ... but only why they are unknown is said
    counted = {"customer": {"record_count": 3, "fields": {"name": {"empty": 1}}}}
    lines = impact_sentences(impact(first, counted), first)
    assert any(
        line.startswith("becomes required: customer.name (1 record on the server has")
        for line in lines
    )
    assert not any("(every record" in line or "unknown" in line for line in lines)
    assert impact_sentences({"required_fields": [], "roles_losing_access": []}, None, "x") == []
