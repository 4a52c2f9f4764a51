"""Automation-rule conditions that cannot work: a field the entity lacks (or that this change
removes), an operator or a value that does not fit the field's type, a regex that does not compile
or can backtrack catastrophically."""

from __future__ import annotations

from collections.abc import Iterator

from studio.automation.regex_safety import regex_problem
from studio.bundle.model import NUMERIC_TYPES, SELECT_TYPES, Entity, FieldDef, FieldType
from studio.bundle.rules import (
    ORDER_OPS,
    TEXT_OPS,
    UNARY_OPS,
    Condition,
    EntityRules,
    Group,
    conditions,
)
from studio.i18n import name_list, tr
from studio.lint.common import name
from studio.lint.findings import Finding, Severity

#: Field types whose values are text, for the text operators.
_TEXTUAL = frozenset(
    {
        FieldType.text,
        FieldType.long_text,
        FieldType.phone,
        FieldType.email,
        FieldType.url,
        FieldType.address,
        FieldType.select,
        FieldType.multi_select,
        FieldType.reference,
    }
)
_ORDERED = frozenset({*NUMERIC_TYPES, FieldType.date, FieldType.datetime})
#: Fields every record has whatever the configuration says (set by the CRM).
_SYSTEM_FIELDS = frozenset(
    {"id", "created_at", "updated_at", "stage_changed_at", "stage_reason", "owner"}
)


def _groups(rules: EntityRules) -> Iterator[tuple[str, str, Group | None]]:
    """(kind, key, group) of every condition group of an entity's rules."""
    if rules.assignment is not None:
        for r in rules.assignment.rules:
            yield "assignment", r.key, r.when
    for v in rules.validations:
        yield "validation", v.key, v.when
        yield "validation", v.key, v.require


def _type_problem(fd: FieldDef, cond: Condition) -> str | None:
    """Why ``cond`` does not fit ``fd``'s type, in the user's language, or ``None``."""
    op, value = cond.op, cond.value
    if op in UNARY_OPS:
        return None
    if op in ORDER_OPS and fd.type not in _ORDERED:
        return tr("{op} needs a number or a date field", op=op)
    if op in TEXT_OPS and fd.type not in _TEXTUAL:
        return tr("{op} needs a text field", op=op)
    values = list(value) if isinstance(value, tuple) else [value]
    if (
        fd.type in NUMERIC_TYPES
        and op not in TEXT_OPS
        and any(isinstance(v, bool) or not isinstance(v, int | float) for v in values)
    ):
        return tr("the value must be a number")
    if (
        fd.type in (FieldType.date, FieldType.datetime)
        and op in ORDER_OPS
        and any(not isinstance(v, str) for v in values)
    ):
        return tr("the value must be a date (YYYY-MM-DD)")
    if fd.type == FieldType.boolean and any(not isinstance(v, bool) for v in values):
        return tr("the value must be yes or no (true/false)")
    if fd.type in SELECT_TYPES and op in ("eq", "ne", "in", "not_in", "contains"):
        keys = {o.key for o in fd.options}
        unknown = [str(v) for v in values if not isinstance(v, str) or v not in keys]
        if unknown:
            return tr("{values} is not an option of the field", values=name_list(unknown))
    return None


def condition_findings(
    entity: Entity, rules: EntityRules, live_entity: Entity | None
) -> list[Finding]:
    out: list[Finding] = []
    fields = {f.key: f for f in entity.fields}
    for _kind, key, group in _groups(rules):
        for cond in conditions(group):
            fd = fields.get(cond.field)
            if fd is None:
                if cond.field in _SYSTEM_FIELDS:
                    continue
                removed = live_entity is not None and live_entity.field(cond.field) is not None
                out.append(
                    Finding(
                        Severity.error,
                        "rule_unknown_field",
                        tr(
                            "Rule {rule} of {entity} tests field {field}, which this change "
                            "removes: the rule would never see a value.",
                            rule=key,
                            entity=name(entity),
                            field=cond.field,
                        )
                        if removed
                        else tr(
                            "Rule {rule} of {entity} tests field {field}, which the entity "
                            "does not have.",
                            rule=key,
                            entity=name(entity),
                            field=cond.field,
                        ),
                        entity=entity.key,
                        field=cond.field,
                    )
                )
                continue
            problem = _type_problem(fd, cond)
            if problem is not None:
                out.append(
                    Finding(
                        Severity.error,
                        "rule_condition_type",
                        tr(
                            "Rule {rule} of {entity}: the condition on {field} does not fit its "
                            "type ({type}): {problem}.",
                            rule=key,
                            entity=name(entity),
                            field=name(fd),
                            type=fd.type.value,
                            problem=problem,
                        ),
                        entity=entity.key,
                        field=fd.key,
                    )
                )
            if cond.op == "regex" and isinstance(cond.value, str):
                reason = regex_problem(cond.value)
                if reason is not None:
                    out.append(
                        Finding(
                            Severity.error,
                            "rule_regex_unsafe",
                            tr(
                                "Rule {rule} of {entity}: the pattern on {field} cannot be used: "
                                "{reason}.",
                                rule=key,
                                entity=name(entity),
                                field=fd.key,
                                reason=str(reason),
                            ),
                            entity=entity.key,
                            field=fd.key,
                        )
                    )
    return out
