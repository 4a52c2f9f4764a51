"""Required fields somebody cannot fill: each rule with a case it flags and one it passes."""

from __future__ import annotations

from studio.lint import DataStats, run_all
from studio.lint.findings import Severity
from studio.lint.fixes import apply_fix

from .builders import add_field, codes, field, findings, sample, set_field_permission, update_field


def test_the_sample_is_clean() -> None:
    assert run_all(sample()) == []
    assert run_all(sample(), live=sample()) == []


# -- existing records --------------------------------------------------------------------------


def test_new_required_field_without_default_on_an_entity_with_records() -> None:
    live = sample()
    draft = add_field(live, field(required=True))  # on every form: only the records are missing
    [finding] = findings(draft, "required_no_default_existing_records", live=live)
    assert (finding.severity, finding.entity, finding.field) == (
        Severity.error,
        "customer",
        "customs_code",
    )
    assert finding.fix is not None and finding.fix.action == "set_default"
    assert "value" not in finding.fix.params  # a text default is for a person to choose


def test_known_record_counts_decide() -> None:
    live = sample()
    draft = add_field(live, field(required=True))
    none_yet = DataStats(record_counts={"customer": 0})
    assert findings(draft, "required_no_default_existing_records", none_yet, live) == []
    some = DataStats(record_counts={"customer": 1200})
    [f] = findings(draft, "required_no_default_existing_records", some, live)
    assert "1200" in f.message
    all_filled = DataStats(
        record_counts={"customer": 1200}, empty_counts={("customer", "customs_code"): 0}
    )
    assert findings(draft, "required_no_default_existing_records", all_filled, live) == []


def test_before_the_first_release_only_empty_counts_are_evidence() -> None:
    draft = add_field(sample(), field(required=True))
    assert findings(draft, "required_no_default_existing_records") == []
    assert findings(draft, "required_no_default_existing_records", DataStats({"customer": 3})) == []
    stats = DataStats({"customer": 3}, {("customer", "customs_code"): 3})
    [f] = findings(draft, "required_no_default_existing_records", stats)
    assert f.field == "customs_code" and "3 existing records" in f.message


def test_a_default_or_a_backfill_satisfies_existing_records() -> None:
    live = sample()
    with_default = add_field(live, field(required=True, default="0000000000"))
    assert codes(with_default, live=live) == []
    with_backfill = add_field(live, field(required=True, backfill="0000000000"))
    assert "required_no_default_existing_records" not in [
        c for c, *_ in codes(with_backfill, live=live)
    ]


def test_whitespace_default_is_no_default() -> None:
    live = sample()
    draft = add_field(live, field(required=True, default="   "))
    assert len(findings(draft, "required_no_default_existing_records", live=live)) == 1


def test_a_field_already_required_in_the_live_release_is_fine() -> None:
    # customer.name is required without a default, and was so in the live release.
    assert run_all(sample(), live=sample()) == []


# -- forms ---------------------------------------------------------------------------------------


def test_required_field_missing_from_a_form_and_the_fix_shows_it() -> None:
    draft = add_field(sample(), field(required=True), forms=("create", "edit"))
    [f] = findings(draft, "required_not_on_form")
    assert (f.entity, f.field, f.fix and f.fix.params) == (
        "customer",
        "customs_code",
        {"entity": "customer", "form": "mobile", "field": "customs_code"},
    )
    assert f.fix is not None
    fixed = apply_fix(draft, f.fix)
    assert run_all(fixed) == []


def test_read_only_on_a_form_and_the_fix_makes_it_editable() -> None:
    draft = add_field(sample(), field(required=True), read_only=True)
    found = findings(draft, "required_read_only_on_form")
    assert {f.fix.params["form"] for f in found if f.fix} == {"create", "edit", "mobile"}
    for f in found:
        assert f.fix is not None
        draft = apply_fix(draft, f.fix)
    assert run_all(draft) == []


def test_a_default_makes_form_placement_optional() -> None:
    draft = add_field(sample(), field(required=True, default="0000"), forms=())
    assert run_all(draft) == []


def test_hidden_or_deprecated_required_field_without_default() -> None:
    for flag in ("hidden", "deprecated"):
        draft = add_field(sample(), field(required=True, **{flag: True}))
        [f] = findings(draft, "required_hidden_no_default")
        assert f.fix is not None and f.fix.action == "make_optional"
        assert not [x for x in run_all(apply_fix(draft, f.fix)) if x.blocking]
        assert (
            findings(
                add_field(sample(), field(required=False, **{flag: True})),
                "required_hidden_no_default",
            )
            == []
        )


# -- roles ---------------------------------------------------------------------------------------


def test_a_creating_role_that_cannot_edit_a_required_field() -> None:
    draft = add_field(sample(), field(required=True))
    for access in ("read", "hidden"):
        blocked = set_field_permission(draft, "sales", "customer", "customs_code", access)
        [f] = findings(blocked, "required_not_editable_by_creator")
        assert (f.role, f.entity, f.field) == ("sales", "customer", "customs_code")
        assert f.fix is not None and f.fix.action == "grant_edit"
        assert run_all(apply_fix(blocked, f.fix)) == []


def test_roles_that_cannot_create_or_fields_with_defaults_pass() -> None:
    draft = add_field(sample(), field(required=True))
    intern = set_field_permission(
        draft, "intern", "customer", "customs_code", "hidden"
    )  # no create
    assert findings(intern, "required_not_editable_by_creator") == []
    allowed = set_field_permission(draft, "sales", "customer", "customs_code", "edit")
    assert findings(allowed, "required_not_editable_by_creator") == []
    defaulted = set_field_permission(
        add_field(sample(), field(required=True, default="0")),
        "sales",
        "customer",
        "customs_code",
        "read",
    )
    assert findings(defaulted, "required_not_editable_by_creator") == []


# -- optional -> required ------------------------------------------------------------------------


def test_optional_to_required_with_and_without_counts() -> None:
    live = sample()
    draft = update_field(live, "customer", "company", required=True)
    [unknown] = findings(draft, "optional_to_required", live=live)
    assert unknown.severity == Severity.warning and "unknown" in unknown.message
    stats = DataStats(record_counts={"customer": 500}, empty_counts={("customer", "company"): 37})
    [counted] = findings(draft, "optional_to_required", stats, live)
    assert "37" in counted.message
    assert counted.fix is not None and counted.fix.action == "set_default"
    zero = DataStats(empty_counts={("customer", "company"): 0})
    [fine] = findings(draft, "optional_to_required", zero, live)
    assert fine.severity == Severity.info and fine.fix is None
    # The same field made required in the draft only, without a live release: nothing to compare.
    assert findings(draft, "optional_to_required") == []
    # Already required before: not a change.
    assert findings(live, "optional_to_required", live=live) == []
