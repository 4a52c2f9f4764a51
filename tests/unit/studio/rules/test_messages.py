"""Every message of the value checks, rules and `studio check` has its Chinese."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import studio
from studio import i18n
from studio.rules import run_all

from .builders import add_field, field

ROOT = Path(studio.__file__).parent
MODULES = [
    "values.py",
    "lint.py",
    "commands/check.py",
    "rules/common.py",
    "rules/fixes.py",
    "rules/required_defaults.py",
    "rules/field_values.py",
    "rules/released_keys.py",
]


def _msgids(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "tr"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


@pytest.mark.parametrize("module", MODULES)
def test_every_message_is_translated(module: str) -> None:
    catalogue = i18n.catalogue()
    ids = _msgids(ROOT / module)
    missing = [m for m in ids if m not in catalogue]
    assert not missing
    for msgid in ids:  # same placeholders in both languages, or formatting would raise
        assert sorted(_fields(msgid)) == sorted(_fields(catalogue[msgid])), msgid


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


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
