"""The dry run applies the live automation rules' validations, so that the server refuses nothing
the dry run passed (elsewhere a dry run said "all rows valid" and the import then failed)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from importers.error_workbook import write_error_workbook
from importers.pipeline import dry_run
from studio.bundle.rules import EntityRules
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_xlsx

RULES = EntityRules.model_validate(
    {
        "validations": [
            {
                "key": "big_budget_needs_company",
                "when": {"all": [{"field": "budget", "op": "gt", "value": 100000}]},
                "require": {"all": [{"field": "company", "op": "not_empty"}]},
                "message": {
                    "zh_CN": "预算超过十万须填写企业全称",
                    "en": "Budgets over 100k need a company",
                },
            }
        ]
    }
)


def test_a_row_the_rules_refuse_is_rejected_with_the_rules_message(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "in.xlsx",
        [
            ["客户名称", "手机", "企业全称", "预算"],
            ["张三", "13800138000", None, "50万"],
            ["李四", "13912345678", "示例有限公司", "50万"],
            ["王五", "13700001111", None, "5000"],
        ],
    )
    plan = dry_run(path, sample_bundle().entity("customer"), rules=RULES)
    report = plan.report("zh_CN")
    assert accounting_holds(report)
    assert report["rejections"] == [{"row": 2, "reasons": ["预算超过十万须填写企业全称"]}]
    assert (report["imported"], report["rejected"]) == (2, 1)
    target = tmp_path / "errors.xlsx"
    write_error_workbook(plan, target, "en")
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[1][-1] == "Budgets over 100k need a company"
