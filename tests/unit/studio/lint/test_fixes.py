"""apply_fix: every action the rules emit, carried out on a copy; refusals are messages."""

from __future__ import annotations

import pytest

from studio.bundle.model import Form, Label
from studio.lint import DataStats, run_all
from studio.lint.findings import Fix
from studio.lint.fixes import ACTIONS, FixError, apply_fix

from .builders import add_field, field, replace_entity, sample, set_field_permission


def test_every_fix_the_rules_emit_is_applicable() -> None:
    live = sample()
    draft = add_field(live, field(required=True), forms=("create",), read_only=True)
    draft = set_field_permission(draft, "sales", "customer", "customs_code", "read")
    seen = set()
    for f in run_all(draft, DataStats(), live):
        assert f.fix is not None, f.code
        assert f.fix.action in ACTIONS
        seen.add(f.fix.action)
        if f.fix.action == "set_default":
            applied = apply_fix(draft, f.fix, value="0101010101")
            entity = applied.entity("customer")
            assert entity is not None and entity.field("customs_code").default == "0101010101"  # type: ignore[union-attr]
        else:
            assert apply_fix(draft, f.fix) != draft
    assert seen == {"set_default", "show_on_form", "make_editable", "grant_edit"}


def test_the_outage_fixed_in_one_click_each() -> None:
    live = sample()
    draft = add_field(live, field(required=True), forms=("create",))
    while blocking := [
        f for f in run_all(draft, live=live) if f.fix and f.fix.action != "set_default"
    ]:
        assert blocking[0].fix is not None
        draft = apply_fix(draft, blocking[0].fix)
    [last] = run_all(draft, live=live)
    assert last.code == "required_no_default_existing_records" and last.fix is not None
    draft = apply_fix(draft, last.fix, value="0000000000")
    assert run_all(draft, live=live) == []


def test_original_bundle_is_untouched() -> None:
    bundle = sample()
    before = bundle.sha256()
    apply_fix(bundle, Fix("make_optional", "x", {"entity": "customer", "field": "name"}))
    assert bundle.sha256() == before


def test_a_suggested_value_is_carried_in_the_fix() -> None:
    from studio.bundle.model import Option

    opts = (Option(key="sea", label=Label(zh_CN="海运", en="Sea")),)
    live = sample()
    draft = add_field(live, field("mode", "select", required=True, options=opts))
    [f] = run_all(draft, live=live)
    assert f.fix is not None and f.fix.params["value"] == "sea" and '"sea"' in f.fix.label
    assert run_all(apply_fix(draft, f.fix), live=live) == []


def test_show_on_a_form_without_sections() -> None:
    bundle = sample()
    entity = bundle.entity("contact")
    assert entity is not None
    empty = Form(key="quick", kind="mobile", label=Label(zh_CN="快速", en="Quick"))
    bundle = replace_entity(bundle, entity.model_copy(update={"forms": (*entity.forms, empty)}))
    out = apply_fix(
        bundle, Fix("show_on_form", "x", {"entity": "contact", "form": "quick", "field": "name"})
    )
    contact = out.entity("contact")
    assert contact is not None
    assert [p.field for p in contact.forms[-1].placements()] == ["name"]


def test_grant_edit_replaces_the_permission() -> None:
    out = apply_fix(
        sample(),
        Fix(
            "grant_edit", "x", {"role": "intern", "entity": "contract", "field": "contract_amount"}
        ),
    )
    mine = [p for p in out.field_permissions if (p.role, p.field) == ("intern", "contract_amount")]
    assert [p.access for p in mine] == ["edit"]


@pytest.mark.parametrize(
    ("fix", "message"),
    [
        (Fix("teleport", "x", {}), "Unknown fix"),
        (Fix("set_default", "x", {"entity": "customer", "field": "name"}), "needs a value"),
        (
            Fix("set_default", "x", {"entity": "nowhere", "field": "name", "value": 1}),
            "no longer exists",
        ),
        (Fix("make_optional", "x", {"entity": "customer", "field": "gone"}), "no longer exists"),
        (
            Fix("show_on_form", "x", {"entity": "customer", "form": "gone", "field": "name"}),
            "no longer exists",
        ),
        (
            Fix("grant_edit", "x", {"role": "nobody", "entity": "customer", "field": "name"}),
            "cannot be applied",
        ),
        (Fix("make_editable", "x", {"entity": "customer"}), "cannot be applied"),
    ],
)
def test_refusals_are_clear_messages(fix: Fix, message: str) -> None:
    with pytest.raises(FixError, match=message):
        apply_fix(sample(), fix)
