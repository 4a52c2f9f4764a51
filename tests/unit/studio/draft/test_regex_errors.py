"""Issue 19: Python's regex errors ("unterminated character set…") showed inside Chinese text."""

from __future__ import annotations

import pytest

from studio import i18n
from studio.draft.edit_checks import EditError, check_regex


@pytest.mark.parametrize(
    ("pattern", "en", "zh"),
    [
        (
            "[0-9A-Z{18}",
            "a [ is not closed with ] (at character 1)",
            "“[”没有对应的“]”（第 1 个字符处）",
        ),
        ("(abc", "a ( is not closed with ) (at character 1)", "“(”没有对应的“)”（第 1 个字符处）"),
        (
            "abc)",
            "a ) has no ( before it (at character 4)",
            "“)”前面没有对应的“(”（第 4 个字符处）",
        ),
        (
            "*abc",
            "follows nothing it could repeat (at character 1)",
            "前面没有可重复的内容（第 1 个字符处）",
        ),
        ("[z-a]", "runs backwards", "范围顺序颠倒"),
    ],
)
def test_a_bad_pattern_is_explained_in_the_users_language(pattern: str, en: str, zh: str) -> None:
    with pytest.raises(EditError) as refused:
        check_regex(pattern)
    assert en in refused.value.message.render("en")
    zh_text = refused.value.message.render("zh_CN")
    assert zh in zh_text and "unterminated" not in zh_text and "position" not in zh_text
    i18n.set_language(None)
