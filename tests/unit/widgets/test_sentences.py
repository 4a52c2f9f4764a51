"""Status-line sentences joined as each language writes them (Chinese: no space after "。")."""

from __future__ import annotations

from widgets.sentences import joined


def test_english_sentences_get_one_space_between_them() -> None:
    assert joined("12 rows read.", "", "Written to a.xlsx.") == "12 rows read. Written to a.xlsx."


def test_chinese_sentences_follow_each_other_without_a_space() -> None:
    text = joined("读取 12 行；清洗了 3 个值。", "未查询服务器上的已有记录。", "已写入 a.xlsx。")
    assert text == "读取 12 行；清洗了 3 个值。未查询服务器上的已有记录。已写入 a.xlsx。"


def test_a_chinese_sentence_after_an_english_one_still_gets_its_space() -> None:
    assert joined("Imported.", "已写入。") == "Imported. 已写入。"
