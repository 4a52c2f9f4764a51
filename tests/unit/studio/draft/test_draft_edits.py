"""The designers' edits: each returns a complete valid bundle or refuses with a message."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.bundle.model import Bundle, FieldType
from studio.bundle.sample import sample_bundle
from studio.draft import edits as de
from studio.draft.edit_checks import EditError, ReleasedKeyError, value_from_text
from studio.errors import StudioError
from studio.i18n import set_language


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return sample_bundle()


def _customer_keys(b: Bundle) -> list[str]:
    ent = b.entity("customer")
    assert ent is not None
    return [f.key for f in ent.fields]


def test_add_required_field_with_default(bundle: Bundle) -> None:
    out = de.add_field(
        bundle, "customer", "customs_code", "海关编码", "Customs code", "text",
        required=True, default="NONE", max_length=10,
    )  # fmt: skip
    fd = out.entity("customer").field("customs_code")  # type: ignore[union-attr]
    assert fd is not None and fd.required and fd.default == "NONE" and fd.max_length == 10
    assert _customer_keys(out)[-1] == "customs_code"
    assert bundle.entity("customer").field("customs_code") is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("key", "prop"),
    [("name", "key"), ("CustomsCode", "key"), ("海关编码", "key"), ("1abc", "key"), ("", "key")],
)
def test_bad_or_duplicate_keys_are_refused_at_the_key(bundle: Bundle, key: str, prop: str) -> None:
    with pytest.raises(EditError) as err:
        de.add_field(bundle, "customer", key, "x", "x", "text")
    assert err.value.prop == prop
    assert str(err.value)


def test_an_edit_error_reads_in_the_language_it_is_shown_in(bundle: Bundle) -> None:
    """Raised in Chinese, shown after View › Language switched to English: it reads in English."""
    set_language("zh_CN")
    try:
        with pytest.raises(EditError) as err:
            de.add_field(bundle, "customer", "Bad Key", "x", "x", "text")
        assert str(err.value).startswith("字段键\u201cBad Key\u201d") and "小写" in str(err.value)
    finally:
        set_language("en")
    assert str(err.value).startswith("The field key \u201cBad Key\u201d must be ASCII snake_case")
    assert "小写" in err.value.render("zh_CN")


@pytest.mark.parametrize(
    ("label", "needle"),
    [
        ("x" * 10_000, "10000 characters"),
        ("客户😀", "emoji"),
        ("עברית", "right-to-left"),
        ("abc\u202edef", "right-to-left"),
        ("   ", "empty"),
        ("a\x07b", "control"),
    ],
)
def test_bad_labels_are_refused_with_a_message(bundle: Bundle, label: str, needle: str) -> None:
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "name", {"label_en": label})
    assert err.value.prop == "label_en"
    assert needle in err.value.render("en")


def test_invalid_regex_is_refused(bundle: Bundle) -> None:
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "company", {"regex": "([a-z"})
    assert err.value.prop == "regex" and "not a valid regular expression" in str(err.value)


def test_default_of_the_wrong_type_is_refused(bundle: Bundle) -> None:
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "budget", {"default": "lots"})
    assert err.value.prop == "default" and "not a number" in str(err.value)


def test_select_default_must_be_an_option(bundle: Bundle) -> None:
    fd = bundle.entity("customer").field("source")  # type: ignore[union-attr]
    assert fd is not None and fd.options
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "source", {"default": "carrier_pigeon"})
    assert err.value.prop == "default"
    ok = de.update_field(bundle, "customer", "source", {"default": fd.options[0].key})
    assert ok.entity("customer").field("source").default == fd.options[0].key  # type: ignore[union-attr]


def test_blank_default_means_no_default(bundle: Bundle) -> None:
    out = de.update_field(bundle, "customer", "company", {"default": "   "})
    assert out.entity("customer").field("company").default is None  # type: ignore[union-attr]


def test_type_change_drops_what_the_new_type_does_not_have(bundle: Bundle) -> None:
    out = de.update_field(bundle, "customer", "mobile", {"type": "number"})
    fd = out.entity("customer").field("mobile")  # type: ignore[union-attr]
    assert fd is not None and fd.type == FieldType.number and fd.validation is None
    out = de.update_field(bundle, "customer", "source", {"type": "text"})
    assert out.entity("customer").field("source").options == ()  # type: ignore[union-attr]


def test_min_greater_than_max_is_refused(bundle: Bundle) -> None:
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "budget", {"min": "10", "max": "1"})
    assert err.value.prop == "min"
    out = de.update_field(bundle, "customer", "budget", {"min": "0", "max": "1e9"})
    assert out.entity("customer").field("budget").validation.max == 1e9  # type: ignore[union-attr]


def test_regex_on_a_number_is_refused(bundle: Bundle) -> None:
    with pytest.raises(EditError) as err:
        de.update_field(bundle, "customer", "budget", {"regex": "^1"})
    assert err.value.prop == "regex"


def test_rename_unreleased_key_follows_into_forms_and_permissions(bundle: Bundle) -> None:
    out = de.rename_field(bundle, "customer", "credit_code", "uscc")
    ent = out.entity("customer")
    assert ent is not None and ent.field("uscc") and not ent.field("credit_code")
    placed = {p.field for f in ent.forms for p in f.placements()}
    before = {p.field for f in bundle.entity("customer").forms for p in f.placements()}  # type: ignore[union-attr]
    if "credit_code" in before:
        assert "uscc" in placed and "credit_code" not in placed


def test_rename_of_a_released_key_is_refused_with_an_explanation(bundle: Bundle) -> None:
    with pytest.raises(ReleasedKeyError) as err:
        de.update_field(bundle, "customer", "mobile", {"key": "phone"}, live=bundle)
    assert err.value.prop == "key"
    assert "live on the CRM server" in err.value.render("en")
    assert "不能改名" in err.value.render("zh_CN")
    # Labels of a released field can change.
    out = de.update_field(bundle, "customer", "mobile", {"label_zh": "手机"}, live=bundle)
    assert out.entity("customer").field("mobile").label.zh_CN == "手机"  # type: ignore[union-attr]


def test_remove_only_unreleased_fields(bundle: Bundle) -> None:
    with pytest.raises(ReleasedKeyError):
        de.remove_field(bundle, "customer", "notes", live=bundle)
    out = de.remove_field(bundle, "customer", "notes")
    assert "notes" not in _customer_keys(out)


def test_move_field(bundle: Bundle) -> None:
    out = de.move_field(bundle, "customer", "email", 0)
    assert _customer_keys(out)[0] == "email"
    assert sorted(_customer_keys(out)) == sorted(_customer_keys(bundle))


def test_add_entity_form_section_and_placements(bundle: Bundle) -> None:
    b = de.add_entity(bundle, "supplier", "供应商", "Supplier")
    b = de.add_field(b, "supplier", "name", "名称", "Name", "text", required=True)
    b = de.add_field(b, "supplier", "phone", "电话", "Phone", "phone")
    b = de.add_form(b, "supplier", "create", "create", "新建供应商", "New supplier")
    b = de.add_section(b, "supplier", "create", "extra", "其他", "Other", columns=2)
    b = de.place_field(b, "supplier", "create", "main", "name")
    b = de.place_field(b, "supplier", "create", "extra", "phone", column=1)
    b = de.place_field(b, "supplier", "create", "main", "phone", index=0)  # moves it
    form = b.entity("supplier").forms[0]  # type: ignore[union-attr]
    assert [p.field for p in form.sections[0].placements] == ["phone", "name"]
    assert form.sections[1].placements == ()
    b = de.set_read_only(b, "supplier", "create", "name", True)
    assert b.entity("supplier").forms[0].sections[0].placements[1].read_only  # type: ignore[union-attr]
    b = de.remove_placement(b, "supplier", "create", "name")
    assert [p.field for p in b.entity("supplier").forms[0].placements()] == ["phone"]  # type: ignore[union-attr]
    with pytest.raises(EditError):
        de.add_entity(b, "supplier", "x", "x")


def test_reference_needs_a_known_target(bundle: Bundle) -> None:
    with pytest.raises(EditError) as err:
        de.add_field(bundle, "customer", "parent", "上级", "Parent", "reference")
    assert err.value.prop == "reference"
    out = de.add_field(
        bundle, "customer", "parent", "上级", "Parent", "reference", reference="customer"
    )
    assert out.entity("customer").field("parent").reference == "customer"  # type: ignore[union-attr]


def test_value_from_text() -> None:
    sample = sample_bundle().entity("customer")
    assert sample is not None
    budget = sample.field("budget")
    assert budget is not None
    assert value_from_text(budget, "1,000") == 1000
    assert value_from_text(budget, "abc") == "abc"
    assert value_from_text(budget, "  ") is None


# -- property-based: never anything but a valid bundle or a StudioError -------------------------
_SAMPLE = sample_bundle()
_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "  ", "name", "customs_code", "([a-z", "😀", "\u202e", "x" * 300]),
)
_value = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), _text,
    st.lists(_text, max_size=3),
)  # fmt: skip
_changes = st.dictionaries(
    st.sampled_from(sorted(de.FIELD_PROPS - {"options"})), _value, max_size=5
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entity=st.sampled_from(["customer", "lead", "nope"]),
    field=st.sampled_from(["name", "budget", "source", "mobile", "owner", "province", "x"]),
    changes=_changes,
    released=st.booleans(),
)
def test_update_field_returns_a_valid_bundle_or_refuses(
    entity: str, field: str, changes: dict[str, Any], released: bool
) -> None:
    try:
        out = de.update_field(_SAMPLE, entity, field, changes, live=_SAMPLE if released else None)
    except StudioError as exc:
        assert str(exc)
        return
    assert Bundle.model_validate_json(out.canonical_json()) == out


@settings(max_examples=200, deadline=None)
@given(
    key=_text,
    zh=_text,
    en=_text,
    ftype=st.one_of(st.sampled_from([t.value for t in FieldType]), _text),
    props=st.dictionaries(st.sampled_from(["required", "default", "max_length"]), _value),
    section=st.sampled_from(["main", "nope"]),
    index=st.integers(-5, 50),
)
def test_add_and_place_return_a_valid_bundle_or_refuse(
    key: str, zh: str, en: str, ftype: str, props: dict[str, Any], section: str, index: int
) -> None:
    try:
        out = de.add_field(_SAMPLE, "customer", key, zh, en, ftype, **props)
        form = out.entity("customer").forms[0]  # type: ignore[union-attr]
        out = de.place_field(out, "customer", form.key, section, key.strip(), index)
    except StudioError as exc:
        assert str(exc)
        return
    assert Bundle.model_validate_json(out.canonical_json()) == out


# A random sequence of designer edits: every step is a valid bundle or a StudioError.
_KEYS = st.sampled_from(
    ["name", "budget", "source", "notes", "customs_code", "x", "Bad Key", "basic", "more"]
)
_OPS = st.one_of(
    st.tuples(st.just("add_field"), _KEYS, _text, st.sampled_from([t.value for t in FieldType])),
    st.tuples(st.just("update"), _KEYS, _changes),
    st.tuples(st.just("rename"), _KEYS, _KEYS),
    st.tuples(st.just("move"), _KEYS, st.integers(-3, 30)),
    st.tuples(st.just("remove"), _KEYS),
    st.tuples(st.just("place"), _KEYS, _KEYS, st.integers(-3, 30)),
    st.tuples(st.just("unplace"), _KEYS),
    st.tuples(st.just("placement"), _KEYS, st.booleans(), st.integers(-1, 5)),
    st.tuples(st.just("add_form"), _KEYS, st.sampled_from(["create", "edit", "mobile", "x"])),
    st.tuples(st.just("add_section"), _KEYS, st.integers(0, 6)),
    st.tuples(st.just("add_entity"), _KEYS, _text),
)


def _run(b: Bundle, op: tuple[Any, ...], live: Bundle | None) -> Bundle:
    form = "create"
    name = op[0]
    if name == "add_field":
        return de.add_field(b, "customer", op[1], op[2], "Label", op[3])
    if name == "update":
        return de.update_field(b, "customer", op[1], op[2], live=live)
    if name == "rename":
        return de.rename_field(b, "customer", op[1], op[2], live=live)
    if name == "move":
        return de.move_field(b, "customer", op[1], op[2])
    if name == "remove":
        return de.remove_field(b, "customer", op[1], live=live)
    if name == "place":
        return de.place_field(b, "customer", form, op[2], op[1], op[3])
    if name == "unplace":
        return de.remove_placement(b, "customer", form, op[1])
    if name == "placement":
        return de.set_placement(b, "customer", form, op[1], read_only=op[2], column=op[3])
    if name == "add_form":
        return de.add_form(b, "customer", op[1], op[2], "表单", "Form")
    if name == "add_section":
        return de.add_section(b, "customer", form, op[1], "分区", "Section", op[2])
    return de.add_entity(b, op[1], op[2], "Entity")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(_OPS, min_size=1, max_size=8), released=st.booleans())
def test_any_sequence_of_edits_keeps_a_valid_bundle(ops: list[Any], released: bool) -> None:
    b = _SAMPLE
    live = _SAMPLE if released else None
    for op in ops:
        try:
            b = _run(b, op, live)
        except StudioError as exc:
            assert str(exc)
            continue
        assert Bundle.model_validate_json(b.canonical_json()) == b
    if released:  # released keys never disappear or change
        customer = b.entity("customer")
        assert customer is not None
        assert {f.key for f in _SAMPLE.entity("customer").fields} <= {  # type: ignore[union-attr]
            f.key for f in customer.fields
        }


def test_an_old_bad_default_does_not_block_a_label_edit_but_blocks_a_constraint(
    bundle: Bundle,
) -> None:
    broken = bundle.model_copy(deep=True)
    customer = broken.entity("customer")
    assert customer is not None
    budget = customer.field("budget")
    assert budget is not None
    # As an imported bundle may hold it: the model accepts it, the rules report it.
    bad = budget.model_copy(update={"default": "lots"})
    fields = tuple(bad if f.key == "budget" else f for f in customer.fields)
    broken = broken.model_copy(
        update={
            "entities": tuple(
                e.model_copy(update={"fields": fields}) if e.key == "customer" else e
                for e in broken.entities
            )
        }
    )
    out = de.update_field(broken, "customer", "budget", {"label_en": "Budget (CNY)"})
    assert out.entity("customer").field("budget").label.en == "Budget (CNY)"  # type: ignore[union-attr]
    with pytest.raises(EditError) as err:
        de.update_field(broken, "customer", "budget", {"max": "100"})
    assert err.value.prop == "default"
