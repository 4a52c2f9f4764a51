"""The permission health report: the one-page summary and the workbook a business lead opens."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from studio.access.edits import set_cell, set_scopes
from studio.access.health import health_summary, summary_lines, write_health_report
from studio.bundle.sample import sample_bundle


def test_summary_of_the_sample_and_of_a_bad_configuration() -> None:
    sample = health_summary(sample_bundle())
    assert sample["counts"]["error"] == 0
    assert {p["entity"]: p["share_without_delete"] for p in sample["protected"]} == {
        "customer": 100,
        "contract": 100,
    }
    amount = next(s for s in sample["sensitive"] if s["field"] == "contract_amount")
    assert "intern" not in amount["roles"] and "zhou" in amount["users"]
    assert sample["admins"] == ["admin"]
    bad = set_scopes(sample_bundle(), "sales", "customer", {"read": "all", "delete": "own"})
    bad = set_cell(bad, "intern", "contract", "contract_amount", "read")
    data = health_summary(bad)
    assert data["counts"]["error"] == 2
    lines = summary_lines(data)
    assert any("Customer: 87 % of roles cannot delete it (deleting: sales)" in x for x in lines)
    assert any("zhao" in s["users"] for s in data["sensitive"])


def test_the_workbook_reads_back(tmp_path: Path) -> None:
    bad = set_cell(sample_bundle(), "intern", "contract", "contract_amount", "read")
    out = write_health_report(bad, tmp_path / "health.xlsx")
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Summary", "Findings", "Protected entities", "Sensitive fields"]
    findings = book.get_sheet_by_name("Findings").to_python()
    assert findings[0][:2] == ["Severity", "Code"]
    assert findings[1][:2] == ["error", "sensitive_field_exposed"]
