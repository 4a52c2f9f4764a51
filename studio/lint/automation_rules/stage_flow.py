"""Lint checks of a stage flow: its field must be a select, its stages known options, every stage
reachable from the first, a path from each to a closing stage (won/lost), and the fields a stage
requires must exist and be editable by the roles that move records."""

from __future__ import annotations

from studio.automation.stages import CLOSED
from studio.bundle.model import Bundle, Entity, FieldType
from studio.bundle.rules import EntityRules
from studio.i18n import name_list, tr
from studio.lint.common import name
from studio.lint.findings import Finding, Severity


def stage_flow_findings(bundle: Bundle, entity: Entity, rules: EntityRules) -> list[Finding]:
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
                        closing=name_list(sorted(closing)),
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
                            roles=name_list(blocked),
                        ),
                        entity=entity.key,
                        field=field,
                        role=blocked[0],
                    )
                )
    return out
