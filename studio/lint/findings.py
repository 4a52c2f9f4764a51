"""Findings: what a rule says about a bundle.

Rules are pure functions ``(bundle, stats) -> list[Finding]``. A finding has a severity (``error``
blocks submission and push; ``warning`` and ``info`` do not), a stable ``code``, what it is about
(entity / field / role), a message in the user's language and, where possible, a concrete fix that
the GUI offers as one click and the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@dataclass(frozen=True)
class Fix:
    """A concrete fix: ``action`` names what the studio can do (``set_default``,
    ``show_on_form``...), ``params`` says with what, ``label`` says it to a person."""

    action: str
    label: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    message: str
    entity: str | None = None
    field: str | None = None
    role: str | None = None
    fix: Fix | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == Severity.error

    def to_json(self) -> dict[str, Any]:
        """The shape of DESIGN.md's ``check`` contract (``fix`` is the fix's label)."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "entity": self.entity,
            "field": self.field,
            "role": self.role,
            "message": self.message,
            "fix": self.fix.label if self.fix else None,
            "fix_action": (
                {"action": self.fix.action, "params": self.fix.params} if self.fix else None
            ),
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.blocking for f in findings)
