"""Property tests: no field definition and no value makes the rules or check_value raise.

Field definitions are drawn from the whole model: every type, options, regexes (valid, invalid and
random), min/max (NaN and infinities too), defaults and backfills of any JSON type, emoji,
right-to-left and 10,000-character strings wherever the model allows them.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.bundle.model import SELECT_TYPES, Bundle, FieldDef, FieldType, Label, Option, Validation
from studio.bundle.values import check_value, is_empty
from studio.lint import DataStats, run_all
from studio.lint.findings import Finding
from studio.lint.fixes import FixError, apply_fix

from .builders import add_field, sample, set_field_permission

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\u3000",
        "🚀🔥",
        "مرحبا بالعالم",
        "שלום",
        "\u202etxet",
        "客户\x00名",
        "x" * 10_000,
        "🚀" * 10_000,
    ]
)
TEXT = st.one_of(st.text(max_size=50), ODD_TEXT)
KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True)
REGEXES = st.one_of(
    st.sampled_from(
        [r"^\d{10}$", "(", "[a-", "*", r"(?P<x>a)(?P=y)", "a{2,1}", r"\\", "^客户.*$", "(?<=a+)b"]
    ),
    st.text(alphabet="()[]{}?|^$\\.ad0-9,:=<!", max_size=12),
)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
LABELS = st.builds(
    Label,
    zh_CN=st.one_of(
        st.text(min_size=1, max_size=200), st.sampled_from(["海关编码", "🚀" * 200, "مرحبا"])
    ),
    en=st.one_of(st.text(min_size=1, max_size=200), st.just("x" * 200)),
)


@st.composite
def field_defs(draw: st.DrawFn, key: str | None = None) -> FieldDef:
    type_ = draw(st.sampled_from(list(FieldType)))
    options: tuple[Option, ...] = ()
    if type_ in SELECT_TYPES:
        keys = draw(st.lists(KEYS, max_size=5, unique=True))
        options = tuple(Option(key=k, label=draw(LABELS)) for k in keys)
    validation = draw(
        st.none()
        | st.builds(
            Validation,
            regex=st.none() | REGEXES,
            min=st.none() | st.floats(),
            max=st.none() | st.floats(),
        )
    )
    value = JSON_VALUES
    if options:
        option_values = st.sampled_from([o.key for o in options])
        value = st.one_of(JSON_VALUES, option_values, st.lists(option_values, max_size=3))
    return FieldDef(
        key=key or draw(KEYS),
        label=draw(LABELS),
        type=type_,
        required=draw(st.booleans()),
        default=draw(value),
        backfill=draw(value),
        unique=draw(st.booleans()),
        searchable=draw(st.booleans()),
        max_length=draw(st.none() | st.integers(1, 1_000_000)),
        sensitive=draw(st.booleans()),
        options=options,
        validation=validation,
        reference="user" if type_ == FieldType.reference else None,
        deprecated=draw(st.booleans()),
        hidden=draw(st.booleans()),
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Bundle, DataStats | None, Bundle | None]:
    """The sample with one arbitrary field on customer, and arbitrary placement/permissions."""
    fd = draw(field_defs(key="zz_arbitrary"))
    forms = draw(st.sampled_from(["all", (), ("create",), ("edit", "mobile")]))
    bundle = add_field(sample(), fd, forms=forms, read_only=draw(st.booleans()))
    for role in draw(
        st.lists(st.sampled_from(["sales", "intern", "admin"]), unique=True, max_size=3)
    ):
        access = draw(st.sampled_from(["hidden", "read", "edit"]))
        bundle = set_field_permission(bundle, role, "customer", fd.key, access)
    live_fd = draw(st.none() | field_defs(key="zz_arbitrary"))
    live = draw(st.none() | st.just(sample()))
    if live is not None and live_fd is not None:
        live = add_field(live, live_fd)
    stats = draw(
        st.none()
        | st.builds(
            DataStats,
            record_counts=st.dictionaries(st.just("customer"), st.integers(0, 10**9)),
            empty_counts=st.dictionaries(
                st.just(("customer", "zz_arbitrary")), st.integers(0, 10**9)
            ),
        )
    )
    return bundle, stats, live


def _well_formed(f: Finding) -> None:
    assert f.code != "rule_crashed", f.message
    assert isinstance(f.message, str) and f.message
    json.dumps(f.to_json(), ensure_ascii=False)  # the check contract stays serialisable
    assert len(f.message) < 2_000  # a 10,000-character value is quoted short


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_rules_never_raise_on_arbitrary_fields(
    scenario: tuple[Bundle, DataStats | None, Bundle | None],
) -> None:
    bundle, stats, live = scenario
    found = run_all(bundle, stats, live)
    for f in found:
        _well_formed(f)
    # Each proposed fix either applies to a valid bundle or says why not; it never crashes.
    for f in found:
        if f.fix is not None:
            try:
                apply_fix(bundle, f.fix)
            except FixError as exc:
                assert str(exc)


@settings(max_examples=500, deadline=None)
@given(field_defs(), st.one_of(JSON_VALUES, st.builds(object), st.binary(max_size=5)))
def test_check_value_never_raises(fd: FieldDef, value: Any) -> None:
    problems = check_value(fd, value)
    assert isinstance(problems, list) and all(isinstance(p, str) and p for p in problems)
    if is_empty(value):
        assert problems == (["This field is required."] if fd.required else [])
