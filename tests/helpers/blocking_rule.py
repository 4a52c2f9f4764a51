"""A rule that exists only for tests: an entity keyed ``blocked_by_test_rule`` is an error.

No real rule is registered in the foundation yet; this one lets the tests prove that the server
re-runs the rules and refuses a bundle with an error finding.
"""

from __future__ import annotations

from studio.bundle.model import Bundle
from studio.lint import DataStats
from studio.lint.findings import Finding, Severity

BLOCKED_ENTITY = "blocked_by_test_rule"


def blocking_test_rule(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    return [
        Finding(
            Severity.error, "test_blocked", "This entity is refused by the test rule.", entity=e.key
        )
        for e in bundle.entities
        if e.key == BLOCKED_ENTITY
    ]
