"""Lists and counts inside core messages, as each language writes them: names joined by "、" in
Chinese and ", " in English, reasons by "；" / "; " without the stop each ended in, and a count of
one said as one ("1 record removed"). A project error keeps its list and says it in the language it
is shown in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from importers.errors import ImportRefused
from studio import i18n
from studio.i18n import Message, clause_list, name_list


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(None)


def test_an_error_naming_fields_lists_them_as_the_language_does() -> None:
    error = ImportRefused(
        "The mapping names fields that {entity} does not have: {fields}.",
        entity="customer",
        fields=name_list(["nope", "nada"]),
    )
    assert error.message.render("en").endswith("does not have: nope, nada.")
    assert error.message.render("zh_CN") == "映射中有 customer 不存在的字段：nope、nada。"


def test_reasons_are_listed_without_the_stops_they_ended_in(chinese: None) -> None:
    reasons = ["手机：12345 不是电话号码。", "邮箱：bad@@x 不是有效的电子邮箱。"]
    said = i18n.tr("Row {row}: {reasons}", row=2, reasons=clause_list(reasons))
    assert said == "第 2 行：手机：12345 不是电话号码；邮箱：bad@@x 不是有效的电子邮箱"
    english = ["Mobile: 12345 is not a phone number.", "Email: bad@@x is not valid."]
    assert clause_list(english).render("en") == (
        "Mobile: 12345 is not a phone number; Email: bad@@x is not valid"
    )


def test_an_empty_list_reads_as_nothing() -> None:
    assert not name_list([]) and str(name_list([]) or "—") == "—"
    assert name_list(["a"]) and str(name_list(["a"])) == "a"


@pytest.mark.parametrize(
    ("n", "en", "zh"),
    [(1, "1 record removed", "删除 1 条记录"), (3, "3 records removed", "删除 3 条记录")],
)
def test_a_count_says_one_or_many(n: int, en: str, zh: str) -> None:
    message = Message("{n} records removed", n=n)
    assert (message.render("en"), message.render("zh_CN")) == (en, zh)
