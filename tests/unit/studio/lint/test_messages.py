"""The lint findings speak Chinese (every message's catalogue entry: tests/unit/studio/test_core_messages.py)."""

from __future__ import annotations

from studio import i18n
from studio.lint import run_all

from .builders import add_field, field


def test_findings_speak_chinese() -> None:
    from .builders import sample

    i18n.set_language("zh_CN")
    try:
        [f] = run_all(add_field(sample(), field(required=True), forms=("create", "edit")))
    finally:
        i18n.set_language(None)
    assert f.message.startswith(
        "必填字段 海关编码 (customs_code) 没有默认值，而表单 移动端客户 (mobile)"
    )
    assert (
        f.fix is not None
        and f.fix.label == "在表单 移动端客户 (mobile) 中显示 海关编码 (customs_code)"
    )


def test_permission_findings_name_roles_by_their_label_in_the_users_language() -> None:
    from studio.bundle.sample import sample_bundle

    bundle = sample_bundle()
    label = next(r.label for r in bundle.roles if r.key == "sales_director")
    for lang in ("zh_CN", "en"):
        i18n.set_language(lang)
        try:
            unused = {f.role: f.message for f in run_all(bundle) if f.code == "role_unused"}
        finally:
            i18n.set_language(None)
        assert f"{label.text(lang)} (sales_director)" in unused["sales_director"]
