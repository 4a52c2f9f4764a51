"""The linkage reads names through ``name_keys`` (a whole column, Python once per character and
word); ``name_key`` (one name) is what a remembered decision is stored by. Both must agree."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.link import link
from importers.names import name_key, name_keys
from tests.helpers.messy_customers import generate

ODD = [
    "",
    "  ",
    "曾小明",
    "单田芳",
    "Zhāng Sān",
    "ZHANGSAN",
    "san zhang",
    "张三 Zhang",
    "Lǚ Bù",
    "Lu:bu",
    "John Smith",
    "〇一",
    "x曾",
    "曾",
    "李-四",
    "Wang, Fang",
    "ｚｈａｎｇ",
    "張三",
    "张三先生",
    "王先生",
    "欧阳先生",
    "张三总经理",
    "张三（经理）",
    "(张三)",
    "Mr. Zhang San",
    "Dr.Wang Fang",
    "mr",
    "Zhang San (张三)",
    "李四 【VIP】",
    "张三 Zhang San",
    "Wang Xiaoming 王小明",
    "曾小明 Zeng Xiaoming",
    "张三 John",
]


def test_name_keys_of_a_column_are_name_key_of_each_name() -> None:
    names = [row[0] for row in generate(400, seed=2).rows[1:]] + ODD + [None]
    column = pl.Series("name", names, dtype=pl.String)
    assert name_keys(column).to_list() == [None if n is None else name_key(n) for n in names]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet="张三張李曾单〇 zhangsanLǚüu:ÁáZ-,ｚ\t先生经理()（）【】Mr.阿Āā", max_size=8
        ),
        min_size=1,
        max_size=20,
    )
)
def test_name_keys_agree_with_name_key_on_any_text(names: list[str]) -> None:
    column = pl.Series("name", names, dtype=pl.String)
    assert name_keys(column).to_list() == [name_key(n) for n in names]


def test_merges_never_chain_two_different_names_into_one_group() -> None:
    """王小明 ~ 王明 (one syllable more) and 王明 ~ 王宏明 are close enough to merge on one mobile
    and mailbox; 王小明 and 王宏明 are not: the strongest merges join, the one that would put
    both into one group goes to the review list instead, as the one question between the
    group and 王宏明 (the strongest of their pairs)."""
    frame = pl.DataFrame(
        {
            "name": ["王小明", "王明", "王宏明"],
            "mobile": ["13800138000"] * 3,
            "email": ["wm@qq.com"] * 3,
        }
    )
    linkage = link(frame)
    assert linkage.groups == ((0, 1),)
    assert {(p.a, p.b) for p in linkage.review} == {(1, 2)}
