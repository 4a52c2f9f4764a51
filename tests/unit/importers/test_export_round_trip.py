"""Export -> import is lossless for every field type, with the values that break naive
spreadsheets: leading zeros, long digit strings in text, formulas as text, line breaks,
multi-select lists, yes/no, dates before 1900 and Excel's 1900 leap-year bug, large and small
numbers, URLs, address parts. (Records hold values in their stored form: a full-width value in a
record would come back half-width, as cleaning writes every value, and counted as a change.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from importers.export import write_records
from importers.pipeline import dry_run
from importers.records import plan_records
from studio.bundle.model import Entity, FieldDef, FieldType, Label, Option

OPTIONS = (
    Option(key="web", label=Label(zh_CN="官网", en="Website")),
    Option(key="fair", label=Label(zh_CN="展会", en="Exhibition")),
    Option(key="ref", label=Label(zh_CN="转介绍", en="Referral")),
)


def _field(key: str, ftype: FieldType, **extra: Any) -> FieldDef:
    return FieldDef(
        key=key, label=Label(zh_CN=f"字段{key}", en=f"Field {key}"), type=ftype, **extra
    )


ENTITY = Entity(
    key="thing",
    label=Label(zh_CN="东西", en="Thing"),
    fields=(
        _field("name", FieldType.text, required=True),
        _field("code", FieldType.text),
        _field("memo", FieldType.long_text),
        _field("amount", FieldType.number),
        _field("price", FieldType.money),
        _field("since", FieldType.date),
        _field("seen", FieldType.datetime),
        _field("active", FieldType.boolean),
        _field("channel", FieldType.select, options=OPTIONS),
        _field("channels", FieldType.multi_select, options=OPTIONS),
        _field("phone", FieldType.phone),
        _field("mail", FieldType.email),
        _field("site", FieldType.url),
        _field("province", FieldType.address, address_part="province"),
        _field("city", FieldType.address, address_part="city"),
    ),
)

RECORDS: list[dict[str, Any]] = [
    {
        "name": "张三",
        "code": "007",  # leading zeros: a text, never the number 7
        "memo": "第一行\n第二行\t缩进",
        "amount": 12345678901234,
        "price": 0.01,
        "since": "1899-12-31",
        "seen": "2024-02-29 23:59:59",
        "active": True,
        "channel": "fair",
        "channels": ["web", "ref"],
        "phone": "13800138000",
        "mail": "zs@example.com",
        "site": "https://example.com/a?b=1&c=2",
        "province": "浙江省",
        "city": "杭州市",
    },
    {
        "name": "=1+2",  # a formula as text: neutralised on export, the same text back
        "code": "110101199003074578",  # 18 digits: Excel would round a number to 15
        "amount": -3.5,
        "price": 1000000,
        "since": "1900-03-01",
        "active": False,
        "channels": ["fair"],
        "phone": "0571-88886666",
        "mail": "li.si+crm@163.com",
    },
    {"name": "@王五", "code": "+86", "memo": "-", "amount": 0, "since": "2100-12-31"},
    {"name": "Zhao Liu", "code": "1E10", "memo": "'quoted"},
]


def test_every_field_type_comes_back_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "things.xlsx"
    assert write_records(ENTITY, RECORDS, target, "zh_CN") == len(RECORDS)
    plan = dry_run(target, ENTITY)
    assert plan.rejected == 0, plan.report("en")["rejections"]
    assert plan.imported == len(RECORDS)
    back = plan_records(plan, "x", None)
    got = [
        {k: v for k, v in r.items() if not k.startswith("_") and k != "import_key"} for r in back
    ]
    for original, record in zip(RECORDS, got, strict=True):
        assert record == original
