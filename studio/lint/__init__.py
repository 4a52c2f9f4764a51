"""The lint rules, run by ``studio check``, the GUI's findings panel, submit, and the server.

Each rule module registers its functions with ``@rule``; ``run_all`` runs every registered rule.
A rule that raises is a bug: ``run_all`` turns it into an error finding (code ``rule_crashed``)
rather than letting one broken rule hide every other finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from studio.bundle.model import Bundle
from studio.i18n import tr
from studio.lint.findings import Finding, Severity


@dataclass(frozen=True)
class DataStats:
    """What is known of the live data: record counts per entity, and per field the number of
    records with an empty value. ``None`` where unknown (rules then assume records exist)."""

    record_counts: dict[str, int] = field(default_factory=dict)
    empty_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[Bundle, "DataStats | None", "Bundle | None"], list[Finding]]
_RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a rule: ``fn(bundle, stats, live)``; ``live`` is the live bundle, if any."""
    _RULES.append(fn)
    return fn


def registered() -> list[Rule]:
    _load_rule_modules()
    return list(_RULES)


def _load_rule_modules() -> None:
    # Importing the rule modules registers their rules; new modules are added here.
    # Imported late: the modules import this one (for ``rule`` and ``DataStats``).
    from studio.lint import (  # noqa: F401
        automation_rules,
        field_index,
        field_values,
        permissions,
        released_keys,
        required_defaults,
    )


def run_all(
    bundle: Bundle, stats: DataStats | None = None, live: Bundle | None = None
) -> list[Finding]:
    """Every registered rule's findings, errors first, in a stable order."""
    findings: list[Finding] = []
    for fn in registered():
        try:
            findings.extend(fn(bundle, stats, live))
        except Exception as exc:  # a bug in a rule must not hide the other findings
            findings.append(
                Finding(
                    Severity.error,
                    "rule_crashed",
                    tr(
                        "rule {rule} failed: {error}",
                        rule=getattr(fn, "__name__", fn),
                        error=repr(exc),
                    ),
                )
            )
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    return sorted(
        findings, key=lambda f: (order[f.severity], f.entity or "", f.field or "", f.code)
    )
