"""Issue 19: a field's pattern carries a human hint (zh_CN and en) that people read instead of
the regex; bundles without one stay valid and keep their sha256."""

from __future__ import annotations

import json

import pytest

from studio import i18n
from studio.bundle.diff import diff_bundles, render_text
from studio.bundle.json_schema import render
from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from studio.bundle.values import check_value
from studio.draft import edits as de
from studio.draft.edit_checks import EditError


def _without_hints(bundle: Bundle) -> Bundle:
    for entity in bundle.entities:
        for fd in entity.fields:
            if fd.validation and fd.validation.hint:
                bundle = de.update_field(bundle, entity.key, fd.key, {"hint_zh": "", "hint_en": ""})
    return bundle


def test_a_bundle_without_hints_is_valid_and_keeps_its_sha256() -> None:
    old = _without_hints(sample_bundle())
    text = old.canonical_json()
    assert b'"hint"' not in text
    again = Bundle.model_validate(json.loads(text))
    assert again.sha256() == old.sha256()
    assert "hint" in json.loads(render())["$defs"]["Validation"]["properties"]


def test_a_value_that_does_not_match_reads_the_hint_not_the_regex() -> None:
    bundle = sample_bundle()
    fd = bundle.entity("customer").field("credit_code")  # type: ignore[union-attr]
    assert fd is not None and fd.validation and fd.validation.hint
    i18n.set_language("zh_CN")
    try:
        (message,) = check_value(fd, "abc")
    finally:
        i18n.set_language(None)
    assert "统一社会信用代码" in message and fd.validation.regex not in message  # type: ignore[operator]
    (message,) = check_value(fd, "abc")
    assert "unified social credit code" in message and "[" not in message
    # without a hint, the pattern is all there is to say
    plain = _without_hints(bundle).entity("customer").field("credit_code")  # type: ignore[union-attr]
    assert "does not match the pattern ^[0-9A-HJ" in check_value(plain, "abc")[0]  # type: ignore[arg-type]


def test_a_hint_is_kept_in_both_languages_and_only_with_a_pattern() -> None:
    bundle = _without_hints(sample_bundle())
    with pytest.raises(EditError) as half:
        de.update_field(bundle, "customer", "credit_code", {"hint_zh": "18 位代码"})
    assert half.value.prop == "hint_en"
    both = de.update_field(
        bundle, "customer", "credit_code", {"hint_zh": "18 位代码", "hint_en": "18 characters"}
    )
    fd = both.entity("customer").field("credit_code")  # type: ignore[union-attr]
    assert fd.validation.hint.en == "18 characters"  # type: ignore[union-attr]
    # the hint goes with the pattern it explains
    gone = de.update_field(both, "customer", "credit_code", {"regex": ""})
    assert gone.entity("customer").field("credit_code").validation is None  # type: ignore[union-attr]
    with pytest.raises(EditError):
        de.update_field(gone, "customer", "credit_code", {"hint_zh": "x", "hint_en": "y"})


def test_the_diff_shows_a_chinese_only_hint_change_in_english() -> None:
    live = sample_bundle()
    draft = de.update_field(live, "customer", "credit_code", {"hint_zh": "十八位代码"})
    diff = diff_bundles(live, draft)
    (entity,) = [e for e in diff["entities"] if e["status"] == "changed"]
    (change,) = entity["fields"]["changed"][0]["changes"]
    assert change["property"] == "validation.hint"
    text = render_text(diff)
    assert "validation.hint" in text and "十八位代码" in text  # the language that changed is shown
