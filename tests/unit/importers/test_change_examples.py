"""Every change cleaning makes is counted and shown with examples, never silent: the wizard's
table of changes (one kind on one column a row: its count and examples as written -> as stored)."""

from __future__ import annotations

from pathlib import Path

from importers.change_examples import change_rows
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from studio.i18n.importing import change_kind_name
from tests.helpers.workbooks import CLEANING_SAMPLE, accounting_holds, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


def test_each_kind_of_change_is_counted_with_examples_as_written_and_as_stored(
    tmp_path: Path,
) -> None:
    plan = dry_run(write_xlsx(tmp_path / "c.xlsx", CLEANING_SAMPLE), CUSTOMER)
    assert accounting_holds(plan.report("en"))
    rows = {(r.field, r.kind): r for r in change_rows(plan)}
    # the counts are the plan's own (the JSON report's "cleaning"), none left out, none added
    assert {k: r.count for k, r in rows.items() if not r.finding} == {
        (f, k): n for f, kinds in plan.cleaning.items() for k, n in kinds.items()
    }
    mobile = rows[("mobile", "mobile_normalised")]
    assert mobile.count == 3 and mobile.header == "手机"
    assert mobile.examples == [
        ("+86 138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("(0086)139 1234 5678", "13912345678"),
    ]
    assert rows[("mobile", "landline_kept")].examples == [("0571-88886666", None)]
    assert rows[("name", "traditional_to_simplified")].examples == [(" 張三 ", "张三")]
    assert rows[("name", "trimmed")].examples == [(" 張三 ", "张三")]
    assert ("zhangsan@qq.con", "zhangsan@qq.com") in rows[("email", "email_domain_typo")].examples
    assert ("LI@163.cm", "li@163.com") in rows[("email", "email_domain_typo")].examples
    assert rows[("email", "email_lower_cased")].examples[0] == (
        "ZhangSan@QQ.com",
        "zhangsan@qq.com",
    )
    assert rows[("company", "company_normalised")].examples == [
        ("杭州示例科技(有限公司)", "杭州示例科技（有限公司）")
    ]
    # made after cleaning, from the other address parts: still shown with what was written
    assert rows[("province", "division_full_name")].examples == [("浙江", "浙江省")]
    assert rows[("district", "division_full_name")].examples == [("西湖", "西湖区")]
    # found and left as written (南京市 is not in 浙江省): shown as a finding, with no example
    mismatch = rows[("city", "division_mismatch")]
    assert mismatch.finding and mismatch.count == 1 and mismatch.examples == []
    assert mismatch.rows == [4]  # the sheet's own row number (header = row 1)


def test_examples_are_bounded_per_kind(tmp_path: Path) -> None:
    rows = [["客户名称", "手机"]] + [[f"客户{i}", f"+86 138 0013 {i:04d}"] for i in range(500)]
    plan = dry_run(write_xlsx(tmp_path / "many.xlsx", rows), CUSTOMER)
    (mobile,) = [r for r in change_rows(plan, per_kind=4) if r.kind == "mobile_normalised"]
    assert mobile.count == 500 and len(mobile.examples) == 4


def test_every_kind_has_a_name_in_both_languages() -> None:
    from importers import clean_codes, divisions

    kinds = [
        getattr(clean_codes, n)
        for n in (
            "TRIMMED",
            "CONTROL",
            "WIDTH",
            "MOBILE",
            "LANDLINE",
            "EMAIL_CASE",
            "EMAIL_TYPO",
            "AMOUNT",
            "DATE",
            "OPTION",
            "COMPANY",
            "CODE",
            "BOOL",
            "SIMPLIFIED",
            "EMAIL_UNWRAPPED",
        )
    ] + [divisions.FULL_NAME, divisions.COMPLETED, divisions.MISMATCH]
    for kind in kinds:
        en, zh = change_kind_name(kind, "en"), change_kind_name(kind, "zh_CN")
        assert en != kind and zh != en, kind
    assert change_kind_name("trimmed", "zh_CN") == "去除首尾空白"
