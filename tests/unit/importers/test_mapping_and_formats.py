"""The mapping (labels, keys, aliases, fuzzy guesses with a lower confidence, a person's
correction) and the formats cleaning reads (dates in Chinese and ISO forms and Excel serials,
amounts with 元 / ¥ / 万 and separators), and validation against the configuration (required,
options, length, pattern, range), each a reason the person reads."""

from __future__ import annotations

from pathlib import Path

from importers.mapping import guess_mapping
from importers.pipeline import dry_run
from studio.bundle.model import Entity, FieldDef, FieldType, Label, Option, Validation
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_xlsx

CUSTOMER = sample_bundle().entity("customer")


def test_headers_map_by_label_key_alias_and_fuzzily_with_a_lower_confidence() -> None:
    mapping = guess_mapping(
        ["客户名称", "mobile", "电子邮箱", "统一社会信用代码 ", "预 算", "备注说明", "xyz"],
        CUSTOMER,
    )
    guesses = {c.header: (c.field, c.how) for c in mapping.columns}
    assert guesses["客户名称"] == ("name", "label")
    assert guesses["mobile"] == ("mobile", "key")
    assert guesses["电子邮箱"][0] == "email"
    assert guesses["统一社会信用代码 "][0] == "credit_code"
    assert guesses["预 算"][0] == "budget"
    assert guesses["xyz"] == (None, "none")
    fuzzy = next(c for c in mapping.columns if c.header == "备注说明")
    if fuzzy.field is not None:  # a guess it is not sure of says so
        assert fuzzy.how == "fuzzy" and fuzzy.confidence < 0.95
    # the person's correction wins, and a column can be left out
    corrected = guess_mapping(
        ["客户名称", "备注说明", "xyz"], CUSTOMER, chosen={"备注说明": "notes", "客户名称": None}
    )
    assert corrected.as_dict() == {"客户名称": None, "备注说明": "notes", "xyz": None}
    assert "name" in corrected.unmapped_required


def test_dates_and_amounts_in_the_forms_people_write(tmp_path: Path) -> None:
    rows = [
        ["客户名称", "手机", "预算", "创建时间"],
        ["甲", "13800000001", "1.5万", "2024-03-05"],
        ["乙", "13800000002", "¥30,000", "2024/3/5"],
        ["丙", "13800000003", "80000元", "2024年3月5日"],
        ["丁", "13800000004", "1,234.50", 45356],  # an Excel serial: 2024-03-05
        ["戊", "13800000005", "￥2万", "2024.03.05 14:30"],
    ]
    plan = dry_run(write_xlsx(tmp_path / "f.xlsx", rows), CUSTOMER)
    assert plan.rejected == 0, plan.report("en")["rejections"]
    assert plan.values["budget"].to_list() == ["15000", "30000", "80000", "1234.5", "20000"]
    dates = plan.values["created_at"].to_list()
    assert all(d is not None and d.startswith("2024-03-05") for d in dates), dates
    assert plan.cleaning["budget"]["amount_parsed"] >= 4


def _field(key: str, ftype: FieldType, **extra: object) -> FieldDef:
    return FieldDef(key=key, label=Label(zh_CN=key, en=key), type=ftype, **extra)  # type: ignore[arg-type]


def test_each_rule_of_the_configuration_is_a_reason(tmp_path: Path) -> None:
    entity = Entity(
        key="thing",
        label=Label(zh_CN="东西", en="Thing"),
        fields=(
            _field("name", FieldType.text, required=True, max_length=4),
            _field("code", FieldType.text, validation=Validation(regex=r"^[A-Z]{2}\d{3}$")),
            _field("qty", FieldType.number, validation=Validation(min=1, max=100)),
            _field(
                "level",
                FieldType.select,
                options=(Option(key="a", label=Label(zh_CN="甲级", en="A")),),
            ),
            _field("since", FieldType.date),
        ),
    )
    rows = [
        ["name", "code", "qty", "level", "since"],
        ["好", "AB123", "5", "甲级", "2024-01-01"],
        [None, "AB123", "5", "a", None],  # required
        ["太长的名字", "AB123", "5", "a", None],  # length
        ["好", "ab-1", "5", "a", None],  # pattern
        ["好", "AB123", "500", "a", None],  # range
        ["好", "AB123", "五个", "a", None],  # type
        ["好", "AB123", "5", "丁级", None],  # option
        ["好", "AB123", "5", "a", "昨天"],  # date
    ]
    plan = dry_run(write_xlsx(tmp_path / "v.xlsx", rows), entity)
    report = plan.report("en")
    assert accounting_holds(report)
    assert [r["row"] for r in report["rejections"]] == [3, 4, 5, 6, 7, 8, 9]
    codes = {r.row: {c for _k, c, _v in r.problems} for r in plan.rejections}
    assert codes == {
        3: {"required"},
        4: {"too_long"},
        5: {"pattern"},
        6: {"above_max"},
        7: {"not_number"},
        8: {"not_option"},
        9: {"not_date"},
    }
    assert all(r["reasons"] for r in report["rejections"])
