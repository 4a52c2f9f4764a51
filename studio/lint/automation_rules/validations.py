"""Lint checks of validation rules: one that no record can pass (its requirements contradict each
other), so every record it applies to would be refused."""

from __future__ import annotations

from studio.bundle.model import Entity
from studio.bundle.rules import EntityRules
from studio.i18n import tr
from studio.lint.automation_rules.contradictions import contradicts
from studio.lint.common import name
from studio.lint.findings import Finding, Severity


def validation_findings(entity: Entity, rules: EntityRules) -> list[Finding]:
    out: list[Finding] = []
    for v in rules.validations:
        if not v.enabled:
            continue
        if contradicts(v.require) or (v.require.any is not None and not v.require.any):
            out.append(
                Finding(
                    Severity.error,
                    "validation_impossible",
                    tr(
                        "Validation {rule} of {entity} can be passed by no record: its "
                        "requirements exclude each other, so every record it applies to would "
                        "be refused.",
                        rule=v.key,
                        entity=name(entity),
                    ),
                    entity=entity.key,
                )
            )
    return out
