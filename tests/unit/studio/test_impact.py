"""Impact numbers of a change: roles that lose access, fields that become required."""

from __future__ import annotations

from studio.bundle import FieldDef, FieldType, Label
from studio.changes.impact import impact_of
from studio.diff import diff_bundles
from studio.rules import DataStats
from studio.sample import sample_bundle


def _edited():  # type: ignore[no-untyped-def]
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    fields = tuple(
        f.model_copy(update={"required": True}) if f.key == "mobile" else f for f in customer.fields
    )
    customs = FieldDef(
        key="customs_code",
        type=FieldType.text,
        label=Label(zh_CN="海关编码", en="Customs code"),
        required=True,
        default="0000000000",
    )
    customer = customer.model_copy(update={"fields": (*fields, customs)})
    perms = tuple(
        p.model_copy(update={"read": False}) if (p.role, p.entity) == ("sales", "customer") else p
        for p in live.entity_permissions
    )
    draft = live.model_copy(
        update={
            "entities": tuple(customer if e.key == "customer" else e for e in live.entities),
            "entity_permissions": perms,
        }
    )
    return live, draft


def test_impact_names_roles_losing_access_and_newly_required_fields() -> None:
    live, draft = _edited()
    impact = impact_of(diff_bundles(live, draft))
    assert ("sales", "customer", "read") in impact.lost_operations
    assert impact.roles_losing_access == ("sales",)
    required = {r.field: r for r in impact.newly_required}
    assert set(required) == {"mobile", "customs_code"}
    assert required["customs_code"].has_default and not required["mobile"].has_default
    assert required["mobile"].violating is None  # no record statistics known
    lines = impact.lines()
    assert lines[0] == "1 role(s) lose access: sales."
    assert any("customer.mobile becomes required" in line for line in lines)


def test_impact_counts_records_that_would_violate_when_stats_are_known() -> None:
    live, draft = _edited()
    stats = DataStats(record_counts={"customer": 120}, empty_counts={("customer", "mobile"): 7})
    impact = impact_of(diff_bundles(live, draft), stats)
    mobile = next(r for r in impact.newly_required if r.field == "mobile")
    assert mobile.violating == 7
    assert "7 record(s) have no value" in " ".join(impact.lines())
