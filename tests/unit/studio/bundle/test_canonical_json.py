"""``canonical_json`` takes a fast path (orjson) but its bytes are defined by the standard library:
the hashes of bundles stored before the fast path, and of any other implementation following
DESIGN.md's "sorted keys, no insignificant whitespace", must not change."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.bundle.canonical_json import canonical_json


def reference(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too: orjson refuses those, the slow path takes them
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=1500, deadline=None)
@given(json_values)
def test_same_bytes_as_the_standard_library(value: Any) -> None:
    try:
        expected = reference(value)
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form
        with pytest.raises(UnicodeEncodeError):
            canonical_json(value)
        return
    assert canonical_json(value) == expected


@pytest.mark.parametrize(
    "number",
    [1e16, 1e-5, 5.7e-05, 0.0001, 123456789012345680.0, 1e22, -0.0, 2.5, 1.0, 10**30, -(2**64)],
)
def test_floats_orjson_writes_differently_keep_the_standard_form(number: float) -> None:
    assert canonical_json({"v": number, "标签": "有限公司"}) == reference(
        {"v": number, "标签": "有限公司"}
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_refused_not_written_as_null(bad: float) -> None:
    with pytest.raises(ValueError):
        canonical_json({"default": bad})


@pytest.mark.parametrize(
    ("encoded", "may_differ"),
    [
        (b'{"key_id":"a03e6ae0b64c8bf1"}', False),  # hex ids are strings, not exponents
        (b'{"label":"Type 2e"}', False),
        (b'{"v":1e16}', True),
        (b"[1,2.5e-7]", True),
        (b"1e16", True),
        (b'{"v":0.00001}', True),
        (b'{"v":null}', True),  # NaN is written as null too
    ],
)
def test_the_fast_path_is_left_only_where_orjson_may_differ(
    encoded: bytes, may_differ: bool
) -> None:
    """Hex key ids and sha256s are in every bundle with approvers: they must not cost the slow
    path (a 20,000-field bundle hashes ~2x slower there)."""
    from studio.bundle.canonical_json import _orjson_may_differ

    assert _orjson_may_differ(encoded) is may_differ


def test_subclasses_take_the_standard_librarys_path() -> None:
    """A str or dict subclass may write itself otherwise through orjson; the standard library
    decides (here: the same bytes as for the plain values)."""
    from enum import StrEnum

    class Kind(StrEnum):
        text = "text"

    assert canonical_json({"type": Kind.text}) == reference({"type": "text"})


def test_this_orjson_formats_floats_as_the_fast_path_expects() -> None:
    """If a new orjson wrote floats otherwise, the fast path would switch itself off; this says
    so loudly instead of the studio quietly running slower."""
    from studio.bundle.canonical_json import _FAST_PATH

    assert _FAST_PATH
