"""The field-index red lines on the bundle: the 47 searchable long-text fields of issue 15."""

from __future__ import annotations

from studio.bundle.model import Bundle, EntityThresholds, Thresholds
from studio.lint import DataStats, run_all
from studio.lint.fixes import apply_fix

from .builders import add_field, field, findings, sample


def with_device_parameters(bundle: Bundle, n: int, **kw: object) -> Bundle:
    """What sales did: ``n`` free-text "device parameter" fields on customer, all searchable."""
    for i in range(n):
        fd = field(f"device_param_{i:02d}", "long_text", searchable=True, **kw)
        bundle = add_field(bundle, fd, forms=())
    return bundle


def test_the_sample_is_healthy() -> None:
    assert [f for f in run_all(sample()) if f.code.startswith(("searchable", "too_many"))] == []


def test_47_searchable_long_text_fields_make_customer_red() -> None:
    bundle = with_device_parameters(sample(), 47)
    [over] = findings(bundle, "searchable_over_limit")
    searchable = sum(1 for f in bundle.entity("customer").fields if f.searchable)  # type: ignore[union-attr]
    assert over.entity == "customer" and over.blocking
    assert f"{searchable} searchable fields, {searchable - 25} over the line of 25" in over.message
    assert over.fix is not None and over.fix.action == "turn_off_search"
    # Long text goes first: the fix never proposes the short company or mobile fields.
    assert len(over.fix.params["fields"]) == searchable - 25
    assert all(k.startswith("device_param_") for k in over.fix.params["fields"])
    [long_text] = findings(bundle, "searchable_long_text")
    assert "47 searchable long-text fields" in long_text.message
    [wide] = findings(bundle, "too_many_fields")
    assert "over the line of 30" in wide.message and not wide.blocking


def test_applying_the_fix_brings_the_entity_back_under_the_limit() -> None:
    bundle = with_device_parameters(sample(), 47)
    [over] = findings(bundle, "searchable_over_limit")
    assert over.fix is not None
    fixed = apply_fix(bundle, over.fix)
    assert findings(fixed, "searchable_over_limit") == []
    # Still above the warning line of 15: yellow, not red.
    [warn] = findings(fixed, "searchable_over_warning")
    assert "25 searchable fields, 10 over the line of 15" in warn.message


def test_warning_above_15_error_above_25() -> None:
    base = sample()
    existing = sum(1 for f in base.entity("customer").fields if f.searchable)  # type: ignore[union-attr]
    at_15 = with_device_parameters(base, 15 - existing, max_length=100)
    assert findings(at_15, "searchable_over_warning") == []
    at_16 = with_device_parameters(base, 16 - existing, max_length=100)
    [warn] = findings(at_16, "searchable_over_warning")
    assert "1 over the line of 15" in warn.message and not warn.blocking
    at_25 = with_device_parameters(base, 25 - existing, max_length=100)
    assert findings(at_25, "searchable_over_limit") == []
    at_26 = with_device_parameters(base, 26 - existing, max_length=100)
    [err] = findings(at_26, "searchable_over_limit")
    assert err.blocking and "1 over the line of 25" in err.message


def test_an_entity_threshold_raised_by_a_change_lifts_the_error() -> None:
    bundle = with_device_parameters(sample(), 47)
    raised = bundle.model_copy(
        update={
            "thresholds": Thresholds(
                entities={"customer": EntityThresholds(searchable_limit=60, searchable_warning=50)}
            )
        }
    )
    raised = Bundle.model_validate(raised.model_dump())
    assert findings(raised, "searchable_over_limit") == []
    assert findings(raised, "searchable_over_warning") == []
    # Other entities keep the bundle-wide lines.
    assert raised.thresholds.for_entity("lead").searchable_limit == 25


def test_old_bundles_keep_their_sha256() -> None:
    bundle = sample()
    assert b'"entities":null' not in bundle.canonical_json()
    assert Bundle.model_validate_json(bundle.canonical_json()).sha256() == bundle.sha256()


def test_measured_lengths_decide_which_fields_lose_search_first() -> None:
    bundle = with_device_parameters(sample(), 27, max_length=100)
    stats = DataStats(extra={"avg_length": {("customer", "device_param_03"): 812.0}})
    [over] = findings(bundle, "searchable_over_limit", stats=stats)
    assert over.fix is not None and over.fix.params["fields"][0] == "device_param_03"


def test_unique_searchable_long_field() -> None:
    bundle = add_field(sample(), field("serial_no", "text", unique=True, searchable=True), forms=())
    assert findings(bundle, "unique_searchable_long") == []  # a one-line text of 255 at most
    long = add_field(
        sample(),
        field("serial_no", "text", unique=True, searchable=True, max_length=2000),
        forms=(),
    )
    [f] = findings(long, "unique_searchable_long")
    assert f.field == "serial_no" and "768" in f.message
