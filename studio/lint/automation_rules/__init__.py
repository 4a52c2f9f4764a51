"""Lint checks of the automation rules (the bundle's ``rules`` section, ``studio.bundle.rules``),
one module per family: ``conditions``, ``routing``, ``validations`` (with ``contradictions``),
``stage_flow``.

Conditions must name fields the entity has, with operators and values that fit the field's type;
regexes must compile and run in bounded time; routing needs a default, outcomes need users who
exist and may own the entity's records; rules that can never decide (shadowed by an earlier,
broader one, or contradicting themselves) are said so; a validation no record can pass is an
error; a stage flow needs known stages, every stage reachable and a way to a closing stage, and
the fields a stage requires must exist and be editable by the roles that move records.

Checks are linear in the number of rules (a bundle may carry 10,000): the shadow check looks up
the subsets of a rule's conditions among earlier rules instead of comparing every pair.
"""

from __future__ import annotations

from studio.bundle.model import Bundle
from studio.i18n import tr
from studio.lint import DataStats, rule
from studio.lint.automation_rules.conditions import condition_findings
from studio.lint.automation_rules.routing import routing_findings
from studio.lint.automation_rules.stage_flow import stage_flow_findings
from studio.lint.automation_rules.validations import validation_findings
from studio.lint.findings import Finding, Severity


@rule
def automation_rules(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    findings: list[Finding] = []
    for entity_key, rules in (bundle.rules or {}).items():
        entity = bundle.entity(entity_key)
        if entity is None:
            findings.append(
                Finding(
                    Severity.error,
                    "rules_unknown_entity",
                    tr(
                        "There are automation rules for {entity}, which the configuration does "
                        "not have.",
                        entity=entity_key,
                    ),
                    entity=entity_key,
                )
            )
            continue
        live_entity = live.entity(entity_key) if live is not None else None
        findings += condition_findings(entity, rules, live_entity)
        findings += routing_findings(bundle, entity, rules)
        findings += validation_findings(entity, rules)
        findings += stage_flow_findings(bundle, entity, rules)
    return findings
