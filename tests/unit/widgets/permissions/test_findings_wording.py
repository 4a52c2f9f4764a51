"""The permission findings' summary reads right with any count: "1 of them an error", not
"1 of them errors"; no findings at all said as such (both languages)."""

from __future__ import annotations

import pytest

from studio.lint.findings import Finding, Severity
from tests.unit.widgets.helpers import in_language
from widgets.permissions.pane import PermissionsPane


def _found(errors: int, warnings: int) -> list[Finding]:
    return [Finding(Severity.error, "e", "an error")] * errors + [
        Finding(Severity.warning, "w", "a warning")
    ] * warnings


@pytest.mark.parametrize(
    ("errors", "warnings", "en", "zh"),
    [
        (0, 0, "No permission findings.", "没有权限检查结果。"),
        (1, 0, "1 permission finding: an error.", "1 条权限检查结果：错误。"),
        (0, 1, "1 permission finding, not an error.", "1 条权限检查结果，不是错误。"),
        (0, 3, "3 permission findings, none of them errors.", "共 3 条权限检查结果，均不是错误。"),
        (
            1,
            2,
            "3 permission findings, one of them an error.",
            "共 3 条权限检查结果，其中 1 条错误。",
        ),
        (2, 1, "3 permission findings, 2 of them errors.", "共 3 条权限检查结果，其中 2 条错误。"),
    ],
)
def test_the_summary_reads_right_for_every_count(
    pane: PermissionsPane, errors: int, warnings: int, en: str, zh: str
) -> None:
    found = _found(errors, warnings)
    with in_language("en"):
        assert pane.findings_summary(found) == en
    with in_language("zh_CN"):
        assert pane.findings_summary(found) == zh
