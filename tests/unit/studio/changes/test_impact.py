"""The reviewer's impact numbers: newly required fields and the records they break, lost access."""

from __future__ import annotations

from studio.bundle.diff import diff_bundles
from studio.bundle.model import FieldDef, FieldType, Label
from studio.bundle.sample import sample_bundle
from studio.changes.impact import impact


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
