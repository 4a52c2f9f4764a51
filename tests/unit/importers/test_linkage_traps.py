"""Messy rows beyond the issue's own examples, as workbooks nobody has seen hold them: pinyin
written several ways, full-width digits, 0086 / +86 in brackets, landlines with extensions,
traditional characters in company names, job changes, shared company mailboxes, a credit code
with a bad checksum. Each merges what is one person, keeps apart what is not, and drops nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from importers.pipeline import Plan, dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_xlsx

HEADER = ["客户名称", "手机", "电子邮箱", "企业全称", "统一社会信用代码", "备注"]
CUSTOMER = sample_bundle().entity("customer")


def _plan(tmp_path: Path, rows: list[list[Any]]) -> Plan:
    plan = dry_run(write_xlsx(tmp_path / "in.xlsx", [HEADER, *rows]), CUSTOMER)
    assert accounting_holds(plan.report("en")), plan.report("en")
    return plan


def test_pinyin_written_five_ways_with_one_mobile_is_one_person(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", None, None, None, None],
            ["Zhang San", "138 0013 8000", None, None, None, None],
            ["zhangsan", "+86 13800138000", None, None, None, None],
            ["ZHANG San", "13800138000", None, None, None, None],
            ["San ZHANG", "138-0013-8000", None, None, None, None],
            ["ZHANG, San", "13800138000", None, None, None, None],
        ],
    )
    assert plan.groups == [[2, 3, 4, 5, 6, 7]] and plan.review_pairs == []


def test_a_title_a_bracketed_note_or_the_name_in_pinyin_beside_it_is_one_name(
    tmp_path: Path,
) -> None:
    """张三先生, 张三（经理）, Mr. Zhang San, Zhang San (张三) and 张三 Zhang San on one mobile are
    张三: merged, not left to a person. 王先生 is all the sheet knows of Mr Wang: beside 王五 on one mobile
    (his wife's phone, his son's) it is asked, never merged."""
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", None, None, None, None],
            ["张三先生", "138 0013 8000", None, None, None, None],
            ["张三（经理）", "+86 13800138000", None, None, None, None],
            ["Mr. Zhang San", "13800138000", None, None, None, None],
            ["Zhang San (张三)", "13800138000", None, None, None, None],
            ["张三 Zhang San", "13800138000", None, None, None, None],
            ["王先生", "13911112222", None, None, None, None],
            ["王五", "13911112222", None, None, None, None],
        ],
    )
    assert plan.groups == [[2, 3, 4, 5, 6, 7]]
    assert [(a, b) for a, b, _ in plan.review_pairs] == [(8, 9)]
    # the names are imported as written: only the comparison leaves the titles out
    assert plan.values["name"].to_list()[1:5] == [
        "张三先生",
        "张三(经理)",
        "Mr. Zhang San",
        "Zhang San (张三)",
    ]


def test_pinyin_variants_without_a_shared_key_are_not_merged(tmp_path: Path) -> None:
    # the same name written two ways, but nothing else in common: two namesakes, maybe
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", "a@example.com", None, None, None],
            ["zhangsan", "13912345678", "b@example.com", None, None, None],
        ],
    )
    assert plan.groups == []


@pytest.mark.parametrize(
    "written",
    [
        "１３８００１３８０００",  # full-width digits (a Chinese input method)
        "１３８－００１３－８０００",  # full-width digits and dashes
        "(0086)138-0013-8000",
        "（+86）138 0013 8000",  # full-width brackets
        "+86(138)00138000",
        "[86] 13800138000",
        "0086-13800138000",
        " 138 0013 8000 ",
    ],
)
def test_a_mobile_in_any_dress_is_the_same_11_digits(tmp_path: Path, written: str) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", "zs@example.com", None, None, None],
            ["张三", written, None, None, None, None],
        ],
    )
    assert plan.values["mobile"].to_list() == ["13800138000", "13800138000"]
    assert plan.groups == [[2, 3]] and plan.rejected == 0


@pytest.mark.parametrize(
    "landline",
    ["0571-88886666-8001", "0571-88886666转8001", "(0571)88886666 ext. 12", "021 6234 5678"],
)
def test_a_landline_only_row_with_an_extension_is_kept(tmp_path: Path, landline: str) -> None:
    plan = _plan(
        tmp_path,
        [
            ["宁波模具厂", landline, None, None, None, "只有座机"],
            ["李四", "13912345678", None, None, None, None],
        ],
    )
    # never dropped, never refused for lacking a mobile: the landline is kept beside the record
    assert plan.rejected == 0 and plan.imported == 2, plan.report("en")["rejections"]
    assert plan.landlines[2] in {"0571-88886666 ext. 8001", "0571-88886666 ext. 12", "021-62345678"}


def test_two_landline_only_rows_of_one_switchboard_are_not_merged(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["王经理", "0571-88886666", None, "宁波模具有限公司", None, None],
            ["李会计", "0571-88886666", None, "宁波模具有限公司", None, None],
        ],
    )
    assert plan.groups == [] and plan.imported == 2


def test_traditional_characters_in_a_company_name_are_the_same_company(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            [
                "陳志明",
                "13611112222",
                "czm@example.com",
                "東方國際貿易（上海）有限公司",
                None,
                None,
            ],
            ["陈志明", "136 1111 2222", None, "东方国际贸易(上海)有限公司", None, None],
        ],
    )
    assert plan.values["company"].to_list() == ["东方国际贸易（上海）有限公司"] * 2
    assert plan.values["name"].to_list() == ["陈志明"] * 2
    assert plan.groups == [[2, 3]]


def test_a_job_change_with_a_new_mail_and_company_stays_one_person(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["Chen Jing", "15011112222", "chenjing@old-co.com", "旧公司有限公司", None, None],
            ["陈静", "150 1111 2222", "chen.jing@new-co.cn", "新公司有限责任公司", None, None],
        ],
    )
    assert plan.groups == [[2, 3]]


def test_a_shared_company_mailbox_with_several_names_merges_nobody(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["王芳", "13511112222", "hr@acme.cn", "示例有限公司", None, None],
            ["刘洋", "13533334444", "HR@acme.cn", "示例有限公司", None, None],
            ["赵磊", None, "hr@acme.cn", "示例有限公司", None, None],
            ["Wang Fang", "135 1111 2222", "hr@acme.cn", None, None, None],
        ],
    )
    # 王芳 twice (one mobile) is one person; the others share only the mailbox
    assert plan.groups == [[2, 5]]
    assert all(not ({a, b} <= {3, 4}) for a, b, _s in plan.review_pairs)  # 刘洋, 赵磊: two


def test_a_credit_code_with_a_bad_checksum_is_refused_with_a_reason(tmp_path: Path) -> None:
    good, bad = "91330106MA2B2C3D4W", "91330106MA2B2C3D4X"
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", None, "杭州示例科技有限公司", good, None],
            ["李四", "13912345678", None, "杭州示例科技有限公司", bad, None],
            ["王五", "13712345678", None, None, good.lower(), None],
        ],
    )
    assert [r.row for r in plan.rejections] == [3]
    (reason,) = plan.rejections[0].reasons(CUSTOMER, "en")
    assert bad in reason
    assert plan.values["credit_code"].to_list()[2] == good  # upper-cased, and valid


@pytest.mark.parametrize(
    "written",
    ["mailto:zs@qq.com", "张三 <ZS@qq.com>", "Zhang San<zs@qq.com>", "ｚｓ＠ｑｑ．ｃｏｍ"],
)
def test_an_address_copied_from_a_mail_program_is_the_address(tmp_path: Path, written: str) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张三", "13800138000", "zs@qq.com", None, None, None],
            ["Zhang San", None, written, None, None, None],
        ],
    )
    assert plan.values["email"].to_list() == ["zs@qq.com", "zs@qq.com"]
    assert plan.rejected == 0 and plan.groups == [[2, 3]]
    if "<" in written or written.startswith("mailto:"):
        assert plan.cleaning["email"]["email_unwrapped"] == 1  # counted, never silent
