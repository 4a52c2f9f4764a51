"""Lint checks of the automation rules (the bundle's ``rules`` section, ``studio.bundle.rules``).

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

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from studio.automation.regex_safety import regex_problem
from studio.automation.stages import CLOSED
from studio.bundle.model import NUMERIC_TYPES, SELECT_TYPES, Bundle, Entity, FieldDef, FieldType
from studio.bundle.rules import (
    ORDER_OPS,
    TEXT_OPS,
    UNARY_OPS,
    Condition,
    EntityRules,
    Group,
    conditions,
)
from studio.i18n import tr
from studio.lint import DataStats, rule
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
#: A rule with more conditions than this is not searched for shadowing subsets (2^n lookups).
_MAX_SUBSET_SEARCH = 8


def _rule_name(label: Any, key: str) -> str:
    return f"{label.text(_lang())} ({key})" if label is not None else key


def _lang() -> str:
    from studio.i18n import language

    return language()


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
            return tr("{values} is not an option of the field", values=", ".join(unknown))
    return None


def _contradiction(group: Group | None) -> bool:
    """Whether an ``all`` group can hold for no record at all (conditions on one field that
    exclude each other). Only plain cases: a group that looks satisfiable may still not be."""
    if group is None or group.all is None:
        return False
    by_field: dict[str, list[Condition]] = {}
    for m in group.all:
        if isinstance(m, Condition):
            by_field.setdefault(m.field, []).append(m)
        elif _contradiction(m) or (m.any is not None and len(m.any) == 0):
            return True
    for conds in by_field.values():
        ops = {c.op for c in conds}
        if "empty" in ops and ops - {"empty", "ne", "not_in"}:
            return True
        equal = {repr(c.value) for c in conds if c.op == "eq"}
        if len(equal) > 1:
            return True
        low, high = float("-inf"), float("inf")
        for c in conds:
            v = c.value
            if c.op in ("gt", "gte") and isinstance(v, int | float) and not isinstance(v, bool):
                low = max(low, v + (1e-12 if c.op == "gt" else 0))
            elif c.op in ("lt", "lte") and isinstance(v, int | float) and not isinstance(v, bool):
                high = min(high, v - (1e-12 if c.op == "lt" else 0))
            elif c.op == "between" and isinstance(v, tuple):
                a, b = v
                if all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b)):
                    low, high = max(low, float(a)), min(high, float(b))
                elif isinstance(a, str) and isinstance(b, str) and a > b:
                    return True
        if low > high:
            return True
    return False


def _cond_key(cond: Condition) -> str:
    return cond.model_dump_json()


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
        findings += _conditions(entity, rules, live_entity)
        findings += _assignment(bundle, entity, rules)
        findings += _validations(entity, rules)
        findings += _stage_flow(bundle, entity, rules)
    return findings


def _conditions(entity: Entity, rules: EntityRules, live_entity: Entity | None) -> list[Finding]:
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


def _assignment(bundle: Bundle, entity: Entity, rules: EntityRules) -> list[Finding]:
    out: list[Finding] = []
    assignment = rules.assignment
    if assignment is None:
        return out
    if assignment.default is None and assignment.rules:
        out.append(
            Finding(
                Severity.warning,
                "rule_no_default",
                tr(
                    "Routing of {entity} has no default: a record no rule matches gets no owner "
                    "and nobody sees it. Set a default queue.",
                    entity=name(entity),
                ),
                entity=entity.key,
            )
        )
    users = {u.user: u for u in bundle.users}
    readers = {p.role for p in bundle.entity_permissions if p.entity == entity.key and p.read}
    outcomes = [(r.key, r.assign) for r in assignment.rules]
    if assignment.default is not None:
        outcomes.append(("default", assignment.default))
    for key, outcome in outcomes:
        if outcome.kind != "user":
            continue
        user = users.get(outcome.target)
        if user is None:
            problem = tr("there is no such user")
        elif getattr(user, "disabled", False):
            problem = tr("the user is disabled")
        elif user.role not in readers:
            problem = tr("role {role} cannot see records of this entity", role=user.role)
        else:
            continue
        out.append(
            Finding(
                Severity.error,
                "rule_outcome_user",
                tr(
                    "Rule {rule} of {entity} gives records to {user}, but {problem}.",
                    rule=key,
                    entity=name(entity),
                    user=outcome.target,
                    problem=problem,
                ),
                entity=entity.key,
            )
        )
    # Shadowing: an earlier enabled rule whose conditions are a subset of a later rule's (both
    # plain "all" groups) matches every record the later one would, so the later never decides.
    earlier: dict[frozenset[str], str] = {}
    quiet: set[str] = set()  # rules already said to never decide: no overlap note as well
    for r in assignment.rules:
        if not r.enabled:
            continue
        label = _rule_name(r.label, r.key)
        if _contradiction(r.when) or (r.when.any is not None and not r.when.any):
            quiet.add(r.key)
            out.append(
                Finding(
                    Severity.warning,
                    "rule_never_matches",
                    tr(
                        "Rule {rule} of {entity} can match no record: its conditions exclude "
                        "each other.",
                        rule=label,
                        entity=name(entity),
                    ),
                    entity=entity.key,
                )
            )
            continue
        members = r.when.all
        if members is None or not all(isinstance(m, Condition) for m in members):
            continue
        keys = frozenset(_cond_key(m) for m in members if isinstance(m, Condition))
        if len(keys) <= _MAX_SUBSET_SEARCH:
            shadow = next(
                (
                    earlier[frozenset(sub)]
                    for size in range(len(keys) + 1)
                    for sub in combinations(sorted(keys), size)
                    if frozenset(sub) in earlier
                ),
                None,
            )
            if shadow is not None:
                quiet.add(r.key)
                out.append(
                    Finding(
                        Severity.warning,
                        "rule_shadowed",
                        tr(
                            "Rule {rule} of {entity} never decides: the earlier rule {earlier} "
                            "matches every record it would. Move it up or narrow the earlier "
                            "rule.",
                            rule=label,
                            entity=name(entity),
                            earlier=shadow,
                        ),
                        entity=entity.key,
                    )
                )
                continue
        earlier.setdefault(keys, label)
    out += _overlaps(entity, assignment.rules, skip=quiet)
    return out


def _values(cond: Condition) -> frozenset[str] | None:
    """The values an ``eq``/``in`` condition admits (as text), else ``None`` (open-ended)."""
    if cond.op == "eq" and not isinstance(cond.value, tuple):
        return frozenset({str(cond.value).strip()})
    if cond.op == "in" and isinstance(cond.value, tuple):
        return frozenset(str(v).strip() for v in cond.value)
    return None


def _overlaps(entity: Entity, rules: tuple[Any, ...], skip: set[str]) -> list[Finding]:
    """Two enabled rules with different outcomes whose value lists on the same fields overlap: a
    record in the overlap always goes to the earlier one, the later only catches what the earlier
    leaves. Found through an index of (field, value) -> earlier rules, so 10,000 rules with their
    own values cost 10,000 look-ups, not 50 million comparisons."""
    out: list[Finding] = []
    seen: dict[tuple[str, str], list[int]] = {}
    admitted: list[dict[str, frozenset[str]]] = []
    reported: set[int] = set()
    for i, r in enumerate(rules):
        values: dict[str, frozenset[str]] = {}
        if r.enabled and r.when.all is not None:
            for m in r.when.all:
                if isinstance(m, Condition):
                    admits = _values(m)
                    if admits is not None:
                        values[m.field] = values[m.field] & admits if m.field in values else admits
        admitted.append(values)
        candidates = sorted(
            {j for field, vs in values.items() for x in vs for j in seen.get((field, x), ())}
        )
        for j in candidates:
            other = rules[j]
            if other.assign == r.assign or i in reported or r.key in skip:
                continue
            shared = set(values) & set(admitted[j])
            if shared and all(values[f] & admitted[j][f] for f in shared):
                reported.add(i)
                field = sorted(shared)[0]
                out.append(
                    Finding(
                        Severity.info,
                        "rule_overlap",
                        tr(
                            "Rules {earlier} and {rule} of {entity} both take records with "
                            "{field} {values} and give them to different owners: such records "
                            "always go by {earlier}; {rule} only gets what it leaves.",
                            earlier=_rule_name(other.label, other.key),
                            rule=_rule_name(r.label, r.key),
                            entity=name(entity),
                            field=field,
                            values=", ".join(sorted(values[field] & admitted[j][field])[:5]),
                        ),
                        entity=entity.key,
                        field=field,
                    )
                )
        for field, vs in values.items():
            for value in vs:
                seen.setdefault((field, value), []).append(i)
    return out


def _validations(entity: Entity, rules: EntityRules) -> list[Finding]:
    out: list[Finding] = []
    for v in rules.validations:
        if not v.enabled:
            continue
        if _contradiction(v.require) or (v.require.any is not None and not v.require.any):
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


def _stage_flow(bundle: Bundle, entity: Entity, rules: EntityRules) -> list[Finding]:
    flow = rules.stage_flow
    if flow is None:
        return []
    out: list[Finding] = []
    fd = entity.field(flow.field)
    if fd is None or fd.type != FieldType.select:
        return [
            Finding(
                Severity.error,
                "stage_flow_field",
                tr(
                    "The stage flow of {entity} uses field {field}, which is not a select field "
                    "of the entity.",
                    entity=name(entity),
                    field=flow.field,
                ),
                entity=entity.key,
                field=flow.field,
            )
        ]
    stages = [o.key for o in fd.options]
    named = {s for pair in flow.transitions for s in pair} | set(flow.enter_requires)
    named |= set(flow.dwell_days)
    for unknown in sorted(named - set(stages)):
        out.append(
            Finding(
                Severity.error,
                "stage_unknown",
                tr(
                    "The stage flow of {entity} names stage {stage}, which is not an option of "
                    "{field}.",
                    entity=name(entity),
                    stage=unknown,
                    field=fd.key,
                ),
                entity=entity.key,
                field=fd.key,
            )
        )
    start = (
        fd.default
        if isinstance(fd.default, str) and fd.default in stages
        else stages[0]
        if stages
        else None
    )
    if start is not None:
        reached, todo = {start}, [start]
        while todo:
            for nxt in flow.exits(todo.pop()):
                if nxt not in reached:
                    reached.add(nxt)
                    todo.append(nxt)
        for stage in stages:
            if stage not in reached:
                out.append(
                    Finding(
                        Severity.warning,
                        "stage_unreachable",
                        tr(
                            "Stage {stage} of {entity} cannot be reached from {start} through "
                            "the stage flow.",
                            stage=stage,
                            entity=name(entity),
                            start=start,
                        ),
                        entity=entity.key,
                        field=fd.key,
                    )
                )
    closing = {s for s in stages if CLOSED.search(s)}
    for stage in stages:
        if stage in closing:
            continue
        seen, todo = {stage}, [stage]
        found = False
        while todo and not found:
            for nxt in flow.exits(todo.pop()):
                if nxt in closing:
                    found = True
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        if closing and not found:
            out.append(
                Finding(
                    Severity.warning,
                    "stage_no_way_out",
                    tr(
                        "From stage {stage} of {entity} there is no path to a closing stage "
                        "({closing}): records there are stuck.",
                        stage=stage,
                        entity=name(entity),
                        closing=", ".join(sorted(closing)),
                    ),
                    entity=entity.key,
                    field=fd.key,
                )
            )
    movers = {p.role for p in bundle.entity_permissions if p.entity == entity.key and p.update}
    access = {
        (p.role, p.field): p.access for p in bundle.field_permissions if p.entity == entity.key
    }
    for stage, needed in sorted(flow.enter_requires.items()):
        for field in needed:
            gate = entity.field(field)
            if gate is None:
                out.append(
                    Finding(
                        Severity.error,
                        "stage_gate_field",
                        tr(
                            "Entering stage {stage} of {entity} requires field {field}, which "
                            "the entity does not have.",
                            stage=stage,
                            entity=name(entity),
                            field=field,
                        ),
                        entity=entity.key,
                        field=field,
                    )
                )
                continue
            blocked = sorted(r for r in movers if access.get((r, field), "edit") != "edit")
            if blocked:
                out.append(
                    Finding(
                        Severity.warning,
                        "stage_gate_not_editable",
                        tr(
                            "Entering stage {stage} of {entity} requires {field}, which roles "
                            "{roles} may move records but cannot edit: they can never enter it.",
                            stage=stage,
                            entity=name(entity),
                            field=name(gate),
                            roles=", ".join(blocked),
                        ),
                        entity=entity.key,
                        field=field,
                        role=blocked[0],
                    )
                )
    return out
