"""Keys suggested from labels: pinyin for a Chinese name, snake_case for an English one, always
a key the designer accepts, never one already taken."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from studio.draft.edit_checks import check_key
from studio.draft.key_suggest import suggest_key


def test_a_chinese_name_becomes_pinyin() -> None:
    assert suggest_key("海关编码") == "hai_guan_bian_ma"
    assert suggest_key("客户来源") == "ke_hu_lai_yuan"
    assert suggest_key("VIP客户") == "vip_ke_hu"
    assert suggest_key("2024年合同") == "f_2024_nian_he_tong"
    assert suggest_key("女装") == "nv_zhuang"  # ü as v, as every IME types it


def test_the_english_label_wins_when_there_is_one() -> None:
    assert suggest_key("海关编码", "Customs code") == "customs_code"
    assert suggest_key("单价", "Unit price (¥)") == "unit_price"
    assert suggest_key("咖啡", "Café") == "cafe"
    assert suggest_key("全角", "ＡＢＣ１") == "abc1"


def test_taken_keys_get_a_number() -> None:
    assert suggest_key("备注", taken={"bei_zhu"}) == "bei_zhu_2"
    assert suggest_key("备注", taken={"bei_zhu", "bei_zhu_2"}) == "bei_zhu_3"


def test_nothing_to_go_on_gives_nothing() -> None:
    assert suggest_key("", "") == ""
    assert suggest_key("！？", "---") == ""


@given(st.text(max_size=120), st.text(max_size=120), st.sets(st.text(max_size=70), max_size=5))
def test_whatever_is_typed_the_suggestion_is_a_valid_free_key(
    zh: str, en: str, taken: set[str]
) -> None:
    key = suggest_key(zh, en, taken)
    if key:
        assert check_key(key) == key
        assert key not in taken
