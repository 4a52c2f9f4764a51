"""The outage of issue 16: one customer arrived as many records, and a careless "remove
duplicates" deleted what it should not. One person in many spellings becomes one merge group;
namesakes, shared mobiles and shared mailboxes never merge without a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from importers.pipeline import Plan, dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_csv, write_xlsx

HEADER = ["客户名称", "手机", "电子邮箱", "公司", "备注"]
CUSTOMER = sample_bundle().entity("customer")


def _plan(tmp_path: Path, rows: list[list[Any]], name: str = "in.xlsx") -> Plan:
    path = write_xlsx(tmp_path / name, [HEADER, *rows])
    plan = dry_run(path, CUSTOMER)
    report = plan.report("en")
    assert accounting_holds(report), report
    return plan


def test_zhang_san_in_four_scripts_and_five_phone_formats_is_one_customer(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张三", "+86 138-0013-8000", "ZhangSan@QQ.com", "杭州示例科技有限公司", None],
            ["Zhang San", "13800138000", "zhangsan@qq.com", None, None],
            ["San Zhang", "(+86)13800138000", "ZHANGSAN@qq.com", None, None],
            ["張三", "0086 138 0013 8000", None, None, "老客户"],
            ["zhang san", "86-138-0013-8000", "zhangsan@qq.con", None, None],
            ["李四", "13912345678", "lisi@163.com", None, None],
        ],
    )
    report = plan.report("en")
    assert report["duplicate_groups"] == [[2, 3, 4, 5, 6]]
    assert report["rows_read"] == 6
    assert report["imported"] == 2 and report["merged"] == 4 and report["rejected"] == 0
    assert report["review_pairs"] == []
    # every spelling of the number is the same 11 digits, and the domain typo is corrected
    assert set(plan.values["mobile"].to_list()) == {"13800138000", "13912345678"}
    assert "zhangsan@qq.con" not in plan.values["email"].to_list()
    assert plan.cleaning["email"]["email_domain_typo"] == 1


def test_two_zhang_wei_with_different_phones_and_mails_stay_two(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["张伟", "13912345678", "zhangwei@163.com", "甲公司", None],
            ["张伟", "13698765432", "zw@126.com", "乙公司", None],
        ],
    )
    report = plan.report("en")
    assert report["duplicate_groups"] == [] and report["imported"] == 2
    assert report["review_pairs"] == []


def test_two_people_behind_one_mobile_stay_two_and_go_to_the_review_list(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["李雷", "13700001111", "lilei@example.com", None, None],
            ["韩梅梅", "137 0000 1111", "hanmeimei@example.com", None, None],
        ],
    )
    report = plan.report("en")
    assert report["duplicate_groups"] == [] and report["imported"] == 2
    assert [p[:2] for p in report["review_pairs"]] == [[2, 3]]
    assert 0 <= report["review_pairs"][0][2] <= 1


def test_a_shared_company_mailbox_merges_nobody(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["王芳", "13511112222", "sales@acme.cn", "示例公司", None],
            ["刘洋", "13533334444", "sales@acme.cn", "示例公司", None],
        ],
    )
    assert plan.groups == [] and plan.imported == 2


def test_a_person_who_changed_jobs_stays_one_person(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        [
            ["陈静", "15011112222", "chenjing@old.com", "旧公司有限公司", None],
            ["陈静", "150-1111-2222", "chenjing@new.com", "新公司有限公司", None],
        ],
    )
    assert plan.groups == [[2, 3]]


def test_one_transposed_digit_with_the_same_mail_merges_and_alone_is_reviewed(
    tmp_path: Path,
) -> None:
    plan = _plan(
        tmp_path,
        [
            ["赵敏", "13812345678", "zhaomin@qq.com", None, None],
            ["赵敏", "13812345687", "zhaomin@qq.com", None, None],
            ["孙丽", "13612345678", None, None, None],
            ["Sun Li", "13612345768", None, None, None],
        ],
    )
    assert plan.groups == [[2, 3]]
    assert [p[:2] for p in plan.review_pairs] == [(4, 5)]


def test_a_row_with_only_a_landline_is_kept(tmp_path: Path) -> None:
    plan = _plan(tmp_path, [["王五", "021-6234 5678", None, None, None]])
    assert plan.rejected == 0 and plan.imported == 1
    assert plan.landlines == {2: "021-62345678"}
    assert plan.cleaning["mobile"]["landline_kept"] == 1


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_a_csv_saved_by_chinese_excel_reads_like_the_workbook(
    tmp_path: Path, encoding: str
) -> None:
    rows = [
        ["张三", "+86 138-0013-8000", "ZhangSan@QQ.com", "杭州示例科技有限公司", "备注：老客户"],
        ["Zhang San", "13800138000", "zhangsan@qq.com", None, None],
        ["王五", "12345", None, None, None],
    ]
    book = dry_run(write_xlsx(tmp_path / "a.xlsx", [HEADER, *rows]), CUSTOMER)
    text = dry_run(write_csv(tmp_path / "a.csv", [HEADER, *rows], encoding=encoding), CUSTOMER)
    assert text.report("zh_CN") | {"sheet": None} == book.report("zh_CN") | {"sheet": None}
    assert text.values.to_dicts() == book.values.to_dicts()
