"""A field's own definition: default/backfill fit it, validation is usable, selects have options."""

from __future__ import annotations

from studio.bundle.model import Label, Option, Validation
from studio.lint import run_all
from studio.lint.findings import Severity
from studio.lint.fixes import apply_fix

from .builders import add_field, field, findings, sample, update_field

OPTS = (
    Option(key="a", label=Label(zh_CN="甲", en="A")),
    Option(key="b", label=Label(zh_CN="乙", en="B")),
)


def test_default_of_the_wrong_type_and_its_fix() -> None:
    draft = add_field(sample(), field("budget2", "money", default="lots"))
    [f] = findings(draft, "default_invalid")
    assert (f.severity, f.field) == (Severity.error, "budget2")
    assert '"lots"' in f.message and "not a number" in f.message
    assert f.fix is not None and f.fix.action == "clear_default"
    assert run_all(apply_fix(draft, f.fix)) == []
    assert (
        findings(add_field(sample(), field("budget2", "money", default=12.5)), "default_invalid")
        == []
    )


def test_select_default_that_is_not_an_option() -> None:
    draft = update_field(sample(), "customer", "source", default="tv")
    [f] = findings(draft, "default_invalid")
    assert f.field == "source" and "website" in f.message
    assert (
        findings(update_field(sample(), "customer", "source", default="wechat"), "default_invalid")
        == []
    )


def test_default_too_long_or_not_matching_the_pattern() -> None:
    too_long = update_field(sample(), "customer", "credit_code", default="9" * 19)
    [f] = findings(too_long, "default_invalid")
    assert "19" in f.message
    ok = update_field(sample(), "customer", "credit_code", default="91350100M000100Y43")
    assert findings(ok, "default_invalid") == []


def test_backfill_must_fit_too() -> None:
    draft = add_field(
        sample(), field(required=True, backfill="x" * 11, max_length=10, default="ok")
    )
    [f] = findings(draft, "backfill_invalid")
    assert f.fix is not None and f.fix.action == "clear_backfill"
    assert findings(apply_fix(draft, f.fix), "backfill_invalid") == []


def test_invalid_regex_is_an_error_at_the_field_not_a_crash() -> None:
    draft = add_field(sample(), field(validation=Validation(regex="(unclosed"), default="abc"))
    result = run_all(draft)
    assert "rule_crashed" not in {f.code for f in result}
    [f] = [f for f in result if f.code == "validation_regex_invalid"]
    assert (f.severity, f.entity, f.field) == (Severity.error, "customer", "customs_code")
    assert (
        findings(
            add_field(sample(), field(validation=Validation(regex=r"^\d{10}$"))),
            "validation_regex_invalid",
        )
        == []
    )


def test_min_above_max() -> None:
    draft = add_field(sample(), field("n", "number", validation=Validation(min=10, max=1)))
    [f] = findings(draft, "validation_min_above_max")
    assert "10" in f.message and "1" in f.message
    assert (
        findings(
            add_field(sample(), field("n", "number", validation=Validation(min=1, max=10))),
            "validation_min_above_max",
        )
        == []
    )


def test_validation_that_the_type_never_uses() -> None:
    draft = add_field(sample(), field("n", "number", validation=Validation(regex=r"\d")))
    assert [f.severity for f in findings(draft, "validation_not_for_type")] == [Severity.warning]
    ranged = add_field(sample(), field("t", "text", validation=Validation(min=1)))
    assert len(findings(ranged, "validation_not_for_type")) == 1
    assert (
        findings(
            add_field(sample(), field("t", "text", validation=Validation(regex="x"))),
            "validation_not_for_type",
        )
        == []
    )


def test_select_without_options() -> None:
    [f] = findings(add_field(sample(), field("kind", "select")), "select_without_options")
    assert f.severity == Severity.error
    assert (
        findings(
            add_field(sample(), field("kind", "multi_select", options=OPTS)),
            "select_without_options",
        )
        == []
    )


def test_default_on_a_deprecated_field() -> None:
    draft = update_field(sample(), "customer", "source", deprecated=True)
    [f] = findings(draft, "default_on_deprecated")
    assert f.severity == Severity.warning and f.fix is not None
    fixed = apply_fix(draft, f.fix)
    assert findings(fixed, "default_on_deprecated") == []
    assert findings(sample(), "default_on_deprecated") == []


def test_placement_in_a_missing_column_and_deprecated_on_form() -> None:
    bundle = sample()
    entity = bundle.entity("customer")
    assert entity is not None
    mobile = entity.forms[2]
    section = mobile.sections[0]
    moved = section.model_copy(
        update={
            "placements": (
                section.placements[0].model_copy(update={"column": 2}),
                *section.placements[1:],
            )
        }
    )
    from .builders import replace_entity

    forms = (*entity.forms[:2], mobile.model_copy(update={"sections": (moved,)}))
    draft = replace_entity(bundle, entity.model_copy(update={"forms": forms}))
    [f] = findings(draft, "placement_column_missing")
    assert f.field == "name" and f.severity == Severity.warning
    assert findings(sample(), "placement_column_missing") == []
    dep = update_field(sample(), "customer", "notes", deprecated=True)
    assert {f.severity for f in findings(dep, "deprecated_on_form")} == {Severity.info}


def test_unique_field_with_a_default_or_a_backfill() -> None:
    from studio.lint import DataStats

    with_default = update_field(sample(), "customer", "mobile", default="13812345678")
    [f] = findings(with_default, "unique_with_default")
    assert f.severity == Severity.warning and f.fix is not None
    assert findings(apply_fix(with_default, f.fix), "unique_with_default") == []
    with_backfill = update_field(sample(), "customer", "mobile", backfill="13812345678")
    [b] = findings(with_backfill, "unique_with_backfill")
    assert b.severity == Severity.error
    one_empty = DataStats(empty_counts={("customer", "mobile"): 1})
    assert findings(with_backfill, "unique_with_backfill", one_empty) == []
    not_unique = update_field(sample(), "customer", "email", default="a@b.cn", backfill="a@b.cn")
    assert (
        findings(not_unique, "unique_with_default") + findings(not_unique, "unique_with_backfill")
        == []
    )
