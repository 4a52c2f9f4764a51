"""Status-line sentences joined as each language writes them (Chinese: no space after "。")."""

from __future__ import annotations

from widgets.sentences import clause, counted, joined, listed


def test_english_sentences_get_one_space_between_them() -> None:
    assert joined("12 rows read.", "", "Written to a.xlsx.") == "12 rows read. Written to a.xlsx."


def test_chinese_sentences_follow_each_other_without_a_space() -> None:
    text = joined("读取 12 行；清洗了 3 个值。", "未查询服务器上的已有记录。", "已写入 a.xlsx。")
    assert text == "读取 12 行；清洗了 3 个值。未查询服务器上的已有记录。已写入 a.xlsx。"


def test_a_chinese_sentence_after_an_english_one_still_gets_its_space() -> None:
    assert joined("Imported.", "已写入。") == "Imported. 已写入。"


def test_a_list_of_reasons_has_one_mark_between_two_reasons() -> None:
    assert listed(["手机号无效。", "", "邮箱无效。"], "zh_CN") == "手机号无效；邮箱无效"
    assert listed(["Mobile is not valid.", "Email is not valid"], "en") == (
        "Mobile is not valid; Email is not valid"
    )


def test_a_clause_followed_by_its_count_has_no_stop_before_it() -> None:
    assert f"{clause('身份证号无效（校验位不符）。')} (139)" == "身份证号无效（校验位不符） (139)"


def test_one_is_singular_in_english() -> None:
    assert counted(1, "{n} row read", "{n} rows read") == "1 row read"
    assert counted(0, "{n} row read", "{n} rows read") == "0 rows read"
    assert counted(2, "{n} row read", "{n} rows read") == "2 rows read"
